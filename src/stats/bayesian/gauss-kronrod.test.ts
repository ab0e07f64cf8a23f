import { describe, expect, it } from 'vitest';
import { ConvergenceError } from '../errors';
import { STANDARD_POINTS, adaptiveGaussKronrod, gaussKronrodInterval } from './gauss-kronrod';

describe('G7–K15 rule (QUADPACK qk15 nodes and weights)', () => {
  it('K15 integrates x^d exactly on [−1, 1] up to d = 22, G7 up to d = 13', () => {
    for (let d = 0; d <= 22; d++) {
      const exact = d % 2 === 1 ? 0 : 2 / (d + 1);
      const kronrod = STANDARD_POINTS.reduce((s, p) => s + p.kronrod * p.x ** d, 0);
      expect(Math.abs(kronrod - exact), `K15, degree ${d}`).toBeLessThan(1e-15);
      if (d <= 13) {
        const gauss = STANDARD_POINTS.reduce((s, p) => s + p.gauss * p.x ** d, 0);
        expect(Math.abs(gauss - exact), `G7, degree ${d}`).toBeLessThan(1e-15);
      }
    }
    // Degree 14 is where G7 stops being exact: the error estimate |K15 − G7| sees it.
    expect(gaussKronrodInterval((x) => x ** 14, -1, 1).error).toBeGreaterThan(1e-6);
  });
  it('adapts to a narrow peak and an integrable endpoint singularity to the requested tolerance', () => {
    // ∫₀¹ exp(−((x − 0.3)/0.001)²/2) dx = 0.001·√(2π) (the tails beyond [0, 1] are < 1e-300).
    const peak = adaptiveGaussKronrod((x) => Math.exp(-0.5 * ((x - 0.3) / 0.001) ** 2), [0, 0.25, 0.5, 1]);
    expect(Math.abs(peak.integral / (0.001 * Math.sqrt(2 * Math.PI)) - 1)).toBeLessThan(1e-10);
    // ∫₀¹ 1/√x dx = 2.
    const singular = adaptiveGaussKronrod((x) => 1 / Math.sqrt(x), [0, 1], { relativeTolerance: 1e-9 });
    expect(Math.abs(singular.integral - 2)).toBeLessThan(1e-8);
  });
  it('stops with a ConvergenceError naming the error when the interval budget is spent', () => {
    expect(() => adaptiveGaussKronrod((x) => Math.sin(1 / x), [0, 1], { maxIntervals: 20 })).toThrow(ConvergenceError);
  });
});
