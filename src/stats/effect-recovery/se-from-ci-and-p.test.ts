/**
 * Unit tests at the boundaries, and the worked numbers the Cochrane Handbook prints (to the digits
 * it prints). The full-precision comparisons with the R script are in tests/reference/recovery.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors';
import { sdFromArmCi, seFromDifferenceCi, seFromRatioCi } from './se-from-ci';
import { seFromEstimateAndP } from './se-from-p';
import { combineArmCounts, combineArmMeans, combineTwoGroupMeans } from './combine-arms';

describe('seFromRatioCi', () => {
  it('is (ln U − ln L) / (2 × 1.96) and says so with the numbers', () => {
    // Achiron 2004 (CIS) rate ratio 0.36 (95% CI 0.15 to 0.88), from the evidence set.
    const r = seFromRatioCi({ ratio: 0.36, lower: 0.15, upper: 0.88 });
    expect(r.yi).toBeCloseTo(Math.log(0.36), 14);
    expect(r.sei).toBeCloseTo((Math.log(0.88) - Math.log(0.15)) / (2 * 1.959963984540054), 14);
    expect(r.provenance.method).toBe('se-from-ci-ratio');
    expect(r.provenance.formula).toBe('SE = (ln 0.88 − ln 0.15) / (2 × z_0.975 = 2 × 1.96) = 0.4514');
    expect(r.provenance.notes).toEqual([]);
  });

  it('notes an interval that is not centred on the log estimate (conv.wald check, > 10% of the width)', () => {
    // Asymmetric on the log scale: ln 2 = 0.69 against a log-middle of 1.15.
    const r = seFromRatioCi({ ratio: 2, lower: 1.1, upper: 9 });
    expect(r.provenance.notes).toHaveLength(1);
    expect(r.provenance.notes[0]).toMatch(/^the estimate is 21\.56% of the interval's width away from its middle on the log scale/);
    expect(r.sei).toBeCloseTo((Math.log(9) - Math.log(1.1)) / (2 * 1.959963984540054), 14);
  });

  it('uses the level given (90% → z_0.95)', () => {
    const r = seFromRatioCi({ ratio: 1.37, lower: 1.03, upper: 1.82, levelPercent: 90 });
    expect(r.critical).toBeCloseTo(1.6448536269514722, 14);
    expect(r.provenance.methodName).toBe('SE from a 90% CI (ratio, log scale)');
  });

  it('names the bad value', () => {
    expect(() => seFromRatioCi({ ratio: 0, lower: 0.1, upper: 2 })).toThrow('ratio must be > 0, got 0');
    expect(() => seFromRatioCi({ ratio: 1, lower: 2, upper: 0.5 })).toThrow('CI lower bound must be < upper bound, got lower 2 and upper 0.5');
    expect(() => seFromRatioCi({ ratio: 3, lower: 0.5, upper: 2 })).toThrow('ratio must lie within its CI [0.5, 2], got 3');
    expect(() => seFromRatioCi({ ratio: 1, lower: 0.5, upper: 2, levelPercent: 0.95 })).toThrow(InvalidInputError);
  });
});

describe('seFromDifferenceCi', () => {
  it('z version: (U − L) / (2 × 1.96) on the linear scale', () => {
    const r = seFromDifferenceCi({ estimate: -0.27, lower: -0.4, upper: -0.13 });
    expect(r.sei).toBeCloseTo(0.27 / (2 * 1.959963984540054), 14);
    expect(r.df).toBeNull();
    expect(r.provenance.method).toBe('se-from-ci-difference');
  });

  it('t version for small groups: t with n₁ + n₂ − 2 df is wider than z, so the SE is smaller', () => {
    const z = seFromDifferenceCi({ estimate: 1, lower: -1, upper: 3 });
    const t = seFromDifferenceCi({ estimate: 1, lower: -1, upper: 3, groupSizes: { n1: 5, n2: 4 } });
    expect(t.df).toBe(7);
    expect(t.critical).toBeCloseTo(2.364624251592785, 12); // qt(0.975, 7)
    expect(t.sei).toBeLessThan(z.sei);
    expect(t.provenance.method).toBe('se-from-ci-difference-t');
    expect(t.provenance.formula).toBe('SE = (3 − (−1)) / (2 × t_0.975, 7 df = 2 × 2.365) = 0.8458');
  });

  it('rejects groups too small for a t interval', () => {
    expect(() => seFromDifferenceCi({ estimate: 0, lower: -1, upper: 1, groupSizes: { n1: 1, n2: 1 } })).toThrow(
      'n1 + n2 − 2 must be ≥ 1 for a t-based interval, got n1 1 and n2 1',
    );
  });
});

describe('sdFromArmCi', () => {
  it('SD = √n (U − L) / (2 × t_{n−1}) for a small arm, z for a large one (Handbook 6.5.2.2)', () => {
    const small = sdFromArmCi({ lower: 1, upper: 3, n: 10 });
    expect(small.df).toBe(9);
    expect(small.sd).toBeCloseTo((Math.sqrt(10) * 2) / (2 * 2.262157162798205), 12); // qt(0.975, 9)
    const large = sdFromArmCi({ lower: 1, upper: 3, n: 100 });
    expect(large.df).toBeNull();
    expect(large.sd).toBeCloseTo((10 * 2) / (2 * 1.959963984540054), 12);
    expect(sdFromArmCi({ lower: 1, upper: 3, n: 10, distribution: 'normal' }).df).toBeNull();
  });

  it('refuses n = 1 with t (no degrees of freedom)', () => {
    expect(() => sdFromArmCi({ lower: 1, upper: 3, n: 1 })).toThrow('n must be ≥ 2 for a t-based interval (n − 1 df), got 1');
  });
});

describe('seFromEstimateAndP', () => {
  it("reproduces the Handbook's t example (§6.5.2.3): MD 3.8, P = 0.008, groups of 25 and 22 → t = 2.78, SE = 1.37", () => {
    const r = seFromEstimateAndP({ estimate: 3.8, scale: 'difference', p: 0.008, test: 't', groupSizes: { n1: 25, n2: 22 } });
    expect(r.df).toBe(45);
    expect(Number(r.statistic.toFixed(2))).toBe(2.78);
    expect(Number(r.sei.toFixed(2))).toBe(1.37);
    expect(r.provenance.method).toBe('se-from-p-t');
  });

  it('z: a P value of 0.008 is Z = 2.652 (Handbook §6.3)', () => {
    const r = seFromEstimateAndP({ estimate: 1, scale: 'difference', p: 0.008 });
    expect(Number(r.statistic.toFixed(3))).toBe(2.652);
    expect(r.bound).toBe('exact');
  });

  it('ratio measures go through the log', () => {
    const r = seFromEstimateAndP({ estimate: 0.36, scale: 'ratio', p: 0.03 });
    expect(r.yi).toBeCloseTo(Math.log(0.36), 14);
    expect(r.sei).toBeCloseTo(Math.abs(Math.log(0.36)) / 2.1700903775845606, 12); // qnorm(0.985)
    expect(r.provenance.formula).toBe('SE = |ln 0.36| / Φ⁻¹(1 − 0.03/2) = 1.022 / 2.17 = 0.4708');
    // One significant digit in p: the note gives the range of SEs that rounding allows.
    expect(r.provenance.notes[0]).toMatch(/^p has one significant digit: p in \[0\.025, 0\.035\)/);
  });

  it('"p < x" uses x and says the SE is an upper bound (conservative)', () => {
    const r = seFromEstimateAndP({ estimate: -0.27, scale: 'difference', p: 0.0001, relation: '<' });
    const exact = seFromEstimateAndP({ estimate: -0.27, scale: 'difference', p: 0.0001 });
    expect(r.sei).toBe(exact.sei);
    expect(r.bound).toBe('upper-bound');
    expect(r.provenance.method).toBe('se-from-p-threshold-z');
    expect(r.provenance.methodName).toMatch(/upper bound/);
    expect(r.provenance.formula).toMatch(/\(upper bound\)$/);
    // A smaller true p gives a smaller SE: the threshold's SE is the largest one allowed.
    expect(seFromEstimateAndP({ estimate: -0.27, scale: 'difference', p: 0.00005 }).sei).toBeLessThan(r.sei);
  });

  it('tiny p keeps its digits (p = 1e-12): the upper tail, not 1 − p/2', () => {
    // R: qnorm(5e-13, lower.tail = FALSE) = 7.130506848171323; qnorm(1 - 5e-13) = 7.130494613066504.
    const z = seFromEstimateAndP({ estimate: 2, scale: 'difference', p: 1e-12 });
    expect(Math.abs(z.statistic - 7.130506848171323) / 7.130506848171323).toBeLessThan(1e-13);
    // R: qt(5e-13, 10, lower.tail = FALSE) = 43.45690451388757
    const t = seFromEstimateAndP({ estimate: 2, scale: 'difference', p: 1e-12, test: 't', groupSizes: { n1: 6, n2: 6 } });
    expect(Math.abs(t.statistic - 43.45690451388757) / 43.45690451388757).toBeLessThan(1e-10);
  });

  it('refuses p = 0, p = 1, p > x, a null estimate and a t test without group sizes, naming the value', () => {
    expect(() => seFromEstimateAndP({ estimate: 1, scale: 'difference', p: 0 })).toThrow('p must be > 0 (p = 0 implies an infinite test statistic), got p = 0');
    expect(() => seFromEstimateAndP({ estimate: 1, scale: 'difference', p: 1 })).toThrow('p must be < 1 (p = 1 implies an infinite SE), got p = 1');
    expect(() => seFromEstimateAndP({ estimate: 1, scale: 'difference', p: 0.1, relation: '>' })).toThrow('p > 0.1 bounds the SE only from below');
    expect(() => seFromEstimateAndP({ estimate: 1, scale: 'ratio', p: 0.5 })).toThrow('ratio must not be 1 (log ratio 0)');
    expect(() => seFromEstimateAndP({ estimate: 0, scale: 'difference', p: 0.5 })).toThrow('estimate must not be 0');
    expect(() => seFromEstimateAndP({ estimate: 1, scale: 'difference', p: 0.5, test: 't' })).toThrow('a t test needs groupSizes');
  });
});

describe('combining arms', () => {
  it('counts add', () => {
    const r = combineArmCounts([{ events: 25, total: 44, label: '0.2 g/kg' }, { events: 25, total: 42, label: '0.4 g/kg' }]);
    expect(r).toMatchObject({ events: 50, total: 86 });
    expect(r.provenance.formula).toBe('events 25 + 25 = 50; total 44 + 42 = 86');
  });

  it('means and SDs: the combined group equals the pooled raw sample', () => {
    const x = [1, 2, 4, 7];
    const y = [3, 5, 6];
    const stats = (v: number[]) => {
      const m = v.reduce((a, b) => a + b, 0) / v.length;
      return { mean: m, sd: Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1)), n: v.length };
    };
    const c = combineTwoGroupMeans(stats(x), stats(y));
    const all = stats([...x, ...y]);
    expect(c.mean).toBeCloseTo(all.mean, 13);
    expect(c.sd).toBeCloseTo(all.sd, 13);
    // Folding over three groups is order-free.
    const z = [10, 0.5];
    const abc = combineArmMeans([stats(x), stats(y), stats(z)]);
    const cab = combineArmMeans([stats(z), stats(x), stats(y)]);
    expect(abc.sd).toBeCloseTo(stats([...x, ...y, ...z]).sd, 12);
    expect(cab.sd).toBeCloseTo(abc.sd, 12);
  });

  it('names the bad arm', () => {
    expect(() => combineArmCounts([{ events: 5, total: 4, label: 'high dose' }, { events: 1, total: 2 }])).toThrow('events of high dose must be ≤ its total, got 5 of 4');
    expect(() => combineArmMeans([{ mean: 1, sd: -1, n: 3 }, { mean: 1, sd: 1, n: 3 }])).toThrow('SD of arm 1 must be >= 0, got -1');
    expect(() => combineArmMeans([{ mean: 1, sd: 1, n: 3 }])).toThrow('combineArmMeans needs at least 2 arms to combine, got 1');
  });
});
