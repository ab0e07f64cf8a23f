/**
 * The Summary of Findings under the Bayesian model (`model=bayes`): each row's relative effect is
 * the forest plot's Bayesian row for the same trials (posterior median of μ and its central 95%
 * credible interval: `forest.bayesian` of the row's own forest), and the GRADE domains that
 * read the pooled numbers read the posterior instead:
 * - absolute effects: at an assumed control risk cr the risk difference is a monotone increasing
 *   function g of μ (RR: cr·(e^μ − 1); OR: e^μ·cr / (1 − cr + e^μ·cr) − cr; HR: 1 − (1 − cr)^(e^μ) − cr;
 *   RD: μ). Quantiles are equivariant under a monotone map, so the posterior median and the 95% CrI
 *   of the difference are g(median μ) and [g(q₀.₀₂₅), g(q₀.₉₇₅)] exactly, not a normal
 *   approximation; `absoluteEffect` (absolute-effects.ts) applied to the Bayesian row's numbers
 *   computes just that. The NNT's limits follow the same way (1/|RD| is monotone on each side of 0).
 * - imprecision: the rule of `imprecisionDomain` on the CrI of the absolute effect (and the OIS as
 *   under the frequentist model);
 * - inconsistency: `bayesianInconsistencyDomain` below: the more serious of the posterior rule
 *   (`posteriorInconsistencyDomain`: τ's posterior and the predictive interval) and GRADE's rule on
 *   the trials' own spread (I², estimates on both sides of no effect), which does not depend on the
 *   pooling model.
 */
import { rating, type DomainRating } from './certainty';
import type { DomainOverride } from './domains';

/**
 * Heterogeneity categories for τ on the log odds (or log risk) ratio scale: 0.1–0.5 "reasonable",
 * 0.5–1.0 "fairly high", above 1.0 "fairly extreme" (Spiegelhalter, Abrams & Myles 2004, Bayesian
 * Approaches to Clinical Trials and Health-Care Evaluation, §5.7.3; tabulated by Röver et al. 2021,
 * Res Synth Methods 12:448–474, Table 1).
 */
export const TAU_FAIRLY_HIGH = 0.5;
export const TAU_FAIRLY_EXTREME = 1.0;

export interface PosteriorInconsistencyInput {
  k: number;
  /** τ's posterior median and 95% CrI (analysis scale). */
  tau: { median: number; lower: number; upper: number };
  /** Whether τ is on a log-ratio scale (the categories above apply); false for MD, SMD, RD. */
  logRatioScale: boolean;
  /** Posterior predictive interval of a new trial's effect and the 95% CrI of μ (analysis scale; no effect is 0). */
  piLower: number;
  piUpper: number;
  muLower: number;
  muUpper: number;
  /** The trials' point estimates (analysis scale). */
  estimates: readonly number[];
  /** Analysis scale → text ("RR 0.52"). */
  describe: (x: number) => string;
}

/**
 * Inconsistency from the posterior (GRADE guideline 7, Guyatt et al. 2011, read in Bayesian terms:
 * how large the between-trial spread is, and whether it changes the conclusion for a new trial's
 * population). Our stated rule, mirroring the frequentist one with τ's posterior median in place of
 * I² (Spiegelhalter 2004's "fairly high" 0.5 for I² ≥ 50%, "fairly extreme" 1.0 for I² ≥ 75%):
 * - k < 2 → not assessable;
 * - log-ratio scale: τ median ≥ 1.0 and point estimates on both sides of no effect → −2;
 *   τ median ≥ 0.5 and (estimates on both sides, or the predictive interval includes no effect) → −1;
 * - other scales (no category for τ in the outcome's unit): estimates on both sides and a predictive
 *   interval that includes no effect while the CrI of μ excludes it → −1;
 * - otherwise not rated down.
 */
export function posteriorInconsistencyDomain(x: PosteriorInconsistencyInput, override: DomainOverride | null = null): DomainRating {
  if (x.k < 2) return rating('inconsistency', 'not-assessable', 0, [`Inconsistency not assessable: ${x.k === 1 ? 'one trial' : 'fewer than two trials'}.`], override);
  const bothSides = x.estimates.some((e) => e < 0) && x.estimates.some((e) => e > 0);
  const piCrosses = x.piLower < 0 && x.piUpper > 0;
  const muCrosses = x.muLower < 0 && x.muUpper > 0;
  const category = !x.logRatioScale ? '' : x.tau.median >= TAU_FAIRLY_EXTREME ? ', fairly extreme' : x.tau.median >= TAU_FAIRLY_HIGH ? ', fairly high' : x.tau.median >= 0.1 ? ', reasonable' : ', low';
  const facts = [
    `τ posterior median ${x.tau.median.toFixed(2)} (95% CrI ${x.tau.lower.toFixed(2)} to ${x.tau.upper.toFixed(2)}${category}${x.logRatioScale ? ' by Spiegelhalter 2004' : ''})`,
    bothSides ? 'point estimates on both sides of no effect' : 'point estimates on one side of no effect',
    `95% predictive interval ${x.describe(x.piLower)} to ${x.describe(x.piUpper)} ${piCrosses ? 'includes' : 'excludes'} no effect${piCrosses && !muCrosses ? ' (the CrI of μ excludes it)' : ''}`,
  ].join('; ');
  if (x.logRatioScale) {
    if (x.tau.median >= TAU_FAIRLY_EXTREME && bothSides) return rating('inconsistency', 'rated', 2, [`Very serious inconsistency: ${facts} (rule: τ median ≥ ${TAU_FAIRLY_EXTREME} with estimates on both sides → −2).`], override);
    if (x.tau.median >= TAU_FAIRLY_HIGH && (bothSides || piCrosses)) return rating('inconsistency', 'rated', 1, [`Serious inconsistency: ${facts} (rule: τ median ≥ ${TAU_FAIRLY_HIGH} with estimates on both sides or a predictive interval across no effect → −1).`], override);
    return rating('inconsistency', 'rated', 0, [`Not serious: ${facts} (rule: −1 needs τ median ≥ ${TAU_FAIRLY_HIGH}).`], override);
  }
  if (bothSides && piCrosses && !muCrosses) return rating('inconsistency', 'rated', 1, [`Serious inconsistency: ${facts} (rule without a τ scale: estimates on both sides and a predictive interval across no effect while the CrI of μ excludes it → −1).`], override);
  return rating('inconsistency', 'rated', 0, [`Not serious: ${facts}.`], override);
}

/**
 * Inconsistency under the Bayesian model: the more serious of the posterior rule above and the
 * frequentist rule on the same trials (`inconsistencyDomain`: I², point estimates on both sides).
 *
 * Why both: GRADE guideline 7 (Guyatt et al. 2011) judges inconsistency on the trials' results
 * themselves (how far the point estimates differ, whether their CIs overlap, I²), and those do not
 * change with the pooling model. With two or three trials τ's posterior is mostly its prior (a
 * half-normal(0.5) prior pulls the median below the 0.5 category bound), so the posterior rule alone
 * would let a switch of model raise the certainty by two levels on the same data. Taking the more
 * serious suggestion keeps a model switch from hiding the spread the trials show; both reasons are
 * printed. Our stated rule; an override replaces it as for every domain.
 */
export function bayesianInconsistencyDomain(posterior: DomainRating, spread: DomainRating, override: DomainOverride | null = null): DomainRating {
  if (posterior.status === 'not-assessable') return rating('inconsistency', 'not-assessable', 0, posterior.reasons, override);
  const suggested = Math.max(posterior.suggested, spread.suggested) as DomainRating['suggested'];
  const which = spread.suggested > posterior.suggested
    ? `Rated on the trials' spread (the more serious of the two rules, which do not agree here): ${spread.reasons.join(' ')}`
    : `The trials' spread, by the frequentist rule: ${spread.reasons.join(' ')}`;
  return rating('inconsistency', 'rated', suggested, [...posterior.reasons, which], override);
}
