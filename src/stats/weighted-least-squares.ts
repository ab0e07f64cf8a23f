/**
 * Weighted least squares at a given τ², the computational core shared by every estimator:
 *   wᵢ = 1/(vᵢ + τ²),  β̂ = (XᵀWX)⁻¹XᵀWy,  Var(β̂) = (XᵀWX)⁻¹,
 *   P = W − WX(XᵀWX)⁻¹XᵀW,  y'Py = Σ wᵢeᵢ²,  y'PPy = Σ wᵢ²eᵢ²  (eᵢ = yᵢ − xᵢβ̂),
 * plus tr(P) and tr(PP) for REML. P is never formed: everything streams over the k studies with
 * p × p accumulators, so one evaluation costs O(k·p²) and allocates nothing per study.
 *
 * Reference: Viechtbauer (2005), J Educ Behav Stat 30:261–293, equations for P and the
 * Fisher-scoring steps; metafor documentation, `rma.uni`, "Details".
 */
import { MetaAnalysisError } from './errors';
import {
  type Matrix,
  cholesky,
  choleskyInverse,
  choleskySolve,
  createMatrix,
  logDeterminantFromCholesky,
} from './linear-algebra';

/** Studies and design. `X` is row-major k × p including the intercept column; null = intercept only. */
export interface ModelData {
  readonly k: number;
  readonly p: number;
  readonly yi: Float64Array;
  readonly vi: Float64Array;
  readonly X: Float64Array | null;
}

export function interceptOnlyData(yi: Float64Array, vi: Float64Array): ModelData {
  return { k: yi.length, p: 1, yi, vi, X: null };
}

export interface WeightedFit {
  beta: Float64Array;
  /** (XᵀWX)⁻¹, the model-based covariance of β̂ before any Knapp-Hartung scaling. */
  vb: Matrix;
  sumW: number;
  sumW2: number;
  /** y'Py = Σ wᵢ eᵢ² (the generalized Q statistic at this τ²). */
  rss: number;
  /** y'PPy = Σ wᵢ² eᵢ² (minus the derivative of y'Py with respect to τ²). */
  rssW2: number;
  /** tr(P) and tr(PP); NaN unless `withTraces`. */
  trP: number;
  trPP: number;
  /** ln det(XᵀWX), for the restricted log-likelihood. */
  logDetXtWX: number;
}

/**
 * The weighted fit at `tau2` (τ² = 0 gives the common-effect fit with weights 1/vᵢ).
 * For the intercept-only model, tr(P) and tr(PP) use cancellation-free sums
 * (P_ii = wᵢ(Σw − wᵢ)/Σw with Σ_{j≠i} wⱼ summed directly for the largest weight, and
 * Σ_{i≠j} wᵢ²wⱼ² accumulated pairwise), so weights that differ by 1e16 still give correct traces.
 */
export function weightedLeastSquares(data: ModelData, tau2: number, withTraces = false): WeightedFit {
  return data.X === null ? interceptOnlyFit(data, tau2, withTraces) : generalFit(data, data.X, tau2, withTraces);
}

function interceptOnlyFit(data: ModelData, tau2: number, withTraces: boolean): WeightedFit {
  const { k, yi, vi } = data;
  let sumW = 0;
  let sumWy = 0;
  let sumW2 = 0;
  let prefixW2 = 0;
  let pairW2 = 0;
  let maxW = -1;
  let maxIndex = 0;
  for (let i = 0; i < k; i++) {
    const w = 1 / (vi[i]! + tau2);
    const w2 = w * w;
    sumW += w;
    sumWy += w * yi[i]!;
    sumW2 += w2;
    if (withTraces) {
      pairW2 += w2 * prefixW2;
      prefixW2 += w2;
      if (w > maxW) {
        maxW = w;
        maxIndex = i;
      }
    }
  }
  if (!(sumW > 0) || !Number.isFinite(sumW)) {
    throw new MetaAnalysisError(`inverse-variance weights sum to ${sumW} at tau2 = ${tau2}`);
  }
  const b = sumWy / sumW;
  let rss = 0;
  let rssW2 = 0;
  let sumWR = 0;
  let sumWR2 = 0;
  let sumOthers = 0;
  for (let i = 0; i < k; i++) {
    const w = 1 / (vi[i]! + tau2);
    const e = yi[i]! - b;
    const we2 = w * e * e;
    rss += we2;
    rssW2 += w * we2;
    if (withTraces && i !== maxIndex) {
      const wr = w * (sumW - w);
      sumWR += wr;
      sumWR2 += wr * wr;
      sumOthers += w;
    }
  }
  let trP = Number.NaN;
  let trPP = Number.NaN;
  if (withTraces) {
    const wr = maxW * sumOthers;
    trP = (sumWR + wr) / sumW;
    trPP = (sumWR2 + wr * wr + 2 * pairW2) / (sumW * sumW);
  }
  const beta = new Float64Array(1);
  beta[0] = b;
  return {
    beta,
    vb: createMatrix(1, 1, [1 / sumW]),
    sumW,
    sumW2,
    rss,
    rssW2,
    trP,
    trPP,
    logDetXtWX: Math.log(sumW),
  };
}

/** tr(A·B) for symmetric p × p matrices stored row-major. */
function traceOfProduct(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function fillLowerTriangle(m: Float64Array, p: number): void {
  for (let r = 0; r < p; r++) for (let c = 0; c < r; c++) m[r * p + c] = m[c * p + r]!;
}

function generalFit(data: ModelData, X: Float64Array, tau2: number, withTraces: boolean): WeightedFit {
  const { k, p, yi, vi } = data;
  const xtwx = new Float64Array(p * p);
  const xtw2x = new Float64Array(withTraces ? p * p : 0);
  const xtw3x = new Float64Array(withTraces ? p * p : 0);
  const xtwy = new Float64Array(p);
  let sumW = 0;
  let sumW2 = 0;
  for (let i = 0; i < k; i++) {
    const w = 1 / (vi[i]! + tau2);
    const w2 = w * w;
    const w3 = w2 * w;
    sumW += w;
    sumW2 += w2;
    const row = i * p;
    const y = yi[i]!;
    for (let a = 0; a < p; a++) {
      const xa = X[row + a]!;
      xtwy[a] = xtwy[a]! + w * xa * y;
      for (let c = a; c < p; c++) {
        const xx = xa * X[row + c]!;
        const idx = a * p + c;
        xtwx[idx] = xtwx[idx]! + w * xx;
        if (withTraces) {
          xtw2x[idx] = xtw2x[idx]! + w2 * xx;
          xtw3x[idx] = xtw3x[idx]! + w3 * xx;
        }
      }
    }
  }
  fillLowerTriangle(xtwx, p);
  const L = cholesky(createMatrix(p, p, xtwx));
  const beta = choleskySolve(L, xtwy);
  const vb = choleskyInverse(L);
  let rss = 0;
  let rssW2 = 0;
  for (let i = 0; i < k; i++) {
    const w = 1 / (vi[i]! + tau2);
    const row = i * p;
    let fitted = 0;
    for (let a = 0; a < p; a++) fitted += X[row + a]! * beta[a]!;
    const e = yi[i]! - fitted;
    const we2 = w * e * e;
    rss += we2;
    rssW2 += w * we2;
  }
  let trP = Number.NaN;
  let trPP = Number.NaN;
  if (withTraces) {
    fillLowerTriangle(xtw2x, p);
    fillLowerTriangle(xtw3x, p);
    const A = vb.data;
    // tr(P) = Σw − tr(A·XᵀW²X);  tr(PP) = Σw² − 2 tr(A·XᵀW³X) + tr((A·XᵀW²X)²).
    trP = sumW - traceOfProduct(A, xtw2x);
    const AB = new Float64Array(p * p);
    for (let r = 0; r < p; r++) {
      for (let c = 0; c < p; c++) {
        let s = 0;
        for (let m = 0; m < p; m++) s += A[r * p + m]! * xtw2x[m * p + c]!;
        AB[r * p + c] = s;
      }
    }
    let trABAB = 0;
    for (let r = 0; r < p; r++) for (let c = 0; c < p; c++) trABAB += AB[r * p + c]! * AB[c * p + r]!;
    trPP = sumW2 - 2 * traceOfProduct(A, xtw3x) + trABAB;
  }
  return { beta, vb, sumW, sumW2, rss, rssW2, trP, trPP, logDetXtWX: logDeterminantFromCholesky(L) };
}

/**
 * Ordinary (unweighted) least squares pieces for the Hedges (HE) estimator:
 * RSS = y'(I − H)y and tr((I − H)V) = Σvᵢ − tr((XᵀX)⁻¹XᵀVX), H the hat matrix.
 */
export function ordinaryLeastSquares(data: ModelData): { rss: number; trPV: number } {
  const { k, p, yi, vi, X } = data;
  if (X === null) {
    let sumY = 0;
    let sumV = 0;
    for (let i = 0; i < k; i++) {
      sumY += yi[i]!;
      sumV += vi[i]!;
    }
    const mean = sumY / k;
    let rss = 0;
    for (let i = 0; i < k; i++) rss += (yi[i]! - mean) ** 2;
    return { rss, trPV: sumV - sumV / k };
  }
  const xtx = new Float64Array(p * p);
  const xtvx = new Float64Array(p * p);
  const xty = new Float64Array(p);
  let sumV = 0;
  for (let i = 0; i < k; i++) {
    const row = i * p;
    const v = vi[i]!;
    sumV += v;
    for (let a = 0; a < p; a++) {
      const xa = X[row + a]!;
      xty[a] = xty[a]! + xa * yi[i]!;
      for (let c = a; c < p; c++) {
        const idx = a * p + c;
        const xx = xa * X[row + c]!;
        xtx[idx] = xtx[idx]! + xx;
        xtvx[idx] = xtvx[idx]! + v * xx;
      }
    }
  }
  fillLowerTriangle(xtx, p);
  fillLowerTriangle(xtvx, p);
  const L = cholesky(createMatrix(p, p, xtx));
  const beta = choleskySolve(L, xty);
  const A = choleskyInverse(L).data;
  let rss = 0;
  for (let i = 0; i < k; i++) {
    let fitted = 0;
    for (let a = 0; a < p; a++) fitted += X[i * p + a]! * beta[a]!;
    rss += (yi[i]! - fitted) ** 2;
  }
  return { rss, trPV: sumV - traceOfProduct(A, xtvx) };
}

/** Σ ln(vᵢ + τ²), for log-likelihoods. */
export function sumLogMarginalVariance(data: ModelData, tau2: number): number {
  let s = 0;
  for (let i = 0; i < data.k; i++) s += Math.log(data.vi[i]! + tau2);
  return s;
}
