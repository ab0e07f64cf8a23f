/** Santesso et al. 2020 (GRADE guidelines 26), Table 2's wording, and our size rule at its boundaries. */
import { describe, expect, it } from 'vitest';
import { effectSize, plainLanguageStatement } from './plain-language';

describe('informative statements', () => {
  it('the verb follows the certainty', () => {
    expect(plainLanguageStatement(4, 'reduction', 'relapses')).toBe('IVIG reduces relapses.');
    expect(plainLanguageStatement(3, 'increase', 'relapse-free patients')).toBe('IVIG probably increases relapse-free patients.');
    expect(plainLanguageStatement(2, 'reduction', 'relapses')).toBe('IVIG may reduce relapses.');
    expect(plainLanguageStatement(1, 'reduction', 'relapses')).toBe('The evidence is very uncertain about the effect of IVIG on relapses.');
    expect(plainLanguageStatement(4, 'little-or-none', 'relapses')).toBe('IVIG results in little to no difference in relapses.');
    expect(plainLanguageStatement(3, 'little-or-none', 'relapses')).toBe('IVIG probably results in little to no difference in relapses.');
    expect(plainLanguageStatement(2, 'little-or-none', 'relapses')).toBe('IVIG may result in little to no difference in relapses.');
  });
  it('size against the thresholds: at a threshold is important, inside is little to none', () => {
    const t = { lower: -100, upper: 100, thresholdLow: -25, thresholdHigh: 25 };
    expect(effectSize({ ...t, estimate: -25 })).toBe('reduction');
    expect(effectSize({ ...t, estimate: -24.9 })).toBe('little-or-none');
    expect(effectSize({ ...t, estimate: 25 })).toBe('increase');
  });
  it('without thresholds, the CI decides', () => {
    const t = { thresholdLow: null, thresholdHigh: null, estimate: -0.3 };
    expect(effectSize({ ...t, lower: -0.6, upper: -0.01 })).toBe('reduction');
    expect(effectSize({ ...t, lower: -0.6, upper: 0 })).toBe('little-or-none');
    expect(effectSize({ ...t, estimate: 0.3, lower: 0.01, upper: 0.6 })).toBe('increase');
  });
});
