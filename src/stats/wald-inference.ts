/**
 * The inference every pooled or regression estimate reports, written once.
 */
import { twoSidedPValue } from './distributions';
import type { EstimateWithTest } from './types';

/**
 * Wald inference for an estimate with its standard error:
 *   CI = estimate ± c·SE,  statistic = estimate / SE,  p = 2·P(Z ≤ −|statistic|) (z, `df` null) or
 *   2·P(T_df ≤ −|statistic|) (t, Knapp-Hartung or a t-based regression).
 * `critical` is the two-sided critical value of the same distribution (`criticalValue(level, df)`).
 * Reference: metafor `rma` (ci.lb, ci.ub, zval/tval, pval; Viechtbauer 2010, J Stat Softw 36(3),
 * section 3); Cochrane Handbook v6.5 §10.3. Edge case: SE = 0 (Knapp-Hartung with equal estimates)
 * gives a zero-width CI and statistic ±∞ (or NaN for a zero estimate), as metafor.
 */
export function waldInference(estimate: number, se: number, critical: number, df: number | null): EstimateWithTest {
  const statistic = estimate / se;
  return {
    estimate,
    se,
    ciLower: estimate - critical * se,
    ciUpper: estimate + critical * se,
    statistic,
    pValue: twoSidedPValue(statistic, df),
  };
}
