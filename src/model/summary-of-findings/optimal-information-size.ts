/**
 * The optimal information size (OIS): the number of patients a single adequately powered trial
 * would need. GRADE guideline 6 (Guyatt et al., J Clin Epidemiol 2011;64:1283–93) rates down for
 * imprecision when the total is below it; GRADE guidance 34 (Zeng et al., J Clin Epidemiol 2022)
 * keeps the criterion.
 */
import { standardNormalQuantile } from '../../stats';

export interface OptimalInformationSize {
  controlRisk: number;
  treatedRisk: number;
  relativeRiskReduction: number;
  alpha: number;
  beta: number;
  nPerGroup: number;
  /** 2 · ⌈n per group⌉. */
  total: number;
}

/**
 * Binary outcome: the two-proportion sample size of R's `power.prop.test` (two-sided, no
 * continuity correction), in closed form:
 *   n = (z₁₋α/₂ · √(2·p̄·(1 − p̄)) + z₁₋β · √(p₁q₁ + p₂q₂))² / (p₁ − p₂)²,
 * p₁ the control risk, p₂ = p₁·(1 − RRR), p̄ = (p₁ + p₂)/2 (Fleiss, Levin & Paik 2003, eq. 4.14).
 * Checked against power.prop.test in tests/reference/make-summary-fixtures.R.
 */
export function optimalInformationSize(controlRisk: number, relativeRiskReduction = 0.25, alpha = 0.05, beta = 0.2): OptimalInformationSize {
  if (!(controlRisk > 0 && controlRisk < 1)) throw new RangeError(`control risk ${controlRisk} must be strictly between 0 and 1`);
  const p1 = controlRisk;
  const p2 = p1 * (1 - relativeRiskReduction);
  const pbar = (p1 + p2) / 2;
  const za = standardNormalQuantile(1 - alpha / 2);
  const zb = standardNormalQuantile(1 - beta);
  const nPerGroup = (za * Math.sqrt(2 * pbar * (1 - pbar)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) ** 2 / (p1 - p2) ** 2;
  return { controlRisk, treatedRisk: p2, relativeRiskReduction, alpha, beta, nPerGroup, total: 2 * Math.ceil(nPerGroup) };
}

/**
 * Continuous outcome: GRADE guideline 6's rule of thumb of 400 patients in total, used because
 * no minimal important difference (and so no sample-size calculation) is set here.
 */
export const CONTINUOUS_OIS = 400;
