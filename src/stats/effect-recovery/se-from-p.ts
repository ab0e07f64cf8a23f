/**
 * Standard error from an estimate and the two-sided p-value of the same contrast.
 */
import { standardNormalUpperQuantile, studentTQuantile } from '../distributions';
import { InvalidInputError } from '../errors';
import { requireFinite, requirePositive } from '../validation';
import { HANDBOOK, type RecoveryProvenance, computed, entered } from './provenance';
import type { RecoveredStandardError } from './se-from-ci';

/**
 * The upper-tail quantile of the tail probability p/2, computed from the tail itself: 1 − p/2 rounds
 * away the digits of a tiny p (1 − 5e-13 keeps three), as R's qnorm(p/2, lower.tail = FALSE).
 */
function upperQuantile(tail: number, df: number | null): number {
  return df === null ? standardNormalUpperQuantile(tail) : -studentTQuantile(tail, df);
}

export type PValueRelation = '=' | '<' | '>';

export interface RecoveredStandardErrorFromP extends RecoveredStandardError {
  /** The test statistic implied by p (|z| or |t|). */
  statistic: number;
  /**
   * 'exact': p was reported as "p = x". 'upper-bound': p was reported as "p < x" and x was used,
   * so `sei` is the largest SE consistent with the report (the true SE is smaller): a
   * conservative stand-in for the SE, not the SE itself.
   */
  bound: 'exact' | 'upper-bound';
}

/**
 * SE from an estimate and its two-sided p-value, for a ratio (on the log scale) or a difference.
 *
 * Formula: z = Φ⁻¹(1 − p/2), SE = |yi| / z, with yi = ln(ratio) for a ratio measure; when the source
 * says a t test was used, t = t⁻¹_{n₁+n₂−2}(1 − p/2) and SE = |yi| / t.
 * "p < x": the threshold x is used as if it were p. A smaller p means a larger statistic and a
 * smaller SE, so the result is an UPPER BOUND on the SE: the study gets less weight than its data
 * deserve, which the Handbook accepts as the conservative choice ("a conservative approach would be
 * to take the P value at the upper limit"). The result says so (`bound: 'upper-bound'`, its own
 * method id and name). "p > x" bounds the SE only from below (an anti-conservative weight) and is
 * refused, as is "p = NS".
 * Assumptions: the p-value is from a Wald-type (z) or two-sample t test of this very contrast, on
 * the scale given; a p-value of another comparison (repeated measures overall, within-arm) does not
 * apply and must not be passed.
 * Reference: Cochrane Handbook v6.5 §6.3.1–6.3.2 (from P values to SEs) and §6.5.2.3 (t with
 * N_E + N_C − 2 df; the threshold of "P < x" as a conservative value); Altman & Bland, BMJ
 * 2011;343:d2090; metafor's conv.wald(pval =) for the z version.
 * Edge cases: p must lie in (0, 1) — p = 0 implies an infinite statistic, p = 1 an infinite SE; the
 * estimate must not be 0 (a ratio of 1), which carries no information about its SE.
 */
export function seFromEstimateAndP(input: {
  estimate: number;
  scale: 'ratio' | 'difference';
  p: number;
  relation?: PValueRelation;
  test?: 'z' | 't';
  /** Needed for a t test: df = n₁ + n₂ − 2. */
  groupSizes?: { n1: number; n2: number };
}): RecoveredStandardErrorFromP {
  const { scale } = input;
  if (scale !== 'ratio' && scale !== 'difference') {
    throw new InvalidInputError(`invalid scale: ${JSON.stringify(scale)} (expected one of ratio, difference)`);
  }
  const estimate = scale === 'ratio' ? requirePositive('ratio', input.estimate) : requireFinite('estimate', input.estimate);
  const p = requireFinite('p', input.p);
  if (p <= 0) throw new InvalidInputError(`p must be > 0 (p = 0 implies an infinite test statistic), got p = ${p}`);
  if (p >= 1) throw new InvalidInputError(`p must be < 1 (p = 1 implies an infinite SE), got p = ${p}`);
  const relation = input.relation ?? '=';
  if (relation === '>') {
    throw new InvalidInputError(`p > ${p} bounds the SE only from below (it would over-weight the study): not used`);
  }
  if (relation !== '=' && relation !== '<') {
    throw new InvalidInputError(`invalid p relation: ${JSON.stringify(relation)} (expected one of =, <, >)`);
  }
  const test = input.test ?? 'z';
  if (test !== 'z' && test !== 't') throw new InvalidInputError(`invalid test: ${JSON.stringify(test)} (expected one of z, t)`);
  const yi = scale === 'ratio' ? Math.log(estimate) : estimate;
  if (yi === 0) {
    throw new InvalidInputError(
      `${scale === 'ratio' ? 'ratio must not be 1 (log ratio 0)' : 'estimate must not be 0'}: a null estimate says nothing about its SE`,
    );
  }
  let df: number | null = null;
  if (test === 't') {
    if (!input.groupSizes) throw new InvalidInputError('a t test needs groupSizes (n1, n2) for its n1 + n2 − 2 degrees of freedom');
    const n1 = requirePositive('n1', input.groupSizes.n1);
    const n2 = requirePositive('n2', input.groupSizes.n2);
    df = n1 + n2 - 2;
    if (!(df >= 1)) throw new InvalidInputError(`n1 + n2 − 2 must be ≥ 1 for a t test, got n1 ${n1} and n2 ${n2}`);
  }
  const statistic = upperQuantile(p / 2, df);
  const sei = Math.abs(yi) / statistic;
  const threshold = relation === '<';
  const yiText = scale === 'ratio' ? `|ln ${entered(estimate)}|` : `|${entered(estimate)}|`;
  const statText = df === null ? `Φ⁻¹(1 − ${entered(p)}/2)` : `t⁻¹(1 − ${entered(p)}/2; ${entered(df)} df)`;
  const provenance: RecoveryProvenance = {
    method: threshold ? (df === null ? 'se-from-p-threshold-z' : 'se-from-p-threshold-t') : df === null ? 'se-from-p-z' : 'se-from-p-t',
    methodName: threshold
      ? `SE bound from p < ${entered(p)} (threshold used as p: conservative upper bound on the SE)`
      : `SE from p = ${entered(p)} (${df === null ? 'z test' : 't test'})`,
    formula: `SE = ${yiText} / ${statText} = ${computed(Math.abs(yi))} / ${computed(statistic)} = ${computed(sei)}${threshold ? ' (upper bound)' : ''}`,
    reference: `${HANDBOOK}, §6.3.${scale === 'ratio' ? '2' : '1'}${df === null && !threshold ? '' : ' and §6.5.2.3'}`,
    assumptions: [
      `the p-value is two-sided, from a ${df === null ? 'Wald (z) test' : `two-sample t test with n₁ + n₂ − 2 = ${entered(df)} df`} of this contrast${scale === 'ratio' ? ' on the log scale' : ''}`,
      ...(threshold ? [`p was reported only as "< ${entered(p)}": the threshold is used as p, so the SE is an upper bound (the study is under-weighted, never over-weighted)`] : []),
    ],
    notes: [],
  };
  // A p-value printed with one significant digit (p = 0.03) moves the SE a lot: say so when it does.
  if (!threshold && p >= 0.01 && Number(p.toPrecision(1)) === p) {
    const lo = p - 0.005;
    const hi = p + 0.005;
    const q = (x: number) => Math.abs(yi) / upperQuantile(x / 2, df);
    provenance.notes.push(`p has one significant digit: p in [${computed(lo)}, ${computed(hi)}) gives SE from ${computed(q(lo))} to ${computed(q(hi))}`);
  }
  return { yi, sei, vi: sei * sei, critical: statistic, df, statistic, bound: threshold ? 'upper-bound' : 'exact', provenance };
}
