/**
 * toForestModel under model = 'bayes': it builds the random-effects forest and sets the Bayesian
 * row itself, on the bundled relapse-free trials, against the base-R integrate() fixtures:
 * - bayes-sensitivity.json (tests/reference/make-bayes-sensitivity-fixtures.R): AIMS, Achiron 1998
 *   and PRIVIG, log OR, flat μ, τ ~ half-normal(0.5) and the Turner prior of the relapse outcomes;
 * - bayes-quadrature.json (tests/reference/make-bayes-fixtures.R): AIMS and Achiron 1998 (PRIVIG
 *   toggled out), log RR, half-Cauchy(0.5) with a N(0, 4²) μ prior.
 * A prior the engine rejects gives a reason on the model, not a throw, and the forest still draws.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEvidenceSet } from '../evidence/parse-evidence';
import bayesSensitivity from '../../tests/reference/fixtures/bayes-sensitivity.json';
import bayesQuadrature from '../../tests/reference/fixtures/bayes-quadrature.json';
import rma from '../../tests/reference/fixtures/rma.json';
import { DEFAULT_ANALYSIS, toForestModel, type AnalysisChoices } from './forest-model';

const bundled = parseEvidenceSet(JSON.parse(readFileSync(join(process.cwd(), 'public/data/evidence.json'), 'utf8')));
const relapseFree = (patch: Partial<AnalysisChoices>) =>
  toForestModel(bundled.studies, [], { ...DEFAULT_ANALYSIS, outcome: 'relapse-free', measure: 'OR', model: 'bayes', ...patch });
const rel = (x: number, y: number) => Math.abs(x - y) / Math.max(Math.abs(y), 1e-12);
const posterior = (prior: string) => bayesSensitivity.cases.find((c) => c.dataset === 'ivig-relapse-free-OR-k3' && c.tauPrior === prior)!;

describe('toForestModel decides the Bayesian model (bundled relapse-free trials)', () => {
  for (const prior of ['half-normal-0.5', 'turner-signs-symptoms-reflecting-continuation-end-of-condition']) {
    it(`the Bayesian row equals base R's integrate() (OR, k = 3, τ prior ${prior})`, () => {
      const m = relapseFree({ tauPrior: prior });
      const b = m.bayesian!;
      const e = posterior(prior);
      expect(m.bayesianReason).toBeNull();
      expect(b.k).toBe(3);
      expect(rel(b.yi, e.muMedian)).toBeLessThan(1e-6);
      expect(rel(b.yiLower, e.muLower)).toBeLessThan(1e-6);
      expect(rel(b.yiUpper, e.muUpper)).toBeLessThan(1e-6);
      expect(rel(b.tau.median, e.tauMedian)).toBeLessThan(1e-6);
      expect(rel(b.tau.lower, e.tauLower)).toBeLessThan(1e-6);
      expect(rel(b.tau.upper, e.tauUpper)).toBeLessThan(1e-6);
      expect(rel(b.yiPiLower, e.predictionLower)).toBeLessThan(1e-6);
      expect(rel(b.yiPiUpper, e.predictionUpper)).toBeLessThan(1e-6);
      // Relapse-free: an OR above 1 favours IVIG, so P(benefit) = 1 − P(μ < 0).
      expect(rel(b.probabilityOfBenefit, 1 - e.probabilityBelow0)).toBeLessThan(1e-6);
      expect(rel(b.estimate, Math.exp(e.muMedian))).toBeLessThan(1e-6);
    });
  }

  it('keeps the random-effects forest beside it (REML Total as metafor) and the header of that model', () => {
    const m = relapseFree({});
    const reml = rma.fits.find((f) => f.name === 'ivig-relapse-free-OR-k3/REML/z')!.expected;
    expect(rel(m.overall!.yi, reml.estimate)).toBeLessThan(1e-6);
    expect(m.header).toBe('Odds ratio, IV, Random (REML), 95% CI');
    expect(m.overall!.piLower).not.toBeNull();
  });

  it('with PRIVIG toggled out: the log RR row equals the quadrature fixture (half-Cauchy(0.5), μ ~ N(0, 4²))', () => {
    const m = relapseFree({ measure: 'RR', excludedStudyIds: ['fazekas-2008-privig'], tauPrior: 'half-cauchy-0.5', muPrior: 'normal:0,4' });
    const e = bayesQuadrature.cases.find((c) => c.data.startsWith('IVIG relapse-free log RR') && c.tauPrior.name === 'halfCauchy' && c.muPrior.name === 'normal')!;
    const b = m.bayesian!;
    expect(b.k).toBe(2);
    expect(rel(b.yi, e.mu.median)).toBeLessThan(1e-6);
    expect(rel(b.yiLower, e.mu.lower)).toBeLessThan(1e-6);
    expect(rel(b.yiUpper, e.mu.upper)).toBeLessThan(1e-6);
    expect(rel(b.tau.median, e.tau.median)).toBeLessThan(1e-6);
    expect(rel(b.yiPiUpper, e.prediction.upper)).toBeLessThan(1e-6);
    expect(b.priorText).toBe('τ ~ half-Cauchy(0.5), μ ~ N(0, 4²)');
  });

  it('the threshold probability is on the IVIG side of the threshold', () => {
    const b = relapseFree({ bayesThreshold: 1.5 }).bayesian!;
    expect(b.threshold!.text).toMatch(/^P\(OR > 1\.5\) = 0\.\d{3}$/);
    expect(rel(b.threshold!.probability, 1 - b.result.probabilityBelow(Math.log(1.5)))).toBeLessThan(1e-12);
  });

  it('a prior the engine rejects gives a reason on the model, not a throw; the forest still draws', () => {
    const m = relapseFree({ tauPrior: 'half-normal:0' });
    expect(m.bayesian).toBeUndefined();
    expect(m.bayesianReason).toBe('Ignored tau-prior="half-normal:0" (the scale must be > 0).');
    expect(m.overall!.k).toBe(3);
    expect(relapseFree({ muPrior: 'normal:0,-1' }).bayesianReason).toMatch(/^Ignored mu-prior="normal:0,-1"/);
  });

  it('a preset on a mean-difference scale gives its reason', () => {
    const m = toForestModel(bundled.studies, [], { ...DEFAULT_ANALYSIS, outcome: 'edss-change', measure: 'MD', model: 'bayes' });
    expect(m.bayesian).toBeUndefined();
    expect(m.bayesianReason).toMatch(/^the τ prior presets are for log ratios and SMDs/);
    expect(m.overall).not.toBeNull();
  });

  it('under the frequentist models there is no Bayesian row and no reason', () => {
    for (const model of ['common', 'random'] as const) {
      const m = relapseFree({ model });
      expect(m.bayesian).toBeUndefined();
      expect(m.bayesianReason).toBeNull();
    }
  });
});
