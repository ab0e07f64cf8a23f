/**
 * Printed worked examples (to the digits printed) and boundaries. Full precision against the R
 * script: tests/reference/recovery.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { crossoverAsParallel, crossoverPairedMeanDifference, crossoverPairedSmd } from './crossover';
import { meanFromMedian, meanSdFromMedian, sdFromMedian, wanEta, wanXi } from './median-to-mean-sd';
import { imputeMissingSd } from './impute-sd';

// Cochrane Handbook v5.1 §16.4.6.4: "Intervention E (sample size 10) ME = 7.0, SDE = 2.38;
// Intervention C (sample size 10) MC = 6.5, SDC = 2.21".
const E = { mean: 7.0, sd: 2.38 };
const C = { mean: 6.5, sd: 2.21 };

describe('crossover (Handbook v5.1 §16.4.6.4 example)', () => {
  it('SD of differences 2 → MD 0.5, SE 0.632', () => {
    const r = crossoverPairedMeanDifference({ treatment: E, control: C, n: 10, sdDifference: 2 });
    expect(r.md).toBeCloseTo(0.5, 14);
    expect(Number(r.sei.toFixed(3))).toBe(0.632);
    expect(r.provenance.method).toBe('crossover-paired-sd-difference');
    expect(r.provenance.formula).toBe('MD = 7 − 6.5 = 0.5; SD_diff = 2; SE = 2 / √10 = 0.6325');
  });

  it('correlation 0.68 → SE 0.583', () => {
    const r = crossoverPairedMeanDifference({ treatment: E, control: C, n: 10, correlation: 0.68 });
    expect(Number(r.sei.toFixed(3))).toBe(0.583);
    expect(r.provenance.method).toBe('crossover-paired-correlation');
  });

  it('paired SMD with correlation 0.68 → 0.218, SE 0.256', () => {
    const r = crossoverPairedSmd({ treatment: E, control: C, n: 10, correlation: 0.68 });
    expect(Number(r.smd.toFixed(3))).toBe(0.218);
    expect(Number(r.sei.toFixed(3))).toBe(0.256);
  });

  it('as if parallel the same data give a larger SE than either paired analysis (conservative)', () => {
    const r = crossoverAsParallel({ treatment: { ...E, n: 10 }, control: { ...C, n: 10 } });
    expect(r.md).toBeCloseTo(0.5, 14);
    expect(r.sei).toBeCloseTo(Math.sqrt(2.38 ** 2 / 10 + 2.21 ** 2 / 10), 14);
    expect(r.sei).toBeGreaterThan(0.632);
    // Correlation 0 in the paired formula is the parallel SE when both periods have the same n.
    expect(crossoverPairedMeanDifference({ treatment: E, control: C, n: 10, correlation: 0 }).sei).toBeCloseTo(r.sei, 14);
    expect(r.provenance.assumptions[0]).toMatch(/conservative/);
  });

  it('names bad inputs', () => {
    expect(() => crossoverPairedMeanDifference({ treatment: E, control: C, n: 10 })).toThrow('give exactly one of correlation and sdDifference');
    expect(() => crossoverPairedMeanDifference({ treatment: E, control: C, n: 10, correlation: 1.2 })).toThrow('correlation must lie in [−1, 1], got 1.2');
    expect(() => crossoverAsParallel({ treatment: { mean: 1, sd: 0, n: 5 }, control: { mean: 1, sd: 0, n: 5 } })).toThrow('the SE is 0');
    expect(() => crossoverPairedSmd({ treatment: E, control: C, n: 10, correlation: 1 })).toThrow('correlation must lie in [−1, 1) for an SMD');
  });
});

describe('Wan et al. 2014 ξ(n), η(n)', () => {
  it("ξ(n) matches the paper's Table 1 (3 decimals) for every n printed there", () => {
    // Wan et al. 2014, Table 1: "Values of ξ(n) in the formula (7) and the formula (12) for n ≤ 50".
    const table1: Record<number, number> = {
      2: 1.128, 3: 1.693, 4: 2.059, 5: 2.326, 6: 2.534, 7: 2.704, 8: 2.847, 9: 2.97, 10: 3.078,
      11: 3.173, 12: 3.259, 13: 3.336, 14: 3.407, 15: 3.472, 16: 3.532, 17: 3.588, 18: 3.64, 19: 3.689, 20: 3.735,
      21: 3.778, 22: 3.819, 23: 3.858, 24: 3.895, 25: 3.931, 26: 3.964, 27: 3.997, 28: 4.027, 29: 4.057, 30: 4.086,
      31: 4.113, 32: 4.139, 33: 4.165, 34: 4.189, 35: 4.213, 36: 4.236, 37: 4.259, 38: 4.28, 39: 4.301, 40: 4.322,
      41: 4.341, 42: 4.361, 43: 4.379, 44: 4.398, 45: 4.415, 46: 4.433, 47: 4.45, 48: 4.466, 49: 4.482, 50: 4.498,
    };
    // Table 1 prints the exact expected range of n standard normal values (the d2 constants of
    // control charts: 1.128 at n = 2, 3.078 at n = 10). The closed form 2Φ⁻¹((n − 0.375)/(n + 0.25))
    // — Wan's approximation, their eq. (9) as metafor cites it, and what this code uses — is Blom's
    // approximation to it: 0.051 too large at n = 2, within 0.011 from n = 20 to 50 (R agrees: see
    // tests/reference/make-recovery-fixtures.R, which integrates the exact expected range).
    const gap = (n: number) => wanXi(n) - (table1[n] as number);
    expect(gap(2)).toBeCloseTo(0.0506, 3);
    for (let n = 20; n <= 50; n++) expect(Math.abs(gap(n))).toBeLessThan(0.0115);
    for (let n = 2; n <= 50; n++) expect(Math.abs(gap(n)), `n = ${n}`).toBeLessThan(0.051);
  });

  it('η(n) approaches 2Φ⁻¹(0.75) = 1.349 as n grows', () => {
    expect(wanEta(1e7)).toBeCloseTo(1.3489795003921634, 6);
    expect(wanEta(2)).toBeGreaterThan(0);
  });
});

describe('mean and SD from a median', () => {
  it('C1 with the range (Sorensen 1998 IVIG period: median 0.4, range 0 to 9.3, n 21)', () => {
    const r = meanSdFromMedian({ median: 0.4, min: 0, max: 9.3, n: 21 });
    expect(r.scenario).toBe('C1-range');
    expect(r.sd).toBeCloseTo(9.3 / wanXi(21), 14);
    const w = 4 / (4 + 21 ** 0.75);
    expect(r.mean).toBeCloseTo((w * 9.3) / 2 + (1 - w) * 0.4, 14);
    expect(r.meanProvenance.reference).toMatch(/Stat Methods Med Res 2018;27\(6\):1785–1805, eq\. \(7\), range$/);
    expect(r.sdProvenance.assumptions[0]).toMatch(/normally distributed/);
    // Skewed: the median sits at 4.3% of the range; the note says where, for the reader to judge.
    expect(r.sdProvenance.notes).toContain('the median lies at 4.301% of the range (50% for symmetric data)');
  });

  it('C3 with the IQR and C2 with both', () => {
    const c3 = meanSdFromMedian({ median: 6, q1: 4, q3: 10, n: 20 });
    expect(c3.scenario).toBe('C3-iqr');
    expect(c3.sd).toBeCloseTo(6 / wanEta(20), 14);
    expect(c3.mean).toBeCloseTo((0.7 + 0.39 / 20) * 7 + (1 - 0.7 - 0.39 / 20) * 6, 14);
    const c2 = meanSdFromMedian({ median: 6, min: 2, q1: 4, q3: 10, max: 14, n: 20 });
    expect(c2.scenario).toBe('C2-range-and-iqr');
    expect(c2.sd).toBeCloseTo((12 / wanXi(20) + 6 / wanEta(20)) / 2, 14);
  });

  it('the SD needs no median (a report with mean and range)', () => {
    expect(sdFromMedian({ min: 1, max: 5, n: 10 }).sd).toBeCloseTo(4 / wanXi(10), 14);
  });

  it('small n gives a note; n = 1, out-of-order values, half a range and a zero IQR are refused by name', () => {
    expect(meanFromMedian({ median: 2, min: 1, max: 4, n: 3 }).provenance.notes[0]).toMatch(/^n = 3 is below 5/);
    expect(() => sdFromMedian({ median: 2, min: 1, max: 4, n: 1 })).toThrow('n must be a whole number ≥ 2 to estimate from a median, got 1');
    expect(() => sdFromMedian({ median: 5, min: 1, max: 4, n: 10 })).toThrow('median ≤ max is required, got median 5 and max 4');
    expect(() => sdFromMedian({ median: 2, min: 1, n: 10 })).toThrow('max is missing: min and max come together, got min 1 and max undefined');
    expect(() => sdFromMedian({ median: 0, q1: 0, q3: 0, n: 10 })).toThrow('the IQR is 0 (q1 0 = q3 0)');
    expect(() => meanFromMedian({ median: 2, n: 10 })).toThrow('a median needs its range (min, max) or its IQR (q1, q3)');
  });
});

describe('imputeMissingSd', () => {
  // AIMS annualised relapse rate SDs (evidence set): IVIG 0.85 (n 75), placebo 2.2 (n 73).
  const donors = [
    { id: 'fazekas-1997-aims/ivig', sd: 0.85, n: 75 },
    { id: 'fazekas-1997-aims/placebo', sd: 2.2, n: 73 },
  ];

  it('largest: borrows the largest SD and says from whom', () => {
    const r = imputeMissingSd({ donors, method: 'largest' });
    expect(r.sd).toBe(2.2);
    expect(r.borrowedFrom).toEqual(['fazekas-1997-aims/placebo']);
    expect(r.provenance.formula).toBe('SD = max(0.85, 2.2) = 2.2 (fazekas-1997-aims/placebo)');
  });

  it('pooled: √(Σ(n−1)SD²/Σ(n−1)) over all donors', () => {
    const r = imputeMissingSd({ donors, method: 'pooled' });
    expect(r.sd).toBeCloseTo(Math.sqrt((74 * 0.85 ** 2 + 72 * 2.2 ** 2) / 146), 14);
    expect(r.borrowedFrom).toEqual(['fazekas-1997-aims/ivig', 'fazekas-1997-aims/placebo']);
    expect(r.provenance.method).toBe('sd-imputed-pooled');
  });

  it('refuses no donors, a bad SD and donors of n 1 for pooling', () => {
    expect(() => imputeMissingSd({ donors: [], method: 'pooled' })).toThrow('nothing to impute from');
    expect(() => imputeMissingSd({ donors: [{ id: 'x', sd: 0, n: 5 }], method: 'largest' })).toThrow('SD of x must be > 0, got 0');
    expect(() => imputeMissingSd({ donors: [{ id: 'x', sd: 1, n: 1 }], method: 'pooled' })).toThrow("the donors' Σ(n − 1) is 0");
  });
});
