import { describe, expect, it } from 'vitest';
import { effectSize, effectSizes, hedgesCorrectionFactor } from './effect-sizes';
import { InvalidInputError } from './errors';

describe('effectSize: 2×2 tables', () => {
  it('computes OR, RR and RD without correction when no cell is zero', () => {
    const row = { ai: 10, n1i: 50, ci: 20, n2i: 50 };
    const or = effectSize('OR', row);
    expect(or.yi).toBeCloseTo(Math.log((10 * 30) / (40 * 20)), 14);
    expect(or.vi).toBeCloseTo(1 / 10 + 1 / 40 + 1 / 20 + 1 / 30, 14);
    expect(or.sei).toBeCloseTo(Math.sqrt(or.vi), 15);
    expect(or.continuityCorrection).toBeNull();
    const rr = effectSize('RR', row);
    expect(rr.yi).toBeCloseTo(Math.log(0.2 / 0.4), 14);
    expect(rr.vi).toBeCloseTo(1 / 10 - 1 / 50 + 1 / 20 - 1 / 50, 14);
    const rd = effectSize('RD', row);
    expect(rd.yi).toBeCloseTo(-0.2, 15);
    expect(rd.vi).toBeCloseTo((0.2 * 0.8) / 50 + (0.4 * 0.6) / 50, 15);
  });

  it('adds 1/2 to every cell of a table with a zero cell and says so', () => {
    const e = effectSize('OR', { ai: 0, n1i: 10, ci: 5, n2i: 10 });
    expect(e.continuityCorrection).toBe(0.5);
    expect(e.doubleZero).toBe(false);
    expect(e.yi).toBeCloseTo(Math.log((0.5 * 5.5) / (10.5 * 5.5)), 14);
    expect(e.vi).toBeCloseTo(1 / 0.5 + 1 / 10.5 + 1 / 5.5 + 1 / 5.5, 13);
    expect(e.notes[0]).toMatch(/1\/2 added/);
    // RD too (metafor applies the correction to RD as well): p1 = 0.5/11, p2 = 5.5/11.
    const rd = effectSize('RD', { ai: 0, n1i: 10, ci: 5, n2i: 10 });
    expect(rd.yi).toBeCloseTo(0.5 / 11 - 5.5 / 11, 15);
  });

  it('keeps and corrects a double-zero table (escalc drop00 = FALSE) and flags it', () => {
    const e = effectSize('OR', { ai: 0, n1i: 10, ci: 0, n2i: 12 });
    expect(e.doubleZero).toBe(true);
    expect(e.continuityCorrection).toBe(0.5);
    expect(e.yi).toBeCloseTo(Math.log((0.5 * 12.5) / (10.5 * 0.5)), 14);
    expect(e.notes.join(' ')).toMatch(/drop00 = FALSE/);
    const allEvents = effectSize('RR', { ai: 10, n1i: 10, ci: 12, n2i: 12 });
    expect(allEvents.doubleZero).toBe(true);
    expect(allEvents.yi).toBeCloseTo(Math.log(10.5 / 11 / (12.5 / 13)), 14);
  });

  it('names the bad value (and the study, for many rows)', () => {
    expect(() => effectSize('OR', { ai: 12, n1i: 10, ci: 1, n2i: 10 })).toThrow('ai must be <= n1i (10), got 12');
    expect(() => effectSize('RR', { ai: Number.NaN, n1i: 10, ci: 1, n2i: 10 })).toThrow(
      'ai must be a finite number, got NaN',
    );
    expect(() => effectSize('RD', { ai: 1, n1i: 0, ci: 1, n2i: 10 })).toThrow('n1i must be > 0, got 0');
    expect(() =>
      effectSizes('OR', [
        { ai: 1, n1i: 10, ci: 1, n2i: 10 },
        { ai: -1, n1i: 10, ci: 1, n2i: 10 },
      ]),
    ).toThrow('ai must be >= 0, got -1 at study 2');
    expect(() => effectSize('XX' as 'OR', { ai: 1, n1i: 10, ci: 1, n2i: 10 })).toThrow(InvalidInputError);
    expect(() => effectSize('XX' as 'OR', { ai: 1, n1i: 10, ci: 1, n2i: 10 })).toThrow('invalid measure: "XX"');
  });
});

describe('effectSize: continuous outcomes', () => {
  const row = { m1i: 5, sd1i: 2, n1i: 20, m2i: 4, sd2i: 3, n2i: 30 };

  it('computes MD with the unpooled variance', () => {
    const e = effectSize('MD', row);
    expect(e.yi).toBe(1);
    expect(e.vi).toBeCloseTo(4 / 20 + 9 / 30, 15);
  });

  it("computes Hedges' g with the exact correction and the LS variance", () => {
    const e = effectSize('SMD', row);
    const m = 48;
    const sp = Math.sqrt((19 * 4 + 29 * 9) / m);
    const c = hedgesCorrectionFactor(m);
    expect(e.hedgesCorrection).toBe(c);
    expect(e.yi).toBeCloseTo((c * 1) / sp, 14);
    expect(e.vi).toBeCloseTo(1 / 20 + 1 / 30 + e.yi ** 2 / 100, 14);
  });

  it('has the exact small-sample correction factor c(m)', () => {
    // c(2) = Γ(1)/(√1 Γ(1/2)) = 1/√π;  c(3) = Γ(3/2)/(√1.5 Γ(1)) = (√π/2)/√1.5.
    expect(hedgesCorrectionFactor(2)).toBeCloseTo(1 / Math.sqrt(Math.PI), 14);
    expect(hedgesCorrectionFactor(3)).toBeCloseTo(Math.sqrt(Math.PI) / 2 / Math.sqrt(1.5), 14);
    // Large m: c(m) ≈ 1 − 3/(4m − 1) to O(m⁻²).
    expect(hedgesCorrectionFactor(5000)).toBeCloseTo(1 - 3 / (4 * 5000 - 1), 8);
    expect(() => hedgesCorrectionFactor(1)).toThrow("Hedges' correction needs n1i + n2i − 2 > 1, got 1");
  });

  it('rejects impossible input, naming it', () => {
    expect(() => effectSize('MD', { ...row, sd1i: -1 })).toThrow('sd1i must be >= 0, got -1');
    expect(() => effectSize('MD', { ...row, sd1i: 0, sd2i: 0 })).toThrow('MD variance must be > 0');
    expect(() => effectSize('SMD', { ...row, n1i: 1, n2i: 1 })).toThrow('SMD needs n1i + n2i − 2 > 1, got 0');
    expect(() => effectSize('SMD', { ...row, sd1i: 0, sd2i: 0 })).toThrow('SMD needs a pooled SD > 0, got 0');
  });
});

describe('effectSize: events and person-time', () => {
  it('computes the log IRR', () => {
    const e = effectSize('IRR', { x1i: 9, t1i: 413, x2i: 19, t2i: 398 });
    expect(e.yi).toBeCloseTo(Math.log(9 / 413 / (19 / 398)), 14);
    expect(e.vi).toBeCloseTo(1 / 9 + 1 / 19, 15);
  });

  it('adds 1/2 to both counts when one is zero, and keeps a double zero', () => {
    const e = effectSize('IRR', { x1i: 0, t1i: 500, x2i: 4, t2i: 600 });
    expect(e.continuityCorrection).toBe(0.5);
    expect(e.yi).toBeCloseTo(Math.log(0.5 / 500 / (4.5 / 600)), 14);
    expect(e.vi).toBeCloseTo(2 + 1 / 4.5, 14);
    const dz = effectSize('IRR', { x1i: 0, t1i: 300, x2i: 0, t2i: 350 });
    expect(dz.doubleZero).toBe(true);
    expect(dz.yi).toBeCloseTo(Math.log(350 / 300), 14);
    expect(() => effectSize('IRR', { x1i: 1, t1i: 0, x2i: 1, t2i: 1 })).toThrow('t1i must be > 0, got 0');
  });
});
