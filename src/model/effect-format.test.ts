import { describe, expect, it } from 'vitest';
import { effectText, formatEffectValue } from './effect-format';

describe('effect format (RevMan: 2 decimals for every value)', () => {
  it('keeps 2 decimals on large values: 13.00 [0.78, 216.39], not 216', () => {
    expect(effectText(13, 0.7812, 216.3912, 'ratio')).toBe('13.00 [0.78, 216.39]');
    expect(formatEffectValue(655588.4, 'ratio')).toBe('655588.40');
  });
  it('prints a ratio below 0.005 as <0.01, never the impossible 0.00', () => {
    expect(effectText(0.2, 0.0004, 655588, 'ratio')).toBe('0.20 [<0.01, 655588.00]');
    expect(formatEffectValue(0.005, 'ratio')).toBe('0.01');
  });
  it('prints differences as they round, sign included', () => {
    expect(effectText(0.03, -0.004, 0.06, 'difference')).toBe('0.03 [-0.00, 0.06]');
    expect(formatEffectValue(0.001, 'difference')).toBe('0.00');
  });
});
