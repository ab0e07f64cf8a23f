import { describe, expect, it } from 'vitest';
import {
  chiSquareQuantile,
  chiSquareUpperTail,
  criticalValue,
  fUpperTail,
  studentTCdf,
  twoSidedPValue,
} from './distributions';
import { logGamma } from './log-gamma';

// Reference values from R 4.2.2 (options(digits = 17)).
describe('distributions (@stdlib) against R', () => {
  it('gives the critical values', () => {
    expect(criticalValue(95, null)).toBeCloseTo(1.959963984540053605, 13);
    expect(criticalValue(95, 12)).toBeCloseTo(2.178812829667228446, 12);
    expect(chiSquareQuantile(0.95, 1)).toBeCloseTo(3.841458820694124032, 12);
    expect(chiSquareQuantile(0.025, 4)).toBeCloseTo(0.484418557087929746, 12);
  });

  it('gives upper tails and two-sided p-values', () => {
    expect(chiSquareUpperTail(10, 3)).toBeCloseTo(0.018566135463043233, 14);
    expect(chiSquareUpperTail(3.841458820694124032, 1)).toBeCloseTo(0.05, 14);
    expect(chiSquareUpperTail(0, 5)).toBe(1);
    expect(twoSidedPValue(-1.96, null)).toBeCloseTo(0.049995790296440856, 15);
    expect(twoSidedPValue(2.5, 7)).toBeCloseTo(0.040992218585752874, 14);
    expect(studentTCdf(-2, 3)).toBeCloseTo(0.069662984279421566, 14);
  });

  it('keeps digits of tiny df = 1 chi-square p-values (2Φ(−√x))', () => {
    // pchisq(100, 1, lower.tail = FALSE) = 1.5239706048321e-23
    expect(chiSquareUpperTail(100, 1) / 1.5239706048321e-23).toBeCloseTo(1, 10);
  });

  it('has the F upper tail for one numerator df only', () => {
    expect(fUpperTail(2.5 ** 2, 1, 7)).toBeCloseTo(0.040992218585752874, 14);
    // R: pf(3, 2, 10, lower.tail = FALSE) = 0.095367431640624972
    expect(fUpperTail(3, 2, 10)).toBeCloseTo(0.095367431640624972, 14);
  });
});

describe('logGamma', () => {
  it('matches exact values and R', () => {
    expect(logGamma(1)).toBe(0);
    expect(logGamma(2)).toBe(0);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 13);
    expect(logGamma(0.1)).toBeCloseTo(2.252712651734205984, 13);
    expect(logGamma(101)).toBeCloseTo(363.739375555563469788, 10);
    // As R's lgamma(): poles give Inf, negative non-integers the log of |Γ(x)|.
    expect(logGamma(0)).toBe(Number.POSITIVE_INFINITY);
    expect(logGamma(-1)).toBe(Number.POSITIVE_INFINITY);
    expect(logGamma(-0.5)).toBeCloseTo(1.2655121234846454, 13);
  });
});
