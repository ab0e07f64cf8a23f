/**
 * Arm data leave to-effect-inputs as the source gives them: counts of 10,000 and more keep every
 * digit (dat.bcg: 141/27338, 499/88391), and a placebo group split between dose arms (Cochrane
 * Handbook 23.3.4) is shown as our arithmetic, with the entered numbers and the formula.
 */
import { describe, expect, it } from 'vitest';
import rmaMh from '../../tests/reference/fixtures/rma-mh.json';
import { evidenceFromBinaryRows } from '../test-support/evidence-from-rows';
import type { Study } from './schema';
import { toArmComparisons, toEffectInputs } from './to-effect-inputs';

const bcgRows = rmaMh.cases.find((c) => c.name === 'bcg-MH-RR')!.rows;

describe('arm data as entered', () => {
  it('keeps every digit of large counts (dat.bcg)', () => {
    const { effects } = toEffectInputs(evidenceFromBinaryRows(bcgRows).studies, 'new-relapse', 'RR', { useDerived: true });
    expect(effects.map((e) => e.controlData)).toEqual(bcgRows.map((r) => `${r.ci}/${r.n2i}`));
    expect(effects.map((e) => e.treatmentData)).toEqual(bcgRows.map((r) => `${r.ai}/${r.n1i}`));
    expect(effects.map((e) => e.controlData)).toContain('141/27338');
    expect(effects.map((e) => e.controlData)).toContain('499/88391');
    expect(effects.every((e) => e.derivations.length === 0)).toBe(true);
  });

  it('shows a split placebo share as derived, with its formula', () => {
    // One trial, two IVIG dose arms against one placebo group of 13/25: each comparison gets half.
    const base = evidenceFromBinaryRows([{ ai: 5, n1i: 20, ci: 13, n2i: 25 }]).studies[0]!;
    const ivig = base.arms[0]!;
    const counts = base.outcomes[0]!.data as Extract<Study['outcomes'][number]['data'], { form: 'counts' }>;
    const study: Study = {
      ...base,
      arms: [ivig, { ...ivig, id: 'ivig-2', label: 'ivig 2' }, base.arms[1]!],
      outcomes: [{ ...base.outcomes[0]!, data: { form: 'counts', arms: [counts.arms[0]!, { ...counts.arms[0]!, arm: 'ivig-2' }, counts.arms[1]!] } }],
    };
    const { comparisons } = toArmComparisons([study], 'new-relapse', 'RR', { useDerived: true });
    expect(comparisons).toHaveLength(2);
    const e = comparisons[0]!.effect!;
    expect(e.controlData).toBe('6.5/12.5');
    expect(e.counts).toEqual({ ai: 5, n1i: 20, ci: 6.5, n2i: 12.5 });
    expect(e.derived).toBe(true);
    expect(e.derivations).toContain('placebo 13/25 shared by 2 dose arms and split between them: events 13 / 2 = 6.5, total 25 / 2 = 12.5 (Cochrane Handbook 23.3.4)');
  });
});
