/**
 * Standard errors (and one arm's SD) back-calculated from a reported confidence interval.
 */
import { criticalValue } from '../distributions';
import { InvalidInputError } from '../errors';
import { requireFinite, requireLevel, requirePositive } from '../validation';
import { HANDBOOK, type RecoveryProvenance, computed, entered, quantileLabel, subtrahend } from './provenance';

/** An effect on the analysis scale with the SE recovered for it. */
export interface RecoveredStandardError {
  /** The estimate on the analysis scale (the log ratio for a ratio measure). */
  yi: number;
  sei: number;
  vi: number;
  /** The critical value the interval was assumed to use (z, or t with `df`). */
  critical: number;
  /** Degrees of freedom of a t critical value; null for z. */
  df: number | null;
  provenance: RecoveryProvenance;
}

/** conv.wald's check (metafor ≥ 4): the estimate should lie about halfway between the bounds. */
const CENTRE_TOLERANCE = 0.1;

function centreNote(estimate: number, lower: number, upper: number, scale: string): string[] {
  const offCentre = Math.abs((lower + upper) / 2 - estimate) / (upper - lower);
  if (offCentre <= CENTRE_TOLERANCE) return [];
  return [
    `the estimate is ${computed(100 * offCentre)}% of the interval's width away from its middle on the ${scale} scale ` +
      '(rounding, or an interval that is not a Wald interval on this scale); the SE comes from the width',
  ];
}

function requireOrdered(lower: number, upper: number, estimate: number, what: string): void {
  if (!(lower < upper)) throw new InvalidInputError(`CI lower bound must be < upper bound, got lower ${lower} and upper ${upper}`);
  if (estimate < lower || estimate > upper) {
    throw new InvalidInputError(`${what} must lie within its CI [${lower}, ${upper}], got ${estimate}`);
  }
}

/**
 * SE of a log ratio (OR, RR, HR, rate ratio) from the ratio and its confidence interval.
 *
 * Formula: yi = ln(ratio), SE = (ln U − ln L) / (2·z_{(1+level)/2}), vi = SE².
 * Assumptions: the interval is a Wald interval on the log scale, symmetric there (as
 * exp(ln ratio ± z·SE)), computed with a normal critical value.
 * Reference: Cochrane Handbook v6.5 §6.3.2 ("Obtaining standard errors from confidence intervals
 * and P values: ratio measures"); the same back-calculation as metafor's conv.wald(transf = log).
 * Edge cases: all three values must be > 0, lower < upper and lower ≤ ratio ≤ upper. An estimate
 * more than 10% of the interval's width from its log-scale middle (conv.wald's check) gives a note,
 * not an error: rounding of printed bounds does that.
 */
export function seFromRatioCi(input: { ratio: number; lower: number; upper: number; levelPercent?: number }): RecoveredStandardError {
  const ratio = requirePositive('ratio', input.ratio);
  const lower = requirePositive('CI lower bound', input.lower);
  const upper = requirePositive('CI upper bound', input.upper);
  const level = requireLevel(input.levelPercent ?? 95);
  requireOrdered(lower, upper, ratio, 'ratio');
  const z = criticalValue(level, null);
  const yi = Math.log(ratio);
  const sei = (Math.log(upper) - Math.log(lower)) / (2 * z);
  return {
    yi,
    sei,
    vi: sei * sei,
    critical: z,
    df: null,
    provenance: {
      method: 'se-from-ci-ratio',
      methodName: `SE from a ${entered(level)}% CI (ratio, log scale)`,
      formula: `SE = (ln ${entered(upper)} − ln ${entered(lower)}) / (2 × z_${quantileLabel(level)} = 2 × ${computed(z)}) = ${computed(sei)}`,
      reference: `${HANDBOOK}, §6.3.2 (ratio measures)`,
      assumptions: [
        'the interval is a Wald interval, symmetric on the log scale, with a normal critical value',
      ],
      notes: centreNote(yi, Math.log(lower), Math.log(upper), 'log'),
    },
  };
}

/**
 * SE of a difference (mean difference, risk difference) from the estimate and its confidence
 * interval.
 *
 * Formula: SE = (U − L) / (2·z_{(1+level)/2}); with `groupSizes` (a mean difference from small
 * groups, whose CI used a t distribution) SE = (U − L) / (2·t_{(1+level)/2, n₁+n₂−2}).
 * Assumptions: a Wald interval on the linear scale; z for large samples, t with n₁ + n₂ − 2 degrees
 * of freedom when the source computed the interval from a two-sample t distribution.
 * Reference: Cochrane Handbook v6.5 §6.3.1 (absolute measures) and §6.5.2.3 (the t-based version
 * for small samples: "degrees of freedom equal to N_E + N_C − 2").
 * Edge cases: lower < upper and lower ≤ estimate ≤ upper; group sizes must give df ≥ 1.
 */
export function seFromDifferenceCi(input: {
  estimate: number;
  lower: number;
  upper: number;
  levelPercent?: number;
  /** The two groups' sizes: the interval is then taken as t-based with n₁ + n₂ − 2 df. */
  groupSizes?: { n1: number; n2: number };
}): RecoveredStandardError {
  const estimate = requireFinite('estimate', input.estimate);
  const lower = requireFinite('CI lower bound', input.lower);
  const upper = requireFinite('CI upper bound', input.upper);
  const level = requireLevel(input.levelPercent ?? 95);
  requireOrdered(lower, upper, estimate, 'estimate');
  let df: number | null = null;
  if (input.groupSizes) {
    const n1 = requirePositive('n1', input.groupSizes.n1);
    const n2 = requirePositive('n2', input.groupSizes.n2);
    df = n1 + n2 - 2;
    if (!(df >= 1)) throw new InvalidInputError(`n1 + n2 − 2 must be ≥ 1 for a t-based interval, got n1 ${n1} and n2 ${n2}`);
  }
  const critical = criticalValue(level, df);
  const sei = (upper - lower) / (2 * critical);
  const q = quantileLabel(level);
  const c = df === null ? `z_${q}` : `t_${q}, ${entered(df)} df`;
  return {
    yi: estimate,
    sei,
    vi: sei * sei,
    critical,
    df,
    provenance: {
      method: df === null ? 'se-from-ci-difference' : 'se-from-ci-difference-t',
      methodName: df === null ? `SE from a ${entered(level)}% CI (difference)` : `SE from a ${entered(level)}% t-based CI (difference, small samples)`,
      formula: `SE = (${entered(upper)} − ${subtrahend(lower)}) / (2 × ${c} = 2 × ${computed(critical)}) = ${computed(sei)}`,
      reference: df === null ? `${HANDBOOK}, §6.3.1 (absolute measures)` : `${HANDBOOK}, §6.3.1 and §6.5.2.3 (t distribution, n₁ + n₂ − 2 df)`,
      assumptions: df === null
        ? ['the interval is a Wald interval on the linear scale with a normal critical value (large samples)']
        : [`the interval was computed from a two-sample t distribution with n₁ + n₂ − 2 = ${entered(df)} degrees of freedom`],
      notes: centreNote(estimate, lower, upper, 'linear'),
    },
  };
}

/** One arm's SD recovered from the CI of its mean. */
export interface RecoveredArmSd {
  sd: number;
  /** The SE of the arm's mean, (U − L) / (2 × critical). */
  se: number;
  critical: number;
  df: number | null;
  provenance: RecoveryProvenance;
}

/** Below this arm size the Handbook expects a t-based interval (§6.5.2.2: "say, less than 60"). */
export const SMALL_ARM = 60;

/**
 * SD of one arm's values from the confidence interval of that arm's mean.
 *
 * Formula: SD = √n × (U − L) / (2 × c), with c = z_{(1+level)/2} (large arms) or
 * c = t_{(1+level)/2, n−1} (small arms).
 * Assumptions: the interval is mean ± c·SD/√n, symmetric about the mean; by default t is used for
 * n < 60 and z otherwise, as the Handbook advises (pass `distribution` when the source says which).
 * Reference: Cochrane Handbook v6.5 §6.5.2.2 ("Obtaining standard deviations from standard errors
 * and confidence intervals for group means").
 * Edge cases: n ≥ 2 for t (df = n − 1 ≥ 1); lower < upper.
 */
export function sdFromArmCi(input: {
  lower: number;
  upper: number;
  n: number;
  levelPercent?: number;
  distribution?: 'normal' | 't';
}): RecoveredArmSd {
  const lower = requireFinite('CI lower bound', input.lower);
  const upper = requireFinite('CI upper bound', input.upper);
  const n = requirePositive('n', input.n);
  const level = requireLevel(input.levelPercent ?? 95);
  if (!(lower < upper)) throw new InvalidInputError(`CI lower bound must be < upper bound, got lower ${lower} and upper ${upper}`);
  const distribution = input.distribution ?? (n < SMALL_ARM ? 't' : 'normal');
  if (input.distribution !== undefined && input.distribution !== 'normal' && input.distribution !== 't') {
    throw new InvalidInputError(`invalid distribution: ${JSON.stringify(input.distribution)} (expected one of normal, t)`);
  }
  const df = distribution === 't' ? n - 1 : null;
  if (df !== null && !(df >= 1)) throw new InvalidInputError(`n must be ≥ 2 for a t-based interval (n − 1 df), got ${n}`);
  const critical = criticalValue(level, df);
  const se = (upper - lower) / (2 * critical);
  const sd = Math.sqrt(n) * se;
  const q = quantileLabel(level);
  const c = df === null ? `z_${q}` : `t_${q}, ${entered(df)} df`;
  return {
    sd,
    se,
    critical,
    df,
    provenance: {
      method: df === null ? 'sd-from-arm-ci' : 'sd-from-arm-ci-t',
      methodName: `SD from the ${entered(level)}% CI of an arm's mean${df === null ? '' : ' (t, small arm)'}`,
      formula: `SD = √${entered(n)} × (${entered(upper)} − ${subtrahend(lower)}) / (2 × ${c} = 2 × ${computed(critical)}) = ${computed(sd)}`,
      reference: `${HANDBOOK}, §6.5.2.2`,
      assumptions: [
        'the interval is mean ± critical × SD/√n, symmetric about the mean',
        df === null ? 'normal critical value (arm of 60 or more, or the source says z)' : `t critical value with n − 1 = ${entered(df)} df (arm under 60, or the source says t)`,
      ],
      notes: input.distribution === undefined ? [`${df === null ? 'z' : 't'} chosen by arm size (n ${n < SMALL_ARM ? '<' : '≥'} ${SMALL_ARM}), as the Handbook advises`] : [],
    },
  };
}
