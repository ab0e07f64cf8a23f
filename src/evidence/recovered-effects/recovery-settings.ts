/**
 * Which effect-recovery methods are switched on, and how each is named, marked and explained.
 * The evidence set says what sources say; recovering an effect from what they report (an SE from
 * a CI or a p-value, several IVIG arms combined, a crossover read as parallel, a mean from a
 * median, a missing SD imputed) is our arithmetic, and each method is a switch of its own so that
 * a reviewer can see what each one adds (Cochrane Handbook v6.4, chapters 6 and 23).
 *
 * Pure data and small functions: the settings live in the address (model/analysis-params) and
 * the effect inputs (evidence/to-effect-inputs) read them.
 */

export type RecoveryMethod = 'se-from-ci' | 'se-from-p' | 'combined-arms' | 'crossover-as-parallel' | 'medians' | 'imputed-sd';

export interface RecoverySettings {
  /** SE (or an arm's SD) from a reported confidence interval (Handbook 6.3.1, 6.5.2.2). */
  seFromCi: boolean;
  /** SE from an estimate and the two-sided p-value of the same between-arms contrast (Handbook 6.3.2). */
  seFromP: boolean;
  /** Forest plots: several IVIG arms combined into one group (Handbook 23.3.4), or one row per arm with the control split. */
  arms: 'combined' | 'separate';
  /** Crossover trials: left out (within-patient data), or analysed as if parallel (Handbook 23.2.6). */
  crossover: 'exclude' | 'parallel';
  /** Mean and SD from a median with its range and/or IQR (Luo 2018; Wan 2014). */
  medians: boolean;
  /** A missing SD imputed from the other trials of the same outcome and measure (Handbook 6.5.2.7). */
  imputeSd: 'off' | 'largest' | 'pooled';
}

/** Defaults: what needs no assumption beyond the source's own numbers is on; the rest is off. */
export const DEFAULT_RECOVERY: RecoverySettings = {
  seFromCi: true,
  seFromP: true,
  arms: 'combined',
  crossover: 'exclude',
  medians: false,
  imputeSd: 'off',
};

/** "All recoverable evidence" (`recover=all`): every method on; the SD imputed by the largest SD (the conservative choice). */
export const ALL_RECOVERY: RecoverySettings = {
  seFromCi: true,
  seFromP: true,
  arms: 'combined',
  crossover: 'parallel',
  medians: true,
  imputeSd: 'largest',
};

export interface RecoveryMethodInfo {
  /** Drawn beside the study's label wherever the method changed the row. */
  symbol: string;
  /** The method's name, as in the controls, the row, the caption and the exports. */
  name: string;
  /** One line: what the method assumes. */
  assumption: string;
  reference: string;
  /** The address parameter that switches it (README). */
  parameter: string;
  /** The parameter that switches it on, as the "not in the plot" list names it. */
  onParameter: string;
}

export const RECOVERY_METHODS: Record<RecoveryMethod, RecoveryMethodInfo> = {
  'se-from-ci': {
    symbol: '§',
    name: 'SE from CI',
    assumption: 'the CI is symmetric on the analysis scale (log for ratios) and from a normal (or stated t) distribution',
    reference: 'Cochrane Handbook v6.4, 6.3.1 and 6.5.2.2',
    parameter: 'se-ci=0|1',
    onParameter: 'se-ci=1',
  },
  'se-from-p': {
    symbol: '¶',
    name: 'SE from p',
    assumption: 'the p-value is two-sided, exact (not "p < …"), and tests this between-arms contrast by z (or t with n₁ + n₂ − 2 df)',
    reference: 'Cochrane Handbook v6.4, 6.3.2',
    parameter: 'se-p=0|1',
    onParameter: 'se-p=1',
  },
  'combined-arms': {
    symbol: '⊕',
    name: 'IVIG arms combined',
    assumption: 'the IVIG dose arms estimate one common effect against the shared placebo group',
    reference: 'Cochrane Handbook v6.4, 23.3.4 (Table 6.5.a)',
    parameter: 'arms=combined|separate',
    onParameter: 'arms=combined',
  },
  'crossover-as-parallel': {
    symbol: '⇄',
    name: 'crossover as parallel',
    assumption: 'ignores the within-patient correlation: conservative (a wider CI), and each patient counts in both arms',
    reference: 'Cochrane Handbook v6.4, 23.2.6',
    parameter: 'crossover=exclude|parallel',
    onParameter: 'crossover=parallel',
  },
  medians: {
    symbol: '≈',
    name: 'mean/SD from median',
    assumption: 'the outcome is roughly normally distributed in each arm (skewed data make the mean and SD wrong)',
    reference: 'Luo et al. 2018 (mean); Wan et al. 2014 (SD)',
    parameter: 'medians=0|1',
    onParameter: 'medians=1',
  },
  'imputed-sd': {
    symbol: '*',
    name: 'SD imputed',
    assumption: "the trial's SD is like the other trials' SDs of the same outcome and measure",
    reference: 'Cochrane Handbook v6.4, 6.5.2.7',
    parameter: 'impute-sd=off|largest|pooled',
    onParameter: 'impute-sd=largest',
  },
};

export const RECOVERY_ORDER: readonly RecoveryMethod[] = ['se-from-ci', 'se-from-p', 'combined-arms', 'crossover-as-parallel', 'medians', 'imputed-sd'];

/** The methods switched on ("arms separate" is a display choice: no arms are combined then). */
export function recoveryMethodsOn(s: RecoverySettings): RecoveryMethod[] {
  const on: Record<RecoveryMethod, boolean> = {
    'se-from-ci': s.seFromCi,
    'se-from-p': s.seFromP,
    'combined-arms': s.arms === 'combined',
    'crossover-as-parallel': s.crossover === 'parallel',
    medians: s.medians,
    'imputed-sd': s.imputeSd !== 'off',
  };
  return RECOVERY_ORDER.filter((m) => on[m]);
}

/** The settings with one method switched on (the "which switch would include it" question). */
export function withMethodOn(s: RecoverySettings, method: RecoveryMethod): RecoverySettings {
  switch (method) {
    case 'se-from-ci': return { ...s, seFromCi: true };
    case 'se-from-p': return { ...s, seFromP: true };
    case 'combined-arms': return { ...s, arms: 'combined' };
    case 'crossover-as-parallel': return { ...s, crossover: 'parallel' };
    case 'medians': return { ...s, medians: true };
    case 'imputed-sd': return s.imputeSd === 'off' ? { ...s, imputeSd: 'largest' } : s;
  }
}

export const sameRecovery = (a: RecoverySettings, b: RecoverySettings) =>
  RECOVERY_FIELDS.every((k) => a[k] === b[k]);
const RECOVERY_FIELDS = Object.keys(DEFAULT_RECOVERY) as (keyof RecoverySettings)[];

/**
 * One line for headers and captions: "Effect recovery: SE from CI, SE from p, IVIG arms combined"
 * (with the imputation rule when it is on; "none" when every method is off).
 */
export function recoveryText(s: RecoverySettings): string {
  const on = recoveryMethodsOn(s).map((m) => (m === 'imputed-sd' ? `${RECOVERY_METHODS[m].name} (${s.imputeSd} SD)` : RECOVERY_METHODS[m].name));
  const preset = sameRecovery(s, ALL_RECOVERY) ? ' (all recoverable evidence)' : '';
  return `Effect recovery${preset}: ${on.length ? on.join(', ') : 'none'}${s.arms === 'separate' ? '; IVIG arms as separate rows' : ''}`;
}
