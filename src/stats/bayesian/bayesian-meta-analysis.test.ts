import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors';
import { bayesianMetaAnalysis } from './bayesian-meta-analysis';

// Rubin (1981) eight schools, as bayesmeta's data("Rubin1981").
const schools = [
  [28.39, 14.9], [7.94, 10.2], [-2.75, 16.3], [6.82, 11.0], [-0.64, 9.4], [0.63, 11.4], [18.01, 10.4], [12.16, 17.6],
].map(([y, se]) => ({ yi: y!, vi: se! * se! }));

describe('bayesianMetaAnalysis: input errors name the bad value', () => {
  const prior = { name: 'halfNormal', scale: 0.5 } as const;
  it('rejects a non-positive or missing prior scale', () => {
    expect(() => bayesianMetaAnalysis(schools, { tauPrior: { name: 'halfNormal', scale: 0 } })).toThrow(
      'tauPrior.scale must be > 0, got 0',
    );
    expect(() => bayesianMetaAnalysis(schools, { tauPrior: { name: 'halfCauchy', scale: -1 } })).toThrow(
      'tauPrior.scale must be > 0, got -1',
    );
    expect(() => bayesianMetaAnalysis(schools, { tauPrior: { name: 'logNormalTau2', meanLog: -2.56, sdLog: 0 } })).toThrow(
      'tauPrior.sdLog must be > 0, got 0',
    );
    expect(() => bayesianMetaAnalysis(schools, { tauPrior: { name: 'uniform', upper: Number.NaN } })).toThrow(
      'tauPrior.upper must be a finite number, got NaN',
    );
    expect(() =>
      bayesianMetaAnalysis(schools, { tauPrior: prior, muPrior: { name: 'normal', mean: 0, sd: 0 } }),
    ).toThrow('muPrior.sd must be > 0, got 0');
  });
  it('rejects vi ≤ 0 and a non-finite yi, naming the study', () => {
    expect(() => bayesianMetaAnalysis([{ yi: 0.1, vi: 0.2 }, { yi: 0.3, vi: 0 }], { tauPrior: prior })).toThrow(
      'vi must be > 0, got 0 at study 2',
    );
    expect(() => bayesianMetaAnalysis([{ yi: Number.POSITIVE_INFINITY, vi: 0.2 }], { tauPrior: prior })).toThrow(
      'yi must be a finite number, got Infinity at study 1',
    );
  });
  it('rejects a flat μ prior with k = 0 (improper posterior) but not a normal one', () => {
    expect(() => bayesianMetaAnalysis([], { tauPrior: prior })).toThrow(InvalidInputError);
    expect(() => bayesianMetaAnalysis([], { tauPrior: prior })).toThrow('flat muPrior with k = 0');
    const r = bayesianMetaAnalysis([], { tauPrior: prior, muPrior: { name: 'normal', mean: 0.2, sd: 2 } });
    // No data: the posterior is the prior. μ ~ N(0.2, 2²): median 0.2, 95% interval 0.2 ± 1.959964·2.
    expect(r.mu.median).toBeCloseTo(0.2, 10);
    expect(r.mu.upper).toBeCloseTo(0.2 + 1.959963984540054 * 2, 9);
    // τ ~ half-normal(0.5): median 0.5·Φ⁻¹(0.75) = 0.337245, mean 0.5·√(2/π).
    expect(r.tau.median).toBeCloseTo(0.5 * 0.6744897501960817, 9);
    expect(r.tau.mean).toBeCloseTo(0.5 * Math.sqrt(2 / Math.PI), 9);
  });
  it('k = 1 with a flat μ prior: τ keeps its prior, μ | τ ~ N(y, v + τ²)', () => {
    const r = bayesianMetaAnalysis([{ yi: -0.5, vi: 0.04 }], { tauPrior: { name: 'uniform', upper: 1 } });
    expect(r.k).toBe(1);
    expect(r.tau.median).toBeCloseTo(0.5, 9);
    expect(r.tau.lower).toBeCloseTo(0.025, 9);
    expect(r.mu.median).toBeCloseTo(-0.5, 9);
    expect(r.probabilityBelow(-0.5)).toBeCloseTo(0.5, 10);
  });
});

describe('bayesianMetaAnalysis: a narrow posterior (k = 1,000)', () => {
  it('finds the peak of p(τ | y): with this much data the posterior sits on the REML estimate', async () => {
    const { metaAnalysis } = await import('../meta-analysis');
    // Deterministic synthetic studies (a fixed linear congruential sequence, no randomness at run time).
    let state = 12345;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296;
    const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
    // μ = −0.3, τ = 0.2, vᵢ from 0.01 to 0.5.
    const effects = Array.from({ length: 1000 }, () => {
      const vi = 0.01 + 0.49 * next();
      return { yi: -0.3 + 0.2 * normal() + Math.sqrt(vi) * normal(), vi };
    });
    const reml = metaAnalysis(effects, { method: 'REML' });
    const r = bayesianMetaAnalysis(effects, { tauPrior: { name: 'halfNormal', scale: 0.5 } });
    expect(Math.abs(r.mu.median - reml.estimate)).toBeLessThan(0.05 * reml.se);
    expect(Math.abs(r.mu.sd / reml.se - 1)).toBeLessThan(0.02);
    expect(Math.abs(r.tau.median / Math.sqrt(reml.tau2) - 1)).toBeLessThan(0.05);
    expect(r.quadrature.relativeError).toBeLessThan(1e-10);
    expect(r.studies).toHaveLength(1000);
  });
});

describe('bayesianMetaAnalysis: shrinkage estimates and density grids are computed on first read', () => {
  it('gives the same values whichever is read first, and keeps them', () => {
    const options = { tauPrior: { name: 'halfNormal', scale: 0.5 } } as const;
    const studiesFirst = bayesianMetaAnalysis(schools, options);
    const gridsFirst = bayesianMetaAnalysis(schools, options);
    const studies = studiesFirst.studies;
    const grids = gridsFirst.densities;
    expect(studiesFirst.studies).toBe(studies);
    expect(gridsFirst.studies).toEqual(studies);
    expect(studiesFirst.densities).toEqual(grids);
    expect(studies).toHaveLength(schools.length);
    expect(grids.mu).toHaveLength(201);
    // An export that serialises the result still carries them.
    expect(JSON.parse(JSON.stringify(studiesFirst)).studies).toHaveLength(schools.length);
  });
});
