/**
 * Mixed-effects meta-regression (common-effect with method 'FE'), as metafor's
 * `rma(yi, vi, mods = ~ x1 + x2, method, test)` and `predict(res, newmods)`.
 */
import { InvalidInputError, atStudy, describeValue } from './errors';
import { chiSquareUpperTail, criticalValue, fUpperTail } from './distributions';
import { heterogeneityStatistics, tau2IntervalFor } from './heterogeneity';
import {
  type Matrix,
  bilinearForm,
  createMatrix,
  identityMatrix,
  matrixGet,
  multiply,
  quadraticFormInverse,
  subMatrix,
  transpose,
} from './linear-algebra';
import { resolveOptions } from './meta-analysis';
import { estimateTau2 } from './tau2-estimators';
import { type EstimateWithTest, type MetaAnalysisOptions, type PoolingMethod, type StudyEffect, type TestType, isKnappHartung } from './types';
import { requireFinite, requireLength, validateEffects } from './validation';
import { waldInference } from './wald-inference';
import { type ModelData, interceptOnlyData, weightedLeastSquares } from './weighted-least-squares';

export interface MetaRegressionOptions extends MetaAnalysisOptions {
  /** Names of the moderator columns, for the coefficient table (default "x1", "x2", ...). */
  moderatorNames?: string[];
}

/** `statistic` is z, or t on k − p df under Knapp-Hartung. */
export interface RegressionCoefficient extends EstimateWithTest {
  name: string;
}

export interface MetaRegressionPrediction {
  pred: number;
  se: number;
  ciLower: number;
  ciUpper: number;
  piLower: number;
  piUpper: number;
}

export interface MetaRegressionResult {
  k: number;
  /** Number of coefficients, intercept included. */
  p: number;
  method: PoolingMethod;
  test: TestType;
  level: number;
  /** k − p under Knapp-Hartung, null for z. */
  df: number | null;
  /** Intercept first, then one per moderator column. */
  coefficients: RegressionCoefficient[];
  /** Residual τ². */
  tau2: number;
  tau2CiLower: number | null;
  tau2CiUpper: number | null;
  /** Omnibus test of the moderators (all coefficients but the intercept). */
  QM: number;
  /** [m] for the χ²_m test, [m, k − p] for the F test under Knapp-Hartung. */
  QMdf: number[];
  /** χ²_m upper tail, or F(m, k − p) under Knapp-Hartung (metafor's QMp). */
  QMpValue: number;
  /** Test for residual heterogeneity, weights 1/vᵢ, df = k − p. */
  QE: number;
  QEdf: number;
  QEpValue: number;
  /** Residual I² and H², as metafor prints them for a meta-regression. */
  I2: number;
  H2: number;
  /** Pseudo-R² in percent (see `metaRegression`); null if the model without moderators failed. */
  R2: number | null;
  piDistribution: 'normal' | 't(k-p)';
  iterations: number;
  converged: boolean;
  warnings: string[];
  /** Prediction at moderator values `x` (no intercept entry), with CI and prediction interval. */
  predict(x: readonly number[]): MetaRegressionPrediction;
}

/**
 * Meta-regression yᵢ = xᵢβ + uᵢ + εᵢ with an intercept added to `moderators` (one row per study).
 *
 * - τ²: the chosen estimator on the residuals (`tau2-estimators.ts`; REML by default), truncated at 0.
 * - β̂ = (XᵀWX)⁻¹XᵀWy, Var(β̂) = (XᵀWX)⁻¹, W = diag(1/(vᵢ + τ²)); Knapp-Hartung multiplies
 *   Var(β̂) by s² = Σwᵢeᵢ²/(k − p) (not truncated) and uses t_{k−p}.
 * - QM = β̂ₛᵀ Var(β̂ₛ)⁻¹ β̂ₛ over the m moderator coefficients: χ²_m (z) or QM/m ~ F(m, k − p) (knha).
 * - QE = Σ(yᵢ − xᵢβ̂_FE)²/vᵢ ~ χ²_{k−p}; residual I² and H² as in `heterogeneityStatistics`.
 * - Pseudo-R² (metafor's default): max(0, 100·(τ²₀ − τ²)/τ²₀), τ²₀ from the model without
 *   moderators with the same method; 0 when τ²₀ = 0. For 'FE', metafor's adjusted R² of the
 *   weighted least-squares fit: max(0, 100·(1 − (1 − R²_w)(k − 1)/(k − p))).
 * - predict(x): ŷ = x̃β̂, SE = √(x̃ᵀVar(β̂)x̃), CI ŷ ± c·SE, PI ŷ ± c·√(SE² + τ²), c normal or t_{k−p}.
 *
 * Moderators are centred internally (better-conditioned XᵀWX); coefficients and their covariance
 * are transformed back, so results are those of the uncentred model.
 * Reference: metafor documentation, `rma.uni` (mods), `predict.rma`; Viechtbauer (2005);
 * Thompson & Higgins (2002), Stat Med 21:1559–1573; Cochrane Handbook v6.4, section 10.11.4.
 * Edge cases: needs k > p (more studies than coefficients); collinear or constant moderators
 * throw (metafor drops redundant columns with a warning).
 */
export function metaRegression(
  effects: readonly StudyEffect[],
  moderators: readonly (readonly number[])[],
  options: MetaRegressionOptions = {},
): MetaRegressionResult {
  const { method, test, level, control } = resolveOptions(options);
  const { yi, vi } = validateEffects(effects, 2);
  const k = yi.length;
  const rows = requireLength('moderators', moderators, 1);
  if (rows.length !== k) {
    throw new InvalidInputError(`moderators must have one row per study (${k}), got ${rows.length}`);
  }
  const firstRow = rows[0];
  if (!Array.isArray(firstRow) || firstRow.length < 1) {
    throw new InvalidInputError(`moderators[0] must be a non-empty array of numbers, got ${describeValue(firstRow)}`);
  }
  const m = firstRow.length;
  const p = m + 1;
  if (k <= p) {
    throw new InvalidInputError(`meta-regression needs more studies than coefficients: k = ${k}, coefficients = ${p}`);
  }
  const names = options.moderatorNames ?? Array.from({ length: m }, (_, j) => `x${j + 1}`);
  if (names.length !== m) throw new InvalidInputError(`moderatorNames must have ${m} entries, got ${names.length}`);

  // Design matrix with centred moderator columns.
  const centre = new Float64Array(m);
  const raw = new Float64Array(k * m);
  for (let i = 0; i < k; i++) {
    const row = rows[i];
    if (!Array.isArray(row) || row.length !== m) {
      throw new InvalidInputError(`moderators row must have ${m} value(s), got ${describeValue(row)}${atStudy(i)}`);
    }
    for (let j = 0; j < m; j++) {
      const x = requireFinite(`moderator ${names[j]}`, row[j], i);
      raw[i * m + j] = x;
      centre[j] = centre[j]! + x / k;
    }
  }
  const X = new Float64Array(k * p);
  for (let i = 0; i < k; i++) {
    X[i * p] = 1;
    for (let j = 0; j < m; j++) X[i * p + j + 1] = raw[i * m + j]! - centre[j]!;
  }
  const data: ModelData = { k, p, yi, vi, X };
  const warnings: string[] = [];

  const tau2Estimate = method === 'FE' ? null : estimateTau2(method, data, control);
  const tau2 = tau2Estimate?.tau2 ?? 0;
  const iterations = tau2Estimate?.iterations ?? 0;
  warnings.push(...(tau2Estimate?.warnings ?? []));
  const fit = weightedLeastSquares(data, tau2);
  let scale = 1;
  let df: number | null = null;
  if (isKnappHartung(test)) {
    df = k - p;
    scale = fit.rss <= Number.EPSILON ? 0 : fit.rss / df;
    // Ad hoc correction (metafor's test = "adhoc"): the factor floored at 1, as in metaAnalysis.
    if (test === 'adhoc') scale = Math.max(1, scale);
  }
  const vbCentred = createMatrix(p, p);
  for (let i = 0; i < p * p; i++) vbCentred.data[i] = fit.vb.data[i]! * scale;

  // Back to the uncentred parameterisation: β = Tβc, Var(β) = T Var(βc) Tᵀ, T = [[1, −cᵀ], [0, I]].
  const T: Matrix = identityMatrix(p);
  for (let j = 0; j < m; j++) T.data[j + 1] = -centre[j]!;
  const beta = multiply(T, createMatrix(p, 1, fit.beta)).data;
  const vb = multiply(multiply(T, vbCentred), transpose(T));

  const crit = criticalValue(level, df);
  const coefficients: RegressionCoefficient[] = [];
  for (let j = 0; j < p; j++) {
    coefficients.push({
      name: j === 0 ? 'intercept' : (names[j - 1] ?? `x${j}`),
      ...waldInference(beta[j]!, Math.sqrt(matrixGet(vb, j, j)), crit, df),
    });
  }

  const slopes = Array.from({ length: m }, (_, j) => j + 1);
  let QM = quadraticFormInverse(subMatrix(vb, slopes, slopes), slopes.map((j) => beta[j]!));
  let QMpValue: number;
  let QMdf: number[];
  if (isKnappHartung(test)) {
    QM /= m;
    QMdf = [m, k - p];
    QMpValue = fUpperTail(QM, m, k - p);
  } else {
    QMdf = [m];
    QMpValue = chiSquareUpperTail(QM, m);
  }

  const heterogeneity = heterogeneityStatistics(data, tau2, method === 'FE');
  const { lower: tau2CiLower, upper: tau2CiUpper } = tau2IntervalFor(data, method === 'FE', level, warnings);

  const R2 = pseudoR2(data, method, tau2, control, warnings);
  // Predictions use the centred parameterisation (x̃ = [1, x − centre]), which is better conditioned.
  const betaCentred = fit.beta;
  const predict = (x: readonly number[]): MetaRegressionPrediction => {
    if (!Array.isArray(x) || x.length !== m) {
      throw new InvalidInputError(`predict needs ${m} moderator value(s), got ${describeValue(x)}`);
    }
    const xc = new Float64Array(p);
    xc[0] = 1;
    for (let j = 0; j < m; j++) xc[j + 1] = requireFinite(`moderator ${names[j]}`, x[j]) - centre[j]!;
    let pred = 0;
    for (let j = 0; j < p; j++) pred += xc[j]! * betaCentred[j]!;
    const variance = bilinearForm(xc, vbCentred, xc);
    const se = Math.sqrt(variance);
    const piHalf = crit * Math.sqrt(variance + tau2);
    return {
      pred,
      se,
      ciLower: pred - crit * se,
      ciUpper: pred + crit * se,
      piLower: pred - piHalf,
      piUpper: pred + piHalf,
    };
  };

  return {
    k,
    p,
    method,
    test,
    level,
    df,
    coefficients,
    tau2,
    tau2CiLower,
    tau2CiUpper,
    QM,
    QMdf,
    QMpValue,
    QE: heterogeneity.Q,
    QEdf: heterogeneity.df,
    QEpValue: heterogeneity.QpValue,
    I2: heterogeneity.I2,
    H2: heterogeneity.H2,
    R2,
    piDistribution: isKnappHartung(test) ? 't(k-p)' : 'normal',
    iterations,
    converged: true,
    warnings,
    predict,
  };
}

function pseudoR2(
  data: ModelData,
  method: PoolingMethod,
  tau2: number,
  control: MetaAnalysisOptions['control'],
  warnings: string[],
): number | null {
  if (method === 'FE') return weightedAdjustedR2(data);
  try {
    const tau2Null = estimateTau2(method, interceptOnlyData(data.yi, data.vi), control).tau2;
    if (tau2Null === 0) return 0;
    return Math.max(0, (100 * (tau2Null - tau2)) / tau2Null);
  } catch (error) {
    warnings.push(`R2: the model without moderators failed (${(error as Error).message}); R2 is null`);
    return null;
  }
}

/** Adjusted R² (percent, truncated at 0) of the weighted least-squares fit with wᵢ = 1/vᵢ (metafor, method "FE"). */
function weightedAdjustedR2(data: ModelData): number {
  const { k, p, yi, vi, X } = data;
  let allEqual = true;
  for (let i = 1; i < k; i++) if (yi[i] !== yi[0]) allEqual = false;
  if (allEqual || X === null) return 0;
  const fit = weightedLeastSquares(data, 0);
  let sumW = 0;
  let sumWf = 0;
  const fitted = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let f = 0;
    for (let a = 0; a < p; a++) f += X[i * p + a]! * fit.beta[a]!;
    fitted[i] = f;
    sumW += 1 / vi[i]!;
    sumWf += f / vi[i]!;
  }
  const meanF = sumWf / sumW;
  let mss = 0;
  for (let i = 0; i < k; i++) mss += (fitted[i]! - meanF) ** 2 / vi[i]!;
  const r2 = mss / (mss + fit.rss);
  const adjusted = 1 - ((1 - r2) * (k - 1)) / (k - p);
  return Math.max(0, 100 * adjusted);
}
