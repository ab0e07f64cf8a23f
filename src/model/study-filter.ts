/** Which studies pass the user's filters. Pure, so every view filters the same way. */
import type { Study, Synthesis } from '../evidence/schema';
import { phaseMatches } from '../evidence/vocabulary';
import type { Filters } from './filters';

export function studyPassesFilters(study: Study, filters: Filters): boolean {
  if (!filters.kinds.includes(study.kind)) return false;
  if (!phaseMatches(study.phase, filters.phases)) return false;
  if (filters.settings.length > 0 && !filters.settings.includes(study.setting)) return false;
  // A study without a known date cannot be shown to fall inside a year range.
  if ((filters.yearFrom !== null || filters.yearTo !== null) && study.year === null) return false;
  if (filters.yearFrom !== null && study.year !== null && study.year < filters.yearFrom) return false;
  if (filters.yearTo !== null && study.year !== null && study.year > filters.yearTo) return false;
  if (filters.outcome !== null && !study.outcomes.some((o) => o.kind === filters.outcome)) return false;
  const q = filters.search.trim().toLowerCase();
  if (q && ![study.label, study.citation, study.id].some((t) => t.toLowerCase().includes(q))) return false;
  return true;
}

export function filterStudies(studies: readonly Study[], filters: Filters): Study[] {
  return studies.filter((s) => studyPassesFilters(s, filters));
}

/**
 * Published syntheses under the year filter. Its upper bound ("to 2003", the seed review's "as of
 * 2003") keeps only what a reader could have seen then: a synthesis published later, or undated
 * (like an undated study, it cannot be shown to fall inside), is left out. The lower bound is about
 * which trials are listed, not about when they were reviewed, so it does not apply here.
 */
export function synthesisPassesYearFilter(synthesis: Synthesis, filters: Pick<Filters, 'yearTo'>): boolean {
  if (filters.yearTo === null) return true;
  return synthesis.year !== null && synthesis.year <= filters.yearTo;
}

/** The syntheses shown under the filters, and those the year filter leaves out (to say so). */
export function filterSyntheses(syntheses: readonly Synthesis[], filters: Pick<Filters, 'yearTo'>): { shown: Synthesis[]; hidden: Synthesis[] } {
  const shown: Synthesis[] = [];
  const hidden: Synthesis[] = [];
  for (const s of syntheses) (synthesisPassesYearFilter(s, filters) ? shown : hidden).push(s);
  return { shown, hidden };
}

/** "Not shown: 4 syntheses published after 2003 or undated (…)", or null when none is left out. */
export function hiddenSynthesesNote(hidden: readonly Synthesis[], yearTo: number | null): string | null {
  if (hidden.length === 0 || yearTo === null) return null;
  const undated = hidden.some((s) => s.year === null);
  return `Not shown (year filter to ${yearTo}): ${hidden.length} ${hidden.length === 1 ? 'synthesis' : 'syntheses'} published after ${yearTo}${undated ? ' or undated' : ''} — ${hidden.map((s) => s.label).join('; ')}.`;
}
