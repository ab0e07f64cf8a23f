/**
 * Every value of one study, flattened for the detail panel: what it is, its value, and where it
 * comes from (status, formula, verbatim quote, source) — or why it is absent.
 */
import type { Arm, DoseRange, MaybeNumber, Outcome, OverallResult, PValue, Source, SourcedNumber, Study } from '../evidence/schema';
import { STUDY_KIND_LABEL } from '../evidence/vocabulary';
import { describeDesign, otherReportsOf, sameTrialText } from './evidence-table-model';

export interface DetailValue {
  label: string;
  /** The number as text, or null when not reported. */
  value: string | null;
  status: SourcedNumber['status'] | null;
  quote: string | null;
  formula: string | null;
  note: string | null;
  source: Source | null;
  /** Why the value is absent. */
  reason: string | null;
  /** Absent because there is none (a regimen without a loading dose): shown as "none", not "not reported". */
  none: boolean;
}

export interface DetailSection {
  title: string;
  subtitle?: string;
  values: DetailValue[];
  notes: string[];
}

const fmt = (x: number) => String(Number(x.toPrecision(6)));

export function detailValue(label: string, v: MaybeNumber, sources: ReadonlyMap<string, Source>, unit = ''): DetailValue {
  if (v.value === null) {
    return { label, value: null, status: null, quote: null, formula: null, note: null, source: null, reason: v.reason, none: v.none === true };
  }
  return {
    label,
    value: `${fmt(v.value)}${unit}`,
    status: v.status,
    quote: v.quote,
    formula: v.formula ?? null,
    note: v.note ?? null,
    source: sources.get(v.source) ?? null,
    reason: null,
    none: false,
  };
}

function rangeValues(label: string, range: DoseRange | undefined, sources: ReadonlyMap<string, Source>, unit: string): DetailValue[] {
  if (!range) return [];
  return [detailValue(`${label}, lower bound`, range.lower, sources, unit), detailValue(`${label}, upper bound`, range.upper, sources, unit)];
}

const COMPARISON_TEXT: Record<PValue['comparison'], string> = {
  'between-arms': 'between arms',
  overall: 'overall (e.g. repeated measures)',
  'within-arm': 'within one arm (before vs after)',
  'not stated': 'comparison not stated',
};

const TEST_TEXT: Record<PValue['test'], string> = {
  z: 'z test',
  t: 't test',
  'chi-square': 'chi-square test',
  fisher: "Fisher's exact test",
  rank: 'rank test',
  'not stated': 'test not stated',
};

/**
 * A p-value with what it tests: "p < 0.001 — within one arm (before vs after): IVIG; test not
 * stated". Only a between-arms p of the same contrast can give an SE (Cochrane Handbook 6.3.2),
 * so the comparison is part of the label, never left to a footnote.
 */
export function pValueLabel(p: PValue, armLabel: (id: string) => string): string {
  const arms = p.arms?.length ? `: ${p.arms.map(armLabel).join(' vs ')}` : '';
  const test = TEST_TEXT[p.test];
  return `p${p.relation === '=' ? '' : ` ${p.relation}`} — ${COMPARISON_TEXT[p.comparison]}${arms}; ${test}`;
}

function pValueDetail(p: PValue, armLabel: (id: string) => string, sources: ReadonlyMap<string, Source>): DetailValue {
  const v = detailValue(pValueLabel(p, armLabel), p.value, sources);
  const notes = [p.value.note, p.note].filter(Boolean);
  return { ...v, note: notes.length ? notes.join(' ') : null };
}

function armSection(arm: Arm, sources: ReadonlyMap<string, Source>): DetailSection {
  const values = [
    detailValue('n randomised', arm.nRandomised, sources),
    detailValue('n analysed', arm.nAnalysed, sources),
    detailValue('Loading dose', arm.loadingDoseGPerKg, sources, ' g/kg'),
    detailValue('Maintenance dose per infusion', arm.maintenanceDoseGPerKg, sources, ' g/kg'),
    detailValue('Maintenance interval', arm.maintenanceIntervalDays, sources, ' days'),
    detailValue('Monthly-equivalent maintenance dose', arm.monthlyDoseGPerKg, sources, ' g/kg/month'),
    detailValue('Average monthly dose incl. loading', arm.monthlyDoseInclLoadingGPerKg, sources, ' g/kg/month'),
    ...rangeValues('Maintenance dose per infusion, reported range', arm.maintenanceDoseRangeGPerKg, sources, ' g/kg'),
    ...rangeValues('Monthly dose, reported range', arm.monthlyDoseRangeGPerKg, sources, ' g/kg/month'),
  ];
  const regimen = 'text' in arm.regimen ? `Regimen: “${arm.regimen.text}”` : `Regimen not reported: ${arm.regimen.reason}`;
  return { title: `Arm: ${arm.label}`, values, notes: [regimen] };
}

/** "median 0.4 (range 0–9.3), n not stated" */
function medianSummary(a: { median: SourcedNumber; rangeLower?: SourcedNumber; rangeUpper?: SourcedNumber; q1?: SourcedNumber; q3?: SourcedNumber; n: MaybeNumber }): string {
  const spread = [
    a.rangeLower && a.rangeUpper ? `range ${fmt(a.rangeLower.value)}–${fmt(a.rangeUpper.value)}` : null,
    a.q1 && a.q3 ? `IQR ${fmt(a.q1.value)}–${fmt(a.q3.value)}` : null,
  ].filter(Boolean);
  return `median ${fmt(a.median.value)}${spread.length ? ` (${spread.join('; ')})` : ' (no range or IQR reported)'}, ${a.n.value !== null ? `n = ${fmt(a.n.value)}` : 'n not stated'}`;
}

const DIRECTION_TEXT: Record<OverallResult['direction'], string> = {
  'favours-ivig': 'favours IVIG',
  'favours-control': 'favours the control',
  'no-difference': 'no difference',
  unclear: 'direction unclear',
};

function outcomeSection(outcome: Outcome, armLabel: (id: string) => string, sources: ReadonlyMap<string, Source>): DetailSection {
  const values: DetailValue[] = [];
  const d = outcome.data;
  switch (d.form) {
    case 'counts':
      for (const a of d.arms) {
        values.push(detailValue(`${armLabel(a.arm)}: events`, a.events, sources));
        values.push(detailValue(`${armLabel(a.arm)}: total`, a.total, sources));
        if (a.percent) values.push(detailValue(`${armLabel(a.arm)}: percent`, a.percent, sources, '%'));
      }
      break;
    case 'continuous':
      for (const a of d.arms) {
        values.push(detailValue(`${armLabel(a.arm)}: mean`, a.mean, sources));
        values.push(detailValue(`${armLabel(a.arm)}: SD`, a.sd, sources));
        values.push(detailValue(`${armLabel(a.arm)}: n`, a.n, sources));
        if (a.ciLower) values.push(detailValue(`${armLabel(a.arm)}: 95% CI lower`, a.ciLower, sources));
        if (a.ciUpper) values.push(detailValue(`${armLabel(a.arm)}: 95% CI upper`, a.ciUpper, sources));
      }
      break;
    case 'contrast':
      values.push(detailValue(`${d.measure} (${armLabel(d.comparison.treatment)} vs ${armLabel(d.comparison.control)})`, d.estimate, sources));
      values.push(detailValue(`${d.levelPercent}% CI lower`, d.ciLower, sources));
      values.push(detailValue(`${d.levelPercent}% CI upper`, d.ciUpper, sources));
      break;
    case 'percentages':
      for (const a of d.arms) {
        values.push(detailValue(`${armLabel(a.arm)}: percent`, a.percent, sources, '%'));
        values.push(detailValue(`${armLabel(a.arm)}: denominator`, a.total, sources));
      }
      break;
    case 'medians':
      for (const a of d.arms) {
        values.push(detailValue(`${armLabel(a.arm)}: median`, a.median, sources));
        if (a.rangeLower) values.push(detailValue(`${armLabel(a.arm)}: range lower`, a.rangeLower, sources));
        if (a.rangeUpper) values.push(detailValue(`${armLabel(a.arm)}: range upper`, a.rangeUpper, sources));
        if (a.q1) values.push(detailValue(`${armLabel(a.arm)}: first quartile`, a.q1, sources));
        if (a.q3) values.push(detailValue(`${armLabel(a.arm)}: third quartile`, a.q3, sources));
        values.push(detailValue(`${armLabel(a.arm)}: n`, a.n, sources));
      }
      break;
    case 'event-totals':
      for (const a of d.arms) {
        values.push(detailValue(`${armLabel(a.arm)}: events (total)`, a.events, sources));
        values.push(detailValue(`${armLabel(a.arm)}: n`, a.n, sources));
        if (a.personYears) values.push(detailValue(`${armLabel(a.arm)}: person-years`, a.personYears, sources));
      }
      break;
    case 'p-value-only':
    case 'qualitative':
      break;
  }
  for (const p of outcome.pValues) values.push(pValueDetail(p, armLabel, sources));
  const notes = [...outcome.notes];
  if (outcome.statement) notes.unshift(`“${outcome.statement.text}”`);
  if (d.form === 'medians') notes.unshift(...d.arms.map((a) => `${armLabel(a.arm)}: ${medianSummary(a)}`));
  if (d.form === 'event-totals') notes.unshift(`Events counted without a patient denominator (one patient may have several): ${d.arms.map((a) => `${armLabel(a.arm)} ${fmt(a.events.value)}`).join(' vs ')}.`);
  if (outcome.analysed === false) notes.unshift(`Not analysed: ${outcome.notAnalysedReason ?? 'kept only as a report'}. Shown and flagged, never pooled.`);
  return {
    title: `${outcome.label}${outcome.primary ? ' (primary)' : ''}${outcome.analysed === false ? ' — not analysed' : ''}`,
    subtitle: `${outcome.timepoint} · ${d.form.replace(/-/g, ' ')}${outcome.direction ? ` · ${outcome.direction.replace(/-/g, ' ')}` : ''}`,
    values,
    notes,
  };
}

/**
 * Every section of the detail panel. `studies` (the whole set) names the entries of a same-trial
 * link; the overall result and the link come first, because they change how everything below reads.
 */
export function toStudyDetail(study: Study, sourceList: readonly Source[], studies: readonly Study[] = []): DetailSection[] {
  const sources = new Map(sourceList.map((s) => [s.id, s]));
  const armLabel = (id: string) => study.arms.find((a) => a.id === id)?.label ?? id;
  const designValues = [detailValue('Total randomised', study.totalRandomised, sources), detailValue('Duration', study.design.durationMonths, sources, ' months')];
  const designNotes = [`Design: ${describeDesign(study)}`, ...(study.design.statement ? [`“${study.design.statement.text}”`] : [])];
  const link = sameTrialText(study, studies);
  const others = otherReportsOf(study, studies);
  const lead: DetailSection[] = [];
  if (link || others.length) {
    lead.push({
      title: 'Same trial',
      values: [],
      notes: [
        ...(link && study.sameTrialAs ? [`This entry is an ${link}: listed and mapped, never pooled. ${study.sameTrialAs.note}`] : []),
        ...others.map((o) => `Also reported as ${o.label} (${o.sameTrialAs?.certainty === 'probable' ? 'probably the same trial' : 'the same trial'}): that report is not pooled; this entry is the analysed one.`),
      ],
    });
  }
  if (study.overallResult) {
    const r = study.overallResult;
    const src = sources.get(r.statement.source);
    lead.push({
      title: 'Overall result',
      subtitle: `${DIRECTION_TEXT[r.direction]} · ${r.statement.status === 'secondary' ? 'secondary source' : r.statement.status}`,
      values: [],
      notes: [`“${r.statement.text}”${src ? ` — ${src.title}` : ''}`, ...(r.statement.note ? [r.statement.note] : [])],
    });
  }
  return [
    ...lead,
    { title: 'Design', values: designValues, notes: designNotes },
    ...study.arms.map((a) => armSection(a, sources)),
    ...study.outcomes.map((o) => outcomeSection(o, armLabel, sources)),
  ];
}

/** The study's kind in words; an IVIG trial whose source does not say it was randomised is not called randomised. */
export function studyKindText(study: Study): string {
  if (study.kind === 'ivig-rct' && study.design.randomised === 'not stated') return 'IVIG trial, randomisation not stated';
  return STUDY_KIND_LABEL[study.kind];
}

/** A link a reader can follow: PubMed for a PMID, doi.org for a DOI. */
export function studyLinks(study: Study): { label: string; url: string }[] {
  const links: { label: string; url: string }[] = [];
  if (study.pmid) links.push({ label: `PubMed ${study.pmid.value}`, url: `https://pubmed.ncbi.nlm.nih.gov/${encodeURIComponent(study.pmid.value)}/` });
  if (study.doi) links.push({ label: `DOI ${study.doi.value}`, url: `https://doi.org/${study.doi.value}` });
  return links;
}
