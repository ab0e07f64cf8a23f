/**
 * Where each view's code lives, and the one the address needs, requested at once. main.tsx
 * imports this module first and it imports nothing, so on a cold load the view's chunk is
 * fetched and compiled while React is still being evaluated, instead of after the shell's first
 * render; on a 2-core laptop that compile otherwise ended up last on the critical path. Every
 * view is its own chunk, so a link to a chart does not compile the evidence table either.
 */
export const viewChunks = {
  evidence: () => import('../views/evidence/EvidenceView'),
  forest: () => import('../views/forest/ForestView'),
  doseResponse: () => import('../views/dose-response/DoseResponseView'),
  phaseComparison: () => import('../views/phase-comparison/PhaseComparisonView'),
  summary: () => import('../views/summary/SummaryView'),
};

export type ViewName = keyof typeof viewChunks;

/** The view a hash address opens; the evidence view for anything else, as the router redirects. */
export function viewForHash(hash: string): ViewName {
  if (hash.startsWith('#/forest')) return 'forest';
  if (hash.startsWith('#/dose-response')) return 'doseResponse';
  if (hash.startsWith('#/phases')) return 'phaseComparison';
  if (hash.startsWith('#/summary')) return 'summary';
  return 'evidence';
}

// A failure is reported when the view asks for its chunk again (preloadable-view.tsx).
if (typeof window !== 'undefined') void viewChunks[viewForHash(window.location.hash)]().catch(() => undefined);
