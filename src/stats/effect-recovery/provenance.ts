/**
 * What every recovered value carries: which method made it, the formula with the numbers put in,
 * the reference and the assumptions. The integration (effect inputs, forest rows, CSV/SVG/R
 * exports) shows these strings as they are, so that no layer re-derives the text of a method.
 */

/** Stable identifiers of the recovery methods (used in exports and address parameters; never renamed). */
export type RecoveryMethodId =
  | 'se-from-ci-ratio'
  | 'se-from-ci-difference'
  | 'se-from-ci-difference-t'
  | 'sd-from-arm-ci'
  | 'sd-from-arm-ci-t'
  | 'se-from-p-z'
  | 'se-from-p-t'
  | 'se-from-p-threshold-z'
  | 'se-from-p-threshold-t'
  | 'combined-arms-counts'
  | 'combined-arms-means'
  | 'crossover-as-parallel'
  | 'crossover-paired-correlation'
  | 'crossover-paired-sd-difference'
  | 'crossover-paired-smd'
  | 'mean-from-median-luo'
  | 'sd-from-median-wan'
  | 'sd-imputed-largest'
  | 'sd-imputed-pooled';

export interface RecoveryProvenance {
  /** Stable id of the method. */
  method: RecoveryMethodId;
  /** The method's name for people ("SE from a 95% CI (ratio, log scale)"). */
  methodName: string;
  /** The formula with the numbers substituted and its result, e.g. "SE = (ln 0.88 − ln 0.15) / (2 × 1.96) = 0.4514". */
  formula: string;
  /** Where the formula comes from: Handbook section, or paper and equation. */
  reference: string;
  /** What the result is only as good as (normality, independence, a threshold used as if exact …). */
  assumptions: string[];
  /** Warnings about these particular inputs (an interval not centred on its estimate, a small n …). */
  notes: string[];
}

/** An input number as the source printed it: every digit kept. */
export const entered = (x: number): string => (Object.is(x, -0) ? '0' : String(x)).replace('-', '−');

/** An entered number as the right-hand side of a subtraction: "3 − (−1)", not "3 − −1". */
export const subtrahend = (x: number): string => (x < 0 ? `(${entered(x)})` : entered(x));

/** A number we computed: 4 significant digits (enough to read; the value itself keeps all digits). */
export const computed = (x: number): string => {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x)) return entered(x);
  return entered(Number(x.toPrecision(4)));
};

/** "z_0.975" for a 95% level. */
export const quantileLabel = (levelPercent: number): string =>
  String(Number((1 - (1 - levelPercent / 100) / 2).toFixed(6)));

export const HANDBOOK = 'Cochrane Handbook for Systematic Reviews of Interventions v6.5 (2024)';
export const HANDBOOK_5_1 = 'Cochrane Handbook for Systematic Reviews of Interventions v5.1 (2011)';
