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
