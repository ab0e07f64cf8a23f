/**
 * The seed review's claims, checked against the evidence set, "as of 2003" and "now".
 *
 * The seed review is Sorensen PS, J Neurol Sci 2003;206:123-30 (synthesis `sorensen-2003-review`).
 * The evidence set quotes three sentences of its abstract verbatim; the other claims are shown as
 * issue 15 words them and marked as not quoted. Every finding is computed here from the studies
 * passed in (nothing is a stored result), with the forest plot's model for pooled numbers; each part
 * of a claim gets a finding by a rule stated beside it, and the verdict follows from the findings by
 * `verdictOf` (rules in verdict.ts, shown on screen).
 *
 * "As of 2003" is the app's own year filter (`filterStudies` with the year range to 2003: a study
 * published after 2003, or undated, is left out); "now" is every study in the working set. The
 * user's other filters do not apply (each claim names its population); study toggles and analysis
 * settings do.
 */
import type { Arm, OutcomeKind, Study, Synthesis } from '../../evidence/schema';
import { MEASURE_LABEL, type AnalysisMeasure } from '../../evidence/to-effect-inputs';
import { outcomeArmN } from '../../evidence/outcome-n';
import { OUTCOME_INFO } from '../../evidence/vocabulary';
import { bucherIndirectComparison, effectSize, seFromRatioCi } from '../../stats';
import type { AnalysisSettings } from '../analysis-params';
import { priorText } from '../bayesian/bayes-settings';
import { effectText } from '../effect-format';
import { DEFAULT_FILTERS } from '../filters';
import { relapseRateReductions } from '../phase-comparison-model';
import { filterStudies, filterSyntheses } from '../study-filter';
import {
  isEfficacy,
  outcomeLine,
  pooledOutcome,
  studyRef,
  type EvidenceLine,
  type LineGroup,
  type PooledOutcome,
  type Quote,
  type StudyRef,
} from './evidence-lines';
import {
  benefitClaimFinding,
  comparabilityFinding,
  foldRangeFinding,
  noBenefitClaimFinding,
  trialCountFinding,
  verdictOf,
  type EffectSignal,
  type PartFinding,
  type Verdict,
} from './verdict';

/** The seed review's publication year: "as of 2003" keeps what it could have seen. */
export const SEED_REVIEW_YEAR = 2003;
export const SEED_REVIEW_ID = 'sorensen-2003-review';

export type Scope = 'as of 2003' | 'now';

export interface ClaimPart {
  /** What this part of the claim asserts. */
  label: string;
  finding: PartFinding;
  /** The numbers behind the finding, in words. */
  reason: string;
}

export interface ClaimAssessment {
  scope: Scope;
  parts: ClaimPart[];
  verdict: Verdict;
  evidence: LineGroup[];
  notes: string[];
}

export interface SeedClaim {
  id: 'rr-trials' | 'comparable' | 'dose-range' | 'established-deficits' | 'secondary-progressive' | 'conclusion';
  title: string;
  /** The abstract's sentence, verbatim from the evidence set; null when the set does not quote it. */
  quote: (Quote & { text: string }) | null;
  /** The claim as issue 15 words it, shown (marked as not a quotation) when there is no quote. */
  wording: string;
  /** Why there is no quote, when there is none. */
  quoteNote: string | null;
  /** How this claim's parts are judged. */
  rule: string;
  asOf2003: ClaimAssessment;
  now: ClaimAssessment;
}

export interface SeedClaimsModel {
  seedReview: { label: string; citation: string } | null;
  claims: SeedClaim[];
}

const NOT_QUOTED = 'The abstract’s sentence is not in the evidence set or its sources (they quote three of its sentences); the claim is shown as issue 15 words it, not as a quotation.';

/** The studies of a scope: "as of 2003" through the app's year filter, "now" all of them. */
export function studiesInScope(studies: readonly Study[], scope: Scope): Study[] {
  if (scope === 'now') return [...studies];
  return filterStudies(studies, { ...DEFAULT_FILTERS, kinds: [...new Set(studies.map((s) => s.kind))], yearFrom: null, yearTo: SEED_REVIEW_YEAR });
}

/**
 * A report kept only as an earlier copy of another trial (`sameTrialAs`, when the evidence set has
 * that field) is counted once, through the trial it duplicates, when that trial is in the same list.
 */
function countedOnce(list: readonly Study[]): Study[] {
  const ids = new Set(list.map((s) => s.id));
  return list.filter((s) => {
    const same = (s as Study & { sameTrialAs?: { study: string } }).sameTrialAs;
    return !(same && ids.has(same.study));
  });
}

/** Randomised, placebo-controlled IVIG trials of relapse prevention in relapsing-remitting MS. */
export function rrPlaceboTrials(studies: readonly Study[]): Study[] {
  return countedOnce(studies.filter((s) => s.kind === 'ivig-rct' && s.phase === 'RR' && s.setting === 'relapse-prevention' && s.design.randomised === true && s.design.control === 'placebo'));
}

const RELAPSE_KINDS: readonly OutcomeKind[] = ['annualized-relapse-rate', 'relapse-free', 'relapse-count', 'new-relapse', 'time-to-first-relapse'];
/** The outcomes the claim is about: a trial that reports none of them cannot be one that "demonstrated" them. */
const CLAIM_1_KINDS: readonly OutcomeKind[] = [...RELAPSE_KINDS, 'mri-gd-lesions'];

/** The double-blind ones of `rrPlaceboTrials` published by 2003 (before the outcome condition of `seedFourTrials`). */
function doubleBlindBy2003(studies: readonly Study[]): Study[] {
  return rrPlaceboTrials(studiesInScope(studies, 'as of 2003')).filter((s) => s.design.blinding === 'double-blind');
}

/**
 * The seed review's "four double-blind trials in relapsing-remitting MS": the double-blind ones of
 * `rrPlaceboTrials`, published by 2003, that report a relapse outcome or gadolinium-enhancing
 * lesions (the claim's outcomes). The abstract does not name them; the data decide.
 */
export function seedFourTrials(studies: readonly Study[]): Study[] {
  return doubleBlindBy2003(studies).filter((s) => s.outcomes.some((o) => CLAIM_1_KINDS.includes(o.kind)));
}

/** The relapse outcomes that are pooled for "reduces the relapse rate". */
const POOLED_RELAPSE_KINDS: readonly OutcomeKind[] = ['annualized-relapse-rate', 'relapse-free'];
/** The critical outcomes of relapsing-remitting MS set against the conclusion. */
const CRITICAL_RR_KINDS: readonly OutcomeKind[] = ['relapse-free', 'annualized-relapse-rate', 'edss-worsened'];

/** "Worsened on EDSS" → "worsened on EDSS" (keeps acronyms). */
const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);
const outcomeName = (k: OutcomeKind) => lowerFirst(OUTCOME_INFO[k].label);
const list = (xs: readonly string[]) => (xs.length === 0 ? 'none' : xs.join(', '));
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A study's overall result as its report states it (`overallResult`, where the evidence set has that field). */
function overallResultLine(study: Study): EvidenceLine[] {
  const r = (study as Study & { overallResult?: { statement: { text: string; source: string; status: Quote['status'] }; direction: string } }).overallResult;
  if (!r) return [];
  return [{ subject: study.label, studies: [studyRef(study)], text: `Overall result as reported: “${r.statement.text}” (${r.direction.replace(/-/g, ' ')})`, quotes: [{ text: r.statement.text, source: r.statement.source, status: r.statement.status }], signal: null }];
}

function linesFor(study: Study, kinds: readonly OutcomeKind[], settings: ClaimSettings): EvidenceLine[] {
  const outcomes = study.outcomes.filter((o) => kinds.includes(o.kind) && isEfficacy(o));
  if (outcomes.length > 0) return [...outcomes.map((o) => outcomeLine(study, o, settings)), ...overallResultLine(study)];
  const missing = study.notReported.filter((m) => kinds.includes(m.kind)).map((m) => m.reason.replace(/\.$/, ''));
  return [...overallResultLine(study), { subject: study.label, studies: [studyRef(study)], text: `Reports none of ${kinds.map((k) => outcomeName(k)).join(', ')} in the available sources${missing.length ? ` (${[...new Set(missing)].join('; ')})` : ''}.`, quotes: [], signal: null }];
}

function pooledText(p: PooledOutcome | null, kind: OutcomeKind): string {
  return p ? `${OUTCOME_INFO[kind].label}: ${p.effectText} (${MEASURE_LABEL[p.measure].toLowerCase()}, ${plural(p.k, 'trial')}) — ${p.signal}` : `${OUTCOME_INFO[kind].label}: no estimable effect`;
}

/**
 * The analysis settings with the trials an imputed SD may be borrowed from in one scope (every trial
 * of the working set in the scope that is not toggled out), as a phase-comparison row's forest borrows.
 */
type ClaimSettings = AnalysisSettings & { sdDonorStudies?: readonly Study[] };

/** Pools these studies' outcome with the forest's model (`pooledOutcome`), the measure forced or chosen as the forest chooses it. */
type Pooler = (studies: readonly Study[], kind: OutcomeKind, forcedMeasure?: AnalysisMeasure) => PooledOutcome | null;

/**
 * One pooling per trial set, outcome and measure within one computation of the claims: several
 * claims pool the same trials (claim 1 and the conclusion; "with" a later trial is "now"), and each
 * pooling runs the forest model and its measure search. Per scope, because an imputed SD is
 * borrowed as the forest of a phase-comparison row borrows it: from every trial of the working set
 * in the scope (as of 2003: those published by then), not from the pooled trials alone.
 */
function memoisedPooler(studies: readonly Study[], settings: AnalysisSettings, excluded: readonly string[]): (scope: Scope) => Pooler {
  const cache = new Map<string, PooledOutcome | null>();
  const donors = new Map<Scope, Study[]>();
  return (scope) => (trials, kind, forcedMeasure) => {
    const key = `${scope}|${kind}|${forcedMeasure ?? ''}|${trials.map((s) => s.id).join(',')}`;
    if (!donors.has(scope)) donors.set(scope, studiesInScope(studies, scope));
    if (!cache.has(key)) cache.set(key, pooledOutcome(trials, kind, settings, excluded, forcedMeasure, donors.get(scope)));
    return cache.get(key) ?? null;
  };
}

function assessment(scope: Scope, parts: ClaimPart[], evidence: LineGroup[], notes: string[] = []): ClaimAssessment {
  return { scope, parts, verdict: verdictOf(parts.map((p) => p.finding)), evidence: evidence.filter((g) => g.lines.length > 0), notes };
}

// ---------------------------------------------------------------------------------------------
// 1. "Four double-blind trials … reduces the relapse rate and the number of Gd-enhancing lesions"
// ---------------------------------------------------------------------------------------------

const RULE_RR = 'Parts: (1) the number of double-blind, randomised, placebo-controlled IVIG trials of relapse prevention in relapsing-remitting MS published by 2003 that report a relapse outcome or gadolinium-enhancing lesions (a report kept only as an earlier copy of another trial counts once) — at least four supports, fewer contradicts; (2) the relapse rate — the forest plot’s pooled annualized relapse rate and relapse-free patients over the randomised placebo-controlled relapsing-remitting trials of the scope: supports when every pooled estimate’s 95% CI excludes no effect in IVIG’s favour, contradicts when one excludes it in placebo’s favour, inconclusive otherwise; (3) gadolinium-enhancing lesions — pooled when estimable, else each trial’s own reading (its CI, or the source’s stated direction; a p-value above 0.05 counts as no difference): the same rule.';

function rrTrialsAssessment(studies: readonly Study[], scope: Scope, settings: ClaimSettings, pool: Pooler): ClaimAssessment {
  const four = seedFourTrials(studies);
  const withoutOutcomes = doubleBlindBy2003(studies).filter((s) => !four.includes(s));
  const trials = rrPlaceboTrials(studiesInScope(studies, scope));
  const pooled = POOLED_RELAPSE_KINDS.map((k) => pool(trials, k));
  const gdPooled = pool(trials, 'mri-gd-lesions');
  const gdLines = trials.flatMap((s) => s.outcomes.filter((o) => o.kind === 'mri-gd-lesions' && isEfficacy(o)).map((o) => outcomeLine(s, o, settings)));
  const gdSignals: (EffectSignal | null)[] = gdPooled ? [gdPooled.signal] : gdLines.map((l) => l.signal);
  const parts: ClaimPart[] = [
    {
      label: 'Four double-blind trials in relapsing-remitting MS (published by 2003)',
      finding: trialCountFinding(4, four.length),
      reason: `The data hold ${plural(four.length, 'such trial')}: ${list(four.map((s) => s.label))}.${withoutOutcomes.length ? ` Double-blind but reporting neither relapses nor gadolinium-enhancing lesions, so not counted: ${list(withoutOutcomes.map((s) => s.label))}.` : ''} The abstract does not name its four.`,
    },
    {
      label: 'IVIG reduces the relapse rate',
      finding: benefitClaimFinding(pooled.map((p) => p?.signal ?? null)),
      reason: POOLED_RELAPSE_KINDS.map((k, i) => pooledText(pooled[i] ?? null, k)).join('; ') + '.',
    },
    {
      label: 'IVIG reduces the number of gadolinium-enhancing lesions',
      finding: benefitClaimFinding(gdSignals),
      reason: gdPooled
        ? pooledText(gdPooled, 'mri-gd-lesions') + '.'
        : gdLines.length
          ? `Not poolable; ${plural(new Set(gdLines.map((l) => l.studies[0]?.id)).size, 'trial')} ${new Set(gdLines.map((l) => l.studies[0]?.id)).size === 1 ? 'reports' : 'report'} it: ${gdLines.map((l) => `${l.subject} — ${l.signal ?? 'no reading'}`).join('; ')}.`
          : 'No trial in this scope reports gadolinium-enhancing lesions.',
    },
  ];
  const evidence: LineGroup[] = [
    { heading: 'Pooled (forest plot model, current settings)', lines: [...pooled, gdPooled].filter((p): p is PooledOutcome => p !== null).map((p) => p.line) },
    {
      heading: scope === 'as of 2003' ? 'The randomised placebo-controlled relapsing-remitting trials published by 2003, the double-blind ones first: what each reports' : 'Every randomised placebo-controlled relapsing-remitting trial: what each reports',
      lines: (scope === 'as of 2003' ? [...four, ...trials.filter((t) => !four.includes(t))] : trials).flatMap((s) => linesFor(s, [...RELAPSE_KINDS, 'mri-gd-lesions'], settings)),
    },
  ];
  const notes: string[] = [];
  const notPooled = pooled.flatMap((p) => p?.notPooled ?? []);
  if (notPooled.length) notes.push(`Not in the pooled relapse estimates: ${[...new Set(notPooled.map((n) => `${n.study.label} (${n.reason})`))].join('; ')}.`);
  if (scope === 'now') evidence.push(laterTrialsGroup(studies, trials, settings, pool));
  return assessment(scope, parts, evidence, notes);
}

/**
 * What the trials published after 2003 changed (PRIVIG, Fazekas 2008, when the set has its data):
 * for each, what it reports, and each pooled relapse outcome with and without it.
 */
function laterTrialsGroup(studies: readonly Study[], trialsNow: readonly Study[], settings: ClaimSettings, pool: Pooler): LineGroup {
  const before = new Set(studiesInScope(studies, 'as of 2003').map((s) => s.id));
  const later = trialsNow.filter((s) => !before.has(s.id));
  const lines: EvidenceLine[] = [];
  for (const t of later) {
    lines.push(...linesFor(t, [...RELAPSE_KINDS, 'mri-gd-lesions'], settings));
    for (const k of POOLED_RELAPSE_KINDS) {
      const withIt = pool(trialsNow, k);
      const without = withIt ? pool(trialsNow.filter((s) => s.id !== t.id), k, withIt.measure) : null;
      const inPool = withIt?.line.studies.some((s) => s.id === t.id) ?? false;
      lines.push({
        subject: `${t.label}: effect on the pooled ${outcomeName(k)}`,
        studies: [studyRef(t)],
        text: inPool
          ? `Without ${t.label}: ${without ? `${without.effectText} (${plural(without.k, 'trial')}, ${without.signal})` : 'no estimable effect'}; with it: ${withIt!.effectText} (${plural(withIt!.k, 'trial')}, ${withIt!.signal}).`
          : `${t.label} is not in this pooled estimate (${withIt?.notPooled.find((n) => n.study.id === t.id)?.reason ?? 'no estimable data for this outcome'}): the pooled result is unchanged by it.`,
        quotes: [],
        signal: null,
      });
    }
  }
  return { heading: `Published after ${SEED_REVIEW_YEAR}: what ${later.length === 1 ? 'it' : 'they'} changed`, lines };
}

// ---------------------------------------------------------------------------------------------
// 2. "… seems comparable to established therapies … interferon-beta and glatiramer acetate"
// ---------------------------------------------------------------------------------------------

const RULE_COMPARABLE = 'Parts: (1) IVIG’s effect on the annualized relapse rate is comparable to the comparators’ — judged only by an adjusted indirect comparison through placebo (Bucher 1997: d(IVIG vs comparator) = d(IVIG vs placebo) − d(comparator vs placebo), SE = √(SE₁² + SE₂²)), possible only when both sides give an effect with its CI or SE against placebo on the same measure: a 95% CI that includes no difference supports (no difference shown, which is not proof of equivalence), one that excludes it contradicts; not estimable → no data. (2) randomised head-to-head trials of IVIG against an active drug: the mean difference in annualized relapse rate with its 95% CI from the arms — the same rule. The relative relapse-rate reductions are context, not a test.';

/** The quotes of the annualized relapse rates a reduction is computed from (relapseRateReductions reads the first such outcome). */
function rateQuotes(study: Study | undefined): Quote[] {
  const o = study?.outcomes.find((x) => x.kind === 'annualized-relapse-rate' && x.data.form === 'continuous');
  if (!o || o.data.form !== 'continuous') return [];
  const quotes: Quote[] = [];
  for (const a of o.data.arms) if (!quotes.some((q) => q.text === a.mean.quote)) quotes.push({ text: a.mean.quote, source: a.mean.source, status: a.mean.status });
  return quotes;
}

/** The measures on which a comparator's annualized relapse rate can give an effect with its SE. */
const INDIRECT_MEASURES: AnalysisMeasure[] = ['RateRatio', 'MD'];

interface ComparatorEffect { study: Study; arm: Arm; measure: AnalysisMeasure; yi: number; sei: number; quotes: Quote[] }

/**
 * A comparator trial's annualized relapse rate against its placebo, per active arm, on `measure`,
 * or the numbers that are missing for it.
 */
function comparatorEffects(study: Study, measure: AnalysisMeasure): { effects: ComparatorEffect[]; missing: string[] } {
  const o = study.outcomes.find((x) => x.kind === 'annualized-relapse-rate');
  if (!o) return { effects: [], missing: [`${study.label}: no annualized relapse rate`] };
  const d = o.data;
  const effects: ComparatorEffect[] = [];
  const missing: string[] = [];
  if (measure === 'MD' && d.form === 'continuous') {
    const placebo = d.arms.find((a) => study.arms.find((x) => x.id === a.arm)?.role === 'placebo');
    if (!placebo) return { effects, missing: [`${study.label}: no placebo arm in its relapse-rate data`] };
    for (const a of d.arms) {
      const arm = study.arms.find((x) => x.id === a.arm);
      if (!arm || arm.role === 'placebo') continue;
      const gaps = [
        ...[a, placebo].flatMap((x) => (x.sd.value === null ? [`SD of the ${study.arms.find((y) => y.id === x.arm)?.label ?? x.arm} arm`] : [])),
        ...[a, placebo].flatMap((x) => (outcomeArmN(study, o, x.arm, x.n).value === null ? [`n of the ${study.arms.find((y) => y.id === x.arm)?.label ?? x.arm} arm`] : [])),
      ];
      if (gaps.length) {
        missing.push(`${study.label}, ${arm.label}: ${[...new Set(gaps)].join(', ')} not reported`);
        continue;
      }
      const nOf = (x: typeof a) => outcomeArmN(study, o, x.arm, x.n).value as number;
      const e = effectSize('MD', { m1i: a.mean.value, sd1i: a.sd.value as number, n1i: nOf(a), m2i: placebo.mean.value, sd2i: placebo.sd.value as number, n2i: nOf(placebo) });
      effects.push({ study, arm, measure, yi: e.yi, sei: e.sei, quotes: [] });
    }
    return { effects, missing };
  }
  if (measure === 'RateRatio' && d.form === 'contrast' && d.measure === 'RateRatio') {
    const arm = study.arms.find((x) => x.id === d.comparison.treatment);
    if (arm) {
      // The engine's SE from a ratio CI (Handbook 6.3.2), at the interval's own level.
      const { yi, sei } = seFromRatioCi({ ratio: d.estimate.value, lower: d.ciLower.value, upper: d.ciUpper.value, levelPercent: d.levelPercent });
      effects.push({ study, arm, measure, yi, sei, quotes: [] });
    }
    return { effects, missing };
  }
  return { effects, missing: [`${study.label}: no ${measure === 'MD' ? 'per-arm mean, SD and n' : 'rate ratio with its CI'} for the annualized relapse rate (data form: ${d.form})`] };
}

/**
 * Randomised trials of IVIG against an active drug (kind `ivig-active-comparator-rct`): the mean
 * difference in annualized relapse rate, IVIG minus the comparator, with its 95% CI from the per-arm
 * means, SDs and numbers (the engine's `effectSize('MD')`), judged by `comparabilityFinding`.
 */
function directComparisons(inScope: readonly Study[]): { lines: EvidenceLine[]; findings: PartFinding[]; missing: string[] } {
  const lines: EvidenceLine[] = [];
  const findings: PartFinding[] = [];
  const missing: string[] = [];
  const z = 1.959963984540054;
  for (const s of inScope.filter((x) => x.kind === 'ivig-active-comparator-rct')) {
    const o = s.outcomes.find((x) => x.kind === 'annualized-relapse-rate' && x.data.form === 'continuous' && isEfficacy(x));
    if (!o || o.data.form !== 'continuous') {
      missing.push(`${s.label}: no annualized relapse rate with per-arm means`);
      continue;
    }
    const roleOf = (id: string) => s.arms.find((a) => a.id === id)?.role;
    const ivig = o.data.arms.find((a) => roleOf(a.arm) === 'ivig');
    const others = o.data.arms.filter((a) => roleOf(a.arm) === 'other');
    for (const c of others) {
      const label = s.arms.find((a) => a.id === c.arm)?.label ?? c.arm;
      if (!ivig || ivig.sd.value === null || c.sd.value === null || ivig.n.value === null || c.n.value === null) {
        missing.push(`${s.label}, IVIG vs ${label}: SD or n not reported`);
        continue;
      }
      const e = effectSize('MD', { m1i: ivig.mean.value, sd1i: ivig.sd.value, n1i: ivig.n.value, m2i: c.mean.value, sd2i: c.sd.value, n2i: c.n.value });
      const finding = comparabilityFinding({ lower: e.yi - z * e.sei, upper: e.yi + z * e.sei, nullValue: 0 });
      findings.push(finding);
      const described = outcomeLine(s, o, { measure: null, useDerived: true });
      lines.push({
        subject: s.label,
        studies: [studyRef(s)],
        text: `${described.text.split(' → ')[0]} → mean difference, IVIG minus ${label}: ${effectText(e.yi, e.yi - z * e.sei, e.yi + z * e.sei, 'difference')} (derived from the arms’ means, SDs and n; ${finding === 'supports' ? 'the CI includes no difference' : 'the CI excludes no difference'})`,
        quotes: described.quotes,
        signal: null,
      });
    }
  }
  return { lines, findings, missing };
}

function comparableAssessment(studies: readonly Study[], scope: Scope, pool: Pooler): ClaimAssessment {
  const inScope = studiesInScope(studies, scope);
  const trials = rrPlaceboTrials(inScope);
  const comparators = inScope.filter((s) => s.kind === 'comparator-rct' && s.phase === 'RR');
  const context = relapseRateReductions([...trials, ...comparators]).map<EvidenceLine>((r) => ({
    subject: r.label,
    studies: [{ id: r.studyId, label: r.label }],
    text: `${r.kind === 'comparator-rct' ? 'Comparator' : 'IVIG'} — ${r.treatment}: annualized relapse rate ${r.treatmentRate} vs ${r.controlRate} on placebo → ${r.reductionPercent.toFixed(0)}% relative reduction (derived: ${r.formula})`,
    quotes: rateQuotes(inScope.find((s) => s.id === r.studyId)),
    signal: null,
  }));
  const comparisons: EvidenceLine[] = [];
  const missing: string[] = [];
  const findings: PartFinding[] = [];
  for (const measure of INDIRECT_MEASURES) {
    const ivig = pool(trials, 'annualized-relapse-rate', measure);
    const sides = comparators.map((c) => comparatorEffects(c, measure));
    const effects = sides.flatMap((s) => s.effects);
    if (ivig && effects.length) {
      const isRatio = measure === 'RateRatio';
      const back = (x: number) => (isRatio ? Math.exp(x) : x);
      for (const e of effects) {
        const r = bucherIndirectComparison({ estimate: ivig.yi, se: ivig.se }, { estimate: e.yi, se: e.sei });
        findings.push(comparabilityFinding({ lower: r.ciLower, upper: r.ciUpper, nullValue: 0 }));
        comparisons.push({
          subject: `IVIG vs ${e.arm.label} (indirect, through placebo)`,
          studies: [...ivig.line.studies, studyRef(e.study)],
          text: `${MEASURE_LABEL[measure]}: ${effectText(back(r.estimate), back(r.ciLower), back(r.ciUpper), isRatio ? 'ratio' : 'difference')} (Bucher 1997: IVIG vs placebo ${ivig.effectText}${ivig.interval === 'CrI' ? ', entered as μ’s posterior mean and SD (a normal summary of the posterior)' : ''} − ${e.study.label} ${effectText(back(e.yi), back(e.yi - 1.959963984540054 * e.sei), back(e.yi + 1.959963984540054 * e.sei), isRatio ? 'ratio' : 'difference')}), p = ${r.pValue.toFixed(3)}`,
          quotes: [...ivig.line.quotes],
          signal: null,
        });
      }
      break;
    }
    missing.push(`${MEASURE_LABEL[measure]}: ${ivig ? `IVIG side estimable (${ivig.effectText}, ${plural(ivig.k, 'trial')})` : 'no IVIG trial gives it with a CI'}; comparator side: ${effects.length ? 'estimable' : sides.flatMap((s) => s.missing).join('; ') || 'no comparator trial in this scope'}`);
  }
  const direct = directComparisons(inScope);
  const directPart: ClaimPart = {
    label: 'Randomised head-to-head trials of IVIG against an established therapy show no difference in relapse rate',
    finding: direct.lines.length ? (direct.findings.includes('contradicts') ? 'contradicts' : 'supports') : 'no data',
    reason: direct.lines.length
      ? direct.lines.map((l) => `${l.subject}: ${l.text.split(' → ')[1] ?? l.text}`).join('; ') + '.'
      : direct.missing.length ? `No estimable head-to-head comparison: ${direct.missing.join('; ')}.` : 'No randomised head-to-head trial in this scope.',
  };
  const part: ClaimPart = {
    label: 'IVIG’s relapse-rate effect is comparable to interferon-beta’s and glatiramer acetate’s (adjusted indirect comparison through placebo)',
    finding: findings.length ? (findings.includes('contradicts') ? 'contradicts' : 'supports') : comparabilityFinding(null),
    reason: findings.length
      ? comparisons.map((c) => `${c.subject}: ${c.text}`).join('; ') + '.'
      : `No adjusted indirect comparison is estimable. Missing — ${missing.join('. ')}.`,
  };
  return assessment(scope, [part, directPart], [
    { heading: 'Adjusted indirect comparison (Bucher 1997)', lines: comparisons },
    { heading: 'Randomised head-to-head trials (IVIG vs an active drug)', lines: direct.lines },
    { heading: 'Context, not a test: relative relapse-rate reductions against each trial’s own placebo', lines: context },
  ], ['Placebo relapse rates, relapse definitions, populations and eras differ between the IVIG and the comparator trials: a cross-trial comparison is not like-for-like.']);
}

// ---------------------------------------------------------------------------------------------
// 3. "The doses … have varied 10-fold"
// ---------------------------------------------------------------------------------------------

/** The fold range the abstract states ("varied 10-fold"). */
export const CLAIMED_FOLD = 10;

export interface ArmDose {
  study: StudyRef;
  arm: string;
  /** g/kg per calendar month; equal when the arm gives one dose, the range's bounds otherwise. */
  lower: number;
  upper: number;
  quotes: Quote[];
  text: string;
}

export interface DoseFoldRange {
  arms: ArmDose[];
  withoutDose: { study: StudyRef; arm: string; reason: string }[];
  min: ArmDose | null;
  max: ArmDose | null;
  /** max(upper) / min(lower); null with fewer than two arms that give a dose. */
  fold: number | null;
}

interface LooseRange { lower: { value: number; quote: string; source: string; status: Quote['status'] }; upper: { value: number; quote: string; source: string; status: Quote['status'] } }

/**
 * The range of monthly IVIG doses over the IVIG arms of the randomised relapsing-remitting trials:
 * fold = max / min of `monthlyDoseGPerKg`; an arm with a dose range (`monthlyDoseRangeGPerKg`, when
 * the set has that field) counts with its bounds (its lower bound for the minimum, its upper bound
 * for the maximum). Arms without a monthly dose are listed with the reason.
 */
export function monthlyDoseFoldRange(studies: readonly Study[]): DoseFoldRange {
  const arms: ArmDose[] = [];
  const withoutDose: DoseFoldRange['withoutDose'] = [];
  for (const s of countedOnce(studies.filter((x) => x.kind === 'ivig-rct' && x.phase === 'RR'))) {
    for (const a of s.arms.filter((x) => x.role === 'ivig')) {
      const range = (a as Arm & { monthlyDoseRangeGPerKg?: LooseRange }).monthlyDoseRangeGPerKg;
      const m = a.monthlyDoseGPerKg;
      if (range) {
        arms.push({
          study: studyRef(s), arm: a.label, lower: range.lower.value, upper: range.upper.value,
          quotes: [range.lower, range.upper].map((b) => ({ text: b.quote, source: b.source, status: b.status })).filter((q, i, all) => all.findIndex((x) => x.text === q.text) === i),
          text: `${range.lower.value}–${range.upper.value} g/kg per month (range)`,
        });
      } else if (m.value !== null) {
        arms.push({
          study: studyRef(s), arm: a.label, lower: m.value, upper: m.value,
          quotes: [{ text: m.quote, source: m.source, status: m.status, ...(m.formula ? { formula: m.formula } : {}) }],
          text: `${m.value} g/kg per month (${m.status}${m.formula ? `: ${m.formula}` : ''})`,
        });
      } else {
        withoutDose.push({ study: studyRef(s), arm: a.label, reason: m.reason });
      }
    }
  }
  const min = arms.reduce<ArmDose | null>((best, x) => (best === null || x.lower < best.lower ? x : best), null);
  const max = arms.reduce<ArmDose | null>((best, x) => (best === null || x.upper > best.upper ? x : best), null);
  const fold = arms.length >= 2 && min && max ? max.upper / min.lower : null;
  return { arms, withoutDose, min, max, fold };
}

const RULE_DOSE = `Part: the doses varied ${CLAIMED_FOLD}-fold — fold = highest / lowest monthly dose (g/kg per calendar month) over the IVIG arms of the randomised relapsing-remitting trials of the scope (a dose range counts with its bounds; a trial’s earlier report, kept as its own entry, is not counted again): within a factor of 2 of ${CLAIMED_FOLD} (${CLAIMED_FOLD / 2} to ${CLAIMED_FOLD * 2}) supports, outside contradicts, fewer than two arms with a dose → no data.`;

function doseAssessment(studies: readonly Study[], scope: Scope): ClaimAssessment {
  const r = monthlyDoseFoldRange(studiesInScope(studies, scope));
  const part: ClaimPart = {
    label: `The doses used in relapsing-remitting MS varied ${CLAIMED_FOLD}-fold`,
    finding: foldRangeFinding(CLAIMED_FOLD, r.fold),
    reason: r.fold !== null && r.min && r.max
      ? `${r.fold.toFixed(1)}-fold: highest ${r.max.upper} g/kg/month (${r.max.study.label}, ${r.max.arm}) / lowest ${r.min.lower} g/kg/month (${r.min.study.label}, ${r.min.arm}) = ${r.fold.toFixed(2)} (derived: max / min over ${plural(r.arms.length, 'arm')} with a monthly dose).`
      : `Fewer than two IVIG arms give a monthly dose (${r.arms.length}).`,
  };
  return assessment(scope, [part], [
    { heading: 'IVIG arms with a monthly dose', lines: r.arms.map((a) => ({ subject: a.study.label, studies: [a.study], text: `${a.arm}: ${a.text}${a === r.max ? ' — highest' : ''}${a === r.min ? ' — lowest' : ''}`, quotes: a.quotes, signal: null })) },
    { heading: 'IVIG arms without a monthly dose (not in the range)', lines: r.withoutDose.map((a) => ({ subject: a.study.label, studies: [a.study], text: `${a.arm}: ${a.reason}`, quotes: [], signal: null })) },
  ]);
}

// ---------------------------------------------------------------------------------------------
// 4. "Three studies … chronic visual impairment or established motor symptoms … None … could confirm"
// ---------------------------------------------------------------------------------------------

const RULE_DEFICITS = 'Parts: (1) the number of IVIG studies (randomised or not) in established deficits (setting “established deficit”) of the scope — at least three supports, fewer contradicts; (2) none could confirm a benefit — a randomised study confirms one when a primary outcome (every efficacy outcome, when it marks none) favours IVIG by its CI, or by the source’s stated direction when no CI is estimable (a p-value above 0.05 counts as no difference): no study confirming supports, one confirming contradicts; a non-randomised study favouring IVIG is listed but cannot confirm.';

/** A study's reading on its primary efficacy outcomes (all efficacy outcomes when none is primary). */
function studySignal(study: Study, settings: ClaimSettings): { signal: EffectSignal | null; lines: EvidenceLine[] } {
  const efficacy = study.outcomes.filter(isEfficacy);
  const primary = efficacy.filter((o) => o.primary);
  const lines = (primary.length ? primary : efficacy).map((o) => outcomeLine(study, o, settings));
  const signals = lines.map((l) => l.signal).filter((s): s is EffectSignal => s !== null);
  const signal = signals.length === 0 ? null : signals.includes('favours IVIG') ? 'favours IVIG' : signals.includes('favours control') ? 'favours control' : 'no difference shown';
  return { signal, lines };
}

function deficitsAssessment(studies: readonly Study[], scope: Scope, settings: ClaimSettings): ClaimAssessment {
  const found = countedOnce(studiesInScope(studies, scope).filter((s) => (s.kind === 'ivig-rct' || s.kind === 'ivig-non-randomised') && s.setting === 'established-deficit'));
  // A study that is not randomised is listed with its reading, but cannot confirm a benefit: the
  // app never takes a non-randomised comparison for an effect (it never pools one either).
  const read = found.map((s) => {
    const r = studySignal(s, settings);
    const randomised = s.kind === 'ivig-rct';
    return { study: s, ...r, counted: randomised || r.signal !== 'favours IVIG' ? r.signal : null, randomised };
  });
  const parts: ClaimPart[] = [
    { label: 'Three studies in chronic visual impairment or established motor symptoms', finding: trialCountFinding(3, found.length), reason: `The data hold ${plural(found.length, 'such study', 'such studies')}: ${list(found.map((s) => `${s.label} (${s.kind === 'ivig-rct' ? 'randomised' : 'not randomised'})`))}.` },
    { label: 'None could confirm a benefit', finding: noBenefitClaimFinding(read.map((r) => r.counted)), reason: read.length ? read.map((r) => `${r.study.label}: ${r.signal ?? 'no reading'}${r.counted === null && r.signal !== null ? ' (not randomised: cannot confirm a benefit)' : ''}`).join('; ') + '.' : 'No such study in this scope.' },
  ];
  return assessment(scope, parts, [{ heading: 'What each study reports (primary outcomes, or every efficacy outcome when none is primary)', lines: read.flatMap((r) => r.lines) }]);
}

// ---------------------------------------------------------------------------------------------
// 5. "In secondary progressive MS, a large randomized placebo-controlled trial … without beneficial effects"
// ---------------------------------------------------------------------------------------------

const RULE_SP = 'The trial: the largest (by number randomised) randomised placebo-controlled IVIG trial in secondary progressive MS of the scope. Parts: (1) no benefit on its primary outcome and (2) none on its other efficacy outcomes — each outcome read by its CI, or the source’s stated direction when no CI is estimable (a p-value above 0.05 counts as no difference): any outcome favouring IVIG contradicts the part, otherwise it is supported; no SP trial → no data.';

const randomisedN = (s: Study) => s.totalRandomised.value ?? s.arms.reduce((n, a) => n + (a.nRandomised.value ?? 0), 0);

function spAssessment(studies: readonly Study[], scope: Scope, settings: ClaimSettings): ClaimAssessment {
  const isSpTrial = (s: Study) => s.kind === 'ivig-rct' && s.phase === 'SP' && s.design.randomised === true && s.design.control === 'placebo';
  const sp = countedOnce(studiesInScope(studies, scope).filter(isSpTrial)).sort((a, b) => randomisedN(b) - randomisedN(a));
  const trial = sp[0] ?? null;
  const notes: string[] = [];
  if (!trial) {
    const firstLater = studies.filter((s) => isSpTrial(s) && s.year !== null && s.year > SEED_REVIEW_YEAR).sort((a, b) => (a.year as number) - (b.year as number))[0];
    if (firstLater) notes.push(`No secondary progressive placebo-controlled trial in the data was published by ${SEED_REVIEW_YEAR}: the first, ${firstLater.label}, published ${firstLater.year}, came out after the review, which cites its results ahead of publication (“has recently shown”); the year filter goes by publication year.`);
    const parts: ClaimPart[] = [
      { label: 'No benefit on the primary outcome', finding: 'no data', reason: 'No such trial in this scope.' },
      { label: 'No benefit on the other efficacy outcomes', finding: 'no data', reason: 'No such trial in this scope.' },
    ];
    return assessment(scope, parts, [], notes);
  }
  const efficacy = trial.outcomes.filter(isEfficacy);
  const primary = efficacy.filter((o) => o.primary).map((o) => outcomeLine(trial, o, settings));
  const other = efficacy.filter((o) => !o.primary).map((o) => outcomeLine(trial, o, settings));
  const safety = trial.outcomes.filter((o) => !isEfficacy(o)).map((o) => outcomeLine(trial, o, settings));
  const reasonOf = (lines: EvidenceLine[]) => (lines.length ? lines.map((l) => `${l.text.split(':')[0]} — ${l.signal ?? 'no reading'}`).join('; ') + '.' : 'None reported.');
  const parts: ClaimPart[] = [
    { label: `No benefit on the primary outcome (${trial.label}, ${randomisedN(trial)} randomised)`, finding: noBenefitClaimFinding(primary.map((l) => l.signal)), reason: reasonOf(primary) },
    { label: 'No benefit on the other efficacy outcomes', finding: noBenefitClaimFinding(other.map((l) => l.signal)), reason: reasonOf(other) },
  ];
  const others = studiesInScope(studies, scope).filter((s) => s.id !== trial.id && s.kind === 'ivig-rct' && (s.phase === 'SP' || s.phase === 'PP+SP'));
  return assessment(scope, parts, [
    { heading: `${trial.label}: primary outcome`, lines: primary },
    { heading: `${trial.label}: other efficacy outcomes`, lines: other },
    { heading: `${trial.label}: safety (not read as benefit or its absence)`, lines: safety },
    { heading: 'Other trials with secondary progressive patients (context)', lines: others.flatMap((s) => studySignal(s, settings).lines.map((l) => ({ ...l, text: `${s.phase === 'PP+SP' ? 'Mixed primary and secondary progressive population. ' : ''}${l.text}` }))) },
  ], notes);
}

// ---------------------------------------------------------------------------------------------
// 6. The conclusion: "a valuable alternative … additional studies are needed"
// ---------------------------------------------------------------------------------------------

const RULE_CONCLUSION = 'Parts, set against the pooled evidence in relapsing-remitting MS (the forest plot’s pooled relapse-free patients, annualized relapse rate and worsening on EDSS over the randomised placebo-controlled trials of the scope): (1) a valuable alternative — every pooled estimate favours IVIG with a 95% CI that excludes no effect supports, one favouring placebo contradicts, otherwise inconclusive; (2) additional studies are needed — supported when any of these outcomes is unsettled (not estimable, from a single trial, or with a 95% CI that includes no effect), contradicted when every one is settled.';

function conclusionAssessment(studies: readonly Study[], syntheses: readonly Synthesis[], scope: Scope, pool: Pooler): ClaimAssessment {
  const trials = rrPlaceboTrials(studiesInScope(studies, scope));
  const pooled = CRITICAL_RR_KINDS.map((k) => ({ kind: k, p: pool(trials, k) }));
  const unsettled = pooled.filter((x) => !x.p?.settled);
  const parts: ClaimPart[] = [
    { label: 'IVIG is a valuable alternative in relapsing-remitting MS', finding: benefitClaimFinding(pooled.map((x) => x.p?.signal ?? null)), reason: pooled.map((x) => pooledText(x.p, x.kind)).join('; ') + '.' },
    {
      label: 'Additional studies are needed',
      finding: pooled.every((x) => x.p === null) && trials.length === 0 ? 'no data' : unsettled.length > 0 ? 'supports' : 'contradicts',
      reason: unsettled.length
        ? `Unsettled: ${unsettled.map((x) => `${outcomeName(x.kind)} (${x.p === null ? 'not estimable' : x.p.k < 2 ? 'a single trial' : `95% ${x.p.interval} includes no effect`})`).join('; ')}.`
        : 'Every critical outcome is pooled from two or more trials with a 95% CI that excludes no effect.',
    },
  ];
  const years = { yearTo: scope === 'now' ? null : SEED_REVIEW_YEAR };
  const guidance = filterSyntheses(syntheses, years).shown.filter((s) => s.kind === 'guideline' && s.id !== SEED_REVIEW_ID);
  return assessment(scope, parts, [
    { heading: 'Pooled (forest plot model, current settings)', lines: pooled.flatMap((x) => (x.p ? [x.p.line] : [])) },
    { heading: 'Guidelines of the scope (as printed)', lines: guidance.flatMap((g) => g.statements.map((st) => ({ subject: g.label, studies: [], text: st.text, quotes: [{ text: st.text, source: st.source, status: st.status }], signal: null }))) },
  ]);
}

// ---------------------------------------------------------------------------------------------

function quoteFromSeed(seed: Synthesis | undefined, opening: string): SeedClaim['quote'] {
  const st = seed?.statements.find((s) => s.text.startsWith(opening));
  return st ? { text: st.text, source: st.source, status: st.status } : null;
}

/**
 * Every claim of the seed review, assessed as of 2003 and now, from the working evidence set
 * (`studies`, `syntheses`), the analysis settings and the studies the user toggled out.
 */
export function toSeedClaims(studies: readonly Study[], syntheses: readonly Synthesis[], settings: AnalysisSettings, excluded: readonly string[]): SeedClaimsModel {
  const seed = syntheses.find((s) => s.id === SEED_REVIEW_ID);
  const poolIn = memoisedPooler(studies, settings, excluded);
  const inScope = (scope: Scope): ClaimSettings => ({ ...settings, sdDonorStudies: studiesInScope(studies, scope).filter((s) => !excluded.includes(s.id)) });
  const both = (f: (scope: Scope) => ClaimAssessment) => ({ asOf2003: f('as of 2003'), now: f('now') });
  // Under the Bayesian model the pooled numbers are the posterior's; the rules' "95% CI" reads as the CrI.
  const ruleOf = (rule: string) => (settings.model === 'bayes'
    ? `${rule} Under the Bayesian model (${priorText(settings.tauPrior, settings.muPrior)}) a pooled estimate is μ’s posterior median and a pooled 95% CI is its 95% credible interval (the forest plot’s Bayesian row), where the τ prior applies to the scale.`
    : rule);
  const quoted = (opening: string) => {
    const quote = quoteFromSeed(seed, opening);
    return { quote, quoteNote: quote ? null : seed ? NOT_QUOTED : 'The seed review is not in the working evidence set.' };
  };
  const claims: SeedClaim[] = [
    {
      id: 'rr-trials', title: 'Four double-blind trials in relapsing-remitting MS', ...quoted('Four double-blind trials'),
      wording: 'Four double-blind trials in relapsing-remitting MS have demonstrated that IVIG reduces the relapse rate and the number of gadolinium enhancing lesions',
      rule: ruleOf(RULE_RR), ...both((s) => rrTrialsAssessment(studies, s, inScope(s), poolIn(s))),
    },
    {
      id: 'comparable', title: 'Comparable to interferon-beta and glatiramer acetate', quote: null, quoteNote: NOT_QUOTED,
      wording: '… seems comparable to established therapies … interferon-beta and glatiramer acetate',
      rule: ruleOf(RULE_COMPARABLE), ...both((s) => comparableAssessment(studies, s, poolIn(s))),
    },
    {
      id: 'dose-range', title: 'Doses varied 10-fold', ...quoted('The doses of IVIG'),
      wording: 'The doses … have varied 10-fold',
      rule: ruleOf(RULE_DOSE), ...both((s) => doseAssessment(studies, s)),
    },
    {
      id: 'established-deficits', title: 'Established deficits: none could confirm a benefit', quote: null, quoteNote: NOT_QUOTED,
      wording: 'Three studies … chronic visual impairment or established motor symptoms … None … could confirm',
      rule: ruleOf(RULE_DEFICITS), ...both((s) => deficitsAssessment(studies, s, inScope(s))),
    },
    {
      id: 'secondary-progressive', title: 'Secondary progressive MS: without beneficial effects', ...quoted('In secondary progressive MS'),
      wording: 'In secondary progressive MS, a large randomized placebo-controlled trial has recently shown that IVIG is without beneficial effects',
      rule: ruleOf(RULE_SP), ...both((s) => spAssessment(studies, s, inScope(s))),
    },
    {
      id: 'conclusion', title: 'Conclusion: a valuable alternative; more studies needed', quote: null, quoteNote: NOT_QUOTED,
      wording: 'a valuable alternative … additional studies are needed',
      rule: ruleOf(RULE_CONCLUSION), ...both((s) => conclusionAssessment(studies, syntheses, s, poolIn(s))),
    },
  ];
  return { seedReview: seed ? { label: seed.label, citation: seed.citation } : null, claims };
}
