/**
 * The IVIG evidence (fixtures/ivig-aims.json): effect sizes from the AIMS and Achiron trial
 * reports against escalc(), the ESIMS hazard ratio's log and SE from its CI, and an SE from a
 * p-value, each computed in R with the formula recorded in the fixture. The CI and p-value cases go
 * through the effect-recovery functions the app uses (`seFromRatioCi`, `seFromEstimateAndP`). Pooled results for the
 * k = 1 (AIMS worsened) and k = 2 (relapse-free OR) sets are in rma.json and rma-mh.json.
 */
import { describe, expect, it } from 'vitest';
import * as engine from '../../src/stats';
import { type ArmData, type EffectMeasure, effectSize, seFromEstimateAndP, seFromRatioCi } from '../../src/stats';
import ivigJson from './fixtures/ivig-aims.json';
import { expectClose, reportWorstErrors } from './compare';
import type { FixtureMeta } from './fixture-types';

interface IvigFixture {
  meta: FixtureMeta;
  effects: { name: string; measure: EffectMeasure; call: string; row: ArmData; yi: number; vi: number }[];
  ratioCi: { name: string; ratio: number; lower: number; upper: number; call: string; yi: number; sei: number };
  seFromP: { name: string; ratio: number; pValue: number; groupSizes?: { n1: number; n2: number }; call: string; sei: number }[];
}
const fixture = ivigJson as unknown as IvigFixture;
reportWorstErrors('ivig-aims');

describe(`ivig-aims fixtures (metafor ${fixture.meta.metafor})`, () => {
  it.each(fixture.effects.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const e = effectSize(c.measure, c.row);
    expectClose(e.yi, c.yi, `${name}: yi`, `yi (${c.measure})`, undefined, c.call);
    expectClose(e.vi, c.vi, `${name}: vi`, `vi (${c.measure})`, undefined, c.call);
  });

  it('Achiron 1998 relapse-free 6/20 vs 0/20 gets the 1/2 correction', () => {
    const e = effectSize('OR', { ai: 6, n1i: 20, ci: 0, n2i: 20 });
    expect(e.continuityCorrection).toBe(0.5);
    expect(e.doubleZero).toBe(false);
    // Exact: ln((6.5 · 20.5) / (14.5 · 0.5)).
    expect(e.yi).toBeCloseTo(Math.log((6.5 * 20.5) / (14.5 * 0.5)), 14);
  });

  it(`${fixture.ratioCi.name}: log HR and SE from the CI`, () => {
    const c = fixture.ratioCi;
    const d = seFromRatioCi({ ratio: c.ratio, lower: c.lower, upper: c.upper });
    expectClose(d.yi, c.yi, 'ESIMS yi', 'log ratio from CI', undefined, c.call);
    expectClose(d.sei, c.sei, 'ESIMS sei', 'SE from CI', undefined, c.call);
    expect(d.provenance.method).toBe('se-from-ci-ratio');
    expect(d.provenance.formula).toBe('SE = (ln 1.53 − ln 0.8) / (2 × z_0.975 = 2 × 1.96) = 0.1654');
  });

  it.each(fixture.seFromP.map((c) => [c.name, c] as const))('SE from a p-value (%s)', (name, c) => {
    const d = seFromEstimateAndP({ estimate: c.ratio, scale: 'ratio', p: c.pValue, ...(c.groupSizes ? { test: 't', groupSizes: c.groupSizes } : {}) });
    expectClose(d.sei, c.sei, `seFromEstimateAndP ${name}`, 'SE from p-value', undefined, c.call);
    expect(d.df).toBe(c.groupSizes ? c.groupSizes.n1 + c.groupSizes.n2 - 2 : null);
  });

  // The engine once had a second SE-from-p (Φ⁻¹(1 − p/2), which loses a tiny p's digits and gives
  // SE = 0 below p ≈ 1e-16) and a second SE-from-ratio-CI; one formula each, so that no caller can
  // pick the worse one. The tiny-p values themselves are checked in recovery.test.ts (p = 1e-12, 1e-20).
  it('offers one SE-from-p and one SE-from-CI function', () => {
    expect(Object.keys(engine).filter((name) => /^(se|effect)From/.test(name)).sort()).toEqual([
      'seFromDifferenceCi',
      'seFromEstimateAndP',
      'seFromRatioCi',
    ]);
  });
});
