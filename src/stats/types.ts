/** Shared types of the engine's public API. Units are in the names: `vi` variance, `sei` SE. */

/** One study's effect on the analysis scale (log scale for ratios) and its sampling variance. */
export interface StudyEffect {
  yi: number;
  vi: number;
}

/** Estimators of the between-study variance τ², metafor's codes. */
export type Tau2Method = 'DL' | 'REML' | 'ML' | 'PM' | 'HS' | 'HE' | 'SJ' | 'EB';

/** Common (fixed) effect 'FE', or a random-effects model with the named τ² estimator. */
export type PoolingMethod = 'FE' | Tau2Method;

/**
 * Wald z test; Knapp-Hartung ('knha': t with k − p df and the s² scaling of the variance); or
 * Knapp-Hartung with the ad hoc correction ('adhoc': the same t test with s² floored at 1, so the
 * interval is never narrower than the z interval's variance; metafor's test = "adhoc").
 */
export type TestType = 'z' | 'knha' | 'adhoc';

/** A t test on k − p df with the Knapp-Hartung scaling (plain or ad hoc). */
export const isKnappHartung = (test: TestType): test is 'knha' | 'adhoc' => test === 'knha' || test === 'adhoc';

export const POOLING_METHODS: readonly PoolingMethod[] = [
  'FE',
  'DL',
  'REML',
  'ML',
  'PM',
  'HS',
  'HE',
  'SJ',
  'EB',
];
export const TEST_TYPES: readonly TestType[] = ['z', 'knha', 'adhoc'];

/** Settings of the iterative estimators. */
export interface IterationControl {
  /**
   * Fisher scoring stops when |τ²_new − τ²_old| <= threshold·(τ² + ṽ), ṽ the harmonic mean of
   * the vᵢ (metafor: absolute 1e-5; default here 1e-10, so that metafor's digits are matched).
   */
  threshold?: number;
  /** Give up (ConvergenceError) after this many Fisher-scoring steps (metafor: 100). */
  maxIterations?: number;
}

export interface MetaAnalysisOptions {
  /** Default 'REML', as metafor. */
  method?: PoolingMethod;
  /** Default 'z'. */
  test?: TestType;
  /** Confidence level in percent, default 95. */
  level?: number;
  control?: IterationControl;
}

/** The distribution that supplied the quantile of the prediction interval. */
export type PredictionDistribution = 'normal' | 't(k-1)';

/**
 * An estimate with its inference, as every pooling function reports it (metafor's `beta`, `se`,
 * `ci.lb`, `ci.ub`, `zval`/`tval`, `pval`).
 */
export interface EstimateWithTest {
  estimate: number;
  se: number;
  ciLower: number;
  ciUpper: number;
  /** z, or t under Knapp-Hartung. */
  statistic: number;
  pValue: number;
}

/** `estimate` is on the analysis scale (log scale for OR, RR, IRR). */
export interface MetaAnalysisResult extends EstimateWithTest {
  k: number;
  method: PoolingMethod;
  test: TestType;
  level: number;
  /** Degrees of freedom of the t test (k − 1) under Knapp-Hartung, null for z. */
  df: number | null;
  tau2: number;
  tau: number;
  /** Q-profile CI of τ² (metafor's confint); null for FE and k = 1. */
  tau2CiLower: number | null;
  tau2CiUpper: number | null;
  /** Percent. null when k = 1 (undefined). */
  I2: number | null;
  H2: number | null;
  /** Cochran's Q with inverse-variance weights 1/vi, df = k − 1; null when k = 1. */
  Q: number | null;
  QpValue: number | null;
  piLower: number;
  piUpper: number;
  piDistribution: PredictionDistribution;
  /** Percent weights 100·wᵢ/Σw with wᵢ = 1/(vᵢ + τ²), in input order. */
  weights: number[];
  converged: boolean;
  /** Iterations of the τ² estimator (0 for closed-form estimators). */
  iterations: number;
  warnings: string[];
}
