/** Human labels and meaning of the evidence set's controlled vocabularies. */
import type { MsPhase, OutcomeKind, Setting, StudyKind, ValueStatus } from './schema';

export interface OutcomeKindInfo {
  label: string;
  /** Short column heading for the evidence map. */
  short: string;
  /** Whether a larger value is better for the patient: decides which side favours IVIG. */
  higherIsBetter: boolean;
}

export const OUTCOME_INFO: Record<OutcomeKind, OutcomeKindInfo> = {
  'annualized-relapse-rate': { label: 'Annualized relapse rate', short: 'ARR', higherIsBetter: false },
  'relapse-free': { label: 'Relapse-free patients', short: 'Relapse-free', higherIsBetter: true },
  'relapse-count': { label: 'Number of relapses', short: 'Relapses (n)', higherIsBetter: false },
  'new-relapse': { label: 'Patients with a new relapse', short: 'New relapse', higherIsBetter: false },
  'time-to-first-relapse': { label: 'Time to first relapse', short: 'Time to relapse', higherIsBetter: true },
  'edss-change': { label: 'EDSS change from baseline', short: 'EDSS Δ', higherIsBetter: false },
  'edss-score': { label: 'EDSS score', short: 'EDSS', higherIsBetter: false },
  'edss-improved': { label: 'Improved on EDSS', short: 'Improved', higherIsBetter: true },
  'edss-worsened': { label: 'Worsened on EDSS', short: 'Worsened', higherIsBetter: false },
  'sustained-progression': { label: 'Patients with sustained progression', short: 'Progressed', higherIsBetter: false },
  'time-to-confirmed-progression': { label: 'Time to confirmed progression', short: 'Time to progression', higherIsBetter: true },
  'conversion-to-cdms': { label: 'Conversion to clinically definite MS', short: 'CDMS', higherIsBetter: false },
  'mri-gd-lesions': { label: 'MRI: gadolinium-enhancing lesions', short: 'MRI Gd+', higherIsBetter: false },
  'mri-t2-lesions': { label: 'MRI: T2 lesions', short: 'MRI T2', higherIsBetter: false },
  'mri-lesion-decrease': { label: 'MRI: patients with lesion decrease', short: 'MRI decrease', higherIsBetter: true },
  'mri-total-lesion-score': { label: 'MRI: total lesion score', short: 'MRI score', higherIsBetter: false },
  'mri-brain-volume': { label: 'MRI: brain volume change', short: 'Brain volume', higherIsBetter: true },
  'mri-magnetization-transfer': { label: 'MRI: magnetization transfer ratio', short: 'MT-MRI', higherIsBetter: true },
  'targeted-deficit-score': { label: 'Targeted neurological deficit', short: 'Target deficit', higherIsBetter: true },
  'impairment-scale': { label: 'Impairment scale', short: 'Impairment', higherIsBetter: false },
  'visual-function': { label: 'Visual function', short: 'Vision', higherIsBetter: true },
  'muscle-strength': { label: 'Muscle strength', short: 'Strength', higherIsBetter: true },
  'motor-conduction': { label: 'Central motor conduction', short: 'Motor conduction', higherIsBetter: false },
  'adverse-events': { label: 'Adverse events', short: 'Adverse events', higherIsBetter: false },
  'thromboembolic-events': { label: 'Thromboembolic events', short: 'Thrombo-embolism', higherIsBetter: false },
  'treatment-discontinued': { label: 'Discontinued treatment', short: 'Discontinued', higherIsBetter: false },
};

export const PHASE_LABEL: Record<MsPhase, string> = {
  CIS: 'Clinically isolated syndrome',
  RR: 'Relapsing-remitting',
  SP: 'Secondary progressive',
  PP: 'Primary progressive',
  'PP+SP': 'Mixed primary + secondary progressive',
  unspecified: 'MS course not specified',
};

/** A phase where a short name is shown (filter buttons, tables): its code, and for a trial whose MS
 * course is not given the same words as everywhere else, so that one phase has one name. */
export const PHASE_SHORT_LABEL: Record<MsPhase, string> = {
  CIS: 'CIS',
  RR: 'RR',
  SP: 'SP',
  PP: 'PP',
  'PP+SP': 'PP+SP',
  unspecified: PHASE_LABEL.unspecified,
};

/** Phases a user filters by. A mixed PP+SP trial matches SP and PP. */
export const FILTER_PHASES = ['CIS', 'RR', 'SP', 'PP', 'unspecified'] as const satisfies readonly MsPhase[];

export function phaseMatches(studyPhase: MsPhase, selected: readonly MsPhase[]): boolean {
  if (selected.length === 0) return true;
  if (selected.includes(studyPhase)) return true;
  return studyPhase === 'PP+SP' && (selected.includes('SP') || selected.includes('PP'));
}

export const SETTING_LABEL: Record<Setting, string> = {
  'relapse-prevention': 'Relapse prevention',
  progression: 'Progression',
  'acute-relapse': 'Acute relapse',
  'established-deficit': 'Established deficit',
  postpartum: 'Postpartum',
  'first-event': 'First demyelinating event',
};

export const STUDY_KIND_LABEL: Record<StudyKind, string> = {
  'ivig-rct': 'IVIG randomised trial',
  'ivig-non-randomised': 'IVIG, not randomised (not pooled)',
  'comparator-rct': 'Comparator trial (interferon / glatiramer)',
  'ivig-active-comparator-rct': 'IVIG vs an active drug (not pooled with placebo trials)',
};

/** The short badge beside a trial that is not a placebo-controlled IVIG trial. */
export const STUDY_KIND_BADGE: Record<StudyKind, string> = {
  'ivig-rct': 'IVIG trial',
  'ivig-non-randomised': 'not randomised',
  'comparator-rct': 'comparator',
  'ivig-active-comparator-rct': 'active comparator',
};

export const STATUS_LABEL: Record<ValueStatus, string> = {
  reported: 'reported',
  derived: 'derived',
  secondary: 'secondary source',
};
