/**
 * The schema's additions for issue 13 (medians, event totals, several p-values, overall result,
 * dose ranges, same-trial links, the active-comparator kind, outcomes not analysed), valid and
 * invalid, with the failing path the loader names.
 */
import { describe, expect, it } from 'vitest';
import { miniEvidence, num } from '../test-support/mini-evidence';
import { evidenceProblemsOf } from '../test-support/evidence-problems';
import { parseEvidenceSet } from './parse-evidence';
import { studyExclusionReason, toEffectInputs } from './to-effect-inputs';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw JSON as a file holds it
const clone = (): any => JSON.parse(JSON.stringify(miniEvidence()));

const problemsOf = evidenceProblemsOf;

describe('p-values', () => {
  it('reads an old single pValue as pValues with comparison "not stated" (old imports and saved state keep loading)', () => {
    const raw = clone();
    delete raw.studies[0].outcomes[0].pValues;
    raw.studies[0].outcomes[0].pValue = { value: num(0.02, 'p = 0.02'), relation: '=' };
    const o = parseEvidenceSet(raw).studies[0]!.outcomes[0]!;
    expect(o.pValues).toEqual([{ value: num(0.02, 'p = 0.02'), relation: '=', comparison: 'not stated', test: 'not stated' }]);
    expect('pValue' in o).toBe(false);
  });
  it('keeps several p-values, each with its comparison and test; the test defaults to "not stated"', () => {
    const raw = clone();
    raw.studies[0].outcomes[0].pValues = [
      { value: num(0.0117, 'P = 0.0117'), comparison: 'not stated' },
      { value: num(0.02, 'p = 0.02'), relation: '<', comparison: 'between-arms', test: 'chi-square', arms: ['ivig', 'placebo'] },
    ];
    const o = parseEvidenceSet(raw).studies[0]!.outcomes[0]!;
    expect(o.pValues.map((p) => [p.value.value, p.relation, p.comparison, p.test])).toEqual([[0.0117, '=', 'not stated', 'not stated'], [0.02, '<', 'between-arms', 'chi-square']]);
  });
  it('refuses a p-value without its comparison, an unknown arm, and both pValue and pValues', () => {
    const raw = clone();
    raw.studies[0].outcomes[0].pValues = [{ value: num(0.02, 'p = 0.02'), arms: ['ivig', 'nope'], comparison: 'between-arms' }];
    expect(problemsOf(() => parseEvidenceSet(raw))).toEqual(['studies[0].outcomes[0].pValues[0].arms[1] (study "rr-1997"): unknown arm "nope"']);
    delete raw.studies[0].outcomes[0].pValues[0].comparison;
    expect(problemsOf(() => parseEvidenceSet(raw))[0]).toMatch(/^studies\[0\]\.outcomes\[0\]\.pValues\[0\]\.comparison/);
    raw.studies[0].outcomes[0].pValues = [];
    raw.studies[0].outcomes[0].pValue = { value: num(0.02, 'p = 0.02') };
    expect(problemsOf(() => parseEvidenceSet(raw)).join('\n')).toMatch(/pValue/);
  });
});

describe('medians and event totals', () => {
  it('accept medians with range and IQR, and event totals without denominators', () => {
    const raw = clone();
    raw.studies[0].outcomes.push(
      { id: 'gd', kind: 'mri-gd-lesions', label: 'Gd lesions per scan', timepoint: '6 months', data: { form: 'medians', arms: [
        { arm: 'ivig', median: num(0.5, 'median 0.5 (range 0-3)'), rangeLower: num(0, 'median 0.5 (range 0-3)'), rangeUpper: num(3, 'median 0.5 (range 0-3)'), n: { value: null, reason: 'not given' } },
        { arm: 'placebo', median: num(1, 'median 1 (IQR 0-2)'), q1: num(0, 'median 1 (IQR 0-2)'), q3: num(2, 'median 1 (IQR 0-2)'), n: num(20, 'n = 20') },
      ] } },
      { id: 'relapses', kind: 'relapse-count', label: 'Relapses', timepoint: '2 years', data: { form: 'event-totals', arms: [
        { arm: 'ivig', events: num(62, '62 vs 116'), n: { value: null, reason: 'not given' } },
        { arm: 'placebo', events: num(116, '62 vs 116'), n: { value: null, reason: 'not given' } },
      ] } },
    );
    const s = parseEvidenceSet(raw).studies[0]!;
    expect(s.outcomes.map((o) => o.data.form)).toEqual(['counts', 'medians', 'event-totals']);
  });
  it('refuse a median outside its range, an unknown arm and a fractional event total', () => {
    const raw = clone();
    raw.studies[0].outcomes.push(
      { id: 'gd', kind: 'mri-gd-lesions', label: 'Gd', timepoint: '6 months', data: { form: 'medians', arms: [
        { arm: 'ivig', median: num(4), rangeLower: num(0), rangeUpper: num(3), n: { value: null, reason: 'x' } },
        { arm: 'nope', median: num(1), n: { value: null, reason: 'x' } },
      ] } },
      { id: 'rel', kind: 'relapse-count', label: 'Relapses', timepoint: '2 years', data: { form: 'event-totals', arms: [
        { arm: 'ivig', events: num(6.5), n: { value: null, reason: 'x' } },
        { arm: 'placebo', events: num(11), n: { value: null, reason: 'x' } },
      ] } },
    );
    expect(problemsOf(() => parseEvidenceSet(raw))).toEqual([
      'studies[0].outcomes[1].data.arms[1].arm (study "rr-1997"): unknown arm "nope"',
      'studies[0].outcomes[1].data.arms[0].rangeUpper.value (study "rr-1997"): median above the range upper bound: 4 is above 3',
      'studies[0].outcomes[2].data.arms[0].events.value (study "rr-1997"): expected a non-negative integer, got 6.5',
    ]);
  });
  it('are not estimable yet, and say why', () => {
    const raw = clone();
    raw.studies[0].outcomes = [
      { id: 'rel', kind: 'relapse-count', label: 'Relapses', timepoint: '2 years', data: { form: 'event-totals', arms: [
        { arm: 'ivig', events: num(62), n: { value: null, reason: 'x' } },
        { arm: 'placebo', events: num(116), n: { value: null, reason: 'x' } },
      ] } },
    ];
    const set = parseEvidenceSet(raw);
    expect(toEffectInputs(set.studies, 'relapse-count', 'MD', { useDerived: true }).nonEstimable.find((n) => n.studyId === 'rr-1997')?.reason).toBe('event totals without denominators');
  });
});

describe('dose ranges', () => {
  const withRange = (lower: number, upper: number, mid: number | null) => {
    const raw = clone();
    const a = raw.studies[0].arms[0];
    a.maintenanceDoseRangeGPerKg = { lower: num(lower, '0.15–0.2 g/kg'), upper: num(upper, '0.15–0.2 g/kg') };
    a.monthlyDoseRangeGPerKg = { lower: num(lower, '0.15–0.2 g/kg'), upper: num(upper, '0.15–0.2 g/kg') };
    a.maintenanceDoseGPerKg = mid === null ? { value: null, reason: 'a range' } : { ...num(mid, '0.15–0.2 g/kg', 'derived'), formula: '(0.15 + 0.2) / 2' };
    a.monthlyDoseGPerKg = a.maintenanceDoseGPerKg;
    return raw;
  };
  it('keep both bounds, the midpoint derived', () => {
    const arm = parseEvidenceSet(withRange(0.15, 0.2, 0.175)).studies[0]!.arms[0]!;
    expect([arm.maintenanceDoseRangeGPerKg?.lower.value, arm.maintenanceDoseRangeGPerKg?.upper.value, arm.maintenanceDoseGPerKg.value]).toEqual([0.15, 0.2, 0.175]);
  });
  it('refuse a lower bound above the upper and a scalar dose outside its range', () => {
    expect(problemsOf(() => parseEvidenceSet(withRange(0.2, 0.15, null)))).toEqual([
      'studies[0].arms[0].maintenanceDoseRangeGPerKg.lower.value (study "rr-1997"): dose range lower bound (0.2) above its upper bound (0.15)',
      'studies[0].arms[0].monthlyDoseRangeGPerKg.lower.value (study "rr-1997"): dose range lower bound (0.2) above its upper bound (0.15)',
    ]);
    expect(problemsOf(() => parseEvidenceSet(withRange(0.15, 0.2, 0.4)))).toEqual([
      'studies[0].arms[0].maintenanceDoseGPerKg.value (study "rr-1997"): 0.4 lies outside its range 0.15–0.2',
      'studies[0].arms[0].monthlyDoseGPerKg.value (study "rr-1997"): 0.4 lies outside its range 0.15–0.2',
    ]);
  });
});

describe('same trial, active comparator, not analysed', () => {
  it('a same-trial link must name another study of the set; the linked report is never pooled', () => {
    const raw = clone();
    raw.studies[0].sameTrialAs = { study: 'nope', certainty: 'probable', note: 'same centre and period' };
    expect(problemsOf(() => parseEvidenceSet(raw))).toEqual(['studies[0].sameTrialAs.study (study "rr-1997"): unknown study "nope"']);
    raw.studies[0].sameTrialAs.study = 'rr-1997';
    expect(problemsOf(() => parseEvidenceSet(raw))).toEqual(['studies[0].sameTrialAs.study (study "rr-1997"): a study cannot be the same trial as itself']);
    raw.studies[0].sameTrialAs.study = 'sp-2004';
    const set = parseEvidenceSet(raw);
    expect(studyExclusionReason(set.studies[0]!, set.studies)).toBe('same trial as Beta 2004: not pooled twice');
    expect(toEffectInputs(set.studies, 'relapse-free', 'RR', { useDerived: true }).nonEstimable.find((n) => n.studyId === 'rr-1997')?.reason).toBe('same trial as Beta 2004: not pooled twice');
  });
  it('an IVIG vs active-drug trial is never pooled with placebo-controlled trials', () => {
    const raw = clone();
    raw.studies[0].kind = 'ivig-active-comparator-rct';
    raw.studies[0].arms[1].role = 'other';
    raw.studies[0].arms[1].label = 'interferon beta-1a';
    const set = parseEvidenceSet(raw);
    expect(studyExclusionReason(set.studies[0]!)).toBe('active comparator (IVIG vs interferon beta-1a): not pooled with placebo-controlled trials');
  });
  it('an outcome kept only as a conflicting report needs its reason, and is never pooled', () => {
    const raw = clone();
    raw.studies[0].outcomes[0].analysed = false;
    expect(problemsOf(() => parseEvidenceSet(raw))[0]).toMatch(/^studies\[0\]\.outcomes\[0\]\.notAnalysedReason .*needs its notAnalysedReason/);
    raw.studies[0].outcomes[0].notAnalysedReason = 'conflicts with the main report';
    const set = parseEvidenceSet(raw);
    const inputs = toEffectInputs(set.studies, 'relapse-free', 'RR', { useDerived: true });
    expect(inputs.effects.map((e) => e.studyId)).not.toContain('rr-1997');
    expect(inputs.nonEstimable.find((n) => n.studyId === 'rr-1997')?.reason).toBe('not analysed: conflicts with the main report');
  });
  it('an overall result keeps the statement and its direction', () => {
    const raw = clone();
    raw.studies[0].overallResult = { statement: { text: 'no benefit', source: 'src-a', status: 'secondary' }, direction: 'no-difference' };
    expect(parseEvidenceSet(raw).studies[0]!.overallResult?.direction).toBe('no-difference');
  });
});
