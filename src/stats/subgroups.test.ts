import { describe, expect, it } from 'vitest';
import { subgroupAnalysis } from './subgroups';

describe('subgroupAnalysis', () => {
  it('gives Q between = (θ1 − θ2)²/(v1 + v2) for two single-study subgroups', () => {
    const r = subgroupAnalysis(
      [
        { yi: 0.5, vi: 0.04 },
        { yi: -0.1, vi: 0.05 },
      ],
      ['a', 'b'],
      { method: 'REML' },
    );
    expect(r.groupOrder).toEqual(['a', 'b']);
    expect(r.groups.a?.k).toBe(1);
    expect(r.Qbetween).toBeCloseTo(0.36 / 0.09, 14);
    expect(r.df).toBe(1);
    expect(r.pValue).toBeCloseTo(2 * 0.0227501319481792, 6); // P(χ²₁ > 4) = 2Φ(−2)
  });

  it('fits each subgroup with its own tau2', () => {
    const effects = [
      { yi: 0.1, vi: 0.01 },
      { yi: 0.9, vi: 0.01 },
      { yi: 0.5, vi: 0.01 },
      { yi: 0.51, vi: 0.01 },
    ];
    const r = subgroupAnalysis(effects, ['wide', 'wide', 'narrow', 'narrow'], { method: 'DL' });
    expect(r.groups.wide?.tau2).toBeCloseTo((0.64 / 0.02 - 1) / 100, 12);
    expect(r.groups.narrow?.tau2).toBe(0);
  });

  it('keeps the order of first appearance, even for numeric-looking labels', () => {
    const effects = [0, 1, 2, 3].map((i) => ({ yi: i / 10, vi: 0.1 }));
    const r = subgroupAnalysis(effects, ['2', '1', '2', '1']);
    expect(r.groupOrder).toEqual(['2', '1']);
  });

  it('has df 0 and a null p-value for a single subgroup', () => {
    const r = subgroupAnalysis(
      [
        { yi: 0.1, vi: 0.1 },
        { yi: 0.2, vi: 0.1 },
      ],
      ['only', 'only'],
    );
    expect([r.Qbetween, r.df, r.pValue]).toEqual([0, 0, null]);
  });

  it('names bad labels and mismatched lengths', () => {
    expect(() => subgroupAnalysis([{ yi: 0.1, vi: 0.1 }], ['a', 'b'])).toThrow(
      'groups must have one label per study (1), got 2',
    );
    expect(() => subgroupAnalysis([{ yi: 0.1, vi: 0.1 }], [''])).toThrow('group label must be a non-empty string, got "" at study 1');
  });
});
