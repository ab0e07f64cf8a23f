/**
 * Adjusted indirect comparison of two treatments through a common comparator (Bucher et al. 1997).
 *
 * Given A vs C and B vs C from separate trials (or meta-analyses), each with its estimate on the
 * analysis scale (log ratio, or a difference) and its standard error:
 *   d_AB  = d_AC − d_BC
 *   SE_AB = √(SE_AC² + SE_BC²)
 *   CI    = d_AB ± z_{1−α/2} · SE_AB,   z = d_AB / SE_AB,   p = 2·Φ(−|z|).
 * For ratio measures the caller passes ln(ratio) and back-transforms with exp (RR_AB = RR_AC / RR_BC).
 *
 * Reference: Bucher HC, Guyatt GH, Griffith LE, Walter SD. The results of direct and indirect
 * treatment comparisons in meta-analysis of randomized controlled trials. J Clin Epidemiol
 * 1997;50(6):683-691 (equations for the adjusted indirect log odds ratio and its variance); also
 * Cochrane Handbook v6.4, section 11.2.3.1.
 *
 * Edge cases: the two inputs must be independent (different trials); the method preserves the
 * randomisation within each trial but assumes the populations are similar enough for the effects
 * relative to C to transfer (the similarity assumption), which no number here can check. An SE that
 * is not finite and > 0 is refused with the name of the bad value.
 */
import { criticalValue } from './distributions';
import { waldInference } from './wald-inference';
import { InvalidInputError } from './errors';

export interface ContrastEstimate {
  /** Analysis scale: ln(ratio) for ratio measures, the difference otherwise. */
  estimate: number;
  se: number;
}

export interface IndirectComparison {
  /** d_AC − d_BC, analysis scale. */
  estimate: number;
  se: number;
  ciLower: number;
  ciUpper: number;
  statistic: number;
  pValue: number;
  level: number;
}

function check(name: string, c: ContrastEstimate): void {
  if (!Number.isFinite(c.estimate)) throw new InvalidInputError(`${name}.estimate must be a finite number, got ${c.estimate}`);
  if (!Number.isFinite(c.se) || c.se <= 0) throw new InvalidInputError(`${name}.se must be a finite number > 0, got ${c.se}`);
}

/**
 * A vs B from A vs C (`aVsCommon`) and B vs C (`bVsCommon`), Bucher et al. (1997); see the module
 * comment for the formula. `level` is the CI level in percent (default 95).
 */
export function bucherIndirectComparison(aVsCommon: ContrastEstimate, bVsCommon: ContrastEstimate, level = 95): IndirectComparison {
  check('aVsCommon', aVsCommon);
  check('bVsCommon', bVsCommon);
  if (!(level > 0 && level < 100)) throw new InvalidInputError(`level must be between 0 and 100, got ${level}`);
  const estimate = aVsCommon.estimate - bVsCommon.estimate;
  const se = Math.sqrt(aVsCommon.se ** 2 + bVsCommon.se ** 2);
  return { ...waldInference(estimate, se, criticalValue(level, null), null), level };
}
