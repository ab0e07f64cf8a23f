import { describe, expect, it } from 'vitest';
import { forestAxis, logAxisTicks, niceTicks } from './forest-axis';

describe('forestAxis', () => {
  it('uses the smallest symmetric log ladder that holds the data', () => {
    const a = forestAxis(true, [Math.log(0.4), Math.log(1.6)]);
    expect(a.ticks.map((t) => t.label)).toEqual(['0.2', '0.5', '1', '2', '5']);
    expect(a.min).toBeCloseTo(Math.log(0.2), 12);
    expect(a.max).toBeCloseTo(Math.log(5), 12);
  });
  it('caps wide study CIs at 100-fold but always fits the pooled diamonds', () => {
    expect(forestAxis(true, [Math.log(1e-6), Math.log(3)]).ticks.at(-1)?.label).toBe('100');
    expect(forestAxis(true, [Math.log(1e-6), Math.log(3)], [Math.log(0.002), Math.log(0.5)]).ticks.at(-1)?.label).toBe('1000');
    expect(forestAxis(true, [Math.log(0.9), Math.log(1.1)], [Math.log(0.9), Math.log(1.1)]).ticks.map((t) => t.label)).toEqual(['0.5', '0.7', '1', '1.5', '2']);
  });
  it('gives round, symmetric ticks for differences', () => {
    const a = forestAxis(false, [-1.3, 0.4]);
    expect(a.ticks.map((t) => t.label)).toEqual(['-2', '-1', '0', '1', '2']);
    expect(forestAxis(false, [-0.05, 0.12]).ticks.map((t) => t.label)).toEqual(['-0.2', '-0.1', '0', '0.1', '0.2']);
  });
});

describe('niceTicks', () => {
  it('gives round steps inside the range', () => {
    expect(niceTicks(-1.4, 0.1)).toEqual([-1.4, -1.2, -1, -0.8, -0.6, -0.4, -0.2, 0]);
    expect(niceTicks(0, 1.1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });
});

describe('logAxisTicks (the log dose axis)', () => {
  it('widens the bundled doses (0.175 / 1.5 to 1 × 1.1) to 1-2-5 values and ticks each one', () => {
    expect(logAxisTicks(0.175 / 1.5, 1.1)).toEqual({ domain: [0.1, 2], ticks: [0.1, 0.2, 0.5, 1, 2] });
  });
  it('keeps a bound that is already a 1-2-5 value, and spans several decades', () => {
    expect(logAxisTicks(0.2, 0.5)).toEqual({ domain: [0.2, 0.5], ticks: [0.2, 0.5] });
    expect(logAxisTicks(0.03, 40).ticks).toEqual([0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50]);
  });
});
