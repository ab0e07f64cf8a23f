import { describe, expect, it } from 'vitest';
import { chiSquareQuantile } from './distributions';
import { heterogeneityStatistics, qBasedI2, qProfileTau2Ci } from './heterogeneity';
import { interceptOnlyData, weightedLeastSquares } from './weighted-least-squares';

const data = interceptOnlyData(
  Float64Array.from([-0.89, -1.59, -1.35, -1.44, -0.22, -0.79, -1.62, 0.01, -0.47]),
  Float64Array.from([0.33, 0.19, 0.42, 0.02, 0.05, 0.007, 0.22, 0.004, 0.056]),
);

describe('heterogeneityStatistics', () => {
  it('gives I² and H² from the typical within-study variance for random effects', () => {
    const w = Array.from(data.vi, (v) => 1 / v);
    const sw = w.reduce((a, b) => a + b, 0);
    const sw2 = w.reduce((a, b) => a + b * b, 0);
    const typical = 8 / (sw - sw2 / sw);
    const h = heterogeneityStatistics(data, 0.2, false);
    expect(h.I2).toBeCloseTo((100 * 0.2) / (typical + 0.2), 12);
    expect(h.H2).toBeCloseTo(0.2 / typical + 1, 12);
    expect(h.df).toBe(8);
  });

  it('gives I² and H² from Q for the common-effect model', () => {
    const h = heterogeneityStatistics(data, 0, true);
    expect(h.I2).toBeCloseTo((100 * (h.Q - 8)) / h.Q, 12);
    expect(h.H2).toBeCloseTo(h.Q / 8, 12);
  });
});

describe('qBasedI2', () => {
  it('is (Q − df)/Q in percent, truncated at 0 (Higgins & Thompson 2002)', () => {
    expect(qBasedI2(2.23, 1)).toBeCloseTo(55.156950672645735, 12);
    expect(qBasedI2(0.5, 1)).toBe(0);
    expect(qBasedI2(0, 1)).toBe(0);
  });
});

describe('qProfileTau2Ci', () => {
  it('puts Q(τ²) on the χ² quantiles at the bounds', () => {
    const ci = qProfileTau2Ci(data, 95);
    expect(weightedLeastSquares(data, ci.lower).rss).toBeCloseTo(chiSquareQuantile(0.975, 8), 9);
    expect(weightedLeastSquares(data, ci.upper).rss).toBeCloseTo(chiSquareQuantile(0.025, 8), 9);
    const narrow = qProfileTau2Ci(data, 80);
    expect(narrow.lower).toBeGreaterThan(ci.lower);
    expect(narrow.upper).toBeLessThan(ci.upper);
  });

  it('finds an upper bound far above the search limit of metafor (100)', () => {
    const wide = interceptOnlyData(Float64Array.from([-40, 35, 10]), Float64Array.from([1, 2, 1.5]));
    const ci = qProfileTau2Ci(wide, 95);
    expect(ci.upper).toBeGreaterThan(100);
    expect(weightedLeastSquares(wide, ci.upper).rss).toBeCloseTo(chiSquareQuantile(0.025, 2), 9);
  });
});
