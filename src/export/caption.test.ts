import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS } from '../model/filters';
import { describeFilters } from './caption';

describe('describeFilters', () => {
  it('names the "Outcome reported" filter, which now chooses the trials of every chart', () => {
    expect(describeFilters({ ...DEFAULT_FILTERS, phases: ['RR'], outcome: 'edss-change', yearTo: 2003 })).toBe('phase RR, trials reporting edss-change, years …–2003');
    expect(describeFilters(DEFAULT_FILTERS)).toBe('no filters');
  });
});
