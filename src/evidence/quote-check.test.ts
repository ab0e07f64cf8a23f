import { describe, expect, it } from 'vitest';
import { numberAppearsInQuote, parseValueText } from './quote-check';

describe('numberAppearsInQuote', () => {
  it('matches Elsevier decimal points and the Unicode minus', () => {
    expect(numberAppearsInQuote(-0.23, '(−0·23 [95% CI −0·43 to −0·03]')).toBe(true);
    expect(numberAppearsInQuote(0.15, 'a monthly dose of IVIg (0·15–0·2 g/kg bodyweight)')).toBe(true);
    expect(numberAppearsInQuote(0.2, 'a monthly dose of IVIg (0·15–0·2 g/kg bodyweight)')).toBe(true);
  });
  it('does not match a number inside a longer number, or with the wrong sign', () => {
    expect(numberAppearsInQuote(0.5, 'p = 0.52')).toBe(false);
    expect(numberAppearsInQuote(5, 'in 75 patients')).toBe(false);
    expect(numberAppearsInQuote(0.23, 'decreased (-0.23 +/- 0.89)')).toBe(false);
    expect(numberAppearsInQuote(-0.12, 'increased (+0.12 +/- 1.07)')).toBe(false);
  });
  it('accepts trailing zeros and a missing leading zero', () => {
    expect(numberAppearsInQuote(0.2, 'a dosage of 0.15-0.20 g/kg')).toBe(true);
    expect(numberAppearsInQuote(0.03, '(P = .03)')).toBe(true);
    expect(numberAppearsInQuote(1, 'IVIG 1.0 g/kg')).toBe(true);
  });
  it('uses valueText for words and scientific notation, and checks it parses to the value', () => {
    expect(numberAppearsInQuote(10, 'compared with ten (14%)', 'ten')).toBe(true);
    expect(numberAppearsInQuote(11, 'compared with ten (14%)', 'ten')).toBe(false);
    expect(numberAppearsInQuote(2.1e-8, '(0.29 difference; P = 2.1 x 10(-8))', '2.1 x 10(-8)')).toBe(true);
    expect(numberAppearsInQuote(-0.3, 'decreased by 0.3 in the IVIg group', 'decreased by 0.3')).toBe(true);
  });
  it('parses compound number words', () => {
    expect(parseValueText('Two-hundred and thirty-one')).toBe(231);
    expect(parseValueText('Seventeen')).toBe(17);
    expect(parseValueText('Sixty-eight')).toBe(68);
    expect(parseValueText('6.75% reduction')).toBe(-6.75);
    expect(parseValueText('sixty eighty')).toBeNull();
  });
});
