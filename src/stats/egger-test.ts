/**
 * Egger's regression test for funnel-plot asymmetry (Egger, Davey Smith, Schneider & Minder 1997,
 * BMJ 315:629–634), in the form metafor's `regtest(yi, vi, model = "lm")` computes it:
 *
 *   weighted least squares of yi on sei (yi = b0 + b1·sei), weights wi = 1/vi;
 *   t = b1 / SE(b1), with SE(b1) from the residual mean square (df = k − 2);
 *   two-sided p from Student's t with k − 2 df.
 *
 * This is algebraically Egger's original regression of the standard normal deviate yi/sei on the
 * precision 1/sei (the slope there is the intercept here). Needs k ≥ 3 (k − 2 residual df); the
 * Cochrane Handbook (v6.4 §13.3.5.4) advises against the test with fewer than 10 studies, which is
 * the caller's rule, not this function's.
 */
import { studentTCdf } from './distributions';
import { InvalidInputError } from './errors';

export interface EggerTestResult {
  k: number;
  /** The slope on sei (metafor's `zval` is its t statistic). */
  slope: number;
  slopeSe: number;
  /** The intercept: the effect as sei → 0 (metafor's "limit estimate" under model = "lm"). */
  intercept: number;
  statistic: number;
  df: number;
  pValue: number;
}

export function eggerTest(effects: readonly { yi: number; vi: number }[]): EggerTestResult {
  const k = effects.length;
  if (k < 3) throw new InvalidInputError(`Egger's test needs at least 3 studies (k = ${k}).`);
  let sw = 0, swx = 0, swy = 0, swxx = 0, swxy = 0;
  for (const { yi, vi } of effects) {
    if (!(vi > 0) || !Number.isFinite(yi)) throw new InvalidInputError(`Egger's test: invalid effect (yi = ${yi}, vi = ${vi}).`);
    const w = 1 / vi;
    const x = Math.sqrt(vi);
    sw += w; swx += w * x; swy += w * yi; swxx += w * x * x; swxy += w * x * yi;
  }
  const sxx = swxx - (swx * swx) / sw;
  if (!(sxx > 0)) throw new InvalidInputError("Egger's test: every study has the same standard error.");
  const slope = (swxy - (swx * swy) / sw) / sxx;
  const intercept = (swy - slope * swx) / sw;
  let rss = 0;
  for (const { yi, vi } of effects) rss += ((yi - intercept - slope * Math.sqrt(vi)) ** 2) / vi;
  const df = k - 2;
  const sigma2 = rss / df;
  const slopeSe = Math.sqrt(sigma2 / sxx);
  const statistic = slope / slopeSe;
  const pValue = 2 * (1 - studentTCdf(Math.abs(statistic), df));
  return { k, slope, slopeSe, intercept, statistic, df, pValue };
}
