/**
 * Exact Bayesian random-effects meta-analysis (the normal-normal hierarchical model), computed by
 * one-dimensional adaptive quadrature over τ: no MCMC, no random numbers, no coarse grid.
 *
 * Model (Röver 2020, J Stat Softw 93(6), §2.1; Spiegelhalter, Abrams & Myles 2004, §5.7):
 *   yᵢ | θᵢ ~ N(θᵢ, vᵢ),  θᵢ | μ, τ ~ N(μ, τ²),  μ ~ flat or N(m₀, s₀²),  τ ~ p(τ).
 *
 * Given τ, μ integrates out analytically. With wᵢ = 1/(vᵢ + τ²) and, for a normal prior, the prior
 * taken as one more "study" m₀ with precision w₀ = 1/s₀² (w₀ = 0 for the flat prior):
 *   S(τ) = w₀ + Σ wᵢ,   μ̂(τ) = (w₀m₀ + Σ wᵢyᵢ)/S(τ),   μ | τ, y ~ N(μ̂(τ), 1/S(τ)),
 *   log p(y | τ) = −½ Σ log(vᵢ + τ²) − ½ log S(τ) − ½ [w₀(m₀ − μ̂)² + Σ wᵢ(yᵢ − μ̂)²] + const
 * (Röver 2020, §2.3, eqs. 9–12), so the marginal posterior p(τ | y) ∝ p(τ)·p(y | τ) is
 * one-dimensional. One evaluation streams once over the k studies (yᵢ centred at the common-effect
 * mean so that the sums do not cancel): O(k), no allocation.
 *
 * Integration: τ = s·t/(1 − t) maps t ∈ [0, 1) onto the half-line (s = the prior's scale; a
 * uniform(0, u) prior uses τ = u·t), dτ = s/(1 − t)² dt. The t-interval is split first at the
 * images of τ = σ·2ʲ for the prior's scale, the DerSimonian-Laird τ̂ and the typical standard
 * error √(k/Σ1/vᵢ), so that a posterior as narrow as k = 1,000 studies give is seen by the first
 * nodes; then G7–K15 with global bisection until the estimated error |K15 − G7| summed over the
 * intervals is ≤ 1e-11 relative (gauss-kronrod.ts). The 7 Gauss nodes of every final interval,
 * with their Gauss weights times the normalised posterior density, are the mixture over τ (the
 * stopping rule bounds |K15 − G7|, so they integrate the posterior to the same tolerance).
 *
 * Summaries (Röver 2020, §2.4):
 * - τ: mean = ∫τ p(τ | y) dτ (K15 nodes); CDF(τ) = the integral up to τ (whole intervals + a K15 rule on the partial
 *   one); quantiles by Newton on that CDF (density as the derivative) inside the interval that
 *   holds them.
 * - μ: the mixture Σ wⱼ N(μ̂(τⱼ), 1/S(τⱼ)); mean and sd in closed form per node then summed;
 *   quantiles and P(μ < x) from the mixture CDF (normal-mixture.ts).
 * - prediction θ_new: the mixture Σ wⱼ N(μ̂(τⱼ), 1/S(τⱼ) + τⱼ²).
 * - shrinkage θᵢ: with Bᵢ = vᵢ/(vᵢ + τ²), θᵢ | τ, y ~ N(yᵢ − Bᵢ(yᵢ − μ̂), vᵢ(1 − Bᵢ) + Bᵢ²/S(τ))
 *   (Röver 2020, §2.6), mixed the same way.
 * Intervals are central (equal-tailed) at `level` percent, as bayesmeta's `qposterior()`
 * (its printed summary quotes shortest intervals instead).
 *
 * Moments that do not exist (half-Cauchy prior with few studies, see the code) are reported as
 * Infinity (sd, τ mean) or NaN (μ mean); quantiles always exist.
 *
 * Edge cases: k = 1 works (with a flat μ prior the data say nothing about τ and its posterior is
 * the prior); k = 0 works with a normal μ prior (posterior = prior) and is an error with the flat
 * one (improper posterior). Errors name the bad value.
 */
import { InvalidInputError, describeValue } from '../errors';
import { requireFinite, requireLevel, requirePositive } from '../validation';
import { STANDARD_POINTS, adaptiveGaussKronrod, type QuadratureInterval } from './gauss-kronrod';
import { increasingRoot } from './increasing-root';
import { NormalMixture } from './normal-mixture';
import {
  type MuPrior,
  type TauPrior,
  tauPriorLogDensity,
  tauPriorScale,
  validateMuPrior,
  validateTauPrior,
} from './priors';

export interface BayesianMetaAnalysisOptions {
  tauPrior: TauPrior;
  /** Default: flat. */
  muPrior?: MuPrior;
  /** Credible level in percent, default 95. */
  level?: number;
}

/** Posterior summary of a normal-mixture quantity: central (equal-tailed) interval at the level. */
export interface PosteriorSummary {
  mean: number;
  sd: number;
  median: number;
  lower: number;
  upper: number;
}

export interface BayesianMetaAnalysisResult {
  k: number;
  level: number;
  tauPrior: TauPrior;
  muPrior: MuPrior;
  mu: PosteriorSummary;
  tau: { mean: number; median: number; lower: number; upper: number };
  /** θ of a new study (posterior predictive), central interval at the level. */
  prediction: { lower: number; upper: number };
  /** P(μ < x | data). */
  probabilityBelow(x: number): number;
  /** Shrinkage estimates θᵢ | data, in input order (computed on first read, then kept). */
  readonly studies: PosteriorSummary[];
  /** Posterior densities on grids for plotting: [x, density] pairs, 201 points each (computed on first read, then kept). */
  readonly densities: { mu: [number, number][]; tau: [number, number][] };
  /** Posterior density of μ at x (the curve `densities.mu` samples). */
  muDensity(x: number): number;
  /** Posterior density of τ at x ≥ 0 (the curve `densities.tau` samples). */
  tauDensity(x: number): number;
  /** P(τ < x | data). */
  tauProbabilityBelow(x: number): number;
  /** Quadrature diagnostics: intervals, nodes kept in the mixture, evaluations of p(τ | y), estimated relative error of the normaliser. */
  quadrature: { intervals: number; nodes: number; evaluations: number; relativeError: number };
}

const DENSITY_POINTS = 201;
const RELATIVE_TOLERANCE = 1e-11;
const NEGLIGIBLE_WEIGHT = 1e-15;

/** Validated study arrays; errors name the study (`vi must be > 0, got 0 at study 2`). */
function studyArrays(effects: unknown): { yi: Float64Array; vi: Float64Array } {
  if (!Array.isArray(effects)) throw new InvalidInputError(`effects must be an array, got ${describeValue(effects)}`);
  const k = effects.length;
  const yi = new Float64Array(k);
  const vi = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const e = effects[i] as { yi?: unknown; vi?: unknown } | null;
    if (typeof e !== 'object' || e === null) {
      throw new InvalidInputError(`effects must hold { yi, vi } objects, got ${describeValue(e)} at study ${i + 1}`);
    }
    yi[i] = requireFinite('yi', e.yi, i);
    vi[i] = requirePositive('vi', e.vi, i);
  }
  return { yi, vi };
}

/**
 * Bayesian random-effects meta-analysis with a τ prior and a flat or normal μ prior; see the file
 * comment for the model, the quadrature and its error control.
 */
export function bayesianMetaAnalysis(
  effects: readonly { yi: number; vi: number }[],
  options: BayesianMetaAnalysisOptions,
): BayesianMetaAnalysisResult {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidInputError(`options must be an object with a tauPrior, got ${describeValue(options)}`);
  }
  const tauPrior = validateTauPrior(options.tauPrior);
  const muPrior = validateMuPrior(options.muPrior);
  const level = options.level === undefined ? 95 : requireLevel(options.level);
  const { yi, vi } = studyArrays(effects);
  const k = yi.length;
  if (k === 0 && muPrior.name === 'flat') {
    throw new InvalidInputError(
      'a flat muPrior with k = 0 studies gives an improper posterior: give at least one study or a normal muPrior',
    );
  }

  // Centre at the common-effect mean (the prior mean when k = 0) so that Σwᵢ(yᵢ − μ̂)² = S₂ − S₁²/S₀ does not cancel.
  let centre: number;
  {
    let sw = 0;
    let swy = 0;
    for (let i = 0; i < k; i++) {
      sw += 1 / vi[i]!;
      swy += yi[i]! / vi[i]!;
    }
    centre = k > 0 ? swy / sw : muPrior.name === 'normal' ? muPrior.mean : 0;
  }
  const yc = new Float64Array(k);
  for (let i = 0; i < k; i++) yc[i] = yi[i]! - centre;
  const w0 = muPrior.name === 'normal' ? 1 / (muPrior.sd * muPrior.sd) : 0;
  const y0 = muPrior.name === 'normal' ? muPrior.mean - centre : 0;

  // The conditional posterior of μ at the last evaluated τ (written by logPosterior, read by callers).
  let condMean = 0;
  let condVar = 0;
  /** log p(τ) + log p(y | τ), up to a constant; sets condMean/condVar. O(k), allocation-free. */
  const logPosterior = (tau: number): number => {
    const tau2 = tau * tau;
    let s0 = w0;
    let s1 = w0 * y0;
    let s2 = w0 * y0 * y0;
    // Σ log vᵢ as the log of products of 8 (one log per 8 studies); a block whose product leaves
    // the normal range of doubles is summed term by term instead.
    let sumLogV = 0;
    let product = 1;
    let blockStart = 0;
    for (let i = 0; i < k; i++) {
      const v = vi[i]! + tau2;
      const w = 1 / v;
      const y = yc[i]!;
      s0 += w;
      s1 += w * y;
      s2 += w * y * y;
      product *= v;
      if ((i & 7) === 7 || i === k - 1) {
        if (product > 1e-300 && product < 1e300) sumLogV += Math.log(product);
        else for (let b = blockStart; b <= i; b++) sumLogV += Math.log(vi[b]! + tau2);
        product = 1;
        blockStart = i + 1;
      }
    }
    const m = s1 / s0;
    condMean = centre + m;
    condVar = 1 / s0;
    const q = Math.max(0, s2 - m * s1);
    return tauPriorLogDensity(tauPrior, tau) - 0.5 * (sumLogV + Math.log(s0) + q);
  };

  // τ = T(t): the half-line through s·t/(1 − t), a uniform prior's [0, u] through u·t.
  const bounded = tauPrior.name === 'uniform';
  const s = tauPriorScale(tauPrior);
  const upper = bounded ? tauPrior.upper : Number.POSITIVE_INFINITY;
  const toTau = bounded ? (t: number) => upper * t : (t: number) => (s * t) / (1 - t);
  const jacobian = bounded ? () => upper : (t: number) => s / ((1 - t) * (1 - t));
  const toT = bounded ? (tau: number) => tau / upper : (tau: number) => tau / (s + tau);

  // Split points: the prior's scale, the DerSimonian-Laird τ̂ and the typical standard error, × 2ʲ.
  const scales = [tauPriorScale(tauPrior)];
  if (k > 0) {
    let sw = 0;
    let sw2 = 0;
    let q = 0;
    for (let i = 0; i < k; i++) {
      const w = 1 / vi[i]!;
      sw += w;
      sw2 += w * w;
      q += w * yc[i]! * yc[i]!;
    }
    scales.push(Math.sqrt(k / sw));
    const tau2Dl = k > 1 ? (q - (k - 1)) / (sw - sw2 / sw) : 0;
    if (tau2Dl > 0) scales.push(Math.sqrt(tau2Dl));
  }
  const breakTaus: number[] = [];
  for (const sc of scales) for (let j = -5; j <= 4; j++) breakTaus.push(sc * 2 ** j);
  const breakpoints = [0, 1];
  for (const tau of breakTaus) {
    const t = toT(tau);
    if (t > 1e-9 && t < 1 - 1e-9) breakpoints.push(t);
  }
  breakpoints.sort((a, b) => a - b);
  const distinct = breakpoints.filter((t, i) => i === 0 || t - breakpoints[i - 1]! > 1e-6);

  // Reference log density: the largest at the split points (keeps exp() in range), raised if
  // the quadrature finds a higher one.
  let reference = Number.NEGATIVE_INFINITY;
  for (const t of distinct) if (t > 0 && t < 1) reference = Math.max(reference, logPosterior(toTau(t)));
  if (!Number.isFinite(reference)) reference = logPosterior(toTau(0.5));
  let highest = reference;
  const integrand = (t: number): number => {
    const lp = logPosterior(toTau(t));
    if (lp > highest) highest = lp;
    const value = Math.exp(lp - reference) * jacobian(t);
    return Number.isFinite(value) ? value : 0;
  };
  let quadrature = adaptiveGaussKronrod(integrand, distinct, { relativeTolerance: RELATIVE_TOLERANCE }, 'posterior of tau');
  if (highest > reference + 50) {
    reference = highest;
    quadrature = adaptiveGaussKronrod(integrand, distinct, { relativeTolerance: RELATIVE_TOLERANCE }, 'posterior of tau');
  }
  const normaliser = quadrature.integral;
  if (!(normaliser > 0) || !Number.isFinite(normaliser)) {
    throw new InvalidInputError(`the posterior of tau cannot be normalised (integral ${normaliser})`);
  }
  const intervals = quadrature.intervals;
  const prefix = new Float64Array(intervals.length + 1);
  for (let i = 0; i < intervals.length; i++) prefix[i + 1] = prefix[i]! + intervals[i]!.integral;

  // The mixture over τ: the 7 Gauss nodes of every final interval with their Gauss weights times
  // the normalised density. The stopping rule bounds Σ|K15 − G7|, so the Gauss rule integrates the
  // posterior to the same tolerance, at 7 instead of 15 Φ evaluations per interval in every
  // mixture CDF (the cost of k = 1,000 shrinkage estimates).
  const nodeCount = intervals.length * 7;
  const weights = new Float64Array(nodeCount);
  const taus = new Float64Array(nodeCount);
  const muMeans = new Float64Array(nodeCount);
  const muVars = new Float64Array(nodeCount);
  let n = 0;
  let tauMean = 0;
  for (const iv of intervals) {
    const half = 0.5 * (iv.b - iv.a);
    for (let j = 0; j < 15; j++) {
      const point = STANDARD_POINTS[j]!;
      tauMean += point.kronrod * half * iv.fx[j]! * toTau(iv.x[j]!);
      const w = (point.gauss * half * iv.fx[j]!) / normaliser;
      // Nodes below 1e-15 of the mass change no summary (at most 7·1e-15 per interval) but cost
      // every mixture evaluation: a narrow posterior leaves most of the initial nodes there.
      if (!(w > NEGLIGIBLE_WEIGHT)) continue;
      const tau = toTau(iv.x[j]!);
      logPosterior(tau);
      weights[n] = w;
      taus[n] = tau;
      muMeans[n] = condMean;
      muVars[n] = condVar;
      n++;
    }
  }
  tauMean /= normaliser;
  // The Gauss weights sum to 1 within the quadrature tolerance; make it exact.
  let total = 0;
  for (let j = 0; j < n; j++) total += weights[j]!;
  for (let j = 0; j < n; j++) weights[j] = weights[j]! / total;

  const alpha = 1 - level / 100;
  const tauDensity = (tau: number): number => {
    if (!(tau >= 0) || tau > upper) return 0;
    return Math.exp(logPosterior(tau) - reference) / normaliser;
  };
  /** ∫₀^t of the integrand in t, as a fraction of the normaliser. */
  const cdfT = (t: number): number => {
    if (t <= 0) return 0;
    if (t >= 1) return 1;
    let lo = 0;
    let hi = intervals.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (intervals[mid]!.a <= t) lo = mid;
      else hi = mid - 1;
    }
    const iv = intervals[lo]!;
    return Math.min(1, (prefix[lo]! + kronrodIntegral(integrand, iv.a, t)) / normaliser);
  };
  const tauProbabilityBelow = (tau: number): number => (tau <= 0 ? 0 : tau >= upper ? 1 : cdfT(toT(tau)));
  const tauQuantile = (p: number): number => {
    const target = p * normaliser;
    let i = 0;
    while (i < intervals.length - 1 && prefix[i + 1]! < target) i++;
    const iv: QuadratureInterval = intervals[i]!;
    const scratch = { value: 0, derivative: 0 };
    const t = increasingRoot(
      (x) => {
        scratch.value = cdfT(x);
        scratch.derivative = integrand(x) / normaliser;
        return scratch;
      },
      p,
      0.5 * (iv.a + iv.b),
      0.5 * (iv.b - iv.a),
      0,
      'quantile of tau',
    );
    return toTau(Math.min(t, 1));
  };

  // Which posterior moments exist. A half-Cauchy prior gives p(τ | y) the tail τ^−(2+d), with
  // p(y | τ) ~ τ^−d, d = k − 1 for a flat μ prior (S(τ) ~ k/τ²) and d = k for a normal one
  // (S(τ) → 1/s₀²). Then E[τ] needs d > 0, a variance growing like τ² (μ under a flat prior, the
  // prediction) needs d > 1, and E[μ] under a flat prior needs d > 0. A moment that does not exist
  // is reported as Infinity (a mean as NaN); its quantiles are unaffected. Half-normal,
  // log-normal and uniform priors have every moment.
  const heavyTail = tauPrior.name === 'halfCauchy';
  const decay = k - 1 + (muPrior.name === 'normal' ? 1 : 0);
  const tauMeanExists = !heavyTail || decay > 0;
  const muMeanExists = !heavyTail || muPrior.name === 'normal' || decay > 0;
  const muVarianceExists = !heavyTail || muPrior.name === 'normal' || decay > 1;
  if (!tauMeanExists) tauMean = Number.POSITIVE_INFINITY;

  // μ.
  const muSds = new Float64Array(n);
  for (let j = 0; j < n; j++) muSds[j] = Math.sqrt(muVars[j]!);
  const muMixture = new NormalMixture(weights, muMeans, muSds, n);
  const mu = summarise(muMixture, alpha, muMeanExists, muVarianceExists);

  // Prediction.
  const predictionSds = new Float64Array(n);
  for (let j = 0; j < n; j++) predictionSds[j] = Math.sqrt(muVars[j]! + taus[j]! * taus[j]!);
  const predictionMixture = new NormalMixture(weights, muMeans, predictionSds, n);
  // Start and scale for the quantile search: the quadrature's (finite) moments, also where the
  // exact ones diverge.
  const predictionMean = predictionMixture.mean();
  const predictionSd = Math.sqrt(predictionMixture.variance(predictionMean));
  const prediction = {
    lower: predictionMixture.quantile(alpha / 2, predictionMean, predictionSd),
    upper: predictionMixture.quantile(1 - alpha / 2, predictionMean, predictionSd),
  };

  // Shrinkage estimates and plot grids are computed on first read and kept: a caller that reads
  // only μ, τ and the prediction (the method-sensitivity panel's three fits, the Summary of
  // Findings) does not pay for k mixture summaries and 2 × 201 density points. At k = 3 they were
  // about half of a fit (2026-12-01); the values are the same whenever they are read.
  const shrinkage = (): PosteriorSummary[] => {
    // One scratch mixture refilled per study.
    const studyMeans = new Float64Array(n);
    const studySds = new Float64Array(n);
    const studyMixture = new NormalMixture(weights, studyMeans, studySds, n);
    const out: PosteriorSummary[] = [];
    for (let i = 0; i < k; i++) {
      const y = yi[i]!;
      const v = vi[i]!;
      for (let j = 0; j < n; j++) {
        const tau2 = taus[j]! * taus[j]!;
        const b = v / (v + tau2);
        studyMeans[j] = y - b * (y - muMeans[j]!);
        studySds[j] = Math.sqrt((v * tau2) / (v + tau2) + b * b * muVars[j]!);
      }
      out.push(summarise(studyMixture, alpha));
    }
    return out;
  };
  const densityGrids = (): BayesianMetaAnalysisResult['densities'] => {
    const muStart = muMixture.mean();
    const muScale = Math.sqrt(muMixture.variance(muStart));
    const muLow = muMixture.quantile(0.0005, muStart, muScale);
    const muHigh = muMixture.quantile(0.9995, muStart, muScale);
    const muGrid: [number, number][] = [];
    for (let g = 0; g < DENSITY_POINTS; g++) {
      const x = muLow + ((muHigh - muLow) * g) / (DENSITY_POINTS - 1);
      muGrid.push([x, muMixture.density(x)]);
    }
    const tauHigh = Math.min(upper, tauQuantile(0.995));
    const tauGrid: [number, number][] = [];
    for (let g = 0; g < DENSITY_POINTS; g++) {
      const x = (tauHigh * g) / (DENSITY_POINTS - 1);
      tauGrid.push([x, tauDensity(x)]);
    }
    return { mu: muGrid, tau: tauGrid };
  };
  let studies: PosteriorSummary[] | undefined;
  let densities: BayesianMetaAnalysisResult['densities'] | undefined;

  return {
    k,
    level,
    tauPrior,
    muPrior,
    mu,
    tau: {
      mean: tauMean,
      median: tauQuantile(0.5),
      lower: tauQuantile(alpha / 2),
      upper: tauQuantile(1 - alpha / 2),
    },
    prediction,
    probabilityBelow: (x: number) => muMixture.cdf(requireFinite('x', x)),
    get studies() {
      return (studies ??= shrinkage());
    },
    get densities() {
      return (densities ??= densityGrids());
    },
    muDensity: (x: number) => muMixture.density(x),
    tauDensity,
    tauProbabilityBelow,
    quadrature: {
      intervals: intervals.length,
      nodes: n,
      evaluations: quadrature.evaluations,
      relativeError: quadrature.error / normaliser,
    },
  };
}

/**
 * Mean, sd and central interval of a mixture. The quadrature's mean and sd start the quantile
 * search even where the exact moment diverges (`meanExists`/`varianceExists` false): then the
 * summary reports NaN / Infinity instead.
 */
function summarise(mixture: NormalMixture, alpha: number, meanExists = true, varianceExists = true): PosteriorSummary {
  const mean = mixture.mean();
  const sd = Math.sqrt(mixture.variance(mean));
  const { skewness, excessKurtosis } = mixture.shape(mean, sd);
  return {
    mean: meanExists ? mean : Number.NaN,
    sd: meanExists && varianceExists ? sd : Number.POSITIVE_INFINITY,
    median: mixture.quantile(0.5, mean, sd, skewness, excessKurtosis),
    lower: mixture.quantile(alpha / 2, mean, sd, skewness, excessKurtosis),
    upper: mixture.quantile(1 - alpha / 2, mean, sd, skewness, excessKurtosis),
  };
}

/** The K15 rule alone on [a, b] (no error estimate, no allocation): partial integrals for the CDF of τ. */
function kronrodIntegral(f: (x: number) => number, a: number, b: number): number {
  if (!(b > a)) return 0;
  const centre = 0.5 * (a + b);
  const half = 0.5 * (b - a);
  let sum = 0;
  for (let j = 0; j < 15; j++) {
    const p = STANDARD_POINTS[j]!;
    sum += p.kronrod * f(centre + half * p.x);
  }
  return sum * half;
}
