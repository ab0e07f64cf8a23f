/**
 * Which Turner et al. (2015, Stat Med 34:984–998, Table IV) outcome type each of our outcome kinds
 * is, so that the Turner prior offered for an analysis is the one for its outcome (comparison:
 * pharmacological vs placebo / control, IVIG against placebo in every pooled analysis here).
 * Turner et al. classified outcomes of Cochrane reviews; the assignment below is our judgement,
 * with the reason beside it. `null`: Turner's priors are for log odds ratios and do not apply
 * (continuous outcomes use a prior scaled by the unit-information SD instead).
 */
import type { OutcomeKind } from '../evidence/schema';
import { type TauPriorPreset, type TurnerOutcomeType, TAU_PRIOR_PRESETS } from '../stats';

export interface TurnerAssignment {
  outcomeType: TurnerOutcomeType | null;
  reason: string;
}

const RELAPSE =
  'a relapse is the clinical activity of MS itself, so being free of relapses (or having one) signals whether the condition continues; it is neither mortality nor a "major morbidity event" of another disease';
const DISABILITY = 'EDSS-based disability counted as improved/worsened/progressed is a dichotomized measure of functioning';

export const TURNER_OUTCOME_TYPE: Readonly<Record<OutcomeKind, TurnerAssignment>> = {
  'relapse-free': { outcomeType: 'signs / symptoms reflecting continuation / end of condition', reason: RELAPSE },
  'new-relapse': { outcomeType: 'signs / symptoms reflecting continuation / end of condition', reason: RELAPSE },
  'annualized-relapse-rate': { outcomeType: 'signs / symptoms reflecting continuation / end of condition', reason: `${RELAPSE} (applied to the log rate ratio)` },
  'relapse-count': { outcomeType: 'signs / symptoms reflecting continuation / end of condition', reason: `${RELAPSE} (applied to the log rate ratio)` },
  'time-to-first-relapse': { outcomeType: 'signs / symptoms reflecting continuation / end of condition', reason: `${RELAPSE} (applied to the log hazard ratio)` },
  'conversion-to-cdms': {
    outcomeType: 'signs / symptoms reflecting continuation / end of condition',
    reason: 'conversion to clinically definite MS is a second clinical attack of the same demyelinating process, not the onset of a different disease',
  },
  'edss-improved': { outcomeType: 'quality of life / functioning (dichotomized)', reason: DISABILITY },
  'edss-worsened': { outcomeType: 'quality of life / functioning (dichotomized)', reason: DISABILITY },
  'sustained-progression': { outcomeType: 'quality of life / functioning (dichotomized)', reason: DISABILITY },
  'time-to-confirmed-progression': { outcomeType: 'quality of life / functioning (dichotomized)', reason: `${DISABILITY} (applied to the log hazard ratio)` },
  'mri-lesion-decrease': { outcomeType: 'biological markers (dichotomized)', reason: 'an MRI lesion count is an imaging marker of disease activity, here dichotomized' },
  'adverse-events': { outcomeType: 'adverse events', reason: 'Turner’s own category' },
  'thromboembolic-events': { outcomeType: 'adverse events', reason: 'a harm of treatment, Turner’s adverse-event category' },
  'treatment-discontinued': { outcomeType: 'withdrawals / drop-outs', reason: 'Turner’s own category' },
  'edss-change': { outcomeType: null, reason: 'continuous outcome' },
  'edss-score': { outcomeType: null, reason: 'continuous outcome' },
  'mri-gd-lesions': { outcomeType: null, reason: 'continuous outcome (lesion counts as means)' },
  'mri-t2-lesions': { outcomeType: null, reason: 'continuous outcome (lesion counts as means)' },
  'mri-total-lesion-score': { outcomeType: null, reason: 'continuous outcome' },
  'mri-brain-volume': { outcomeType: null, reason: 'continuous outcome' },
  'mri-magnetization-transfer': { outcomeType: null, reason: 'continuous outcome' },
  'targeted-deficit-score': { outcomeType: null, reason: 'continuous outcome' },
  'impairment-scale': { outcomeType: null, reason: 'continuous outcome' },
  'visual-function': { outcomeType: null, reason: 'continuous outcome' },
  'muscle-strength': { outcomeType: null, reason: 'continuous outcome' },
  'motor-conduction': { outcomeType: null, reason: 'continuous outcome' },
};

/** The Turner et al. preset for an outcome kind, or null when Turner's priors do not apply. */
export function turnerPresetFor(outcome: OutcomeKind): TauPriorPreset | null {
  const type = TURNER_OUTCOME_TYPE[outcome].outcomeType;
  if (type === null) return null;
  return TAU_PRIOR_PRESETS.find((p) => p.turner?.outcomeType === type) ?? null;
}
