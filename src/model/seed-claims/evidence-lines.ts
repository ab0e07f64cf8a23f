/**
 * What a trial reports, and what the pooled data show, as lines a reader can trace: every number
 * with the study it comes from (for the link to its detail) and the verbatim quote behind it.
 * Pooled estimates come from the forest plot's own model (`toForestModel`) with the user's analysis
 * settings, so a claim's pooled numbers are the ones the forest plot shows for the same trials.
 */
import type { Outcome, OutcomeKind, Study, ValueStatus } from '../../evidence/schema';
import { MEASURE_LABEL, availableMeasures, effectInputsOf, isRatioMeasure, type AnalysisMeasure } from '../../evidence/to-effect-inputs';
import { OUTCOME_INFO } from '../../evidence/vocabulary';
import type { AnalysisSettings } from '../analysis-params';
import { effectText } from '../effect-format';
import { favoursSides, toForestModel } from '../forest-model';
import type { EffectSignal } from './verdict';

export interface Quote {
  text: string;
  /** Source id (evidence set `sources`). */
  source: string;
  status: ValueStatus;
  /** For a derived value: how it was computed. */
  formula?: string;
}

export interface StudyRef {
  id: string;
  label: string;
}

export interface EvidenceLine {
  /** The study label, or e.g. "Pooled: relapse-free patients". */
  subject: string;
  /** The studies the line's numbers come from (each links to its detail). */
  studies: StudyRef[];
  text: string;
  quotes: Quote[];
  /** Which way the line points, when it is about an effect. */
  signal: EffectSignal | null;
}

export interface LineGroup {
  heading: string;
  lines: EvidenceLine[];
}

/** Outcomes about harm or tolerability: never read as a "beneficial effect". */
export const SAFETY_KINDS: readonly OutcomeKind[] = ['adverse-events', 'thromboembolic-events', 'treatment-discontinued'];
export const isEfficacy = (o: Outcome) => !SAFETY_KINDS.includes(o.kind) && !/baseline/i.test(o.timepoint);

export const studyRef = (s: Study): StudyRef => ({ id: s.id, label: s.label });

// The evidence schema grows fields (p-value lists, new data forms) while this is written; read
// the ones this module needs structurally, so that either shape of the file is understood.
interface LooseNumber { value: number | null; quote?: string; source?: string; status?: ValueStatus; formula?: string; reason?: string; valueText?: string }
interface LoosePValue { value: LooseNumber; relation?: string; comparison?: string }
const looseNumber = (x: unknown): LooseNumber | null =>
  x !== null && typeof x === 'object' && 'value' in x ? (x as LooseNumber) : null;

/** Every p-value of an outcome, in either schema shape (`pValue`, or `pValues`). */
export function pValuesOf(outcome: Outcome): LoosePValue[] {
  const o = outcome as unknown as { pValue?: LoosePValue; pValues?: LoosePValue[] };
  return o.pValues ?? (o.pValue ? [o.pValue] : []);
}

function quoteOf(n: LooseNumber | null): Quote | null {
  if (!n || n.value === null || !n.quote || !n.source || !n.status) return null;
  return { text: n.quote, source: n.source, status: n.status, ...(n.formula ? { formula: n.formula } : {}) };
}

function addQuote(quotes: Quote[], q: Quote | null): void {
  if (q && !quotes.some((x) => x.text === q.text && x.source === q.source)) quotes.push(q);
}

const shown = (n: LooseNumber | null | undefined) => (n && n.value !== null ? String(n.value) : null);

/** The arm values of any data form that has arms, in the order a reviewer reads them. */
const ARM_FIELDS: [string, (v: string) => string][] = [
  ['median', (v) => `median ${v}`],
  ['mean', (v) => v],
  ['sd', (v) => `SD ${v}`],
  ['percent', (v) => `${v}%`],
  ['rangeLower', (v) => `range from ${v}`],
  ['rangeUpper', (v) => `to ${v}`],
  ['q1', (v) => `Q1 ${v}`],
  ['q3', (v) => `Q3 ${v}`],
  ['personYears', (v) => `${v} person-years`],
  ['ciLower', (v) => `CI from ${v}`],
  ['ciUpper', (v) => `to ${v}`],
];

/**
 * What one outcome of a study reports, in words and numbers as entered, with its data form and the
 * quotes of every number (and of the statement and p-values).
 */
export function describeOutcome(study: Study, outcome: Outcome): { text: string; quotes: Quote[] } {
  const quotes: Quote[] = [];
  const armLabel = (id: string) => study.arms.find((a) => a.id === id)?.label ?? id;
  const d = outcome.data as unknown as { form: string; arms?: Record<string, unknown>[]; measure?: string; estimate?: unknown; ciLower?: unknown; ciUpper?: unknown; comparison?: { treatment: string; control: string } };
  let data = '';
  if (Array.isArray(d.arms)) {
    data = d.arms
      .map((a) => {
        const arm = String(a.arm);
        const parts: string[] = [];
        const events = looseNumber(a.events);
        const total = looseNumber(a.total);
        if (events && total) parts.push(`${shown(events)}/${shown(total)}`);
        else if (events) parts.push(`${shown(events)} events`);
        for (const [field, fmt] of ARM_FIELDS) {
          const n = looseNumber(a[field]);
          if (n && n.value !== null) parts.push(fmt(String(n.value)));
          else if (n && field === 'sd') parts.push('SD not reported');
          addQuote(quotes, quoteOf(n));
        }
        if (!events || !total) {
          const n = looseNumber(a.n) ?? (events ? null : total);
          if (n && n.value !== null) parts.push(`n ${n.value}`);
          addQuote(quotes, quoteOf(n));
        }
        addQuote(quotes, quoteOf(events));
        addQuote(quotes, quoteOf(total));
        return `${armLabel(arm)} ${parts.join(', ')}`;
      })
      .join(' vs ');
  } else if (d.form === 'contrast' && d.comparison) {
    const [e, lo, hi] = [looseNumber(d.estimate), looseNumber(d.ciLower), looseNumber(d.ciUpper)];
    data = `${d.measure} ${shown(e)} [${shown(lo)}, ${shown(hi)}] (${armLabel(d.comparison.treatment)} vs ${armLabel(d.comparison.control)})`;
    [e, lo, hi].forEach((n) => addQuote(quotes, quoteOf(n)));
  }
  const ps = pValuesOf(outcome)
    .filter((p) => p.value.value !== null)
    .map((p) => {
      addQuote(quotes, quoteOf(p.value));
      return `p ${p.relation ?? '='} ${p.value.valueText ?? p.value.value}`;
    });
  const statement = outcome.statement;
  if (statement) addQuote(quotes, { text: statement.text, source: statement.source, status: statement.status });
  const body = [data, ps.join('; ')].filter(Boolean).join('; ');
  const text = `${outcome.label} (${outcome.timepoint}; ${d.form}${outcome.primary ? ', primary' : ''}): ${body || (statement ? `“${statement.text}”` : 'no values')}`;
  return { text, quotes };
}

/** The measure the forest plot would use for these studies and outcome: the user's, if it applies. */
export function measureFor(studies: readonly Study[], kind: OutcomeKind, preferred: AnalysisMeasure | null, recovery?: AnalysisSettings['recovery']): AnalysisMeasure | null {
  const measures = availableMeasures(studies.filter((s) => s.kind === 'ivig-rct'), kind, recovery);
  return preferred && measures.includes(preferred) ? preferred : (measures[0] ?? null);
}

/**
 * The measure one outcome's data form gives (as the forest offers them: counts RR, OR, RD; means
 * MD, SMD; a contrast its own), the user's when it is among them; null for forms with no effect.
 * One outcome needs no search over measures (`availableMeasures` estimates every one).
 */
function measureOfOutcome(outcome: Outcome, preferred: AnalysisMeasure | null): AnalysisMeasure | null {
  const d = outcome.data;
  const offered: AnalysisMeasure[] = d.form === 'counts' ? ['RR', 'OR', 'RD'] : d.form === 'continuous' ? ['MD', 'SMD'] : d.form === 'contrast' ? [d.measure] : [];
  return preferred && offered.includes(preferred) ? preferred : (offered[0] ?? null);
}

/** Which way an analysis-scale interval points for this outcome (null value 0 on that scale). */
export function signalOfInterval(kind: OutcomeKind, measure: AnalysisMeasure, lower: number, upper: number): EffectSignal {
  if (lower <= 0 && upper >= 0) return 'no difference shown';
  const lowerFavoursIvig = favoursSides(kind, measure, false).left === 'Favours IVIG';
  return (upper < 0) === lowerFavoursIvig ? 'favours IVIG' : 'favours control';
}

/**
 * The source's own reading, where no effect can be estimated: a p-value above 0.05 → no difference
 * shown; otherwise the direction the transcription records ("favours-ivig" etc.); null when it
 * records none.
 */
export function statedSignal(outcome: Outcome): EffectSignal | null {
  const p = pValuesOf(outcome).find((x) => x.value.value !== null && x.comparison !== 'within-arm');
  if (p && (p.value.value as number) > 0.05 && p.relation !== '<') return 'no difference shown';
  switch (outcome.direction) {
    case 'favours-ivig': return 'favours IVIG';
    case 'favours-control': return 'favours control';
    case 'no-difference': return 'no difference shown';
    default: return null;
  }
}

/**
 * What a study's line reads of the settings: the measure, derived values, the effect-recovery
 * switches, and the trials an imputed SD may be borrowed from (`sdDonorStudies`: the claim's scope,
 * as the forest of a phase-comparison row borrows from every trial passing the filters; default the
 * study alone, i.e. none).
 */
export type LineSettings = Pick<AnalysisSettings, 'measure' | 'useDerived'> & Partial<Pick<AnalysisSettings, 'recovery'>> & { sdDonorStudies?: readonly Study[] };

const singleOutcomeStudies = new WeakMap<Study, WeakMap<Outcome, Study>>();
/**
 * The study with this one outcome (its effect is of that outcome alone, not of another report of
 * the same kind), one object per study and outcome, so that its effect inputs are memoised
 * (evidence/identity-memo.ts).
 */
function studyWithOnly(study: Study, outcome: Outcome): Study {
  let byOutcome = singleOutcomeStudies.get(study);
  if (!byOutcome) singleOutcomeStudies.set(study, (byOutcome = new WeakMap()));
  let alone = byOutcome.get(outcome);
  if (!alone) byOutcome.set(outcome, (alone = { ...study, outcomes: [outcome] }));
  return alone;
}

/**
 * One outcome of one study as a line: what it reports, and its effect (the forest's per-study
 * effect and 95% CI when the data allow one, with the same recovery switches and SD donors, else
 * the source's stated reading; the rule of `statedSignal`).
 */
export function outcomeLine(study: Study, outcome: Outcome, settings: LineSettings): EvidenceLine {
  const { text, quotes } = describeOutcome(study, outcome);
  const alone = studyWithOnly(study, outcome);
  const measure = measureOfOutcome(outcome, settings.measure);
  let signal: EffectSignal | null = null;
  let effect = '';
  if (measure) {
    // Without SD donors named, the study lends to itself alone (toEffectInputs' default), i.e. none.
    const { effects, nonEstimable } = effectInputsOf([alone], settings.sdDonorStudies ?? [alone], outcome.kind, measure, { useDerived: settings.useDerived, recovery: settings.recovery });
    const e = effects[0];
    if (e) {
      const z = 1.959963984540054;
      const [lo, hi] = e.reportedCi && isRatioMeasure(measure) ? [Math.log(e.reportedCi.lower), Math.log(e.reportedCi.upper)] : e.reportedCi ? [e.reportedCi.lower, e.reportedCi.upper] : [e.yi - z * e.sei, e.yi + z * e.sei];
      const back = (x: number) => (isRatioMeasure(measure) ? Math.exp(x) : x);
      signal = signalOfInterval(outcome.kind, measure, lo, hi);
      effect = ` → ${MEASURE_LABEL[measure].toLowerCase()} ${effectText(back(e.yi), back(lo), back(hi), isRatioMeasure(measure) ? 'ratio' : 'difference')} (${signal}${e.derived ? '; uses derived values' : ''})`;
    } else if (nonEstimable[0]) {
      effect = ` → no effect estimable (${nonEstimable[0].reason})`;
    }
  }
  if (signal === null) {
    signal = statedSignal(outcome);
    if (signal) effect += ` → as the source states: ${signal}`;
  }
  return { subject: study.label, studies: [studyRef(study)], text: text + effect, quotes, signal };
}

export interface PooledOutcome {
  kind: OutcomeKind;
  measure: AnalysisMeasure;
  /** "Risk ratio, IV, Random (REML), 95% CI" */
  header: string;
  k: number;
  /**
   * Analysis scale (log for ratios) and its SE, of the method that made the row (M-H under M-H).
   * Under the Bayesian model: μ's posterior mean and SD (a normal summary of the posterior, what
   * Bucher's indirect comparison can take).
   */
  yi: number;
  se: number;
  /** "0.49 [0.30, 0.80]"; under the Bayesian model "… (posterior median, 95% CrI; P(RR > 1) = 0.754)". */
  effectText: string;
  /** 'CrI' when the numbers are posterior quantiles (the Bayesian model). */
  interval: 'CI' | 'CrI';
  signal: EffectSignal;
  /** k ≥ 2 and the CI excludes no effect. */
  settled: boolean;
  line: EvidenceLine;
  /** Studies that report the outcome but are not in the pooled row, with the forest's reason. */
  notPooled: { study: StudyRef; reason: string }[];
}

/**
 * The forest plot's pooled row (standard mode, no subgroups, IVIG vs placebo orientation) for these
 * studies and outcome, with the user's model, estimator, test, Mantel-Haenszel, derived-values and
 * study-toggle settings. null when no study gives an estimable effect. Under the Bayesian model:
 * the forest's Bayesian row for the same trials (posterior median of μ, its 95% CrI and
 * P(benefit)); its signal and "settled" read the CrI. Where the τ presets do not apply (a raw mean
 * difference) the random-effects row is used and the line says why.
 * `sdDonorStudies`: the trials an imputed SD may be borrowed from, as the forest of the same trials
 * borrows them (a phase-comparison row's forest: every trial passing the filters); default the
 * pooled studies.
 */
export function pooledOutcome(studies: readonly Study[], kind: OutcomeKind, settings: AnalysisSettings, excluded: readonly string[], forcedMeasure?: AnalysisMeasure, sdDonorStudies?: readonly Study[]): PooledOutcome | null {
  const measure = forcedMeasure ?? measureFor(studies, kind, settings.measure, settings.recovery);
  if (!measure) return null;
  const model = toForestModel(studies, [], {
    ...settings,
    outcome: kind,
    measure,
    excludedStudyIds: excluded,
    level: 95,
    mode: 'standard',
    subgroupBy: 'none',
    flipDirection: false,
    ...(sdDonorStudies ? { sdDonorStudies } : {}),
  });
  const row = model.overall;
  const rows = model.groups.flatMap((g) => g.rows).filter((r) => !r.excluded);
  if (!row || rows.length === 0) return null;
  const posterior = settings.model === 'bayes' ? { row: model.bayesian ?? null, reason: model.bayesianReason } : null;
  const bayes = posterior?.row ?? null;
  const toScale = (v: number) => (model.isRatio ? Math.log(v) : v);
  const signal = bayes ? signalOfInterval(kind, measure, bayes.yiLower, bayes.yiUpper) : signalOfInterval(kind, measure, toScale(row.ciLower), toScale(row.ciUpper));
  const quotes: Quote[] = [];
  for (const r of rows) for (const p of r.input.provenance) addQuote(quotes, { text: p.quote, source: p.source, status: p.status, ...(p.formula ? { formula: p.formula } : {}) });
  const toggled = model.groups.flatMap((g) => g.rows).filter((r) => r.excluded);
  const notPooled = [
    ...model.nonEstimable.filter((n) => !/^not reported/.test(n.reason)).map((n) => ({ study: { id: n.studyId, label: n.label }, reason: n.reason })),
    ...toggled.map((r) => ({ study: { id: r.studyId, label: r.label }, reason: 'toggled out by the user' })),
  ];
  const label = OUTCOME_INFO[kind].label;
  const trialsText = `${row.k} ${row.k === 1 ? 'trial' : 'trials'} (${rows.map((r) => `${r.label} ${r.effectText}`).join('; ')})`;
  const header = bayes ? `${MEASURE_LABEL[measure]}, Bayesian random effects (${bayes.priorText}), 95% CrI` : posterior ? `${model.header} (no Bayesian result: ${posterior.reason})` : model.header;
  const effect = bayes ? `${bayes.effectText} (posterior median, 95% CrI; ${bayes.benefitText})` : row.effectText;
  const text = bayes
    ? `${label}, ${header}: ${bayes.summaryText}; ${bayes.benefitText}${bayes.threshold ? `; ${bayes.threshold.text}` : ''}, ${trialsText} — ${signal}`
    : `${label}, ${header}: ${row.effectText}, ${trialsText}; ${row.overallEffectText}${row.heterogeneityText ? `; ${row.heterogeneityText}` : ''} — ${signal}`;
  return {
    kind,
    measure,
    header,
    k: row.k,
    yi: bayes ? bayes.result.mu.mean : row.yi,
    se: bayes ? bayes.result.mu.sd : row.se,
    effectText: effect,
    interval: bayes ? 'CrI' : 'CI',
    signal,
    settled: row.k >= 2 && signal !== 'no difference shown',
    line: { subject: `Pooled: ${/^[A-Z][a-z]/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label}`, studies: rows.map((r) => ({ id: r.studyId, label: r.label })), text, quotes, signal },
    notPooled,
  };
}
