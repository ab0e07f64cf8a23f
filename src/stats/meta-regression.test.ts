import { describe, expect, it } from 'vitest';
import { metaRegression } from './meta-regression';

const effects = [
  { yi: -0.9, vi: 0.33 },
  { yi: -1.6, vi: 0.19 },
  { yi: -1.3, vi: 0.42 },
  { yi: -1.4, vi: 0.02 },
  { yi: -0.2, vi: 0.05 },
  { yi: -0.8, vi: 0.007 },
  { yi: 0.01, vi: 0.004 },
];
const latitude = [[44], [55], [42], [52], [13], [44], [13]];

describe('metaRegression', () => {
  it('recovers an exact line with the common-effect model', () => {
    const xs = [0, 1, 2, 3];
    const r = metaRegression(
      xs.map((x, i) => ({ yi: 1 + 2 * x, vi: 0.1 * (i + 1) })),
      xs.map((x) => [x]),
      { method: 'FE' },
    );
    expect(r.coefficients[0]?.estimate).toBeCloseTo(1, 12);
    expect(r.coefficients[1]?.estimate).toBeCloseTo(2, 12);
    expect(r.QE).toBeCloseTo(0, 20);
    expect(r.R2).toBe(100);
    const p = r.predict([1.5]);
    expect(p.pred).toBeCloseTo(4, 12);
    expect([p.piLower, p.piUpper]).toEqual([p.ciLower, p.ciUpper]);
  });

  it('does not depend on where the moderator is centred (only the intercept moves)', () => {
    const a = metaRegression(effects, latitude, { method: 'REML' });
    const b = metaRegression(
      effects,
      latitude.map(([x]) => [x! + 1000]),
      { method: 'REML' },
    );
    expect(b.tau2).toBeCloseTo(a.tau2, 12);
    expect(b.coefficients[1]?.estimate).toBeCloseTo(a.coefficients[1]?.estimate ?? Number.NaN, 12);
    expect(b.coefficients[1]?.se).toBeCloseTo(a.coefficients[1]?.se ?? Number.NaN, 12);
    const slope = a.coefficients[1]?.estimate ?? Number.NaN;
    expect(b.coefficients[0]?.estimate).toBeCloseTo((a.coefficients[0]?.estimate ?? Number.NaN) - 1000 * slope, 9);
    expect(b.predict([1030]).pred).toBeCloseTo(a.predict([30]).pred, 12);
    expect(b.QM).toBeCloseTo(a.QM, 10);
  });

  it('with one moderator QM equals the squared slope statistic (z) and its p-value', () => {
    const r = metaRegression(effects, latitude, { method: 'DL' });
    const slope = r.coefficients[1]!;
    expect(r.QM).toBeCloseTo(slope.statistic ** 2, 10);
    expect(r.QMpValue).toBeCloseTo(slope.pValue, 12);
    expect(r.QMdf).toEqual([1]);
    const k = metaRegression(effects, latitude, { method: 'DL', test: 'knha' });
    expect(k.QMdf).toEqual([1, 5]);
    expect(k.QMpValue).toBeCloseTo(k.coefficients[1]?.pValue ?? Number.NaN, 12);
    expect(k.piDistribution).toBe('t(k-p)');
  });

  it('tests m > 1 moderators under Knapp-Hartung with F(m, k − p)', () => {
    const mods = latitude.map(([x], i) => [x!, 1950 + 3 * i + (i % 2)]);
    const r = metaRegression(effects, mods, { method: 'REML', test: 'knha' });
    expect(r.QMdf).toEqual([2, 4]);
    expect(r.QMpValue).toBeTypeOf('number');
    expect(r.QMpValue!).toBeGreaterThan(0);
    expect(r.QMpValue!).toBeLessThan(1);
  });

  it('reports R² = 0 when the model without moderators has tau2 = 0', () => {
    const flat = [0.1, 0.12, 0.11, 0.09].map((yi) => ({ yi, vi: 0.05 }));
    const r = metaRegression(flat, [[1], [2], [3], [4]], { method: 'REML' });
    expect(r.tau2).toBe(0);
    expect(r.R2).toBe(0);
  });

  it('names bad moderators', () => {
    expect(() => metaRegression(effects, latitude.slice(1))).toThrow('moderators must have one row per study (7), got 6');
    expect(() => metaRegression(effects, latitude.map((row, i) => (i === 2 ? [Number.NaN] : row)))).toThrow(
      'moderator x1 must be a finite number, got NaN at study 3',
    );
    expect(() => metaRegression(effects, latitude.map(() => [5]))).toThrow(/not positive definite/);
    expect(() => metaRegression(effects, latitude.map(([x]) => [x!, 2 * x!]))).toThrow(/collinear/);
    expect(() => metaRegression(effects.slice(0, 2), latitude.slice(0, 2))).toThrow(
      'meta-regression needs more studies than coefficients: k = 2, coefficients = 2',
    );
    expect(() => metaRegression(effects, latitude).predict([1, 2])).toThrow('predict needs 1 moderator value(s), got [1,2]');
  });
});
