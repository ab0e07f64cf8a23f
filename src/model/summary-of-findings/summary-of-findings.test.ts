/**
 * The Summary of Findings model on the bundled evidence and on metafor's dat.bcg: each row's
 * relative effect is the forest plot's for that outcome and phase, under every analysis setting;
 * the absolute effects, Egger's test and the certainty follow from it; overrides and judgments apply.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import rmaMh from '../../../tests/reference/fixtures/rma-mh.json';
import fixtures from '../../../tests/reference/fixtures/summary-of-findings.json';
import { parseEvidenceText } from '../../evidence/parse-evidence';
import { evidenceFromBinaryRows } from '../../test-support/evidence-from-rows';
import { DEFAULT_SETTINGS, frequentistModel, type AnalysisSettings } from '../analysis-params';
import { toForestModel } from '../forest-model';
import { phaseRowOf } from '../phase-rows';
import { DEFAULT_SUMMARY, toSummaryOfFindings, type SummarySettings } from '.';
import { settingsDescription } from './summary-of-findings';
import { ALL_RECOVERY } from '../../evidence/recovered-effects/recovery-settings';

const bundled = parseEvidenceText(readFileSync('public/data/evidence.json', 'utf8'));
const bcgRows = rmaMh.cases.find((c) => c.name === 'bcg-MH-RR')!.rows;
const bcg = evidenceFromBinaryRows(bcgRows);

const summaryOf = (studies = bundled.studies, analysis: AnalysisSettings = DEFAULT_SETTINGS, summary: SummarySettings = DEFAULT_SUMMARY) =>
  toSummaryOfFindings({ studies, syntheses: [], analysis, excludedStudyIds: [], summary });
const rowOf = (s: ReturnType<typeof summaryOf>, key: string) => s.tables.flatMap((t) => t.rows).find((r) => r.key === key)!;

/** The forest plot of one phase-comparison row, as the forest view builds it. */
function forestTotal(outcome: 'relapse-free' | 'new-relapse', phase: 'RR', analysis: AnalysisSettings, studies = bundled.studies) {
  const inPhase = studies.filter((s) => phaseRowOf(s) === phase);
  return toForestModel(inPhase, [], { ...analysis, model: frequentistModel(analysis.model), outcome, measure: 'RR', excludedStudyIds: [], level: 95 }).overall!;
}

describe('Summary of Findings on the bundled evidence', () => {
  it('has a table per population with placebo-controlled data, critical outcomes first, at most seven rows', () => {
    const s = summaryOf();
    expect(s.tables.map((t) => t.population)).toEqual(expect.arrayContaining(['RR', 'SP', 'CIS']));
    // The postpartum trial compares two doses: no placebo, no table.
    expect(s.tables.map((t) => t.population)).not.toContain('postpartum');
    for (const t of s.tables) expect(t.rows.length).toBeLessThanOrEqual(7);
    expect(s.tables.find((t) => t.population === 'RR')!.rows[0]!.outcome).toBe('relapse-free');
  });

  it('relapse-free in RR: the forest plot\'s relative effect, under the default and a common-effect model', () => {
    const byDefault = rowOf(summaryOf(), 'RR.relapse-free');
    expect(byDefault.relativeText).toBe(forestTotal('relapse-free', 'RR', DEFAULT_SETTINGS).effectText);
    expect(byDefault.method).toBe('Risk ratio, IV, Random (REML), 95% CI');
    const common = { ...DEFAULT_SETTINGS, model: 'common' as const };
    const fixed = rowOf(summaryOf(bundled.studies, common), 'RR.relapse-free');
    expect(fixed.relativeText).toBe(forestTotal('relapse-free', 'RR', common).effectText);
    expect(fixed.method).toBe('Risk ratio, M-H, Fixed, 95% CI');
    expect(fixed.relativeText).not.toBe(byDefault.relativeText);
  });

  it('uses the median control-arm risk by default, a user risk when entered, and a second baseline row', () => {
    const row = rowOf(summaryOf(), 'RR.relapse-free');
    const risks = row.trials.map((t) => t.controlRisk).filter((r): r is number => r !== null).sort((a, b) => a - b);
    const m = Math.floor(risks.length / 2);
    expect(risks.length).toBeGreaterThan(0);
    expect(row.medianControlRisk).toBeCloseTo(risks.length % 2 ? risks[m]! : (risks[m - 1]! + risks[m]!) / 2, 12);
    expect(row.assumedRisk!.source).toBe('median of the included trials');
    const entered = rowOf(summaryOf(bundled.studies, DEFAULT_SETTINGS, { ...DEFAULT_SUMMARY, risks: { 'RR.relapse-free': { assumed: 300, second: 100 } } }), 'RR.relapse-free');
    expect(entered.assumedRisk).toEqual({ value: 0.3, source: 'entered by the user' });
    expect(entered.absolute!.perThousand.control).toBe(300);
    expect(entered.absolute!.perThousand.difference).toBe(Math.round(300 * (entered.pooled!.estimate - 1)));
    expect(entered.secondRisk!.perThousand.difference).toBe(Math.round(100 * (entered.pooled!.estimate - 1)));
    expect(entered.ois!.controlRisk).toBe(0.3);
  });

  it('is provisional until risk of bias is judged; judgments and an override change certainty and statement', () => {
    const row = rowOf(summaryOf(), 'SP.treatment-discontinued');
    expect(row.certainty!.provisional).toBe(true);
    expect(row.footnotes.map((f) => f.domain)).toContain('risk-of-bias');
    const esims = row.trials[0]!.studyId;
    const judged: SummarySettings = { ...DEFAULT_SUMMARY, riskOfBias: { [esims]: { level: 'low', reason: '' } }, indirectness: { [esims]: { level: 'low', reason: '' } } };
    const after = rowOf(summaryOf(bundled.studies, DEFAULT_SETTINGS, judged), 'SP.treatment-discontinued');
    expect(after.certainty!.provisional).toBe(false);
    const imprecision = after.domains.find((d) => d.domain === 'imprecision')!;
    const overridden = rowOf(summaryOf(bundled.studies, DEFAULT_SETTINGS, { ...judged, overrides: { 'SP.treatment-discontinued.imp': { downgrade: 0, reason: 'large effect, narrow CI' } } }), 'SP.treatment-discontinued');
    expect(overridden.certainty!.level - after.certainty!.level).toBe(imprecision.applied);
    expect(overridden.statement).not.toBe(after.statement);
    expect(overridden.footnotes.find((f) => f.domain === 'imprecision')!.text).toContain(`Overridden by the user: rated down 0 (the rule suggested ${imprecision.suggested}), because: large effect, narrow CI.`);
  });
});

describe('risk of bias refined for one outcome (RoB 2 judges a result)', () => {
  it('a refinement applies to that outcome’s rows only, and says so; the other rows keep the trial’s judgment', () => {
    const ids = (key: string) => rowOf(summaryOf(), key).trials.map((t) => t.studyId);
    const all = [...new Set([...ids('RR.relapse-free'), ...ids('RR.edss-worsened')])];
    expect(ids('RR.edss-worsened')).toEqual(['fazekas-1997-aims']);
    const low = Object.fromEntries(all.map((id) => [id, { level: 'low' as const, reason: '' }]));
    const judged: SummarySettings = { ...DEFAULT_SUMMARY, riskOfBias: { ...low, 'fazekas-1997-aims.edss-worsened': { level: 'high', reason: 'unblinded EDSS rater' } } };
    const rob = (key: string) => rowOf(summaryOf(bundled.studies, DEFAULT_SETTINGS, judged), key).domains.find((d) => d.domain === 'risk-of-bias')!;
    // AIMS is the only EDSS-worsening trial: high for this outcome → 100% of the weight → −2.
    expect(rob('RR.edss-worsened')).toMatchObject({ status: 'rated', suggested: 2 });
    expect(rob('RR.edss-worsened').reasons[0]).toContain('Fazekas 1997 (AIMS): high (for this outcome: unblinded EDSS rater)');
    // Relapse-free keeps AIMS's per-trial judgment (low).
    expect(rob('RR.relapse-free')).toMatchObject({ status: 'rated', suggested: 0 });
    expect(rob('RR.relapse-free').reasons[0]).toContain('Fazekas 1997 (AIMS): low');
    // Without the refinement EDSS worsening is not rated down either.
    expect(rowOf(summaryOf(bundled.studies, DEFAULT_SETTINGS, { ...DEFAULT_SUMMARY, riskOfBias: low }), 'RR.edss-worsened').domains.find((d) => d.domain === 'risk-of-bias')!.suggested).toBe(0);
  });
});

describe('Summary of Findings on dat.bcg (13 trials)', () => {
  it("gives a funnel-plot row with metafor's Egger test and rates publication bias", () => {
    const row = rowOf(summaryOf(bcg.studies), 'RR.new-relapse');
    expect(row.k).toBe(13);
    const ref = fixtures.egger.find((e) => e.measure === 'RR')!;
    expect(row.egger!.statistic).toBeCloseTo(ref.statistic, 9);
    expect(row.egger!.pValue).toBeCloseTo(ref.pValue, 9);
    const pb = row.domains.find((d) => d.domain === 'publication-bias')!;
    expect(pb).toMatchObject({ status: 'rated', suggested: ref.pValue < 0.1 ? 1 : 0 });
    expect(row.relativeText).toBe(forestTotal('new-relapse', 'RR', DEFAULT_SETTINGS, bcg.studies).effectText);
    // dat.bcg control risks: the median of cpos / (cpos + cneg) over the 13 trials.
    const risks = bcgRows.map((r) => r.ci / r.n2i).sort((a, b) => a - b);
    expect(row.medianControlRisk).toBeCloseTo(risks[6]!, 12);
    // Inconsistency is rated from the data (dat.bcg: I² = 92% under REML, estimates on both sides).
    expect(row.domains.find((d) => d.domain === 'inconsistency')).toMatchObject({ status: 'rated', suggested: 2 });
  });
});

describe('the summary says which analysis settings are on', () => {
  it('names the recovery methods, the ad hoc correction, and the Bayesian model with its prior', () => {
    const all = settingsDescription({ ...DEFAULT_SETTINGS, recovery: ALL_RECOVERY, test: 'adhoc' }, []);
    expect(all).toContain('Effect recovery (all recoverable evidence): ');
    expect(all).toContain('crossover as parallel');
    expect(all).toContain('Knapp-Hartung test with the ad hoc correction (s² ≥ 1)');
    const bayes = settingsDescription({ ...DEFAULT_SETTINGS, recovery: ALL_RECOVERY, test: 'adhoc', model: 'bayes', tauPrior: 'half-cauchy-0.5', muPrior: 'normal:0,4' }, []);
    expect(bayes).toContain('Bayesian random-effects model, τ ~ half-Cauchy(0.5), μ ~ N(0, 4²)');
    // The test of the frequentist interval does not apply to a credible interval.
    expect(bayes).not.toContain('Knapp-Hartung');
    expect(settingsDescription(DEFAULT_SETTINGS, [])).not.toContain('all recoverable evidence');
  });
});
