/**
 * effectSize() against metafor's escalc() (fixtures/escalc.json): OR, RR, RD from 2×2 tables
 * (dat.bcg; dat.nielweise2007 with zero cells and a double-zero table; synthetic zero-cell
 * tables), MD and SMD (dat.normand1999; very small and large samples for Hedges' correction),
 * IRR (dat.hart1999; synthetic zero-event comparisons). Closed-form, so the default tolerance.
 */
import { describe, expect, it } from 'vitest';
import { type ArmData, type EffectMeasure, effectSizes } from '../../src/stats';
import escalcJson from './fixtures/escalc.json';
import { expectAllClose, reportWorstErrors } from './compare';
import type { FixtureMeta } from './fixture-types';

interface EscalcCase {
  name: string;
  measure: EffectMeasure;
  call: string;
  rows: ArmData[];
  yi: number[];
  vi: number[];
}
const fixture = escalcJson as unknown as { meta: FixtureMeta; cases: EscalcCase[] };
reportWorstErrors('escalc');

describe(`escalc fixtures (metafor ${fixture.meta.metafor})`, () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const effects = effectSizes(c.measure, c.rows);
    expectAllClose(effects.map((e) => e.yi), c.yi, `${name}: yi`, `yi (${c.measure})`, undefined, c.call);
    expectAllClose(effects.map((e) => e.vi), c.vi, `${name}: vi`, `vi (${c.measure})`, undefined, c.call);
  });

  it('flags the zero-cell correction and the double-zero table of dat.nielweise2007', () => {
    const c = fixture.cases.find((x) => x.name === 'nielweise2007-OR');
    expect(c).toBeDefined();
    const effects = effectSizes('OR', c?.rows ?? []);
    const corrected = effects.map((e, i) => (e.continuityCorrection === null ? null : i + 1)).filter((i) => i !== null);
    // Studies 1, 4, 11, 12, 15 (Yucel 2004: 0/118 vs 0/105) and 16 have a zero cell.
    expect(corrected).toEqual([1, 4, 11, 12, 15, 16]);
    expect(effects.map((e) => e.doubleZero).indexOf(true)).toBe(14);
    expect(effects[14]?.continuityCorrection).toBe(0.5);
  });
});
