import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, settingsFromSearchParams, settingsToSearchParams } from './analysis-params';

describe('analysis settings in the URL', () => {
  it('carries the I² basis (i2=Q) and leaves the default out', () => {
    expect(settingsFromSearchParams(new URLSearchParams('i2=Q')).settings.i2Basis).toBe('Q');
    expect(settingsToSearchParams({ ...DEFAULT_SETTINGS, i2Basis: 'Q' }, [], new URLSearchParams()).get('i2')).toBe('Q');
    expect(settingsToSearchParams(DEFAULT_SETTINGS, [], new URLSearchParams()).has('i2')).toBe(false);
    expect(settingsFromSearchParams(new URLSearchParams('i2=x')).problems).toEqual(['Ignored i2="x" (expected one of tau2, Q).']);
  });
});
