import { describe, expect, it } from 'vitest';
import { NotEstimableError } from './errors';
import { mantelHaenszel } from './mantel-haenszel';

const Z975 = 1.959963984540053605;

describe('mantelHaenszel', () => {
  it('reduces to the table OR and Woolf variance for one table, with Q null', () => {
    const r = mantelHaenszel([{ ai: 10, n1i: 50, ci: 20, n2i: 50 }], 'OR');
    expect(r.estimate).toBeCloseTo(Math.log((10 * 30) / (40 * 20)), 14);
    expect(r.se).toBeCloseTo(Math.sqrt(1 / 10 + 1 / 40 + 1 / 20 + 1 / 30), 14);
    expect(r.ciUpper).toBeCloseTo(r.estimate + Z975 * r.se, 14);
    expect([r.Q, r.QDf, r.QpValue]).toEqual([null, null, null]);
  });

  it('reduces to the table RR and RD for one table', () => {
    const row = { ai: 10, n1i: 50, ci: 20, n2i: 50 };
    const rr = mantelHaenszel([row], 'RR');
    expect(rr.estimate).toBeCloseTo(Math.log(0.5), 14);
    expect(rr.se ** 2).toBeCloseTo(1 / 10 - 1 / 50 + 1 / 20 - 1 / 50, 14);
    const rd = mantelHaenszel([row], 'RD');
    expect(rd.estimate).toBeCloseTo(-0.2, 14);
    expect(rd.se ** 2).toBeCloseTo((0.2 * 0.8) / 50 + (0.4 * 0.6) / 50, 14);
  });

  it('ignores a double-zero table in the OR and RR but drops it from Q (as rma.mh)', () => {
    const tables = [
      { ai: 3, n1i: 40, ci: 8, n2i: 41 },
      { ai: 5, n1i: 60, ci: 9, n2i: 58 },
    ];
    const withDoubleZero = [...tables, { ai: 0, n1i: 30, ci: 0, n2i: 29 }];
    for (const measure of ['OR', 'RR'] as const) {
      const a = mantelHaenszel(tables, measure);
      const b = mantelHaenszel(withDoubleZero, measure);
      expect(b.estimate).toBeCloseTo(a.estimate, 14);
      expect(b.se).toBeCloseTo(a.se, 14);
      expect(b.Q).toBeCloseTo(a.Q ?? Number.NaN, 12);
      expect(b.kQ).toBe(2);
      expect(b.warnings[0]).toMatch(/double-zero/);
    }
  });

  it('pools tables with a single zero cell without correction', () => {
    const r = mantelHaenszel(
      [
        { ai: 0, n1i: 20, ci: 4, n2i: 20 },
        { ai: 2, n1i: 20, ci: 5, n2i: 20 },
      ],
      'OR',
    );
    // R = 0·16/40 + 2·15/40, S = 20·4/40 + 18·5/40.
    expect(r.estimate).toBeCloseTo(Math.log(0.75 / (2 + 2.25)), 14);
  });

  it('throws NotEstimableError when there are no events in one arm', () => {
    const rows = [
      { ai: 0, n1i: 20, ci: 4, n2i: 20 },
      { ai: 0, n1i: 20, ci: 5, n2i: 20 },
    ];
    expect(() => mantelHaenszel(rows, 'OR')).toThrow(NotEstimableError);
    expect(() => mantelHaenszel(rows, 'RR')).toThrow('total events are 0 (arm 1) and 9 (arm 2)');
    expect(mantelHaenszel(rows, 'RD').estimate).toBeCloseTo(-9 / 40, 14);
  });

  it('names bad input', () => {
    expect(() => mantelHaenszel([{ ai: 1, n1i: 10, ci: 11, n2i: 10 }], 'OR')).toThrow(
      'ci must be <= n2i (10), got 11 at study 1',
    );
    expect(() => mantelHaenszel([], 'OR')).toThrow('rows must contain at least 1 item(s), got 0');
    expect(() => mantelHaenszel([{ ai: 1, n1i: 10, ci: 1, n2i: 10 }], 'HR' as 'OR')).toThrow('invalid measure: "HR"');
  });
});
