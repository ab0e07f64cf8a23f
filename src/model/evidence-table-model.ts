/**
 * View models of the Evidence view: the trial table and the evidence map (trials × outcomes:
 * what each source gives, and what it does not). Pure functions of the evidence set.
 */
import type { Arm, MaybeNumber, Outcome, OutcomeKind, Study } from '../evidence/schema';
import { OUTCOME_INFO } from '../evidence/vocabulary';

export interface EvidenceRow {
  id: string;
  label: string;
  year: number | null;
  phase: Study['phase'];
  setting: Study['setting'];
  kind: Study['kind'];
  design: string;
  /** "75 / 73" (IVIG / control), or the total with a note when the split is unknown. */
  armSizes: string;
  totalN: number | null;
  regimen: string;
  /** "0.175 g/kg/month (derived)"; "not reported" when absent. */
  monthlyDose: string;
  monthlyDoseValue: number | null;
  outcomes: string[];
  flags: string[];
  /** Whole study, or some of its outcomes, imported by the user. */
  userSupplied: boolean;
  /** Another report of a trial that has its own, analysed entry (never pooled twice). */
  sameTrialAs: Study['sameTrialAs'] | null;
}

/**
 * The same-trial link in words, for the table, the map and the detail panel: "earlier report of
 * Sorensen 1998 (crossover), not pooled twice". `studies` names the linked entry; without it (or when
 * it is filtered out) its id is given. A later report says "other report of" (Kocer 2004 is the full
 * paper of a trial whose 2000 preliminary report is the one analysed).
 */
export function sameTrialText(study: Study, studies: readonly Study[]): string | null {
  const link = study.sameTrialAs;
  if (!link) return null;
  const other = studies.find((s) => s.id === link.study);
  const earlier = other && study.year !== null && other.year !== null && study.year < other.year;
  return `${earlier ? 'earlier report' : 'other report'} of ${other?.label ?? link.study}${link.certainty === 'probable' ? ' (probably the same trial)' : ''}, not pooled twice`;
}

/** The reports that name this study as their analysed entry: "Sorensen 1997 (preliminary report …)". */
export function otherReportsOf(study: Study, studies: readonly Study[]): Study[] {
  return studies.filter((s) => s.sameTrialAs?.study === study.id);
}

/** A dose as the source gives it: the range when it is one ("0.15–0.2"), else the number. */
function doseText(arm: Arm): string | null {
  const range = arm.monthlyDoseRangeGPerKg;
  const d = arm.monthlyDoseGPerKg;
  if (range) return `${fmt(range.lower.value)}–${fmt(range.upper.value)}${d.value !== null ? ` (midpoint ${fmt(d.value)})` : ''}`;
  return d.value !== null ? fmt(d.value) : null;
}

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(4))));

function armN(arm: Arm): MaybeNumber {
  return arm.nAnalysed.value !== null ? arm.nAnalysed : arm.nRandomised;
}

const METHOD_TEXT = { random: 'random allocation', alternate: 'alternate allocation', systematic: 'systematic allocation' } as const;

/** "a", "a and b", "a, b and c" */
const listed = (xs: readonly string[]) => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);

/**
 * The design in words, stating only what the source states: each field that is "not stated" is
 * named as such ("blinding not stated"), and a study with none stated reads "design not stated".
 */
export function describeDesign(study: Study): string {
  const d = study.design;
  const notStated: string[] = [];
  const method = d.allocationMethod && !(d.allocationMethod === 'random' && d.randomised === true) ? METHOD_TEXT[d.allocationMethod] : null;
  let randomisation: string | null;
  if (d.randomised === 'not stated') {
    randomisation = method;
    if (!method) notStated.push('randomisation');
  } else randomisation = `${d.randomised ? 'randomised' : 'not randomised'}${method ? ` (${method})` : ''}`;
  const arrangement = d.allocation === 'not stated' ? (notStated.push('parallel or crossover'), null) : d.allocation.replace('-', ' ');
  const blinding = d.blinding === 'not stated' ? (notStated.push('blinding'), null) : d.blinding;
  const control = d.control === 'not stated'
    ? (notStated.push('control'), null)
    : d.control === 'placebo' ? 'placebo-controlled' : d.control === 'other-dose' ? 'dose comparison' : `${d.control} control`;
  const parts = [randomisation, arrangement, blinding, control, d.durationMonths.value !== null ? `${fmt(d.durationMonths.value)} months` : null].filter(Boolean);
  if (parts.length === 0) return 'design not stated';
  return parts.join(', ') + (notStated.length ? `; ${listed(notStated)} not stated` : '');
}

export function toEvidenceRow(study: Study): EvidenceRow {
  const sizes = study.arms.map(armN);
  const known = sizes.every((n) => n.value !== null);
  const total = study.totalRandomised.value ?? (known ? sizes.reduce((a, n) => a + (n.value ?? 0), 0) : null);
  // In a crossover or fixed-sequence study every patient receives both treatments: "17 / 17"
  // would read as 34 patients.
  const withinPatient = study.design.allocation === 'crossover' || study.design.allocation === 'fixed-sequence';
  const firstKnown = sizes.find((n) => n.value !== null)?.value ?? null;
  const armSizes = withinPatient && (firstKnown ?? total) !== null
    ? `${fmt((firstKnown ?? total) as number)} patients, each in both periods`
    : known && sizes.length > 0
      ? sizes.map((n) => fmt(n.value as number)).join(' / ')
      : total !== null ? `${fmt(total)} total (split not reported)` : 'not reported';
  const ivigArms = study.arms.filter((a) => a.role === 'ivig');
  const doses = ivigArms.map((a) => a.monthlyDoseGPerKg).filter((d) => d.value !== null);
  const doseTexts = ivigArms.map(doseText).filter((t): t is string => t !== null);
  const monthlyDose = doses.length
    ? doseTexts.join(' / ') + ' g/kg/month' +
      (doses.some((d) => d.value !== null && d.status !== 'reported') ? ` (${doses.some((d) => d.value !== null && d.status === 'secondary') ? 'secondary source' : 'derived'})` : '')
    : ivigArms.length ? 'not reported' : 'n/a';
  const regimen = ivigArms.map((a) => ('text' in a.regimen ? a.regimen.text : null)).find(Boolean) ?? (ivigArms.length ? 'not reported' : study.arms.map((a) => a.label).join(' vs '));
  return {
    id: study.id,
    label: study.label,
    year: study.year,
    phase: study.phase,
    setting: study.setting,
    kind: study.kind,
    design: describeDesign(study),
    armSizes,
    totalN: total,
    regimen,
    monthlyDose,
    monthlyDoseValue: doses[0]?.value ?? null,
    outcomes: [...new Set(study.outcomes.map((o) => OUTCOME_INFO[o.kind].short))],
    flags: study.flags.map((f) => f.code),
    userSupplied: !!study.userSupplied || study.outcomes.some((o) => !!o.userSupplied),
    sameTrialAs: study.sameTrialAs ?? null,
  };
}

export type EvidenceRowSortKey = 'label' | 'year' | 'phase' | 'totalN' | 'monthlyDoseValue';

export function sortEvidenceRows(rows: readonly EvidenceRow[], key: EvidenceRowSortKey, descending = false): EvidenceRow[] {
  const sign = descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    // Unknown values sort last whatever the direction: "not reported" is not a small number.
    if (x === null && y === null) return a.label.localeCompare(b.label);
    if (x === null) return 1;
    if (y === null) return -1;
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return c !== 0 ? sign * c : a.label.localeCompare(b.label);
  });
}

/** What a source gives for one trial and one outcome, from most to least usable. */
export type EvidenceLevel =
  | 'arm-level'
  | 'contrast'
  | 'arm-level-incomplete'
  | 'p-value-only'
  | 'qualitative'
  | 'not-reported';

export const EVIDENCE_LEVEL_LABEL: Record<EvidenceLevel, string> = {
  'arm-level': 'Arm-level data',
  contrast: 'Contrast with CI',
  'arm-level-incomplete': 'Arm values, incomplete',
  'p-value-only': 'p-value only',
  qualitative: 'Qualitative statement',
  'not-reported': 'Not reported',
};

export interface EvidenceMapCell {
  level: EvidenceLevel;
  /** True when a value in the cell is derived or from a secondary source. */
  indirect: boolean;
  /** A short description for the cell's accessible name and tooltip. */
  detail: string;
}

function valuesIn(value: unknown): { status?: string; value: unknown }[] {
  if (Array.isArray(value)) return value.flatMap(valuesIn);
  if (value === null || typeof value !== 'object') return [];
  const o = value as Record<string, unknown>;
  if ('value' in o && ('quote' in o || 'reason' in o)) return [o as { status?: string; value: unknown }];
  return Object.values(o).flatMap(valuesIn);
}

export function outcomeEvidenceLevel(outcome: Outcome): EvidenceLevel {
  const d = outcome.data;
  switch (d.form) {
    case 'counts':
      return 'arm-level';
    case 'continuous':
      return d.arms.every((a) => a.sd.value !== null && a.n.value !== null) ? 'arm-level' : 'arm-level-incomplete';
    case 'contrast':
      return 'contrast';
    // Medians and event totals are arm-level values that need recovery (or a denominator) to pool.
    case 'percentages':
    case 'medians':
    case 'event-totals':
      return 'arm-level-incomplete';
    case 'p-value-only':
      return 'p-value-only';
    case 'qualitative':
      return 'qualitative';
  }
}

const LEVEL_RANK: Record<EvidenceLevel, number> = {
  'arm-level': 0, contrast: 1, 'arm-level-incomplete': 2, 'p-value-only': 3, qualitative: 4, 'not-reported': 5,
};

export function evidenceMapCell(study: Study, kind: OutcomeKind): EvidenceMapCell {
  const outcomes = study.outcomes.filter((o) => o.kind === kind);
  if (outcomes.length === 0) {
    const missing = study.notReported.find((m) => m.kind === kind);
    return { level: 'not-reported', indirect: false, detail: missing?.reason ?? 'Not reported in the available sources.' };
  }
  // An outcome kept only as a conflicting report (analysed: false) describes the cell only when
  // the study has nothing else for this outcome, and then says so.
  const rank = (o: Outcome) => LEVEL_RANK[outcomeEvidenceLevel(o)] + (o.analysed === false ? 10 : 0);
  const best = [...outcomes].sort((a, b) => rank(a) - rank(b))[0] as Outcome;
  const level = outcomeEvidenceLevel(best);
  const indirect = valuesIn(best.data).some((v) => v.status === 'derived' || v.status === 'secondary');
  const detail = `${best.label} (${best.timepoint})${best.analysed === false ? ` — not analysed: ${best.notAnalysedReason}` : ''}`;
  return { level, indirect, detail };
}

/** The map's columns: the outcome kinds any shown study reports, in vocabulary order. */
export function evidenceMapColumns(studies: readonly Study[]): OutcomeKind[] {
  const used = new Set(studies.flatMap((s) => s.outcomes.map((o) => o.kind)));
  return (Object.keys(OUTCOME_INFO) as OutcomeKind[]).filter((k) => used.has(k));
}
