import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, filtersFromSearchParams, filtersToSearchParams } from './filters';

describe('filters in the URL', () => {
  it('round-trips every filter', () => {
    const filters = { ...DEFAULT_FILTERS, phases: ['RR' as const, 'SP' as const], settings: ['progression' as const], outcome: 'relapse-free' as const, yearFrom: 1997, yearTo: 2004, search: 'aims' };
    const params = filtersToSearchParams(filters);
    expect(params.toString()).toBe('phase=RR%2CSP&setting=progression&reports=relapse-free&from=1997&to=2004&q=aims');
    expect(filtersFromSearchParams(params)).toEqual({ filters, problems: [] });
  });
  it('writes nothing for the defaults and keeps unrelated parameters', () => {
    expect(filtersToSearchParams(DEFAULT_FILTERS, new URLSearchParams('study=x')).toString()).toBe('study=x');
  });
  it('drops bad parameters with a notice and keeps the rest', () => {
    const { filters, problems } = filtersFromSearchParams(new URLSearchParams('phase=RR,XX&reports=nonsense&from=abc&to=2004'));
    expect(filters.phases).toEqual(['RR']);
    expect(filters.outcome).toBeNull();
    expect(filters.yearFrom).toBeNull();
    expect(filters.yearTo).toBe(2004);
    expect(problems).toEqual([
      'Ignored reports="nonsense" (unknown outcome).',
      'Ignored phase="XX" (expected one of CIS, RR, SP, PP, unspecified).',
      `Ignored from="abc" (expected a year from 1900 to ${new Date().getUTCFullYear() + 1}).`,
    ]);
  });
  it('accepts the years an imported study may have (dat.bcg starts in 1948), and names the range when it refuses one', () => {
    const { filters, problems } = filtersFromSearchParams(new URLSearchParams('from=1948&to=1899'));
    expect(filters.yearFrom).toBe(1948);
    expect(filters.yearTo).toBeNull();
    expect(problems).toEqual([`Ignored to="1899" (expected a year from 1900 to ${new Date().getUTCFullYear() + 1}).`]);
  });
});
