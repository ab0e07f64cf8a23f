/**
 * Where the chart views' code lives, and the one the address needs, requested at once. main.tsx
 * imports this module first and it imports nothing, so on a cold link to a chart its chunk is
 * fetched and compiled while React is still being evaluated, instead of after the shell's
 * first render; on a 2-core laptop that compile otherwise ended up last on the critical path.
 */
export const viewChunks = {
  forest: () => import('../views/forest/ForestView'),
  doseResponse: () => import('../views/dose-response/DoseResponseView'),
  phaseComparison: () => import('../views/phase-comparison/PhaseComparisonView'),
};

export type ChartView = keyof typeof viewChunks;

/** The chart view a hash address opens, if any (the evidence view is part of the main bundle). */
export function chartViewForHash(hash: string): ChartView | null {
  if (hash.startsWith('#/forest')) return 'forest';
  if (hash.startsWith('#/dose-response')) return 'doseResponse';
  if (hash.startsWith('#/phases')) return 'phaseComparison';
  return null;
}

const first = typeof window === 'undefined' ? null : chartViewForHash(window.location.hash);
if (first) void viewChunks[first]().catch(() => undefined); // a failure is reported when the view asks again
