/**
 * The Summary of Findings under the Bayesian model (`model=bayes`): the relapse-free row in
 * relapsing-remitting MS is the forest plot's Bayesian row for the same trials and equals the base-R
 * quadrature fixture (tests/reference/make-bayes-sensitivity-fixtures.R, AIMS + Achiron + PRIVIG,
 * log OR); the absolute effects are μ's posterior quantiles mapped at the control risk, computed
 * here by hand from those quantiles; the inconsistency rule reads τ's posterior and the predictive
 * interval at its boundaries.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import bayesFixtures from '../../../tests/reference/fixtures/bayes-sensitivity.json';
import { parseEvidenceText } from '../../evidence/parse-evidence';
import { availableMeasures, type AnalysisMeasure } from '../../evidence/to-effect-inputs';
import { DEFAULT_SETTINGS, type AnalysisSettings } from '../analysis-params';
import { toForestModel } from '../forest-model';
import { phaseRowOf } from '../phase-rows';
import { DEFAULT_SUMMARY, toSummaryOfFindings } from '.';
import { posteriorInconsistencyDomain, type PosteriorInconsistencyInput } from './posterior';
import { sofCells, sofColumns } from './sof-cells';
import { settingsDescription } from './summary-of-findings';

const bundled = parseEvidenceText(readFileSync('public/data/evidence.json', 'utf8'));
const BAYES: AnalysisSettings = { ...DEFAULT_SETTINGS, model: 'bayes' };

const rowOf = (analysis: AnalysisSettings, key = 'RR.relapse-free') =>
  toSummaryOfFindings({ studies: bundled.studies, syntheses: [], analysis, excludedStudyIds: [], summary: DEFAULT_SUMMARY }).tables.flatMap((t) => t.rows).find((r) => r.key === key)!;

/** The forest plot of the RR phase-comparison row with its Bayesian row, as the forest view builds them. */
function forestBayes(analysis: AnalysisSettings, outcome: 'relapse-free' = 'relapse-free') {
  const inPhase = bundled.studies.filter((s) => phaseRowOf(s) === 'RR');
  const measures = availableMeasures(inPhase.filter((s) => s.kind === 'ivig-rct'), outcome, analysis.recovery);
  const measure: AnalysisMeasure = analysis.measure && measures.includes(analysis.measure) ? analysis.measure : measures[0]!;
  return toForestModel(inPhase, [], { ...analysis, outcome, measure, excludedStudyIds: [], level: 95, sdDonorStudies: bundled.studies }).bayesian!;
}

const fixture = (prior: string) => bayesFixtures.cases.find((c) => c.dataset === 'ivig-relapse-free-OR-k3' && c.tauPrior === prior)!;

describe('SoF under model=bayes: relapse-free in relapsing-remitting MS', () => {
  it('is the forest plot’s Bayesian row (risk ratio, the default measure)', () => {
    const row = rowOf(BAYES);
    const forest = forestBayes(BAYES);
    expect(row.bayesian).not.toBeNull();
    expect(row.relativeText).toBe(forest.effectText);
    expect(row.relative).toEqual({ estimate: forest.estimate, lower: forest.lower, upper: forest.upper });
    expect(row.bayesian!.benefitText).toBe(forest.benefitText);
    expect(row.interval).toBe('CrI');
    expect(row.method).toBe('Risk ratio, Bayesian random effects (τ ~ half-normal(0.5), μ ~ flat), posterior median, 95% CrI');
    expect(sofCells(row).relative).toBe(`RR ${forest.effectText}; P(benefit): ${forest.benefitText}`);
    // And it is not the random-effects row.
    expect(row.relativeText).not.toBe(rowOf(DEFAULT_SETTINGS).relativeText);
  });

  it('equals the base-R quadrature fixture (odds ratio, AIMS + Achiron + PRIVIG) for two τ priors', () => {
    for (const prior of ['half-normal-0.5', 'half-normal-1.0']) {
      const f = fixture(prior);
      const row = rowOf({ ...BAYES, measure: 'OR', tauPrior: prior });
      expect(row.k).toBe(3);
      expect(Math.log(row.relative!.estimate)).toBeCloseTo(f.muMedian, 6);
      expect(Math.log(row.relative!.lower)).toBeCloseTo(f.muLower, 6);
      expect(Math.log(row.relative!.upper)).toBeCloseTo(f.muUpper, 6);
      expect(row.bayesian!.tau.median).toBeCloseTo(f.tauMedian, 6);
      // Relapse-free: a higher odds of being free of relapses favours IVIG, so P(benefit) = 1 − P(μ < 0).
      expect(row.bayesian!.probabilityOfBenefit).toBeCloseTo(1 - f.probabilityBelow0, 6);
      expect(row.relativeText).toBe(forestBayes({ ...BAYES, measure: 'OR', tauPrior: prior }).effectText);
    }
  });

  it('absolute effects per 1,000 and the NNT are μ’s posterior quantiles mapped at the control risk (hand-computed)', () => {
    const f = fixture('half-normal-0.5');
    const row = rowOf({ ...BAYES, measure: 'OR' });
    const cr = row.assumedRisk!.value;
    expect(row.assumedRisk!.source).toBe('median of the included trials');
    // The three trials' placebo risks of being relapse-free: 26/73, 0/20, 28/41; their median is 26/73.
    expect(cr).toBeCloseTo(26 / 73, 12);
    // OR → risk: OR·cr / (1 − cr + OR·cr) (Handbook 5.1 §12.5.4.4), at each quantile of μ.
    const risk = (logOr: number) => (Math.exp(logOr) * cr) / (1 - cr + Math.exp(logOr) * cr);
    const per1000 = (logOr: number) => Math.round(1000 * (risk(logOr) - cr));
    expect(row.absolute!.perThousand.difference).toBe(per1000(f.muMedian));
    expect(row.absolute!.perThousand.lower).toBe(per1000(f.muLower));
    expect(row.absolute!.perThousand.upper).toBe(per1000(f.muUpper));
    expect(row.absolute!.difference).toBeCloseTo(risk(f.muMedian) - cr, 6);
    // At the fixture's quantiles: 90 more per 1,000 (from 105 fewer to 348 more).
    const words = (n: number) => (n < 0 ? `${-n} fewer` : `${n} more`);
    expect(row.absolute!.text).toBe(`${words(per1000(f.muMedian))} per 1,000 (from ${words(per1000(f.muLower))} to ${words(per1000(f.muUpper))})`);
    // NNT = ⌈1/|RD|⌉ at the median; the CrI crosses no effect: NNTB from the upper limit, NNTH from the lower.
    const nn = (x: number) => Math.ceil(1 / Math.abs(risk(x) - cr) - 1e-9);
    expect(row.nnt!.text).toBe(`NNTB ${nn(f.muMedian)} (95% CrI NNTB ${nn(f.muUpper)} to ∞ to NNTH ${nn(f.muLower)})`);
  });

  it('rates imprecision on the CrI of the absolute effect and inconsistency from τ’s posterior', () => {
    const f = fixture('half-normal-0.5');
    const row = rowOf({ ...BAYES, measure: 'OR' });
    const imprecision = row.domains.find((d) => d.domain === 'imprecision')!;
    expect(imprecision.reasons[0]).toContain(`The CrI ${-row.absolute!.perThousand.lower} fewer per 1,000 to ${row.absolute!.perThousand.upper} more per 1,000 crosses both thresholds of importance`);
    expect(imprecision.suggested).toBe(2);
    const inconsistency = row.domains.find((d) => d.domain === 'inconsistency')!;
    expect(inconsistency.reasons[0]).toContain(`τ posterior median ${f.tauMedian.toFixed(2)} (95% CrI ${f.tauLower.toFixed(2)} to ${f.tauUpper.toFixed(2)}`);
    expect(inconsistency.reasons[0]).toContain(`95% predictive interval OR ${Math.exp(f.predictionLower).toFixed(2)} to OR ${Math.exp(f.predictionUpper).toFixed(2)} includes no effect`);
    // The posterior rule alone: τ median 0.49 < 0.5 (Spiegelhalter's "fairly high") → 0; under
    // half-normal(1.0), τ median 0.84 → −1.
    const posteriorReason = (prior: string) => rowOf({ ...BAYES, measure: 'OR', tauPrior: prior }).domains.find((d) => d.domain === 'inconsistency')!.reasons[0]!;
    expect(posteriorReason('half-normal-0.5')).toMatch(/^Not serious: .*\(rule: −1 needs τ median ≥ 0\.5\)\.$/);
    expect(posteriorReason('half-normal-1.0')).toMatch(/^Serious inconsistency: τ posterior median 0\.8/);
    // The trials' spread does not depend on the model: the random-effects row's I² rule (estimates on
    // both sides of no effect, I² ≥ 75%: −2) applies under either prior, as the more serious rule.
    const spread = rowOf({ ...BAYES, model: 'random', measure: 'OR' }).domains.find((d) => d.domain === 'inconsistency')!;
    expect(spread.suggested).toBe(2);
    expect(inconsistency.suggested).toBe(2);
    expect(inconsistency.reasons[1]).toBe(`Rated on the trials' spread (the more serious of the two rules, which do not agree here): ${spread.reasons.join(' ')}`);
    expect(rowOf({ ...BAYES, measure: 'OR', tauPrior: 'half-normal-1.0' }).domains.find((d) => d.domain === 'inconsistency')!.suggested).toBe(2);
  });

  it('names the prior in the settings line and the CrI in the column headers; a mean difference with a preset says why it has no posterior', () => {
    const text = settingsDescription(BAYES, []);
    expect(text).toContain('Bayesian random-effects model, τ ~ half-normal(0.5), μ ~ flat (τ prior: Friede et al. 2017');
    expect(text).toContain('posterior medians with 95% credible intervals (CrI)');
    expect(text).not.toContain('z test');
    expect(sofColumns('CrI').map((c) => c.label)).toContain('Relative effect (95% CrI)');
    const arr = rowOf(BAYES, 'RR.annualized-relapse-rate');
    expect(arr.bayesian).toBeNull();
    expect(arr.bayesianReason).toContain('the τ prior presets are for log ratios and SMDs');
    expect(sofCells(arr).relative).toContain('(95% CI, random effects: no posterior)');
    // With a custom scale in the outcome's unit it has one.
    expect(rowOf({ ...BAYES, tauPrior: 'half-normal:0.5' }, 'RR.annualized-relapse-rate').interval).toBe('CrI');
  });
});

describe('posteriorInconsistencyDomain at its boundaries', () => {
  const base: PosteriorInconsistencyInput = {
    k: 3, tau: { median: 0.3, lower: 0.02, upper: 1 }, logRatioScale: true, piLower: -1, piUpper: 1, muLower: -0.5, muUpper: 0.5,
    estimates: [-0.2, 0.1, 0.3], describe: (x) => `RR ${Math.exp(x).toFixed(2)}`,
  };
  it('one trial: not assessable', () => {
    expect(posteriorInconsistencyDomain({ ...base, k: 1 })).toMatchObject({ status: 'not-assessable', suggested: 0 });
  });
  it('log-ratio scale: τ median 1.0 with estimates on both sides −2, 0.5 −1, below 0.5 none', () => {
    expect(posteriorInconsistencyDomain({ ...base, tau: { ...base.tau, median: 1.0 } }).suggested).toBe(2);
    expect(posteriorInconsistencyDomain({ ...base, tau: { ...base.tau, median: 0.999 } }).suggested).toBe(1);
    expect(posteriorInconsistencyDomain({ ...base, tau: { ...base.tau, median: 0.5 } }).suggested).toBe(1);
    expect(posteriorInconsistencyDomain({ ...base, tau: { ...base.tau, median: 0.499 } }).suggested).toBe(0);
    // τ median 1.2 with estimates on one side and a predictive interval across no effect: −1, not −2.
    expect(posteriorInconsistencyDomain({ ...base, tau: { ...base.tau, median: 1.2 }, estimates: [0.1, 0.4] }).suggested).toBe(1);
    // τ median 0.6, one side, predictive interval excluding no effect: not rated down.
    expect(posteriorInconsistencyDomain({ ...base, tau: { ...base.tau, median: 0.6 }, estimates: [0.1, 0.4], piLower: 0.05, piUpper: 1 }).suggested).toBe(0);
  });
  it('other scales: −1 only when the predictive interval crosses no effect while the CrI of μ does not, with estimates on both sides', () => {
    const md = { ...base, logRatioScale: false, tau: { ...base.tau, median: 5 } };
    expect(posteriorInconsistencyDomain({ ...md, muLower: 0.1, muUpper: 0.5 }).suggested).toBe(1);
    expect(posteriorInconsistencyDomain(md).suggested).toBe(0);
    expect(posteriorInconsistencyDomain({ ...md, muLower: 0.1, muUpper: 0.5, estimates: [0.1, 0.3] }).suggested).toBe(0);
  });
});
