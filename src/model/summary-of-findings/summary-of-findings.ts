/**
 * The Summary of Findings model: (studies, analysis settings, the user's judgments) → one table per
 * population (the MS phases and settings with IVIG-vs-placebo trials), one row per outcome, critical
 * outcomes first and at most seven (GRADE guideline 12, Guyatt et al. 2013). Each row's relative
 * effect is the forest plot's pooled result for that outcome and phase (`toForestModel`, called with
 * the user's analysis settings), so the two views cannot disagree; the absolute effects, the NNT,
 * the certainty and the statement are computed from it here.
 */
import { eggerTest, type EggerTestResult } from '../../stats';
import type { OutcomeKind, Study, Synthesis } from '../../evidence/schema';
import { MEASURE_LABEL, availableMeasures, type AnalysisMeasure } from '../../evidence/to-effect-inputs';
import { OUTCOME_INFO, PHASE_LABEL } from '../../evidence/vocabulary';
import type { AnalysisSettings } from '../analysis-params';
import { parseTauPrior, priorText } from '../bayesian/bayes-settings';
import type { BayesianForestRow } from '../bayesian/bayesian-forest';
import { recoveryText } from '../../evidence/recovered-effects/recovery-settings';
import { toForestModel, type AnalysisChoices, type ForestStudyRow, type PooledRow } from '../forest-model';
import { phaseRowOf, type PhaseRow } from '../phase-rows';
import { absoluteEffect, isAbsoluteMeasure, numberNeeded, type AbsoluteEffect, type NumberNeeded } from './absolute-effects';
import {
  DOMAIN_LABEL, certaintyOf, imprecisionDomain, inconsistencyDomain, judgedDomain, publicationBiasDomain,
  PUBLICATION_BIAS_MIN_TRIALS, type Certainty, type Domain, type DomainRating, type ImprecisionInput,
} from './certainty';
import { CONTINUOUS_OIS, optimalInformationSize, type OptimalInformationSize } from './optimal-information-size';
import { effectSize, outcomePhrase, plainLanguageStatement } from './plain-language';
import { bayesianInconsistencyDomain, posteriorInconsistencyDomain } from './posterior';
import { outcomeJudgmentKey, overrideKey, type SummarySettings } from './summary-params';
import type { DomainOverride, TrialJudgment } from './domains';

export type Population = PhaseRow | 'unspecified';
export const POPULATIONS: readonly Population[] = ['RR', 'SP', 'PP', 'PP+SP', 'CIS', 'acute-relapse', 'established-deficit', 'postpartum', 'unspecified'];
export const POPULATION_LABEL: Record<Population, string> = {
  RR: PHASE_LABEL.RR, SP: PHASE_LABEL.SP, PP: PHASE_LABEL.PP, 'PP+SP': PHASE_LABEL['PP+SP'], CIS: PHASE_LABEL.CIS,
  'acute-relapse': 'Acute relapse', 'established-deficit': 'Established deficits', postpartum: 'Postpartum',
  unspecified: PHASE_LABEL.unspecified,
};
/** The population a trial belongs to: its phase-comparison row (setting or phase), else "not specified". */
export const populationOf = (s: Study): Population => phaseRowOf(s) ?? 'unspecified';

/**
 * Outcomes in order of importance to patients (GRADE guideline 2): relapses and disability first
 * (critical), then harms and discontinuation, then MRI surrogates; any other outcome after these.
 */
export const OUTCOME_PRIORITY: readonly OutcomeKind[] = [
  'relapse-free', 'new-relapse', 'annualized-relapse-rate',
  'edss-worsened', 'edss-improved', 'sustained-progression', 'time-to-confirmed-progression', 'conversion-to-cdms', 'edss-change',
  'targeted-deficit-score', 'impairment-scale', 'visual-function', 'muscle-strength',
  'adverse-events', 'thromboembolic-events', 'treatment-discontinued',
  'mri-gd-lesions', 'mri-t2-lesions', 'relapse-count', 'time-to-first-relapse',
];
const CRITICAL = new Set<OutcomeKind>([
  'relapse-free', 'new-relapse', 'annualized-relapse-rate', 'relapse-count', 'time-to-first-relapse', 'edss-worsened',
  'sustained-progression', 'time-to-confirmed-progression', 'conversion-to-cdms', 'edss-change',
  'targeted-deficit-score', 'impairment-scale', 'visual-function', 'muscle-strength',
]);
/** GRADE: at most seven outcomes in a Summary of Findings table. */
export const MAX_ROWS = 7;

/** IVIG against placebo: a randomised IVIG trial with a placebo arm (a dose comparison is not). */
export function isPlaceboControlled(s: Study): boolean {
  return s.kind === 'ivig-rct' && s.arms.some((a) => a.role === 'placebo') && !s.flags.some((f) => f.code === 'no-placebo-arm');
}

export interface SofTrial {
  studyId: string;
  label: string;
  weightPercent: number | null;
  participants: number | null;
  /** Control-arm risk (events / total), binary data only. */
  controlRisk: number | null;
  /** What the evidence already says that bears on risk of bias or indirectness, offered as reasons. */
  flags: string[];
  /** The trial's effect on the analysis scale (log ratio or difference) and its SE: the funnel plot's point. */
  yi: number;
  sei: number;
}

export interface Footnote {
  /** 1, 2, … within its table. */
  number: number;
  domain: Domain;
  text: string;
}

export interface SofRow {
  key: string;
  population: Population;
  outcome: OutcomeKind;
  outcomeLabel: string;
  importance: 'critical' | 'important';
  /** No pooled result: the reason, and no certainty. */
  notEstimable: string | null;
  measure: AnalysisMeasure | null;
  measureLabel: string | null;
  /** The forest header of the analysis: "Risk ratio, M-H, Fixed, 95% CI". */
  method: string | null;
  k: number;
  participants: number | null;
  trials: SofTrial[];
  /** The forest's pooled row (relative effect, CI, PI, heterogeneity; random effects under the Bayesian model). */
  pooled: PooledRow | null;
  /**
   * The relative effect the row reports (display scale): the forest's pooled estimate and CI, or
   * under the Bayesian model the posterior median of μ and its central CrI (the forest's Bayesian row).
   */
  relative: { estimate: number; lower: number; upper: number } | null;
  /** 'CrI' when the row's numbers are posterior quantiles. */
  interval: 'CI' | 'CrI';
  /** Under the Bayesian model: the forest's Bayesian row for these trials (null: not Bayesian, or no posterior, see `bayesianReason`). */
  bayesian: BayesianForestRow | null;
  bayesianReason: string | null;
  /** "1.50 [1.03, 2.18]", exactly as the forest prints it (its Bayesian row's text under the Bayesian model). */
  relativeText: string | null;
  isRatio: boolean;
  /** Binary: the median control-arm risk of the included trials, the risk used, and where it came from. */
  medianControlRisk: number | null;
  assumedRisk: { value: number; source: 'median of the included trials' | 'entered by the user' } | null;
  absolute: AbsoluteEffect | null;
  secondRisk: AbsoluteEffect | null;
  nnt: NumberNeeded | null;
  secondNnt: NumberNeeded | null;
  /** Continuous: the median control-arm mean, as context for the mean difference. */
  controlMean: number | null;
  ois: OptimalInformationSize | null;
  oisTotal: number | null;
  egger: EggerTestResult | null;
  domains: DomainRating[];
  certainty: Certainty | null;
  footnotes: Footnote[];
  statement: string | null;
  /** The rule that sized the effect for the statement. */
  sizeRule: string | null;
}

export interface SofTable {
  population: Population;
  label: string;
  rows: SofRow[];
  /** Outcomes reported in this population but beyond the seven rows. */
  leftOut: string[];
  trials: number;
}

export interface SummaryOfFindings {
  tables: SofTable[];
  /** What the analysis settings are, in words (the summary follows them). */
  settingsText: string;
  /** 'CrI' under the Bayesian model (the column headers say so). */
  interval: 'CI' | 'CrI';
  /** Every included trial, once, for the judgments panel. */
  trials: (SofTrial & { populations: string[] })[];
}

const median = (xs: readonly number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);

const FLAG_REASON: Partial<Record<string, string>> = {
  'crossover-within-patient': 'crossover trial (within-patient data)',
  'mixed-pp-sp': 'mixed primary + secondary progressive population',
  'mixed-rr-relapsing-progressive': 'mixed relapsing-remitting and relapsing-progressive population',
  'secondary-source-only': 'numbers from a secondary source only',
  'conflicting-reports': 'conflicting reports of the same trial',
  'interim-analysis': 'interim analysis',
  'possible-duplicate-cohort': 'possible duplicate cohort',
  'dose-arm-mapping-unknown': 'dose-arm mapping unknown',
  'citation-unverified': 'citation not verified',
};

function trialFlags(row: ForestStudyRow, study: Study | undefined): string[] {
  const out: string[] = [];
  for (const f of study?.flags ?? []) out.push(FLAG_REASON[f.code] ?? f.text);
  if (row.secondary) out.push('secondary-source denominators');
  if (row.derived) out.push(`derived values (${row.derivations.join('; ') || 'arithmetic on the source numbers'})`);
  else if (row.derivations.length) out.push(`recovered or imputed values (${row.derivations.join('; ')})`);
  // The effect-recovery methods the analysis applied to this trial (an imputed SD, a crossover read
  // as parallel, a mean from a median …): each an assumption a judgment of risk of bias may weigh.
  for (const m of row.recoveries) out.push(`recovered or imputed values (${m.name}: ${m.formula})`);
  if (row.input.userSupplied) out.push('user-supplied data');
  return [...new Set(out)];
}

function controlMeanOf(studies: readonly Study[], row: ForestStudyRow): number | null {
  const study = studies.find((s) => s.id === row.studyId);
  const outcome = study?.outcomes.find((o) => o.id === row.input.outcomeId);
  if (!study || !outcome || outcome.data.form !== 'continuous') return null;
  const control = outcome.data.arms.find((a) => study.arms.find((x) => x.id === a.arm)?.role === 'placebo');
  return control ? control.mean.value : null;
}

/** The Bayesian model in words: the priors with their source, and what the numbers are. */
function bayesianDescription(a: AnalysisSettings): string {
  const tau = parseTauPrior(a.tauPrior);
  return `Bayesian random-effects model, ${priorText(a.tauPrior, a.muPrior)}${'error' in tau ? '' : ` (τ prior: ${tau.source})`}: relative and absolute effects are posterior medians with 95% credible intervals (CrI) of μ, P(benefit) = P(μ on the side favouring IVIG)${a.bayesThreshold !== null ? `, and the probability beyond ${a.bayesThreshold}` : ''}; inconsistency the more serious of τ's posterior with the predictive interval and the trials' spread (I²); trial weights for the judgments from random effects (τ² by ${a.tau2Method})`;
}

export function settingsDescription(a: AnalysisSettings, excluded: readonly string[]): string {
  const parts = [
    a.model === 'common' ? `common-effect model${a.mantelHaenszel ? ' (Mantel-Haenszel for binary data)' : ' (inverse variance)'}` : a.model === 'bayes' ? bayesianDescription(a) : `random-effects model (τ² by ${a.tau2Method})`,
    ...(a.model === 'bayes' ? [] : [a.test === 'knha' ? 'Knapp-Hartung test' : a.test === 'adhoc' ? 'Knapp-Hartung test with the ad hoc correction (s² ≥ 1)' : 'z test']),
    a.useDerived ? 'derived values used' : 'derived values left out',
    recoveryText(a.recovery),
  ];
  if (a.measure) parts.push(`measure ${a.measure} where the data allow`);
  if (excluded.length) parts.push(`toggled out: ${excluded.join(', ')}`);
  return parts.join('; ');
}

/**
 * The risk-of-bias judgments that apply to one outcome's row: a trial's judgment refined for this
 * outcome (RoB 2 judges a result, not a trial) where the user gave one, its reason marked so,
 * else the trial's own. GRADE then rates risk of bias per outcome from these (guideline 4).
 */
export function riskOfBiasFor(judgments: Readonly<Record<string, TrialJudgment>>, trials: readonly { studyId: string }[], outcome: OutcomeKind): Record<string, TrialJudgment> {
  const out: Record<string, TrialJudgment> = {};
  for (const t of trials) {
    const refined = judgments[outcomeJudgmentKey(t.studyId, outcome)];
    const j = refined ? { level: refined.level, reason: `for this outcome${refined.reason ? `: ${refined.reason}` : ''}` } : judgments[t.studyId];
    if (j) out[t.studyId] = j;
  }
  return out;
}

/**
 * One row: the forest of this population's trials for the outcome, as the forest view builds it for a
 * phase-comparison row (`sdDonorStudies`: an imputed SD is borrowed from every trial passing the
 * filters, `allStudies`, not from this population's alone), then the absolute effects, the domains
 * and the statement from its pooled result (or, under the Bayesian model, its Bayesian row).
 */
function rowFor(studies: readonly Study[], allStudies: readonly Study[], syntheses: readonly Synthesis[], population: Population, outcome: OutcomeKind, analysis: AnalysisSettings, excluded: readonly string[], summary: SummarySettings): SofRow {
  const key = `${population}.${outcome}`;
  const info = OUTCOME_INFO[outcome];
  const base: SofRow = {
    key, population, outcome, outcomeLabel: info.label, importance: CRITICAL.has(outcome) ? 'critical' : 'important',
    notEstimable: null, measure: null, measureLabel: null, method: null, k: 0, participants: null, trials: [], pooled: null,
    relative: null, interval: 'CI', bayesian: null, bayesianReason: null, relativeText: null, isRatio: false, medianControlRisk: null, assumedRisk: null, absolute: null, secondRisk: null, nnt: null, secondNnt: null,
    controlMean: null, ois: null, oisTotal: null, egger: null, domains: [], certainty: null, footnotes: [], statement: null, sizeRule: null,
  };
  // The forest's measure search (which measures the data give, most estimable first), with the
  // recovery switches on, as the forest view asks; memoised with the effect inputs (identity-memo.ts).
  const measures = availableMeasures(studies, outcome, analysis.recovery);
  if (measures.length === 0) {
    const who = studies.filter((s) => s.outcomes.some((o) => o.kind === outcome)).map((s) => s.label);
    return { ...base, notEstimable: `reported by ${who.join(', ')} without data an effect can be computed from (p-values, statements, percentages without denominators): no effect to pool` };
  }
  const measure = analysis.measure && measures.includes(analysis.measure) ? analysis.measure : measures[0]!;
  // The forest's choices: the user's settings, in the forest's standard mode, IVIG vs placebo. Under
  // the Bayesian model the forest is the random-effects one with its Bayesian row (`forest.bayesian`,
  // from the same included effects), as the forest view shows it.
  const choices: AnalysisChoices = { ...analysis, outcome, measure, excludedStudyIds: excluded, level: 95, mode: 'standard', subgroupBy: 'none', sort: 'year', flipDirection: false, sdDonorStudies: allStudies };
  const forest = toForestModel(studies, syntheses, choices);
  const pooled = forest.overall;
  const included = forest.groups.flatMap((g) => g.rows).filter((r) => !r.excluded);
  const posterior = analysis.model === 'bayes' && pooled && included.length > 0 ? { row: forest.bayesian ?? null, reason: forest.bayesianReason } : null;
  const bayesian = posterior?.row ?? null;
  const method = bayesian
    ? `${MEASURE_LABEL[measure]}, Bayesian random effects (${bayesian.priorText}), posterior median, 95% CrI`
    : posterior ? `${forest.header} (no Bayesian result, random effects shown: see below the table)` : forest.header;
  const interval = bayesian ? 'CrI' as const : 'CI' as const;
  const withMeasure = { ...base, measure, measureLabel: MEASURE_LABEL[measure], method, isRatio: forest.isRatio, interval, bayesian, bayesianReason: posterior?.reason ?? null };
  if (!pooled || included.length === 0) {
    const reporting = new Set(studies.filter((s) => s.outcomes.some((o) => o.kind === outcome)).map((s) => s.id));
    const why = forest.studyCount > 0 ? 'every trial with data is toggled out' : forest.nonEstimable.filter((n) => reporting.has(n.studyId)).map((n) => `${n.label}: ${n.reason}`).join('; ') || 'no estimable effect';
    return { ...withMeasure, notEstimable: why };
  }
  const trials: SofTrial[] = included.map((r) => ({
    studyId: r.studyId, label: r.label, weightPercent: r.weightPercent, participants: r.input.participants,
    controlRisk: r.input.counts && r.input.counts.n2i > 0 ? r.input.counts.ci / r.input.counts.n2i : null,
    flags: trialFlags(r, studies.find((s) => s.id === r.studyId)),
    yi: r.yi, sei: r.sei,
  }));
  const participants = trials.every((t) => t.participants !== null) ? trials.reduce((a, t) => a + (t.participants as number), 0) : null;
  const medianControlRisk = median(trials.map((t) => t.controlRisk).filter((x): x is number => x !== null));
  const entered = summary.risks[key];
  const assumedRisk = entered?.assumed != null
    ? { value: entered.assumed / 1000, source: 'entered by the user' as const }
    : medianControlRisk !== null ? { value: medianControlRisk, source: 'median of the included trials' as const } : null;
  // Under the Bayesian model: μ's posterior median and CrI; the absolute effects below are their
  // monotone transforms at the control risk, hence the posterior median and CrI of the difference.
  const relative = bayesian ? { estimate: bayesian.estimate, lower: bayesian.lower, upper: bayesian.upper } : { estimate: pooled.estimate, lower: pooled.ciLower, upper: pooled.ciUpper };
  const absoluteOk = isAbsoluteMeasure(measure) && assumedRisk !== null;
  const benefit = info.higherIsBetter ? 1 : -1;
  const absolute = absoluteOk ? absoluteEffect(measure, relative, assumedRisk.value) : null;
  const secondRisk = absoluteOk && entered?.second != null ? absoluteEffect(measure, relative, entered.second / 1000) : null;
  const nnt = absolute ? numberNeeded(absolute.difference, absolute.differenceLower, absolute.differenceUpper, benefit, 95, interval) : null;
  const secondNnt = secondRisk ? numberNeeded(secondRisk.difference, secondRisk.differenceLower, secondRisk.differenceUpper, benefit, 95, interval) : null;
  const controlMeans = forest.isRatio ? [] : included.map((r) => controlMeanOf(studies, r)).filter((x): x is number => x !== null);
  const controlMean = measure === 'MD' ? median(controlMeans) : null;

  // Imprecision, on the absolute scale when there is a control risk (GRADE guidance 34), else on the ratio.
  const { thresholdLow, thresholdHigh } = summary;
  let imprecisionInput: ImprecisionInput;
  let sizeInput: Parameters<typeof effectSize>[0];
  let ois: OptimalInformationSize | null = null;
  let oisTotal: number | null = null;
  let oisNote: string;
  if (absolute && assumedRisk) {
    const cr = assumedRisk.value;
    const per = (x: number) => 1000 * x;
    const tLow = per(cr * (thresholdLow - 1));
    const tHigh = per(cr * (thresholdHigh - 1));
    const describe = (x: number) => `${Math.round(x) < 0 ? `${-Math.round(x)} fewer` : `${Math.round(x)} more`} per 1,000`;
    if (cr > 0 && cr < 1) {
      ois = optimalInformationSize(cr);
      oisTotal = ois.total;
      oisNote = `OIS from control risk ${(cr * 100).toFixed(1)}%, 25% relative risk reduction, α 0.05, β 0.20`;
    } else oisNote = `OIS not computed: control risk ${cr}`;
    imprecisionInput = { lower: per(absolute.differenceLower), upper: per(absolute.differenceUpper), thresholdLow: tLow, thresholdHigh: tHigh, describe, participants, ois: oisTotal, oisNote, interval };
    sizeInput = { estimate: per(absolute.difference), lower: per(absolute.differenceLower), upper: per(absolute.differenceUpper), thresholdLow: tLow, thresholdHigh: tHigh };
  } else if (forest.isRatio) {
    const describe = (x: number) => `${forest.measure} ${Math.exp(x).toFixed(2)}`;
    oisNote = isAbsoluteMeasure(measure) ? 'OIS not computed: no control risk (enter one)' : `OIS not computed for a ${MEASURE_LABEL[measure].toLowerCase()}`;
    imprecisionInput = { lower: Math.log(relative.lower), upper: Math.log(relative.upper), thresholdLow: Math.log(thresholdLow), thresholdHigh: Math.log(thresholdHigh), describe, participants, ois: null, oisNote, interval };
    sizeInput = { estimate: Math.log(relative.estimate), lower: Math.log(relative.lower), upper: Math.log(relative.upper), thresholdLow: Math.log(thresholdLow), thresholdHigh: Math.log(thresholdHigh) };
  } else {
    oisTotal = CONTINUOUS_OIS;
    oisNote = `continuous outcome: GRADE guideline 6's rule of thumb of ${CONTINUOUS_OIS} patients; no minimal important difference set, so no thresholds`;
    imprecisionInput = { lower: relative.lower, upper: relative.upper, thresholdLow: null, thresholdHigh: null, describe: (x) => `${measure} ${x.toFixed(2)}`, participants, ois: oisTotal, oisNote, interval };
    sizeInput = { estimate: relative.estimate, lower: relative.lower, upper: relative.upper, thresholdLow: null, thresholdHigh: null };
  }

  const toAnalysis = (x: number | null) => (x === null ? null : forest.isRatio ? Math.log(x) : x);
  const k = included.length;
  const egger = k >= PUBLICATION_BIAS_MIN_TRIALS ? eggerTest(included.map((r) => ({ yi: r.input.yi, vi: r.input.vi }))) : null;
  const ov = (d: Domain) => summary.overrides[overrideKey(key, d)] ?? null;
  // GRADE guideline 7's rule on the trials' spread (I² of the random-effects fit of these trials).
  const spreadRating = (override: DomainOverride | null = null) => inconsistencyDomain({ k, I2: pooled.heterogeneity?.I2 ?? null, piLower: toAnalysis(pooled.piLower), piUpper: toAnalysis(pooled.piUpper), estimates: included.map((r) => r.yi), I2Basis: pooled.heterogeneity ? (pooled.heterogeneity.I2Basis === 'Q' ? 'Q-based' : 'τ²-based') : null }, override);
  const domains: DomainRating[] = [
    judgedDomain('risk-of-bias', trials, riskOfBiasFor(summary.riskOfBias, trials, outcome), ov('risk-of-bias')),
    bayesian
      ? bayesianInconsistencyDomain(posteriorInconsistencyDomain({
        k, tau: bayesian.tau, logRatioScale: forest.isRatio, piLower: bayesian.yiPiLower, piUpper: bayesian.yiPiUpper, muLower: bayesian.yiLower, muUpper: bayesian.yiUpper,
        estimates: included.map((r) => r.yi), describe: (x) => `${measure} ${(forest.isRatio ? Math.exp(x) : x).toFixed(2)}`,
      }), spreadRating(), ov('inconsistency'))
      : spreadRating(ov('inconsistency')),
    judgedDomain('indirectness', trials, summary.indirectness, ov('indirectness')),
    imprecisionDomain(imprecisionInput, ov('imprecision')),
    publicationBiasDomain(k, egger, ov('publication-bias')),
  ];
  const certainty = certaintyOf(domains);
  const size = effectSize(sizeInput);
  const statement = plainLanguageStatement(certainty.level, size, outcomePhrase(outcome, lowerFirst(info.label)));
  const sizeRule = sizeInput.thresholdLow !== null
    ? `sized against the thresholds of importance (RR ${thresholdLow} and ${thresholdHigh}${absolute ? ' at the assumed control risk' : ''})`
    : 'no thresholds of importance for this measure: a CI that excludes no effect gives the direction, else little to no difference';
  return {
    ...withMeasure, k, participants, trials, pooled, relative, relativeText: bayesian ? bayesian.effectText : pooled.effectText, medianControlRisk, assumedRisk,
    absolute, secondRisk, nnt, secondNnt, controlMean, ois, oisTotal, egger, domains, certainty, footnotes: [], statement, sizeRule,
  };
}

/**
 * Footnotes of a table, numbered in row order: every reason a domain rated down, was overridden or
 * is not yet assessed (what is merely not assessable is in each row's step-by-step rating). The
 * same sentence in two rows has one number.
 */
function numberFootnotes(rows: SofRow[]): SofRow[] {
  const numbers = new Map<string, number>();
  return rows.map((r) => ({
    ...r,
    footnotes: r.domains
      .filter((d) => d.applied > 0 || d.override !== null || d.status === 'not-assessed')
      .map((d) => {
        const override = d.override
          ? ` Overridden by the user: rated down ${d.override.downgrade} (the rule suggested ${d.suggested}), because: ${d.override.reason}.`
          : '';
        const text = `${DOMAIN_LABEL[d.domain]}: ${d.reasons.join(' ')}${override}`;
        if (!numbers.has(text)) numbers.set(text, numbers.size + 1);
        return { number: numbers.get(text)!, domain: d.domain, text };
      }),
  }));
}

export interface SummaryInput {
  /** The studies passing the user's filters (the MS-phase and "Outcome reported" filters do not apply: the tables are the phases). */
  studies: readonly Study[];
  syntheses: readonly Synthesis[];
  analysis: AnalysisSettings;
  excludedStudyIds: readonly string[];
  summary: SummarySettings;
  /** Compute only the first this many tables (the view draws the first one at once, the rest a frame later). */
  maxTables?: number;
}

const populationCache = new WeakMap<readonly Study[], Map<Population, Study[]>>();
/** The placebo-controlled trials of each population, kept per input list. */
function populationsOf(studies: readonly Study[]): Map<Population, Study[]> {
  let out = populationCache.get(studies);
  if (!out) {
    out = new Map();
    for (const s of studies) {
      if (!isPlaceboControlled(s)) continue;
      const p = populationOf(s);
      out.set(p, [...(out.get(p) ?? []), s]);
    }
    populationCache.set(studies, out);
  }
  return out;
}

export function toSummaryOfFindings({ studies, syntheses, analysis, excludedStudyIds, summary, maxTables = Infinity }: SummaryInput): SummaryOfFindings {
  const tables: SofTable[] = [];
  const trialMap = new Map<string, SofTrial & { populations: string[] }>();
  const byPopulation = populationsOf(studies);
  for (const population of POPULATIONS) {
    const inPopulation = byPopulation.get(population) ?? [];
    if (inPopulation.length === 0) continue;
    if (tables.length >= maxTables) break;
    const reported = new Set(inPopulation.flatMap((s) => s.outcomes.filter((o) => !/baseline/i.test(o.timepoint)).map((o) => o.kind)));
    const ordered = [...OUTCOME_PRIORITY.filter((o) => reported.has(o)), ...(Object.keys(OUTCOME_INFO) as OutcomeKind[]).filter((o) => reported.has(o) && !OUTCOME_PRIORITY.includes(o))];
    if (ordered.length === 0) continue;
    // At most seven rows, the most important outcomes (reported with or without a poolable effect:
    // a critical outcome without one is a finding too).
    const rows = numberFootnotes(ordered.slice(0, MAX_ROWS).map((o) => rowFor(inPopulation, studies, syntheses, population, o, analysis, excludedStudyIds, summary)));
    for (const r of rows) {
      for (const t of r.trials) {
        const known = trialMap.get(t.studyId);
        if (known) {
          if (!known.populations.includes(POPULATION_LABEL[population])) known.populations.push(POPULATION_LABEL[population]);
          known.flags = [...new Set([...known.flags, ...t.flags])];
        } else trialMap.set(t.studyId, { ...t, populations: [POPULATION_LABEL[population]] });
      }
    }
    tables.push({ population, label: POPULATION_LABEL[population], rows, leftOut: ordered.slice(MAX_ROWS).map((o) => OUTCOME_INFO[o].label), trials: inPopulation.length });
  }
  return { tables, settingsText: settingsDescription(analysis, excludedStudyIds), interval: analysis.model === 'bayes' ? 'CrI' : 'CI', trials: [...trialMap.values()] };
}

