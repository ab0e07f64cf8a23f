/**
 * How an effect and its interval are printed, on screen, in the SVG/PNG and in every text column
 * of the exports: one function, so that the plot and its files never disagree in the digits.
 *
 * RevMan 5 prints every ratio and difference with 2 decimals, whatever its size ("13.00 [0.78,
 * 216.39]"), and we do the same (the former "216" dropped digits a RevMan user expects). The one
 * exception is a ratio below 0.005, which 2 decimals would print as "0.00", an impossible ratio:
 * it is printed "<0.01", as reviewers write it. Large ratios keep their digits ("655588.00"):
 * an interval that wide says by its width that the study is uninformative, and capping it
 * ("> 999") would print a number that is not the result. Differences (RD, MD, SMD) are printed as
 * they round, sign included ("-0.00" for a bound just below 0).
 */

export type EffectScale = 'ratio' | 'difference';

/** One value of an effect (estimate or a bound), on its display scale. */
export function formatEffectValue(x: number, scale: EffectScale): string {
  if (scale === 'ratio' && x > 0 && x < 0.005) return '<0.01';
  return x.toFixed(2);
}

/** "1.50 [1.03, 2.18]": estimate and interval, as in RevMan's forest plot. */
export function effectText(estimate: number, lo: number, hi: number, scale: EffectScale): string {
  return `${formatEffectValue(estimate, scale)} [${formatEffectValue(lo, scale)}, ${formatEffectValue(hi, scale)}]`;
}
