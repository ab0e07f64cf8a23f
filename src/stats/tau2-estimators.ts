/**
 * Estimators of the between-study variance τ², each named after its method and matching the
 * metafor code in `rma.uni(method = ...)`. All work for the intercept-only model and for
 * meta-regression (design X with p columns); k − p must be >= 1. Every result is truncated at 0,
 * as metafor does (tau2.min = 0).
 *
 * Notation: wᵢ = 1/vᵢ (common-effect weights) unless stated; Q = y'Py at τ² = 0 (Cochran's Q,
 * or QE for meta-regression); P as in `weighted-least-squares.ts`.
 *
 * Reference: metafor documentation, `rma.uni`, "Specifying the Model" / "Details";
 * Viechtbauer (2005), J Educ Behav Stat 30:261–293; Veroniki et al. (2016), Res Synth Methods
 * 7:55–79 (overview of the estimators).
 */
import { ConvergenceError, MetaAnalysisError } from './errors';
import { newtonDecreasingRoot } from './root-finding';
import type { IterationControl, Tau2Method } from './types';
import {
  type ModelData,
  ordinaryLeastSquares,
  sumLogMarginalVariance,
  weightedLeastSquares,
} from './weighted-least-squares';

export interface Tau2Estimate {
  method: Tau2Method;
  /** The estimate, truncated at 0. */
  tau2: number;
  converged: boolean;
  /** Fisher-scoring or root-finding iterations; 0 for closed-form estimators. */
  iterations: number;
  warnings: string[];
}

/** metafor's `.Machine$double.eps^0.25`, the tolerance of its log-likelihood check. */
const LL_CHECK_TOLERANCE = 2 ** -13;

export const DEFAULT_THRESHOLD = 1e-10;
export const DEFAULT_MAX_ITERATIONS = 100;

function requireResidualDf(data: ModelData, method: string): number {
  const df = data.k - data.p;
  if (df < 1) {
    throw new MetaAnalysisError(
      `${method} needs more studies than coefficients: k = ${data.k}, coefficients = ${data.p}`,
    );
  }
  return df;
}

function describeRange(values: Float64Array): string {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    min = Math.min(min, values[i]!);
    max = Math.max(max, values[i]!);
  }
  return `vi from ${min} to ${max}`;
}

function closedForm(method: Tau2Method, tau2: number): Tau2Estimate {
  return { method, tau2: Math.max(0, tau2), converged: true, iterations: 0, warnings: [] };
}

/**
 * DerSimonian-Laird (method-of-moments) estimator:
 *   τ² = max(0, (Q − (k − p)) / tr(P)),  P at τ² = 0;  intercept only: tr(P) = Σw − Σw²/Σw.
 * Reference: DerSimonian & Laird (1986), Control Clin Trials 7:177–188; metafor `method = "DL"`.
 */
export function dersimonianLairdTau2(data: ModelData): Tau2Estimate {
  const df = requireResidualDf(data, 'DL');
  const fe = weightedLeastSquares(data, 0, true);
  return closedForm('DL', (fe.rss - df) / fe.trP);
}

/**
 * Hedges (variance-component / "HE") estimator, from unweighted least squares:
 *   τ² = max(0, (RSS_OLS − tr((I − H)V)) / (k − p));  intercept only:
 *   τ² = max(0, Σ(yᵢ − ȳ)²/(k − 1) − Σvᵢ/k).
 * Reference: Hedges (1983), Psychol Bull 93:388–395; metafor `method = "HE"`.
 */
export function hedgesTau2(data: ModelData): Tau2Estimate {
  return closedForm('HE', hedgesTau2Untruncated(data));
}

function hedgesTau2Untruncated(data: ModelData): number {
  const df = requireResidualDf(data, 'HE');
  const ols = ordinaryLeastSquares(data);
  return (ols.rss - ols.trPV) / df;
}

/**
 * Hunter-Schmidt estimator:  τ² = max(0, (Q − k) / Σwᵢ).
 * Reference: Hunter & Schmidt (2004), Methods of Meta-Analysis; metafor `method = "HS"`.
 */
export function hunterSchmidtTau2(data: ModelData): Tau2Estimate {
  requireResidualDf(data, 'HS');
  const fe = weightedLeastSquares(data, 0);
  return closedForm('HS', (fe.rss - data.k) / fe.sumW);
}

/**
 * Sidik-Jonkman estimator: with the crude start τ₀² = Σ(yᵢ − ȳ)²/k (ȳ unweighted),
 *   τ² = τ₀² · y'P(τ₀²)y / (k − p).
 * Always >= 0. Reference: Sidik & Jonkman (2005), Stat Med 24:1447–1461; metafor `method = "SJ"`.
 */
export function sidikJonkmanTau2(data: ModelData): Tau2Estimate {
  const df = requireResidualDf(data, 'SJ');
  let mean = 0;
  for (let i = 0; i < data.k; i++) mean += data.yi[i]!;
  mean /= data.k;
  let ss = 0;
  for (let i = 0; i < data.k; i++) ss += (data.yi[i]! - mean) ** 2;
  const tau2Start = ss / data.k;
  const fit = weightedLeastSquares(data, tau2Start);
  return closedForm('SJ', (tau2Start * fit.rss) / df);
}

/**
 * Paule-Mandel estimator: the τ² at which the generalized Q statistic equals its expectation,
 *   y'P(τ²)y = k − p,
 * or 0 when y'P(0)y < k − p. Solved by bracketed Newton iterations on the decreasing, convex
 * function Q(τ²) (`newtonDecreasingRoot`); the upper bracket starts at 100 (metafor's tau2.max)
 * and grows tenfold while Q is still above the target, where metafor would stop with an error.
 * Reference: Paule & Mandel (1982), J Res Natl Bur Stand 87:377–385; metafor `method = "PM"`.
 */
export function pauleMandelTau2(data: ModelData): Tau2Estimate {
  const df = requireResidualDf(data, 'PM');
  const solved = solveGeneralizedQ(data, df, 'PM');
  return { method: 'PM', tau2: solved.tau2, converged: true, iterations: solved.iterations, warnings: [] };
}

/**
 * The τ² >= 0 solving the generalized Q equation y'P(τ²)y = target, or 0 when y'P(0)y <= target.
 * Q(τ²) is decreasing and convex (Q' = −y'PPy, Q'' = 2y'PPPy), so Newton steps from τ² = 0 inside
 * a bracket converge monotonically; the upper end starts at 100 and grows tenfold as needed.
 * Shared by Paule-Mandel (target k − p) and the Q-profile CI (targets χ² quantiles).
 * Reference: Viechtbauer (2007), Stat Med 26:37–52; metafor's internal `.QE.func` + `uniroot`.
 */
export function solveGeneralizedQ(data: ModelData, target: number, label: string): { tau2: number; iterations: number } {
  const f = (tau2: number) => {
    const fit = weightedLeastSquares(data, tau2);
    return { value: fit.rss - target, derivative: -fit.rssW2 };
  };
  const atZero = f(0);
  if (atZero.value <= 0) return { tau2: 0, iterations: 0 };
  let upper = 100;
  while (f(upper).value > 0) {
    upper *= 10;
    if (upper > 1e300) {
      throw new ConvergenceError(label, 0, `the generalized Q statistic stays above ${target} for every tau2`);
    }
  }
  const { root, iterations } = newtonDecreasingRoot(f, 0, upper, label);
  return { tau2: root, iterations };
}

type FisherScoringMethod = 'ML' | 'REML' | 'EB';

/**
 * Fisher scoring for ML, REML and EB, as metafor: start at max(0, HE estimate); step
 *   ML:   Δ = (y'PPy − Σwᵢ) / Σwᵢ²                      (wᵢ = 1/(vᵢ + τ²))
 *   REML: Δ = (y'PPy − tr(P)) / tr(PP)
 *   EB:   Δ = (y'Py · k/(k − p) − k) / Σwᵢ
 * and a ConvergenceError after `maxIterations` steps (metafor stops with an error too).
 * After convergence, ML and REML check the log-likelihood at τ² = 0 as metafor does (ll0check):
 * if it is higher by more than eps^0.25, τ² is set to 0 with a warning.
 *
 * Safeguards, none of which changes the root that plain scoring converges to:
 * - a step that would make τ² negative goes to τ² = 0 (metafor halves it until τ² >= 0 and then
 *   creeps towards 0; if the score at 0 is negative, both end at 0);
 * - Aitken Δ² extrapolation after two plain steps that contract (Steffensen's method): plain
 *   scoring converges linearly, often with alternating steps, and needs 50+ steps to reach a
 *   tight threshold;
 * - the iterates keep a bracket of the root (the sign of a step is the sign of the score) and a
 *   step that leaves it is replaced by bisection: with small τ² plain scoring can oscillate with
 *   growing amplitude, where metafor stops on its absolute 1e-5 threshold at a point that is not
 *   the root.
 *
 * Stopping rule: |Δ| <= threshold·(τ² + ṽ), ṽ = k/Σ(1/vᵢ) the harmonic mean of the vᵢ. metafor
 * stops at an absolute |Δ| < 1e-5; an absolute rule depends on the units of y (y in mg instead of
 * g never converges, or converges at once), the scaled rule does not. With the default
 * threshold 1e-10 and effects on the usual log or SMD scale the two agree to metafor's digits.
 * Reference: Viechtbauer (2005), section 3 and appendix; metafor documentation, `rma.uni`,
 * "Note" on Fisher scoring and the `control` argument.
 */
function fisherScoringTau2(method: FisherScoringMethod, data: ModelData, control: IterationControl = {}): Tau2Estimate {
  const df = requireResidualDf(data, method);
  const threshold = control.threshold ?? DEFAULT_THRESHOLD;
  const maxIterations = control.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  const k = data.k;
  let sumInverseVi = 0;
  for (let i = 0; i < k; i++) sumInverseVi += 1 / data.vi[i]!;
  const typicalVi = k / sumInverseVi;

  let iterations = 0;
  /** The Fisher-scoring step at `tau2` (its sign is the sign of the score). */
  const scoringStep = (tau2: number): number => {
    iterations++;
    const fit = weightedLeastSquares(data, tau2, method === 'REML');
    let step: number;
    if (method === 'ML') step = (fit.rssW2 - fit.sumW) / fit.sumW2;
    else if (method === 'REML') step = (fit.rssW2 - fit.trP) / fit.trPP;
    else step = ((fit.rss * k) / df - k) / fit.sumW;
    const finite =
      Number.isFinite(step) &&
      Number.isFinite(fit.rssW2) &&
      Number.isFinite(fit.sumW2) &&
      (method !== 'REML' || Number.isFinite(fit.trPP));
    if (!finite) {
      // metafor sets a non-finite step to 0 and reports convergence; here that would be noise.
      throw new MetaAnalysisError(
        `${method}: the Fisher-scoring step is not finite at tau2 = ${tau2} (the sampling variances ` +
          `span too many orders of magnitude for double precision: ${describeRange(data.vi)})`,
      );
    }
    return step;
  };

  let tau2 = Math.max(0, hedgesTau2Untruncated(data));
  // The root lies in [lower, upper]: the score is > 0 below it and < 0 above it.
  let lower = 0;
  let upper = Number.POSITIVE_INFINITY;
  let previousStep = Number.NaN;
  let previousMoveWasPlain = false;
  let zeroHasPositiveScore = false;
  for (;;) {
    if (iterations >= maxIterations) {
      throw new ConvergenceError(
        `${method} Fisher scoring`,
        iterations,
        `tau2 = ${tau2}, root bracketed in [${lower}, ${upper}] (threshold ${threshold} × (tau2 + ${typicalVi}))`,
      );
    }
    const step = scoringStep(tau2);
    if (step > 0) lower = Math.max(lower, tau2);
    else if (step < 0) upper = Math.min(upper, tau2);
    const tolerance = threshold * (tau2 + typicalVi);
    if (Math.abs(step) <= tolerance || (tau2 === 0 && step <= 0)) {
      // Converged; at τ² = 0 with a negative score, metafor's step halving also stays at 0.
      tau2 = Math.max(0, tau2 + step);
      break;
    }
    if (upper - lower <= tolerance) {
      tau2 = 0.5 * (lower + upper);
      break;
    }
    if (tau2 === 0) zeroHasPositiveScore = true;
    const inBracket = (x: number) => x > lower && x < upper;
    let next = tau2 + step;
    let plain = true;
    if (previousMoveWasPlain) {
      // Aitken Δ² (Steffensen) extrapolation from the last two scoring steps when they contract.
      const ratio = step / previousStep;
      const extrapolated = tau2 + step / (1 - ratio);
      if (Math.abs(ratio) < 1 && inBracket(extrapolated)) {
        next = extrapolated;
        plain = false;
      }
    }
    if (!inBracket(next)) {
      plain = false;
      if (lower === 0 && !zeroHasPositiveScore) {
        // The root may be the boundary. metafor halves steps that cross 0 and creeps towards it;
        // evaluating τ² = 0 itself settles the question in one step.
        next = 0;
      } else if (Number.isFinite(upper)) {
        // A step that leaves the bracket (scoring oscillating with growing amplitude): bisect.
        next = 0.5 * (lower + upper);
      } else {
        next = tau2 + Math.abs(step);
      }
    }
    previousStep = step;
    previousMoveWasPlain = plain;
    tau2 = next;
  }
  const warnings: string[] = [];
  if (method !== 'EB' && tau2 > 0) {
    const reml = method === 'REML';
    if (logLikelihood(data, 0, reml) - logLikelihood(data, tau2, reml) > LL_CHECK_TOLERANCE) {
      warnings.push(
        `${method}: the log-likelihood at tau2 = 0 exceeds the one at tau2 = ${tau2}; set tau2 = 0 (as metafor)`,
      );
      tau2 = 0;
    }
  }
  return { method, tau2: Math.max(0, tau2), converged: true, iterations, warnings };
}

/**
 * Log-likelihood of the random-effects model at τ² (β profiled out):
 *   ML:   −½[k ln 2π + Σ ln(vᵢ + τ²) + y'Py]
 *   REML: −½[(k − p) ln 2π + Σ ln(vᵢ + τ²) + ln det(XᵀWX) + y'Py]
 * (metafor's REML log-likelihood without the constant ½ ln det(XᵀX), which cancels in comparisons).
 */
export function logLikelihood(data: ModelData, tau2: number, reml: boolean): number {
  const fit = weightedLeastSquares(data, tau2);
  const sumLog = sumLogMarginalVariance(data, tau2);
  const n = reml ? data.k - data.p : data.k;
  return -0.5 * (n * Math.log(2 * Math.PI) + sumLog + (reml ? fit.logDetXtWX : 0) + fit.rss);
}

/**
 * Maximum-likelihood estimator (Fisher scoring, see `fisherScoringTau2`).
 * Reference: Hardy & Thompson (1996), Stat Med 15:619–629; metafor `method = "ML"`.
 */
export function maximumLikelihoodTau2(data: ModelData, control?: IterationControl): Tau2Estimate {
  return fisherScoringTau2('ML', data, control);
}

/**
 * Restricted maximum-likelihood estimator (Fisher scoring): solves y'PPy = tr(P).
 * Reference: Viechtbauer (2005), equation 12; metafor `method = "REML"` (its default).
 */
export function remlTau2(data: ModelData, control?: IterationControl): Tau2Estimate {
  return fisherScoringTau2('REML', data, control);
}

/**
 * Empirical Bayes estimator (Morris 1983), by Fisher scoring: solves y'Py · k/(k − p) = k, i.e.
 * y'Py = k − p, so in theory it equals Paule-Mandel.
 * Reference: Morris (1983), JASA 78:47–55; Berkey et al. (1995), Stat Med 14:395–411; metafor
 * `method = "EB"`.
 */
export function empiricalBayesTau2(data: ModelData, control?: IterationControl): Tau2Estimate {
  return fisherScoringTau2('EB', data, control);
}

/** Dispatches on metafor's method code. */
export function estimateTau2(method: Tau2Method, data: ModelData, control?: IterationControl): Tau2Estimate {
  switch (method) {
    case 'DL':
      return dersimonianLairdTau2(data);
    case 'HE':
      return hedgesTau2(data);
    case 'HS':
      return hunterSchmidtTau2(data);
    case 'SJ':
      return sidikJonkmanTau2(data);
    case 'PM':
      return pauleMandelTau2(data);
    case 'ML':
      return maximumLikelihoodTau2(data, control);
    case 'REML':
      return remlTau2(data, control);
    case 'EB':
      return empiricalBayesTau2(data, control);
  }
}
