import { describe, expect, it } from 'vitest';
import { ConvergenceError, MetaAnalysisError } from './errors';
import {
  dersimonianLairdTau2,
  empiricalBayesTau2,
  hedgesTau2,
  hunterSchmidtTau2,
  maximumLikelihoodTau2,
  pauleMandelTau2,
  remlTau2,
  sidikJonkmanTau2,
} from './tau2-estimators';
import { type ModelData, interceptOnlyData, weightedLeastSquares } from './weighted-least-squares';
import { seededRandom } from '../test-support/seeded-random';

const data = interceptOnlyData(Float64Array.from([0.1, 0.5, -0.2, 0.8, 0.3]), Float64Array.from([0.02, 0.05, 0.04, 0.1, 0.03]));


describe('closed-form estimators match their formulas', () => {
  const y = Array.from(data.yi);
  const v = Array.from(data.vi);
  const w = v.map((x) => 1 / x);
  const sw = w.reduce((a, b) => a + b, 0);
  const mean = y.reduce((a, b, i) => a + w[i]! * b, 0) / sw;
  const Q = y.reduce((a, b, i) => a + w[i]! * (b - mean) ** 2, 0);

  it('DL: (Q − (k − 1)) / (Σw − Σw²/Σw)', () => {
    const sw2 = w.reduce((a, b) => a + b * b, 0);
    expect(dersimonianLairdTau2(data).tau2).toBeCloseTo((Q - 4) / (sw - sw2 / sw), 14);
  });

  it('HS: (Q − k) / Σw', () => {
    expect(hunterSchmidtTau2(data).tau2).toBeCloseTo((Q - 5) / sw, 14);
  });

  it('HE: Σ(y − ȳ)²/(k − 1) − Σv/k', () => {
    const ybar = y.reduce((a, b) => a + b, 0) / 5;
    const ss = y.reduce((a, b) => a + (b - ybar) ** 2, 0);
    expect(hedgesTau2(data).tau2).toBeCloseTo(ss / 4 - v.reduce((a, b) => a + b, 0) / 5, 14);
  });

  it('SJ: τ₀²·Q(τ₀²)/(k − 1) with τ₀² = Σ(y − ȳ)²/k', () => {
    const ybar = y.reduce((a, b) => a + b, 0) / 5;
    const t0 = y.reduce((a, b) => a + (b - ybar) ** 2, 0) / 5;
    const fit = weightedLeastSquares(data, t0);
    expect(sidikJonkmanTau2(data).tau2).toBeCloseTo((t0 * fit.rss) / 4, 14);
  });

  it('PM and EB solve the same equation Q(τ²) = k − 1', () => {
    const pm = pauleMandelTau2(data).tau2;
    expect(weightedLeastSquares(data, pm).rss).toBeCloseTo(4, 11);
    expect(empiricalBayesTau2(data).tau2).toBeCloseTo(pm, 11);
  });

  it('needs more studies than coefficients', () => {
    const one = interceptOnlyData(Float64Array.from([0.1]), Float64Array.from([0.1]));
    expect(() => remlTau2(one)).toThrow('REML needs more studies than coefficients: k = 1, coefficients = 1');
    expect(() => dersimonianLairdTau2(one)).toThrow(MetaAnalysisError);
  });
});

describe('Fisher scoring (REML, ML, EB)', () => {
  it('solves the score equation or stops at the boundary on 200 random data sets (and PM its Q equation)', () => {
    const rand = seededRandom(20261124);
    const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
    let maxIterations = 0;
    for (let rep = 0; rep < 200; rep++) {
      const k = 2 + Math.floor(rand() * 40);
      const tau2 = rand() < 0.3 ? 0 : Math.exp(2 * normal() - 2);
      const spread = Math.min(3, Math.exp(normal()));
      const yi = new Float64Array(k);
      const vi = new Float64Array(k);
      for (let i = 0; i < k; i++) {
        vi[i] = 0.01 * Math.exp(normal() * spread);
        yi[i] = Math.sqrt(tau2) * normal() + Math.sqrt(vi[i]!) * normal();
      }
      const d: ModelData = interceptOnlyData(yi, vi);
      for (const [name, estimator] of [
        ['REML', remlTau2],
        ['ML', maximumLikelihoodTau2],
        ['EB', empiricalBayesTau2],
      ] as const) {
        const r = estimator(d);
        maxIterations = Math.max(maxIterations, r.iterations);
        if (r.warnings.length > 0) continue; // ll0check moved τ² to 0 (as metafor)
        const fit = weightedLeastSquares(d, r.tau2, true);
        const [score, scale] =
          name === 'REML'
            ? [fit.rssW2 - fit.trP, fit.trP]
            : name === 'ML'
              ? [fit.rssW2 - fit.sumW, fit.sumW]
              : [(fit.rss * k) / (k - 1) - k, k];
        if (r.tau2 > 0) expect(Math.abs(score) / scale).toBeLessThan(1e-8);
        else expect(score / scale).toBeLessThanOrEqual(1e-8);
      }
      const pm = pauleMandelTau2(d).tau2;
      const qAtPm = weightedLeastSquares(d, pm).rss;
      if (pm > 0) expect(qAtPm / (k - 1)).toBeCloseTo(1, 10);
      else expect(qAtPm).toBeLessThanOrEqual(k - 1);
    }
    expect(maxIterations).toBeLessThanOrEqual(100);
  });

  it('throws a ConvergenceError when the iteration budget is too small', () => {
    expect(() => remlTau2(data, { maxIterations: 1 })).toThrow(ConvergenceError);
  });

  it('refuses to report a step that overflowed (metafor would report convergence)', () => {
    const extreme = interceptOnlyData(Float64Array.from([0, 1e-3, 2e-3]), Float64Array.from([1e-160, 1, 1e-150]));
    expect(() => remlTau2(extreme)).toThrow(/not finite/);
  });
});
