/** Which studies pass the user's filters. Pure, so every view filters the same way. */
import type { Study } from '../evidence/schema';
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
