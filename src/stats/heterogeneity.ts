/**
 * Heterogeneity statistics: Cochran's Q and its test, I², H², and the Q-profile confidence
 * interval of τ², as metafor's `rma.uni` and `confint.rma.uni` report them.
 */
import { chiSquareQuantile, chiSquareUpperTail } from './distributions';
import { solveGeneralizedQ } from './tau2-estimators';
import { type ModelData, weightedLeastSquares } from './weighted-least-squares';

export interface HeterogeneityStatistics {
  /** Cochran's Q (QE for meta-regression) with weights 1/vᵢ. */
  Q: number;
  df: number;
  QpValue: number;
  /** Percent. */
  I2: number;
  H2: number;
}

/**
 * I² from Cochran's Q alone, as RevMan prints it beside Chi²:
 *   I² = max(0, 100·(Q − df)/Q), and 0 when Q = 0.
 * It is metafor's I² of a common-effect model; under random effects metafor reports
 * 100·τ²/(ṽ + τ²) instead, which equals this only for the DerSimonian-Laird τ².
 * Reference: Higgins & Thompson (2002), Stat Med 21:1539–1558; Cochrane Handbook v6.4,
 * section 10.10.2; RevMan 5 statistical algorithms ("I² = (Q − df)/Q").
 * Edge cases: Q <= df gives 0 (truncated); df must be >= 1 (k >= 2).
 */
export function qBasedI2(Q: number, df: number): number {
  return Q > 0 ? Math.max(0, (100 * (Q - df)) / Q) : 0;
}

/**
 * Q, its p-value, I² and H².
 *   Q = Σ wᵢ(yᵢ − xᵢβ̂_FE)², wᵢ = 1/vᵢ, df = k − p, p-value from χ²_df (upper tail).
 *   Random effects: ṽ = (k − p)/tr(P) (the "typical" within-study variance, P at τ² = 0),
 *     I² = 100·τ²/(ṽ + τ²),  H² = τ²/ṽ + 1.
 *   Common effect (`commonEffect`): I² = max(0, 100·(Q − df)/Q),  H² = Q/df
 *     (Q = 0 gives I² = 0, H² = 0, as metafor).
 * Reference: Higgins & Thompson (2002), Stat Med 21:1539–1558; metafor documentation,
 * `print.rma.uni` ("I^2", "H^2"); Cochrane Handbook v6.4, section 10.10.2.
 * Edge cases: needs k − p >= 1; for k = 1 the caller reports null instead.
 */
export function heterogeneityStatistics(data: ModelData, tau2: number, commonEffect: boolean): HeterogeneityStatistics {
  const df = data.k - data.p;
  const fe = weightedLeastSquares(data, 0, !commonEffect);
  const Q = Math.max(0, fe.rss);
  const QpValue = chiSquareUpperTail(Q, df);
  if (commonEffect) {
    return { Q, df, QpValue, I2: qBasedI2(Q, df), H2: Q / df };
  }
  const typicalVi = df / fe.trP;
  return { Q, df, QpValue, I2: (100 * tau2) / (typicalVi + tau2), H2: tau2 / typicalVi + 1 };
}

export interface Tau2ConfidenceInterval {
  lower: number;
  upper: number;
  warnings: string[];
}

/**
 * Q-profile confidence interval of τ² (Viechtbauer 2007): the set of τ² >= 0 with
 *   χ²_{α/2, k−p} <= y'P(τ²)y <= χ²_{1−α/2, k−p},
 * i.e. lower bound: Q(τ²) = χ²_{1−α/2}; upper bound: Q(τ²) = χ²_{α/2}; a bound is 0 when Q(0) is
 * already below its target. When Q(0) < χ²_{α/2} both bounds are 0 (metafor: "the CI is equal to
 * the null set") and a warning says so. Roots by bracketed Newton iterations (`solveGeneralizedQ`).
 * Reference: Viechtbauer (2007), Stat Med 26:37–52; metafor documentation, `confint.rma.uni`.
 * Difference from metafor: metafor searches τ² only up to max(100, 10·τ̂²) and reports that limit;
 * here the bracket grows until it contains the root.
 */
export function qProfileTau2Ci(data: ModelData, levelPercent: number): Tau2ConfidenceInterval {
  const df = data.k - data.p;
  const alpha = 1 - levelPercent / 100;
  const upperQuantile = chiSquareQuantile(1 - alpha / 2, df);
  const lowerQuantile = chiSquareQuantile(alpha / 2, df);
  const lower = solveGeneralizedQ(data, upperQuantile, 'Q-profile lower bound').tau2;
  const upper = solveGeneralizedQ(data, lowerQuantile, 'Q-profile upper bound').tau2;
  const warnings: string[] = [];
  if (upper === 0) {
    warnings.push('both Q-profile bounds of tau2 fall at 0: the CI is the null set {0} (as metafor)');
  }
  return { lower, upper, warnings };
}

/**
 * The Q-profile CI of τ² where a model has one (random or mixed effects), null bounds for a
 * common-effect model, as metafor's confint() reports; its warnings are appended to `warnings`.
 */
export function tau2IntervalFor(data: ModelData, commonEffect: boolean, levelPercent: number, warnings: string[]): { lower: number | null; upper: number | null } {
  if (commonEffect) return { lower: null, upper: null };
  const ci = qProfileTau2Ci(data, levelPercent);
  warnings.push(...ci.warnings);
  return { lower: ci.lower, upper: ci.upper };
}
