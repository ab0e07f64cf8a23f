/**
 * The effect-recovery formulas (src/stats/effect-recovery) against fixtures/recovery.json, which
 * tests/reference/make-recovery-fixtures.R computes in base R from the Handbook's and the papers'
 * formulas (no TypeScript, no conv.* — metafor 3.8 has none). Closed-form arithmetic, so the
 * tolerance is 1e-10 relative (1e-12 absolute near zero); the one iterative fit (REML on the
 * conv.wald dat.bcg example) keeps the project's 1e-6.
 */
import { describe, expect, it } from 'vitest';
import {
  combineArmMeans,
  crossoverAsParallel,
  crossoverPairedMeanDifference,
  crossoverPairedSmd,
  effectSize,
  imputeMissingSd,
  meanFromMedian,
  metaAnalysis,
  sdFromArmCi,
  sdFromMedian,
  seFromDifferenceCi,
  seFromEstimateAndP,
  seFromRatioCi,
  wanEta,
  wanXi,
  type MedianSummary,
  type PValueRelation,
} from '../../src/stats';
import recoveryJson from './fixtures/recovery.json';
import { type Tolerance, expectClose, reportWorstErrors } from './compare';
import type { FixtureMeta } from './fixture-types';

const CLOSED_FORM: Tolerance = { relative: 1e-10, absolute: 1e-12 };

interface Case<I, E> {
  name: string;
  source: string;
  call: string;
  input: I;
  expected: E;
}
interface RecoveryFixture {
  meta: FixtureMeta;
  seFromRatioCi: Case<{ ratio: number; lower: number; upper: number; levelPercent: number }, { yi: number; sei: number; vi: number; critical: number }>[];
  seFromDifferenceCi: Case<
    { estimate: number; lower: number; upper: number; levelPercent: number; groupSizes?: { n1: number; n2: number } },
    { sei: number; vi: number; critical: number; df: number | null }
  >[];
  sdFromArmCi: Case<{ lower: number; upper: number; n: number; levelPercent: number; distribution?: 'normal' | 't' }, { sd: number; se: number; critical: number }>[];
  seFromEstimateAndP: Case<
    { estimate: number; scale: 'ratio' | 'difference'; p: number; relation: PValueRelation; test: 'z' | 't'; groupSizes?: { n1: number; n2: number } },
    { yi: number; sei: number; vi: number; statistic: number }
  >[];
  convWaldBcg: {
    source: string;
    rows: ({ study: string; yi: number; vi: number } & (
      | { how: 'p'; or: number; pval: number }
      | { how: 'ci'; or: number; ciLower: number; ciUpper: number }
      | { how: 'counts'; ai: number; bi: number; ci: number; di: number }
    ))[];
    rmaRecovered: { call: string; estimate: number; se: number; tau2: number };
    rmaComplete: { call: string; estimate: number; se: number; tau2: number };
  };
  combineArmMeans: Case<{ mean: number; sd: number; n: number }[], { mean: number; sd: number; n: number }>[];
  crossover: {
    source: string;
    input: { me: number; sde: number; mc: number; sdc: number; n: number };
    asParallel: { md: number; sei: number };
    pairedSdDifference: { sdDifferenceInput: number; md: number; sdDifference: number; sei: number };
    pairedCorrelation: { correlation: number; md: number; sdDifference: number; sei: number };
    pairedSmd: { correlation: number; smd: number; sei: number };
    printed: { md: number; seSdDifference: number; seCorrelation: number; smd: number; seSmd: number };
  };
  medians: Case<MedianSummary, { mean: number; sd: number; xi: number; eta: number }>[];
  wanXiTable: { source: string; n: number[]; table1: number[]; exactExpectedRange: number[]; closedForm: number[] };
  imputeMissingSd: { name: string; source: string; donors: { ids: string[]; sd: number[]; n: number[] }; largest: number; largestFrom: string; pooled: number }[];
}

const fixture = recoveryJson as unknown as RecoveryFixture;
reportWorstErrors('recovery');

const close = (actual: number, expected: number, where: string, kind: string, call: string) =>
  expectClose(actual, expected, where, kind, CLOSED_FORM, call);

describe(`effect recovery vs base R (${fixture.meta.R})`, () => {
  it.each(fixture.seFromRatioCi.map((c) => [c.name, c] as const))('SE from a ratio CI: %s', (name, c) => {
    const r = seFromRatioCi(c.input);
    close(r.yi, c.expected.yi, `${name}: yi`, 'log ratio', c.call);
    close(r.sei, c.expected.sei, `${name}: sei`, 'SE from ratio CI', c.call);
    close(r.vi, c.expected.vi, `${name}: vi`, 'vi from ratio CI', c.call);
    close(r.critical, c.expected.critical, `${name}: z`, 'critical value', c.call);
  });

  it.each(fixture.seFromDifferenceCi.map((c) => [c.name, c] as const))('SE from a difference CI: %s', (name, c) => {
    const r = seFromDifferenceCi(c.input);
    close(r.sei, c.expected.sei, `${name}: sei`, 'SE from difference CI', c.call);
    close(r.critical, c.expected.critical, `${name}: critical`, 'critical value', c.call);
    expect(r.df).toBe(c.expected.df);
  });

  it.each(fixture.sdFromArmCi.map((c) => [c.name, c] as const))("an arm's SD from its CI: %s", (name, c) => {
    const r = sdFromArmCi(c.input);
    close(r.sd, c.expected.sd, `${name}: sd`, 'SD from arm CI', c.call);
    close(r.se, c.expected.se, `${name}: se`, 'SE of arm mean', c.call);
  });

  it.each(fixture.seFromEstimateAndP.map((c) => [c.name, c] as const))('SE from an estimate and p: %s', (name, c) => {
    const r = seFromEstimateAndP(c.input);
    close(r.yi, c.expected.yi, `${name}: yi`, 'estimate', c.call);
    close(r.statistic, c.expected.statistic, `${name}: statistic`, 'z or t from p', c.call);
    close(r.sei, c.expected.sei, `${name}: sei`, 'SE from p', c.call);
    expect(r.bound).toBe(c.input.relation === '<' ? 'upper-bound' : 'exact');
  });

  it('the conv.wald help example (dat.bcg, rounded OR with only a p or only a CI) pools as metafor does', () => {
    const { rows, rmaRecovered, rmaComplete } = fixture.convWaldBcg;
    const effects = rows.map((row) => {
      let yi: number;
      let vi: number;
      if (row.how === 'p') ({ yi, vi } = seFromEstimateAndP({ estimate: row.or, scale: 'ratio', p: row.pval }));
      else if (row.how === 'ci') ({ yi, vi } = seFromRatioCi({ ratio: row.or, lower: row.ciLower, upper: row.ciUpper }));
      else ({ yi, vi } = effectSize('OR', { ai: row.ai, n1i: row.ai + row.bi, ci: row.ci, n2i: row.ci + row.di }));
      close(yi, row.yi, `${row.study} (${row.how}): yi`, 'conv.wald yi', rmaRecovered.call);
      close(vi, row.vi, `${row.study} (${row.how}): vi`, 'conv.wald vi', rmaRecovered.call);
      return { yi, vi };
    });
    const fit = metaAnalysis(effects, { method: 'REML', control: { threshold: 1e-12, maxIterations: 1000 } });
    expectClose(fit.estimate, rmaRecovered.estimate, 'REML on recovered dat.bcg: estimate', 'rma estimate', undefined, rmaRecovered.call);
    expectClose(fit.se, rmaRecovered.se, 'REML on recovered dat.bcg: se', 'rma se', undefined, rmaRecovered.call);
    expectClose(fit.tau2, rmaRecovered.tau2, 'REML on recovered dat.bcg: tau2', 'rma tau2', undefined, rmaRecovered.call);
    // The help page's point: only the rounding separates the recovered fit from the complete one.
    expect(Math.abs(fit.estimate - rmaComplete.estimate)).toBeLessThan(0.005);
  });

  it.each(fixture.combineArmMeans.map((c) => [c.name, c] as const))('combined arms: %s', (name, c) => {
    const r = combineArmMeans(c.input);
    close(r.mean, c.expected.mean, `${name}: mean`, 'combined mean', c.call);
    close(r.sd, c.expected.sd, `${name}: sd`, 'combined SD', c.call);
    expect(r.n).toBe(c.expected.n);
  });

  it('crossover: the Handbook v5.1 §16.4.6.4 example, to full precision and to the digits printed', () => {
    const x = fixture.crossover;
    const E = { mean: x.input.me, sd: x.input.sde };
    const C = { mean: x.input.mc, sd: x.input.sdc };
    const call = x.source;
    const parallel = crossoverAsParallel({ treatment: { ...E, n: x.input.n }, control: { ...C, n: x.input.n } });
    close(parallel.md, x.asParallel.md, 'as parallel: md', 'crossover MD', call);
    close(parallel.sei, x.asParallel.sei, 'as parallel: sei', 'crossover SE', call);
    const sdd = crossoverPairedMeanDifference({ treatment: E, control: C, n: x.input.n, sdDifference: x.pairedSdDifference.sdDifferenceInput });
    close(sdd.sei, x.pairedSdDifference.sei, 'paired (SD_diff 2): sei', 'crossover SE', call);
    const corr = crossoverPairedMeanDifference({ treatment: E, control: C, n: x.input.n, correlation: x.pairedCorrelation.correlation });
    close(corr.sdDifference as number, x.pairedCorrelation.sdDifference, 'paired (r 0.68): SD_diff', 'crossover SD_diff', call);
    close(corr.sei, x.pairedCorrelation.sei, 'paired (r 0.68): sei', 'crossover SE', call);
    const smd = crossoverPairedSmd({ treatment: E, control: C, n: x.input.n, correlation: x.pairedSmd.correlation });
    close(smd.smd, x.pairedSmd.smd, 'paired SMD', 'crossover SMD', call);
    close(smd.sei, x.pairedSmd.sei, 'paired SMD: sei', 'crossover SE', call);
    // The numbers the Handbook prints.
    expect([sdd.md, Number(sdd.sei.toFixed(3)), Number(corr.sei.toFixed(3)), Number(smd.smd.toFixed(3)), Number(smd.sei.toFixed(3))]).toEqual([
      x.printed.md,
      x.printed.seSdDifference,
      x.printed.seCorrelation,
      x.printed.smd,
      x.printed.seSmd,
    ]);
  });

  it.each(fixture.medians.map((c) => [c.name, c] as const))('mean (Luo) and SD (Wan) from a median: %s', (name, c) => {
    close(meanFromMedian(c.input).mean, c.expected.mean, `${name}: mean`, 'mean from median', c.call);
    close(sdFromMedian(c.input).sd, c.expected.sd, `${name}: sd`, 'SD from median', c.call);
    close(wanXi(c.input.n), c.expected.xi, `${name}: ξ(n)`, 'ξ(n)', c.call);
    close(wanEta(c.input.n), c.expected.eta, `${name}: η(n)`, 'η(n)', c.call);
  });

  it("ξ(n): Blom's closed form as R computes it, and how far it is from Wan's Table 1 (the exact expected range)", () => {
    const t = fixture.wanXiTable;
    t.n.forEach((n, i) => close(wanXi(n), t.closedForm[i] as number, `ξ(${n})`, 'ξ(n)', 'xi(n)'));
    // Table 1 is the exact expected range to 3 decimals (R integrates it; the script asserts that).
    const gaps = t.n.map((n, i) => wanXi(n) - (t.exactExpectedRange[i] as number));
    expect(Math.max(...gaps.map(Math.abs))).toBeLessThan(0.052);
    expect(gaps[0]).toBeGreaterThan(0.05); // n = 2: 1.179 vs 1.128
  });

  it.each(fixture.imputeMissingSd.map((c) => [c.name, c] as const))('imputed SD: %s', (name, c) => {
    const donors = c.donors.ids.map((id, i) => ({ id, sd: c.donors.sd[i] as number, n: c.donors.n[i] as number }));
    const largest = imputeMissingSd({ donors, method: 'largest' });
    expect(largest.sd).toBe(c.largest);
    expect(largest.borrowedFrom).toEqual([c.largestFrom]);
    const pooled = imputeMissingSd({ donors, method: 'pooled' });
    close(pooled.sd, c.pooled, `${name}: pooled`, 'pooled SD', 'sd_pooled(sd, n)');
    expect(pooled.borrowedFrom).toEqual(c.donors.ids);
  });
});
