/**
 * `metaAnalysis`: common-effect or random-effects pooling of study effects, the engine's main
 * entry point. Mirrors metafor's `rma.uni(yi, vi, method, test)`, `confint()` (τ² CI) and
 * `predict()` (prediction interval).
 */
import { InvalidInputError } from './errors';
import { inverseVariancePooling } from './fixed-effect';
import { heterogeneityStatistics, tau2IntervalFor } from './heterogeneity';
import { estimateTau2 } from './tau2-estimators';
import {
  type MetaAnalysisOptions,
  type MetaAnalysisResult,
  POOLING_METHODS,
  type PoolingMethod,
  type StudyEffect,
  TEST_TYPES,
  type TestType,
  isKnappHartung,
} from './types';
import { requireLevel, requireOneOf, requirePositive, validateEffects } from './validation';
import { type ModelData, interceptOnlyData } from './weighted-least-squares';

export interface ResolvedOptions {
  method: PoolingMethod;
  test: TestType;
  level: number;
  control: { threshold?: number; maxIterations?: number };
}

/** Defaults (REML, z, 95 %) and checks, shared by every entry point. */
export function resolveOptions(options: MetaAnalysisOptions = {}): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidInputError(`options must be an object, got ${String(options)}`);
  }
  const control = options.control ?? {};
  if (control.threshold !== undefined) requirePositive('control.threshold', control.threshold);
  if (control.maxIterations !== undefined) requirePositive('control.maxIterations', control.maxIterations);
  return {
    method: requireOneOf('method', options.method ?? 'REML', POOLING_METHODS),
    test: requireOneOf('test', options.test ?? 'z', TEST_TYPES),
    level: requireLevel(options.level ?? 95),
    control,
  };
}

/**
 * Pools study effects.
 *
 * Model: yᵢ = μ + uᵢ + εᵢ, εᵢ ~ N(0, vᵢ), uᵢ ~ N(0, τ²) (τ² = 0 for 'FE').
 * 1. τ² by the chosen estimator (`tau2-estimators.ts`), truncated at 0.
 * 2. μ̂, SE, z or Knapp-Hartung t test (plain, or ad hoc: s² floored at 1), CI and prediction
 *    interval (`inverseVariancePooling`).
 * 3. Q, I², H² (`heterogeneityStatistics`) and the Q-profile CI of τ² (`qProfileTau2Ci`; not for FE).
 *
 * Reference: metafor documentation, `rma.uni`, `confint.rma.uni`, `predict.rma`;
 * Cochrane Handbook v6.4, chapter 10 (sections 10.3, 10.10).
 *
 * Edge cases:
 * - k = 1: estimate = yᵢ, SE = √vᵢ, τ² = 0, z test (a requested 'knha' or 'adhoc' falls back to z, as
 *   metafor does); Q, its p, I², H² and the τ² CI are null (metafor prints Q = 0, I² = 0, H² = 1).
 * - k = 2 works for every method (Knapp-Hartung then uses t with 1 df).
 * - τ² is truncated at 0; an iterative estimator that does not converge throws a ConvergenceError.
 * - Invalid input throws an InvalidInputError naming the value and study (`vi must be > 0, got 0 at study 3`).
 */
export function metaAnalysis(effects: readonly StudyEffect[], options: MetaAnalysisOptions = {}): MetaAnalysisResult {
  const resolved = resolveOptions(options);
  const { yi, vi } = validateEffects(effects);
  return metaAnalysisOfData(interceptOnlyData(yi, vi), resolved);
}

/** `metaAnalysis` on already validated data (used by the sensitivity analyses). */
export function metaAnalysisOfData(data: ModelData, options: ResolvedOptions): MetaAnalysisResult {
  const { method, level, control } = options;
  const warnings: string[] = [];
  let minVi = Number.POSITIVE_INFINITY;
  let maxVi = 0;
  for (let i = 0; i < data.k; i++) {
    minVi = Math.min(minVi, data.vi[i]!);
    maxVi = Math.max(maxVi, data.vi[i]!);
  }
  if (maxVi / minVi > 1e7) {
    warnings.push(
      `the largest sampling variance is ${(maxVi / minVi).toExponential(1)} times the smallest: results may be unstable (metafor warns above 1e7 too)`,
    );
  }
  let test = options.test;
  // One study: no τ², no heterogeneity, no Knapp-Hartung (it needs k >= 2); the pooled estimate
  // is the study's own, as metafor gives it. Same result shape, with nulls where undefined.
  const single = data.k === 1;
  let tau2 = 0;
  let iterations = 0;
  if (single) {
    if (isKnappHartung(test)) {
      warnings.push('k = 1: Knapp-Hartung needs k >= 2, so the z test was used (as metafor)');
      test = 'z';
    }
    warnings.push('k = 1: tau2 is 0 and heterogeneity statistics are undefined (null)');
  } else if (method !== 'FE') {
    const estimate = estimateTau2(method, data, control);
    tau2 = estimate.tau2;
    iterations = estimate.iterations;
    warnings.push(...estimate.warnings);
  } else if (isKnappHartung(test)) {
    warnings.push('Knapp-Hartung is not meant for a common-effect (FE) model (metafor warns too)');
  }
  const pooled = inverseVariancePooling(data, tau2, test, level);
  if (!single) warnings.push(...pooled.warnings);
  const heterogeneity = single ? { I2: null, H2: null, Q: null, QpValue: null } : heterogeneityStatistics(data, tau2, method === 'FE');
  const tau2Ci = single ? { lower: null, upper: null } : tau2IntervalFor(data, method === 'FE', level, warnings);
  return {
    k: data.k,
    method,
    test,
    level,
    estimate: pooled.estimate,
    se: pooled.se,
    ciLower: pooled.ciLower,
    ciUpper: pooled.ciUpper,
    statistic: pooled.statistic,
    pValue: pooled.pValue,
    df: single ? null : pooled.df,
    tau2,
    tau: Math.sqrt(tau2),
    tau2CiLower: tau2Ci.lower,
    tau2CiUpper: tau2Ci.upper,
    I2: heterogeneity.I2,
    H2: heterogeneity.H2,
    Q: heterogeneity.Q,
    QpValue: heterogeneity.QpValue,
    piLower: pooled.piLower,
    piUpper: pooled.piUpper,
    piDistribution: isKnappHartung(test) ? 't(k-1)' : 'normal',
    weights: pooled.weights,
    converged: true,
    iterations,
    warnings,
  };
}
