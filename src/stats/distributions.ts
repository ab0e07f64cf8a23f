/**
 * Distribution functions, all from @stdlib (never hand-rolled). Thin wrappers that fix the
 * parameterisation and give the tails the meta-analysis code needs.
 *
 * Precision note: @stdlib offers the chi-square CDF but not its upper tail, so
 * `chiSquareUpperTail` is `1 − cdf` (absolute error about 1e-16; a p-value of 1e-25 prints as 0).
 * For df = 1 it uses the exact identity P(χ²₁ > x) = 2Φ(−√x), which keeps small p-values.
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import erfcinv from '@stdlib/math-base-special-erfcinv';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import chisquareQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import fCdf from '@stdlib/stats-base-dists-f-cdf';

/** Φ(x), the standard normal CDF. */
export function standardNormalCdf(x: number): number {
  return normalCdf(x, 0, 1);
}

/** Φ⁻¹(p), the standard normal quantile. */
export function standardNormalQuantile(p: number): number {
  return normalQuantile(p, 0, 1);
}

/**
 * The upper-tail normal quantile z with P(Z > z) = q, as R's qnorm(q, lower.tail = FALSE):
 * √2·erfc⁻¹(2q). @stdlib's normal quantile goes through erf⁻¹(2p − 1), which keeps only about 6
 * digits at q = 5e-13 (a p-value of 1e-12); erfc⁻¹ keeps them all.
 */
export function standardNormalUpperQuantile(q: number): number {
  return Math.SQRT2 * erfcinv(2 * q);
}

/** CDF of Student's t with `df` degrees of freedom. */
export function studentTCdf(x: number, df: number): number {
  return tCdf(x, df);
}

/** Quantile of Student's t with `df` degrees of freedom. */
export function studentTQuantile(p: number, df: number): number {
  return tQuantile(p, df);
}

/** CDF of the chi-square distribution with `df` degrees of freedom. */
export function chiSquareCdf(x: number, df: number): number {
  return chisquareCdf(x, df);
}

/** Quantile of the chi-square distribution with `df` degrees of freedom. */
export function chiSquareQuantile(p: number, df: number): number {
  return chisquareQuantile(p, df);
}

/**
 * P(χ²_df > x), as R's `pchisq(x, df, lower.tail = FALSE)`.
 * df = 1 uses 2Φ(−√x) (exact, keeps tiny p-values); other df use 1 − cdf.
 */
export function chiSquareUpperTail(x: number, df: number): number {
  if (x <= 0) return 1;
  if (df === 1) return 2 * standardNormalCdf(-Math.sqrt(x));
  return Math.max(0, 1 - chisquareCdf(x, df));
}

/**
 * Two-sided p-value of a Wald statistic: 2Φ(−|z|) when `df` is null (z test), else
 * 2·F_t(−|t|; df) (Knapp-Hartung t test). Both use the lower tail, so small p-values keep their digits.
 */
export function twoSidedPValue(statistic: number, df: number | null): number {
  const a = -Math.abs(statistic);
  return df === null ? 2 * standardNormalCdf(a) : 2 * studentTCdf(a, df);
}

/**
 * Critical value for a two-sided interval at `levelPercent` (e.g. 95): Φ⁻¹(1 − α/2) when `df` is
 * null, else the t quantile t_{1−α/2, df}. As metafor's `qnorm(level/2, lower.tail=FALSE)` /
 * `qt(level/2, df, lower.tail=FALSE)`.
 */
export function criticalValue(levelPercent: number, df: number | null): number {
  const alpha = 1 - levelPercent / 100;
  return df === null ? standardNormalQuantile(1 - alpha / 2) : studentTQuantile(1 - alpha / 2, df);
}

/**
 * P(F_{df1, df2} > x): the Knapp-Hartung omnibus test of m moderators (metafor: pf(QM, m, k − p,
 * lower.tail = FALSE)). For df1 = 1 the exact identity F = t² gives 2·F_t(−√x; df2), which keeps
 * small p-values; otherwise 1 − CDF from @stdlib (absolute error about 1e-16).
 */
export function fUpperTail(x: number, df1: number, df2: number): number {
  if (df1 === 1) return x <= 0 ? 1 : 2 * studentTCdf(-Math.sqrt(x), df2);
  return x <= 0 ? 1 : 1 - fCdf(x, df1, df2);
}
