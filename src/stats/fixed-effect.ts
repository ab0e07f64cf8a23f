/**
 * Inverse-variance pooling at a given τ²: the common-effect model (τ² = 0, metafor
 * `method = "FE"`) and the second stage of every random-effects model.
 */
import { criticalValue } from './distributions';
import { waldInference } from './wald-inference';
import { type EstimateWithTest, type TestType, isKnappHartung } from './types';
import { type ModelData, weightedLeastSquares } from './weighted-least-squares';

export interface PooledEstimate extends EstimateWithTest {
  /** k − 1 under Knapp-Hartung (plain or ad hoc), null for z. */
  df: number | null;
  piLower: number;
  piUpper: number;
  /** Percent weights 100·wᵢ/Σw. */
  weights: number[];
  /** Knapp-Hartung scale factor s² (1 for the z test; max(1, s²) under 'adhoc'). */
  knhaScale: number;
  warnings: string[];
}

/**
 * Inverse-variance weighted mean and its inference, intercept-only model.
 *   wᵢ = 1/(vᵢ + τ²),  μ̂ = Σwᵢyᵢ/Σwᵢ,  Var(μ̂) = 1/Σwᵢ.
 *   z test: z = μ̂/SE, CI μ̂ ± z_{1−α/2}·SE.
 *   Knapp-Hartung ('knha'): Var(μ̂) = s²/Σwᵢ with s² = Σwᵢ(yᵢ − μ̂)²/(k − 1), not truncated at 1
 *     (metafor's default test = "knha"; s² = 0 when Σwᵢ(yᵢ − μ̂)² <= machine epsilon, as metafor);
 *     t = μ̂/SE on k − 1 df, CI μ̂ ± t_{1−α/2, k−1}·SE.
 *   Knapp-Hartung with the ad hoc correction ('adhoc', metafor's test = "adhoc"): the same t test
 *     with the factor floored at 1, Var(μ̂) = max(1, s²)/Σwᵢ, so that very homogeneous estimates
 *     (s² < 1; s² = 0 for identical ones, which gives a CI of width 0 under plain 'knha') never get
 *     a smaller variance than the z test's. Knapp & Hartung (2003), Stat Med 22:2693–2710, sec. 3;
 *     Jackson, Law, Rücker & Schwarzer (2017), Stat Med 36:3923–3934, sec. 4.3; Röver, Knapp &
 *     Friede (2015), BMC Med Res Methodol 15:99 (recommended with few studies).
 *   Prediction interval (metafor `predict.rma`): μ̂ ± c·√(SE² + τ²) with c the same quantile as
 *     the CI (normal for z, t_{k−1} for knha).
 * Reference: Cochrane Handbook v6.4, sections 10.3 and 10.10.4; Knapp & Hartung (2003), Stat Med
 * 22:2693–2710; Higgins, Thompson & Spiegelhalter (2009), JRSS A 172:137–159 (prediction interval).
 * Edge cases: k = 1 with 'knha' or 'adhoc' has no df; callers switch to z first (metafor does the same).
 */
export function inverseVariancePooling(data: ModelData, tau2: number, test: TestType, levelPercent: number): PooledEstimate {
  const fit = weightedLeastSquares(data, tau2);
  const estimate = fit.beta[0]!;
  let variance = 1 / fit.sumW;
  let df: number | null = null;
  let knhaScale = 1;
  const warnings: string[] = [];
  if (isKnappHartung(test)) {
    df = data.k - 1;
    knhaScale = fit.rss <= Number.EPSILON ? 0 : fit.rss / df;
    if (test === 'adhoc') knhaScale = Math.max(1, knhaScale);
    else if (knhaScale === 0) warnings.push('Knapp-Hartung: all estimates are equal, so s² = 0 and SE = 0 (as metafor); the ad hoc correction (test = "adhoc") floors s² at 1');
    variance *= knhaScale;
  }
  const se = Math.sqrt(variance);
  const crit = criticalValue(levelPercent, df);
  const piHalfWidth = crit * Math.sqrt(variance + tau2);
  const weights = new Array<number>(data.k);
  for (let i = 0; i < data.k; i++) weights[i] = (100 / (data.vi[i]! + tau2)) / fit.sumW;
  return {
    ...waldInference(estimate, se, crit, df),
    df,
    piLower: estimate - piHalfWidth,
    piUpper: estimate + piHalfWidth,
    weights,
    knhaScale,
    warnings,
  };
}
