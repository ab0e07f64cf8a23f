import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, filtersFromSearchParams, filtersToSearchParams } from './filters';

describe('filters in the URL', () => {
  it('round-trips every filter', () => {
    const filters = { ...DEFAULT_FILTERS, phases: ['RR' as const, 'SP' as const], settings: ['progression' as const], outcome: 'relapse-free' as const, yearFrom: 1997, yearTo: 2004, search: 'aims' };
    const params = filtersToSearchParams(filters);
    expect(params.toString()).toBe('phase=RR%2CSP&setting=progression&outcome=relapse-free&from=1997&to=2004&q=aims');
    expect(filtersFromSearchParams(params)).toEqual({ filters, problems: [] });
  });
  it('writes nothing for the defaults and keeps unrelated parameters', () => {
    expect(filtersToSearchParams(DEFAULT_FILTERS, new URLSearchParams('study=x')).toString()).toBe('study=x');
  });
  it('drops bad parameters with a notice and keeps the rest', () => {
    const { filters, problems } = filtersFromSearchParams(new URLSearchParams('phase=RR,XX&outcome=nonsense&from=abc&to=2004'));
    expect(filters.phases).toEqual(['RR']);
    expect(filters.outcome).toBeNull();
    expect(filters.yearFrom).toBeNull();
    expect(filters.yearTo).toBe(2004);
    expect(problems).toEqual([
      'Ignored outcome="nonsense" (unknown outcome).',
      'Ignored phase="XX" (expected one of CIS, RR, SP, PP, unspecified).',
      'Ignored from="abc" (expected a year).',
    ]);
  });
});
