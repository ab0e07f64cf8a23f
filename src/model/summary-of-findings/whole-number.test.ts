import { describe, expect, it } from 'vitest';
import { wholeNumberText } from './whole-number';

describe('wholeNumberText', () => {
  it('writes whole numbers exactly as Intl does for en-GB', () => {
    const cases = [0, 1, 9, 10, 99, 100, 999, 1000, 1001, 9999, 12345, 100000, 999999, 1000000, 1234567890, Number.MAX_SAFE_INTEGER];
    for (const n of [...cases, ...cases.map((x) => -x)]) expect(wholeNumberText(n)).toBe(n.toLocaleString('en-GB'));
    for (let n = -2000; n <= 2000; n += 7) expect(wholeNumberText(n)).toBe(n.toLocaleString('en-GB'));
  });

  it('leaves other numbers to Intl', () => {
    expect(wholeNumberText(1234.5678)).toBe('1,234.568');
    expect(wholeNumberText(Number.POSITIVE_INFINITY)).toBe('∞');
  });
});
