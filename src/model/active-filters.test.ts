import { describe, expect, it } from 'vitest';
import { activeFilterCount } from './active-filters';
import { DEFAULT_FILTERS } from './filters';

describe('activeFilterCount', () => {
  it('is 0 for the defaults, whatever the order of the default study kinds', () => {
    expect(activeFilterCount(DEFAULT_FILTERS)).toBe(0);
    expect(activeFilterCount({ ...DEFAULT_FILTERS, kinds: [...DEFAULT_FILTERS.kinds].reverse() })).toBe(0);
  });

  it('counts each filter that narrows the studies once, however many values it holds', () => {
    expect(activeFilterCount({ ...DEFAULT_FILTERS, phases: ['RR', 'SP'] })).toBe(1);
    expect(activeFilterCount({ ...DEFAULT_FILTERS, phases: ['RR'], yearTo: 2003, search: 'aims' })).toBe(3);
    expect(activeFilterCount({ ...DEFAULT_FILTERS, kinds: ['ivig-rct', 'ivig-non-randomised', 'comparator-rct'], settings: ['progression'], yearFrom: 1997 })).toBe(3);
  });
});
