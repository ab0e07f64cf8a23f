/**
 * What the evidence map writes beside a trial and in a cell besides its symbol: the badges of the
 * row (the study's kind when it is not an IVIG RCT, the same-trial link) and the cell's full text
 * (its level, whether it holds derived or secondary values, and the outcome, with "not analysed"
 * and its reason). The map on screen and its SVG/CSV exports both read them here, so that an export
 * shows what the screen shows.
 */
import type { OutcomeKind, Study } from '../evidence/schema';
import { STUDY_KIND_BADGE } from '../evidence/vocabulary';
import { EVIDENCE_LEVEL_LABEL, evidenceMapCell, sameTrialText, type EvidenceLevel } from './evidence-table-model';

/** The symbol of each level, in the map's cells and legend and in its SVG export. */
export const EVIDENCE_LEVEL_SYMBOL: Record<EvidenceLevel, string> = {
  'arm-level': '●',
  contrast: '◆',
  'arm-level-incomplete': '◐',
  'p-value-only': 'p',
  qualitative: '“”',
  'not-reported': '—',
};

export interface EvidenceMapBadge {
  kind: 'study-kind' | 'same-trial';
  text: string;
}

/** The badges beside a trial's name; `allStudies` names the other report of a same-trial link. */
export function evidenceMapRowBadges(study: Study, allStudies: readonly Study[]): EvidenceMapBadge[] {
  const badges: EvidenceMapBadge[] = [];
  if (study.kind !== 'ivig-rct') badges.push({ kind: 'study-kind', text: STUDY_KIND_BADGE[study.kind] });
  const sameTrial = sameTrialText(study, allStudies);
  if (sameTrial) badges.push({ kind: 'same-trial', text: sameTrial });
  return badges;
}

/** A cell's text: "Arm values, incomplete (includes derived or secondary values): <outcome> (<time>)". */
export function evidenceMapCellText(study: Study, kind: OutcomeKind): string {
  const cell = evidenceMapCell(study, kind);
  return `${EVIDENCE_LEVEL_LABEL[cell.level]}${cell.indirect ? ' (includes derived or secondary values)' : ''}: ${cell.detail}`;
}
