/**
 * Which recovery applies to which study, per switch, and what the rows carry: the method's mark,
 * its formula, the crossover caveat, and for a study left out the switch that would include it.
 * Small made-up studies (the formulas themselves are tested against R in src/stats/effect-recovery).
 * R values: qnorm(0.995) = 2.5758293035489.
 */
import { describe, expect, it } from 'vitest';
import type { Outcome } from '../schema';
import { arm, num, study } from '../../test-support/mini-evidence';
import { toArmComparisons, toEffectInputs } from '../to-effect-inputs';
import { ALL_RECOVERY, DEFAULT_RECOVERY } from './recovery-settings';

const counts = (rows: [string, number, number][]): Outcome['data'] => ({ form: 'counts', arms: rows.map(([a, e, t]) => ({ arm: a, events: num(e), total: num(t) })) });
const outcome = (kind: Outcome['kind'], data: Outcome['data'], extra: Partial<Outcome> = {}): Outcome => ({ id: `${kind}-1`, kind, label: kind, timepoint: '1 year', primary: false, data, notes: [], pValues: [], ...extra } as Outcome);
const means = (rows: [string, number, number | null, number][]): Outcome['data'] => ({
  form: 'continuous',
  arms: rows.map(([a, m, sd, n]) => ({ arm: a, mean: num(m), sd: sd === null ? { value: null, reason: 'SD not reported in the abstract.' } : num(sd), n: num(n) })),
});

const crossover = study({
  id: 'xo', label: 'Crossover 1998', year: 1998, phase: 'RR',
  design: { allocation: 'crossover', randomised: true, blinding: 'double-blind', control: 'placebo', durationMonths: num(12) },
  flags: [{ code: 'crossover-within-patient', text: 'within-patient' }],
  outcomes: [outcome('relapse-free', counts([['ivig', 15, 21], ['placebo', 7, 21]]))],
});
const threeArm = study({
  id: 'three', label: 'Three-arm 2008', year: 2008, phase: 'RR',
  arms: [arm('low', 'ivig', 44, 0.217), arm('high', 'ivig', 42, 0.435), arm('placebo', 'placebo', 41)],
  outcomes: [outcome('relapse-free', counts([['low', 25, 44], ['high', 25, 42], ['placebo', 28, 41]]))],
});

describe('crossover as parallel', () => {
  it('is off by default: the crossover is listed with the switch that would include it', () => {
    const r = toEffectInputs([crossover], 'relapse-free', 'RR', { useDerived: true });
    expect(r.effects).toEqual([]);
    expect(r.nonEstimable[0]).toMatchObject({ reason: 'crossover: within-patient data (needs a paired analysis)', includedBy: 'would be included with “crossover as parallel” (crossover=parallel)' });
  });
  it('on: the periods are two groups, marked, with the caveat beside the row', () => {
    const [e] = toEffectInputs([crossover], 'relapse-free', 'RR', { useDerived: true, recovery: { ...DEFAULT_RECOVERY, crossover: 'parallel' } }).effects;
    expect(e!.counts).toEqual({ ai: 15, n1i: 21, ci: 7, n2i: 21 });
    expect(e!.recoveries.map((m) => [m.method, m.symbol])).toEqual([['crossover-as-parallel', '⇄']]);
    expect(e!.caveats[0]).toMatch(/^Crossover analysed as if parallel: ignores the within-patient correlation/);
  });
});

describe('multi-arm trials', () => {
  it('combined (default): events and totals added, marked with the sums', () => {
    const [e] = toEffectInputs([threeArm], 'relapse-free', 'RR', { useDerived: true }).effects;
    expect(e!.counts).toEqual({ ai: 50, n1i: 86, ci: 28, n2i: 41 });
    expect(e!.treatmentData).toBe('50/86');
    expect(e!.recoveries[0]).toMatchObject({ method: 'combined-arms', formula: '2 IVIG arms combined: events 25 + 25 = 50, totals 44 + 42 = 86' });
  });
  it('separate: one row per IVIG arm, the placebo group split between them (as the dose-response points)', () => {
    const r = toEffectInputs([threeArm], 'relapse-free', 'RR', { useDerived: true, recovery: { ...DEFAULT_RECOVERY, arms: 'separate' } });
    expect(r.effects.map((e) => [e.key, e.label, e.counts])).toEqual([
      ['three:low', 'Three-arm 2008, low', { ai: 25, n1i: 44, ci: 14, n2i: 20.5 }],
      ['three:high', 'Three-arm 2008, high', { ai: 25, n1i: 42, ci: 14, n2i: 20.5 }],
    ]);
    const dose = toArmComparisons([threeArm], 'relapse-free', 'RR', { useDerived: true }).comparisons.map((c) => c.effect!.counts);
    expect(r.effects.map((e) => e.counts)).toEqual(dose);
  });
});

describe('a missing SD', () => {
  const donor = study({ id: 'donor', label: 'Donor 1997', year: 1997, phase: 'RR', outcomes: [outcome('annualized-relapse-rate', means([['ivig', 0.5, 1.2, 50], ['placebo', 1.0, 1.5, 50]]))] });
  const withP = (p: Partial<NonNullable<Outcome['pValues']>[number]>) => study({
    id: 'nosd', label: 'No SD 1998', year: 1998, phase: 'RR',
    outcomes: [outcome('annualized-relapse-rate', means([['ivig', 0.42, null, 20], ['placebo', 1.4, null, 20]]), { pValues: [{ value: num(0.01), relation: '=', comparison: 'between-arms', test: 'not stated', ...p }] } as Partial<Outcome>)],
  });

  it('from the between-arms p of the mean difference (z): SE = |MD| / Φ⁻¹(1 − p/2)', () => {
    const e = toEffectInputs([withP({})], 'annualized-relapse-rate', 'MD', { useDerived: true }).effects[0]!;
    expect(e.yi).toBeCloseTo(0.42 - 1.4, 14);
    expect(e.sei).toBeCloseTo(0.98 / 2.5758293035489, 12);
    expect(e.recoveries[0]!.method).toBe('se-from-p');
    expect(e.treatmentData).toBe('0.42 (—) 20');
  });

  it('never from an overall or within-arm p: the study says why, and which switch would include it', () => {
    for (const comparison of ['overall', 'within-arm', 'not stated'] as const) {
      const r = toEffectInputs([donor, withP({ comparison })], 'annualized-relapse-rate', 'MD', { useDerived: true });
      expect(r.effects.map((e) => e.studyId)).toEqual(['donor']);
      const n = r.nonEstimable[0]!;
      expect(n.reason).toContain(`p = 0.01 not used: ${{ overall: 'an overall (repeated-measures) test', 'within-arm': 'a change within one arm', 'not stated': 'its comparison is not stated' }[comparison]}`);
      expect(n.includedBy).toBe('would be included with “SD imputed” (impute-sd=largest)');
    }
  });

  it('imputed from the other trials: the largest SD, or their pooled SD, marked on the row', () => {
    const noP = withP({ comparison: 'overall' });
    const largest = toEffectInputs([donor, noP], 'annualized-relapse-rate', 'MD', { useDerived: true, recovery: { ...DEFAULT_RECOVERY, imputeSd: 'largest' } }).effects[1]!;
    expect(largest.vi).toBeCloseTo(1.5 ** 2 / 20 + 1.5 ** 2 / 20, 14);
    expect(largest.treatmentData).toBe('0.42 (1.5*) 20');
    expect(largest.recoveries[0]).toMatchObject({ method: 'imputed-sd', symbol: '*' });
    expect(largest.recoveries[0]!.formula).toContain('Donor 1997 placebo');
    // R: sqrt((49 * 1.2^2 + 49 * 1.5^2) / 98) = 1.35830777072061
    const pooled = toEffectInputs([donor, noP], 'annualized-relapse-rate', 'MD', { useDerived: true, recovery: { ...DEFAULT_RECOVERY, imputeSd: 'pooled' } }).effects[1]!;
    expect(pooled.vi).toBeCloseTo(2 * 1.35830777072061 ** 2 / 20, 12);
  });
});

describe('SE from a CI', () => {
  it('off: a reported contrast is left out, with the switch that brings it back', () => {
    const hr = study({ id: 'hr', label: 'HR 2004', year: 2004, phase: 'SP', outcomes: [outcome('time-to-confirmed-progression', { form: 'contrast', measure: 'HR', comparison: { treatment: 'ivig', control: 'placebo' }, estimate: num(1.11), ciLower: num(0.8), ciUpper: num(1.53), levelPercent: 95 })] });
    const off = toEffectInputs([hr], 'time-to-confirmed-progression', 'HR', { useDerived: true, recovery: { ...DEFAULT_RECOVERY, seFromCi: false } });
    expect(off.nonEstimable[0]).toMatchObject({ includedBy: 'would be included with “SE from CI” (se-ci=1)' });
    const on = toEffectInputs([hr], 'time-to-confirmed-progression', 'HR', { useDerived: true, recovery: ALL_RECOVERY }).effects[0]!;
    expect(on.recoveries.map((m) => m.method)).toEqual(['se-from-ci']);
    expect(on.sei).toBeCloseTo((Math.log(1.53) - Math.log(0.8)) / (2 * 1.959963984540054), 14);
  });
});
