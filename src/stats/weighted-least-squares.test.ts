import { describe, expect, it } from 'vitest';
import { weightedLeastSquares } from './weighted-least-squares';

const yi = Float64Array.from([0.2, -0.4, 0.9, 0.1, -1.2]);
const vi = Float64Array.from([0.05, 0.2, 0.1, 0.01, 0.3]);

/** P = W − w wᵀ/Σw formed explicitly, for the intercept-only model. */
function explicitTraces(tau2: number): { trP: number; trPP: number } {
  const w = Array.from(vi, (v) => 1 / (v + tau2));
  const s = w.reduce((a, b) => a + b, 0);
  const P = w.map((wi, i) => w.map((wj, j) => (i === j ? wi : 0) - (wi * wj) / s));
  let trP = 0;
  let trPP = 0;
  P.forEach((row, i) => {
    trP += row[i]!;
    row.forEach((x) => (trPP += x * x));
  });
  return { trP, trPP };
}

describe('weightedLeastSquares', () => {
  it('has the explicit-matrix traces for the intercept-only model', () => {
    for (const tau2 of [0, 0.07, 3]) {
      const fit = weightedLeastSquares({ k: 5, p: 1, yi, vi, X: null }, tau2, true);
      const ref = explicitTraces(tau2);
      expect(fit.trP).toBeCloseTo(ref.trP, 12);
      expect(fit.trPP).toBeCloseTo(ref.trPP, 11);
    }
  });

  it('gives the same fit through the general path with a column of ones', () => {
    const ones = new Float64Array(5).fill(1);
    for (const tau2 of [0, 0.25]) {
      const fast = weightedLeastSquares({ k: 5, p: 1, yi, vi, X: null }, tau2, true);
      const general = weightedLeastSquares({ k: 5, p: 1, yi, vi, X: ones }, tau2, true);
      expect(general.beta[0]).toBeCloseTo(fast.beta[0]!, 14);
      expect(general.rss).toBeCloseTo(fast.rss, 12);
      expect(general.rssW2).toBeCloseTo(fast.rssW2, 11);
      expect(general.trP).toBeCloseTo(fast.trP, 11);
      expect(general.trPP).toBeCloseTo(fast.trPP, 10);
      expect(general.logDetXtWX).toBeCloseTo(fast.logDetXtWX, 13);
    }
  });

  it('keeps tr(P) exact when one weight dominates by 1e20', () => {
    // k = 2: tr(P) = 2·w1·w2/(w1 + w2) = 2/(v1 + v2).
    const fit = weightedLeastSquares(
      { k: 2, p: 1, yi: Float64Array.from([0, 1]), vi: Float64Array.from([1e-10, 1e10]), X: null },
      0,
      true,
    );
    expect(fit.trP / (2 / (1e10 + 1e-10))).toBeCloseTo(1, 12);
  });
});
