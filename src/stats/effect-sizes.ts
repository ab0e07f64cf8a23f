/**
 * Study-level effect sizes from arm data, with the conventions of metafor's `escalc()`
 * (metafor documentation, `escalc`, sections "Outcome Measures for Two-Group Comparisons").
 * Standard errors back-calculated from a reported contrast (its CI or p-value) are in
 * effect-recovery/ (`seFromRatioCi`, `seFromDifferenceCi`, `seFromEstimateAndP`).
 */
import { InvalidInputError, atStudy } from './errors';
import { logGamma } from './log-gamma';
import { requireFinite, requireNonNegative, requireOneOf, requirePositive } from './validation';

export type BinaryMeasure = 'OR' | 'RR' | 'RD';
export type ContinuousMeasure = 'MD' | 'SMD';
export type PersonTimeMeasure = 'IRR';
export type EffectMeasure = BinaryMeasure | ContinuousMeasure | PersonTimeMeasure;

export const EFFECT_MEASURES: readonly EffectMeasure[] = ['OR', 'RR', 'RD', 'MD', 'SMD', 'IRR'];

/** Events and totals per arm (arm 1 = treatment, arm 2 = control), as escalc's ai, n1i, ci, n2i. */
export interface BinaryArms {
  ai: number;
  n1i: number;
  ci: number;
  n2i: number;
}

/** Means, standard deviations and sizes per arm. */
export interface ContinuousArms {
  m1i: number;
  sd1i: number;
  n1i: number;
  m2i: number;
  sd2i: number;
  n2i: number;
}

/** Events and person-time per arm. */
export interface PersonTimeArms {
  x1i: number;
  t1i: number;
  x2i: number;
  t2i: number;
}

export type ArmData = BinaryArms | ContinuousArms | PersonTimeArms;

export interface EffectSize {
  measure: EffectMeasure;
  /** Effect on the analysis scale: log OR, log RR, RD, MD, Hedges' g, log IRR. */
  yi: number;
  /** Sampling variance of yi. */
  vi: number;
  /** Standard error √vi. */
  sei: number;
  /** The value added to every cell (or to both event counts) when a zero occurred; null if none. */
  continuityCorrection: number | null;
  /** No events in both arms (or, for 2×2 tables, only events in both arms). */
  doubleZero: boolean;
  /** Hedges' small-sample correction factor c(m) for SMD; null for other measures. */
  hedgesCorrection: number | null;
  notes: string[];
}

/** metafor's default `add = 1/2, to = "only0"`. */
const ZERO_CELL_ADDITION = 0.5;

/**
 * Hedges' exact small-sample correction factor, as metafor's internal `.cmicalc`:
 *   c(m) = Γ(m/2) / ( √(m/2) · Γ((m − 1)/2) ),  m = n1 + n2 − 2.
 * Reference: Hedges (1981); metafor `escalc`, measure "SMD". Edge case: m <= 1 is undefined
 * (metafor returns NA), so this throws.
 */
export function hedgesCorrectionFactor(m: number): number {
  if (!(m > 1)) {
    throw new InvalidInputError(`Hedges' correction needs n1i + n2i − 2 > 1, got ${m}`);
  }
  return Math.exp(logGamma(m / 2) - 0.5 * Math.log(m / 2) - logGamma((m - 1) / 2));
}

function binaryEffect(measure: BinaryMeasure, row: BinaryArms, study?: number): EffectSize {
  const n1i = requirePositive('n1i', row.n1i, study);
  const n2i = requirePositive('n2i', row.n2i, study);
  const ai0 = requireNonNegative('ai', row.ai, study);
  const ci0 = requireNonNegative('ci', row.ci, study);
  if (ai0 > n1i) throw new InvalidInputError(`ai must be <= n1i (${n1i}), got ${ai0}${atStudy(study)}`);
  if (ci0 > n2i) throw new InvalidInputError(`ci must be <= n2i (${n2i}), got ${ci0}${atStudy(study)}`);
  const bi0 = n1i - ai0;
  const di0 = n2i - ci0;
  const doubleZero = (ai0 === 0 && ci0 === 0) || (bi0 === 0 && di0 === 0);
  const hasZero = ai0 === 0 || bi0 === 0 || ci0 === 0 || di0 === 0;
  const add = hasZero ? ZERO_CELL_ADDITION : 0;
  const ai = ai0 + add;
  const bi = bi0 + add;
  const ci = ci0 + add;
  const di = di0 + add;
  const n1 = ai + bi;
  const n2 = ci + di;
  const p1 = ai / n1;
  const p2 = ci / n2;
  let yi: number;
  let vi: number;
  if (measure === 'OR') {
    yi = Math.log(p1 / (1 - p1)) - Math.log(p2 / (1 - p2));
    vi = 1 / ai + 1 / bi + 1 / ci + 1 / di;
  } else if (measure === 'RR') {
    yi = Math.log(p1) - Math.log(p2);
    vi = 1 / ai - 1 / n1 + 1 / ci - 1 / n2;
  } else {
    yi = p1 - p2;
    vi = (p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2;
  }
  const notes: string[] = [];
  if (hasZero) notes.push('zero cell: 1/2 added to every cell of the table (metafor add = 1/2, to = "only0")');
  if (doubleZero) {
    notes.push(
      'double-zero table kept and corrected, as metafor escalc (drop00 = FALSE); rma.mh drops it from its Q test',
    );
  }
  if (!(vi > 0)) {
    // Unreachable for valid counts (every cell is > 0 after the correction); kept as a guard.
    throw new InvalidInputError(`${measure} variance must be > 0, got ${vi}${atStudy(study)}`);
  }
  return {
    measure,
    yi,
    vi,
    sei: Math.sqrt(vi),
    continuityCorrection: hasZero ? ZERO_CELL_ADDITION : null,
    doubleZero,
    hedgesCorrection: null,
    notes,
  };
}

function continuousEffect(measure: ContinuousMeasure, row: ContinuousArms, study?: number): EffectSize {
  const m1i = requireFinite('m1i', row.m1i, study);
  const m2i = requireFinite('m2i', row.m2i, study);
  const sd1i = requireNonNegative('sd1i', row.sd1i, study);
  const sd2i = requireNonNegative('sd2i', row.sd2i, study);
  const n1i = requirePositive('n1i', row.n1i, study);
  const n2i = requirePositive('n2i', row.n2i, study);
  if (measure === 'MD') {
    const vi = (sd1i * sd1i) / n1i + (sd2i * sd2i) / n2i;
    if (!(vi > 0)) throw new InvalidInputError(`MD variance must be > 0, got ${vi}${atStudy(study)} (both SDs are 0)`);
    return {
      measure,
      yi: m1i - m2i,
      vi,
      sei: Math.sqrt(vi),
      continuityCorrection: null,
      doubleZero: false,
      hedgesCorrection: null,
      notes: [],
    };
  }
  const m = n1i + n2i - 2;
  if (!(m > 1)) {
    throw new InvalidInputError(`SMD needs n1i + n2i − 2 > 1, got ${m}${atStudy(study)}`);
  }
  const pooledSd = Math.sqrt(((n1i - 1) * sd1i * sd1i + (n2i - 1) * sd2i * sd2i) / m);
  if (!(pooledSd > 0)) {
    throw new InvalidInputError(`SMD needs a pooled SD > 0, got ${pooledSd}${atStudy(study)}`);
  }
  const cm = hedgesCorrectionFactor(m);
  const yi = (cm * (m1i - m2i)) / pooledSd;
  const vi = 1 / n1i + 1 / n2i + (yi * yi) / (2 * (n1i + n2i));
  return {
    measure,
    yi,
    vi,
    sei: Math.sqrt(vi),
    continuityCorrection: null,
    doubleZero: false,
    hedgesCorrection: cm,
    notes: [],
  };
}

function personTimeEffect(row: PersonTimeArms, study?: number): EffectSize {
  const x1 = requireNonNegative('x1i', row.x1i, study);
  const x2 = requireNonNegative('x2i', row.x2i, study);
  const t1 = requirePositive('t1i', row.t1i, study);
  const t2 = requirePositive('t2i', row.t2i, study);
  const hasZero = x1 === 0 || x2 === 0;
  const doubleZero = x1 === 0 && x2 === 0;
  const add = hasZero ? ZERO_CELL_ADDITION : 0;
  const x1c = x1 + add;
  const x2c = x2 + add;
  const vi = 1 / x1c + 1 / x2c;
  const notes: string[] = [];
  if (hasZero) notes.push('zero events: 1/2 added to both event counts (metafor add = 1/2, to = "only0")');
  if (doubleZero) notes.push('no events in either arm: kept and corrected, as metafor escalc (drop00 = FALSE)');
  return {
    measure: 'IRR',
    yi: Math.log(x1c / t1) - Math.log(x2c / t2),
    vi,
    sei: Math.sqrt(vi),
    continuityCorrection: hasZero ? ZERO_CELL_ADDITION : null,
    doubleZero,
    hedgesCorrection: null,
    notes,
  };
}

function requireRecord(row: unknown, study?: number): Record<string, unknown> {
  if (typeof row !== 'object' || row === null) {
    throw new InvalidInputError(`a study row must be an object, got ${String(row)}${atStudy(study)}`);
  }
  return row as Record<string, unknown>;
}

/**
 * One study's effect size and sampling variance from arm-level data, as metafor's
 * `escalc(measure, ...)` with its defaults (add = 1/2, to = "only0", drop00 = FALSE, vtype = "LS").
 *
 * Formulas (arm 1 vs arm 2; bi = n1i − ai, di = n2i − ci; after any correction):
 * - OR:  yi = ln(ai·di / (bi·ci)),             vi = 1/ai + 1/bi + 1/ci + 1/di
 * - RR:  yi = ln((ai/n1i) / (ci/n2i)),           vi = 1/ai − 1/n1i + 1/ci − 1/n2i
 * - RD:  yi = ai/n1i − ci/n2i,                   vi = p1(1 − p1)/n1i + p2(1 − p2)/n2i
 * - MD:  yi = m1i − m2i,                         vi = sd1i²/n1i + sd2i²/n2i
 * - SMD: yi = c(m)·(m1i − m2i)/s_p (Hedges' g),  vi = 1/n1i + 1/n2i + yi²/(2(n1i + n2i))
 *        with m = n1i + n2i − 2, s_p² = ((n1i − 1)sd1i² + (n2i − 1)sd2i²)/m, c(m) as
 *        `hedgesCorrectionFactor` (exact, gamma-function based).
 * - IRR: yi = ln((x1i/t1i) / (x2i/t2i)),         vi = 1/x1i + 1/x2i
 *
 * Edge cases: a 2×2 table with any zero cell gets 1/2 added to all four cells, and an IRR
 * comparison with a zero count gets 1/2 added to both counts (`continuityCorrection: 0.5`).
 * A double-zero table is kept (drop00 = FALSE) and flagged `doubleZero: true`. Counts need not be
 * integers. Invalid input throws an InvalidInputError naming the value.
 *
 * Reference: metafor documentation, `escalc`; Borenstein et al. (2009), chapters 4–5.
 */
export function effectSize(measure: BinaryMeasure, row: BinaryArms): EffectSize;
export function effectSize(measure: ContinuousMeasure, row: ContinuousArms): EffectSize;
export function effectSize(measure: PersonTimeMeasure, row: PersonTimeArms): EffectSize;
export function effectSize(measure: EffectMeasure, row: ArmData): EffectSize;
export function effectSize(measure: EffectMeasure, row: ArmData): EffectSize {
  return effectSizeAt(measure, row);
}

/** `effectSize` for many studies; errors name the study (1-based). */
export function effectSizes(measure: EffectMeasure, rows: readonly ArmData[]): EffectSize[] {
  return rows.map((row, i) => effectSizeAt(measure, row, i));
}

function effectSizeAt(measure: EffectMeasure, row: ArmData, study?: number): EffectSize {
  const m = requireOneOf('measure', measure, EFFECT_MEASURES);
  const r = requireRecord(row, study);
  switch (m) {
    case 'OR':
    case 'RR':
    case 'RD':
      return binaryEffect(m, r as unknown as BinaryArms, study);
    case 'MD':
    case 'SMD':
      return continuousEffect(m, r as unknown as ContinuousArms, study);
    case 'IRR':
      return personTimeEffect(r as unknown as PersonTimeArms, study);
  }
}
