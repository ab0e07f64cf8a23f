/** Each certainty rule on small inputs, at its boundaries. */
import { describe, expect, it } from 'vitest';
import {
  certaintyOf, imprecisionDomain, inconsistencyDomain, judgedDomain, publicationBiasDomain, rating,
  type ImprecisionInput, type TrialJudgment,
} from './certainty';

const trials = (weights: (number | null)[]) => weights.map((w, i) => ({ studyId: `t${i + 1}`, label: `Trial ${i + 1}`, weightPercent: w }));
const j = (level: TrialJudgment['level'], reason = ''): TrialJudgment => ({ level, reason });

describe('risk of bias and indirectness from per-trial judgments', () => {
  it('not assessed until every trial is judged (nothing rated down; provisional)', () => {
    const r = judgedDomain('risk-of-bias', trials([60, 40]), { t1: j('high') });
    expect(r).toMatchObject({ status: 'not-assessed', suggested: 0, applied: 0 });
    expect(r.reasons[0]).toBe('Risk of bias not assessed: no judgment yet for Trial 2. Certainty is provisional until every trial is judged.');
    expect(certaintyOf([r]).provisional).toBe(true);
  });

  it('high-risk trials with 50% of the weight: −2; 49%: only the some-concerns rule', () => {
    expect(judgedDomain('risk-of-bias', trials([50, 50]), { t1: j('high'), t2: j('low') }).suggested).toBe(2);
    expect(judgedDomain('risk-of-bias', trials([49, 51]), { t1: j('high'), t2: j('low') }).suggested).toBe(0);
    expect(judgedDomain('risk-of-bias', trials([49, 1, 50]), { t1: j('high'), t2: j('some'), t3: j('low') }).suggested).toBe(1);
  });

  it('some concerns or high with 50%: −1; below: 0; the reasons name each trial', () => {
    const r = judgedDomain('indirectness', trials([50, 50]), { t1: j('some', 'mixed population'), t2: j('low') });
    expect(r.suggested).toBe(1);
    expect(r.reasons[0]).toBe('Serious indirectness: trials judged high or some concerns carry 50% of the weight (rule: ≥ 50% → −1). Trial 1: some concerns (mixed population); Trial 2: low.');
    expect(judgedDomain('indirectness', trials([40, 60]), { t1: j('some'), t2: j('low') }).suggested).toBe(0);
  });

  it('unknown weights count the trials equally', () => {
    const r = judgedDomain('risk-of-bias', trials([null, null, null]), { t1: j('high'), t2: j('some'), t3: j('low') });
    expect(r.suggested).toBe(1);
    expect(r.reasons[0]).toContain('67% of the trials (weights unknown: counted equally)');
  });

  it('an override applies, with its reason, and the suggestion stays visible', () => {
    const r = judgedDomain('risk-of-bias', trials([100]), { t1: j('low') }, { downgrade: 1, reason: 'unblinded outcome assessment' });
    expect(r).toMatchObject({ suggested: 0, applied: 1, override: { reason: 'unblinded outcome assessment' } });
  });
});

describe('inconsistency (GRADE guideline 7)', () => {
  const base = { k: 3, piLower: null, piUpper: null, I2Basis: 'τ²-based' };
  it('one trial: not assessable, said so', () => {
    const r = inconsistencyDomain({ ...base, k: 1, I2: null, estimates: [0.3] });
    expect(r).toMatchObject({ status: 'not-assessable', applied: 0 });
    expect(r.reasons[0]).toBe('Inconsistency not assessable: one trial.');
  });
  it('I² 75% with estimates on both sides: −2; 74.9%: −1', () => {
    expect(inconsistencyDomain({ ...base, I2: 75, estimates: [-0.5, 0.4, 0.1] }).suggested).toBe(2);
    expect(inconsistencyDomain({ ...base, I2: 74.9, estimates: [-0.5, 0.4, 0.1] }).suggested).toBe(1);
  });
  it('I² 50% with a prediction interval across no effect: −1; 49.9%: 0', () => {
    expect(inconsistencyDomain({ ...base, I2: 50, piLower: -0.2, piUpper: 1, estimates: [0.2, 0.5, 0.9] }).suggested).toBe(1);
    expect(inconsistencyDomain({ ...base, I2: 49.9, piLower: -0.2, piUpper: 1, estimates: [-0.2, 0.5, 0.9] }).suggested).toBe(0);
  });
  it('high I² with every estimate on one side and a PI that excludes no effect: not rated down', () => {
    const r = inconsistencyDomain({ ...base, I2: 90, piLower: 0.1, piUpper: 2, estimates: [0.2, 0.5, 1.5] });
    expect(r.suggested).toBe(0);
    expect(r.reasons[0]).toBe('Not serious: I² = 90% (τ²-based); point estimates on one side of no effect; the prediction interval excludes no effect.');
  });
});

describe('imprecision (GRADE guideline 6 and guidance 34)', () => {
  const per = (x: number) => `${Math.round(x)} per 1,000`;
  const x = (over: Partial<ImprecisionInput>): ImprecisionInput => ({ lower: -50, upper: -30, thresholdLow: -25, thresholdHigh: 25, describe: per, participants: 2000, ois: 1000, oisNote: 'test', ...over });
  it('a CI beyond the lower threshold and an OIS met: not rated down', () => {
    expect(imprecisionDomain(x({})).suggested).toBe(0);
  });
  it('a CI that crosses no effect, or one threshold: −1', () => {
    expect(imprecisionDomain(x({ lower: -20, upper: 10 })).suggested).toBe(1);
    expect(imprecisionDomain(x({ lower: -40, upper: -10 })).suggested).toBe(1);
    // Touching a threshold is not crossing it.
    expect(imprecisionDomain(x({ lower: -40, upper: -25 })).suggested).toBe(0);
  });
  it('a CI that crosses both thresholds: −2', () => {
    const r = imprecisionDomain(x({ lower: -30, upper: 30 }));
    expect(r.suggested).toBe(2);
    expect(r.reasons[0]).toContain('crosses both thresholds of importance (thresholds -25 per 1,000 and 25 per 1,000): −2.');
  });
  it('the OIS: met at exactly the OIS, −1 just below, −2 below half', () => {
    expect(imprecisionDomain(x({ participants: 1000 })).suggested).toBe(0);
    expect(imprecisionDomain(x({ participants: 999 })).suggested).toBe(1);
    expect(imprecisionDomain(x({ participants: 500 })).suggested).toBe(1);
    expect(imprecisionDomain(x({ participants: 499 })).suggested).toBe(2);
  });
  it('no OIS: only the CI rule, and the reason says why', () => {
    const r = imprecisionDomain(x({ ois: null, oisNote: 'OIS not computed: no control risk (enter one)' }));
    expect(r.suggested).toBe(0);
    expect(r.reasons[0]).toContain('OIS not computed: no control risk (enter one)');
  });
});

describe('publication bias', () => {
  it('fewer than 10 trials: not assessable, said so', () => {
    const r = publicationBiasDomain(9, { statistic: -3, df: 7, pValue: 0.01 });
    expect(r).toMatchObject({ status: 'not-assessable', applied: 0 });
    expect(r.reasons[0]).toBe("Publication bias not assessable: 9 trials (a funnel plot and Egger's test need at least 10).");
  });
  it("10 trials: Egger's p < 0.10 rates down once, p = 0.10 does not", () => {
    expect(publicationBiasDomain(10, { statistic: -2, df: 8, pValue: 0.0999 }).suggested).toBe(1);
    expect(publicationBiasDomain(10, { statistic: -2, df: 8, pValue: 0.1 }).suggested).toBe(0);
  });
});

describe('certainty', () => {
  it('starts high and rates down by the applied levels, never below very low', () => {
    expect(certaintyOf([rating('imprecision', 'rated', 0, [])])).toEqual({ level: 4, label: 'HIGH', symbols: '⊕⊕⊕⊕', provisional: false });
    expect(certaintyOf([rating('imprecision', 'rated', 1, []), rating('inconsistency', 'rated', 1, [])])).toMatchObject({ level: 2, label: 'LOW', symbols: '⊕⊕◯◯' });
    expect(certaintyOf([rating('imprecision', 'rated', 2, []), rating('inconsistency', 'rated', 2, [])])).toMatchObject({ level: 1, label: 'VERY LOW', symbols: '⊕◯◯◯' });
  });
  it('an override of a domain not yet assessed ends the provisional mark for it', () => {
    const notAssessed = rating('risk-of-bias', 'not-assessed', 0, []);
    expect(certaintyOf([notAssessed]).provisional).toBe(true);
    expect(certaintyOf([rating('risk-of-bias', 'not-assessed', 0, [], { downgrade: 1, reason: 'judged for the outcome as a whole' })])).toMatchObject({ level: 3, provisional: false });
  });
});
