import { DEFAULT_FILTERS, type Filters } from './filters';

const sameValue = (a: unknown, b: unknown): boolean =>
  Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((x) => b.includes(x)) : a === b;

/**
 * How many of the shared filters narrow the studies: each filter that differs from its default
 * counts once, however many values it holds (phases RR and SP are one filter). Shown on the
 * folded filters' button, so that a filter out of sight is not a filter forgotten.
 */
export function activeFilterCount(filters: Filters): number {
  return (Object.keys(DEFAULT_FILTERS) as (keyof Filters)[]).filter((key) => !sameValue(filters[key], DEFAULT_FILTERS[key])).length;
}
