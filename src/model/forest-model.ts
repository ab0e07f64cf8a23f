/**
 * The forest plot's view model: (studies, analysis choices) → rows, pooled diamonds, heterogeneity
 * and overall-effect lines, subgroup test, non-estimable studies, published results, axis.
 * Every number comes from the engine (src/stats); this file only arranges and formats.
 */
import {
  NotEstimableError,
  criticalValue,
  mantelHaenszel,
  metaAnalysis,
  qBasedI2,
  subgroupDifferences,
  type MetaAnalysisResult,
  type PoolingMethod,
  type SubgroupDifferencesTest,
  type SubgroupEstimate,
  type TestType,
} from '../stats';
import type { OutcomeKind, Study, Synthesis } from '../evidence/schema';
import {
  MEASURE_LABEL,
  isRatioMeasure,
  effectInputsOf,
  type AnalysisMeasure,
  type NonEstimableStudy,
  type StudyEffectInput,
} from '../evidence/to-effect-inputs';
import { OUTCOME_INFO, PHASE_LABEL, SETTING_LABEL } from '../evidence/vocabulary';
import { formatPublishedResult, printedResultCaveat } from './syntheses-model';
import { DEFAULT_SETTINGS, frequentistModel, testSuffix } from './analysis-params';
import { toBayesianForestRow, type BayesianForestRow } from './bayesian/bayesian-forest';
import { effectText, type EffectScale } from './effect-format';
import { recoveryText, type RecoverySettings } from '../evidence/recovered-effects/recovery-settings';

export type Tau2Method = Exclude<PoolingMethod, 'FE'>;
export type ForestMode = 'standard' | 'leave-one-out' | 'cumulative';
export type ForestSort = 'year' | 'effect' | 'weight' | 'label';
export type SubgroupBy = 'none' | 'phase' | 'setting';
/**
 * Which I² a random-effects row prints beside Chi²: metafor's, from τ² (100·τ²/(ṽ + τ²)), or
 * RevMan's, from Q ((Q − df)/Q). Under a common-effect model both are the Q-based one.
 */
export type I2Basis = 'tau2' | 'Q';
/** How the heterogeneity line names the I² it prints. */
export const I2_BASIS_LABEL: Record<I2Basis, string> = { tau2: 'τ²-based, as metafor', Q: 'Q-based, as RevMan' };

export interface AnalysisChoices {
  outcome: OutcomeKind;
  measure: AnalysisMeasure;
  /**
   * 'bayes': the random-effects forest (the chosen τ² estimator and test) with the Bayesian
   * pooled row of the same included studies beside it (`ForestModel.bayesian`).
   */
  model: 'common' | 'random' | 'bayes';
  /** model = 'bayes': the τ and μ priors as the address writes them (bayesian/bayes-settings.ts). */
  tauPrior: string;
  muPrior: string;
  /** model = 'bayes': P(effect beyond this display-scale value, on the IVIG side); null: not asked. */
  bayesThreshold: number | null;
  tau2Method: Tau2Method;
  test: TestType;
  /** Mantel-Haenszel for binary data under the common-effect model (RevMan's default). */
  mantelHaenszel: boolean;
  useDerived: boolean;
  subgroupBy: SubgroupBy;
  mode: ForestMode;
  sort: ForestSort;
  excludedStudyIds: readonly string[];
  /** Swap the sides: effects are shown as placebo vs IVIG. */
  flipDirection: boolean;
  /** The I² printed beside Chi² under random effects. */
  i2Basis: I2Basis;
  level: number;
  /** Effect recovery switches (SE from CI or p, arms combined, crossover, medians, imputed SD). */
  recovery: RecoverySettings;
  /**
   * The trials an imputed SD may be borrowed from, when the plot shows part of them (one
   * phase-comparison row: its cell borrows from every compared trial); default: the plotted ones.
   */
  sdDonorStudies?: readonly Study[];
}

/** The choices as the frequentist pooling reads them: under 'bayes' that is random effects. */
type PoolingChoices = Omit<AnalysisChoices, 'model'> & { model: 'common' | 'random' };

/** The defaults of the URL and the store (analysis-params), as forest choices. */
export const DEFAULT_ANALYSIS: Omit<AnalysisChoices, 'outcome' | 'measure'> = {
  model: DEFAULT_SETTINGS.model,
  tauPrior: DEFAULT_SETTINGS.tauPrior,
  muPrior: DEFAULT_SETTINGS.muPrior,
  bayesThreshold: DEFAULT_SETTINGS.bayesThreshold,
  tau2Method: DEFAULT_SETTINGS.tau2Method,
  test: DEFAULT_SETTINGS.test,
  mantelHaenszel: DEFAULT_SETTINGS.mantelHaenszel,
  useDerived: DEFAULT_SETTINGS.useDerived,
  subgroupBy: DEFAULT_SETTINGS.subgroupBy,
  mode: DEFAULT_SETTINGS.mode,
  sort: DEFAULT_SETTINGS.sort,
  excludedStudyIds: [],
  flipDirection: DEFAULT_SETTINGS.flipDirection,
  i2Basis: DEFAULT_SETTINGS.i2Basis,
  level: 95,
  recovery: DEFAULT_SETTINGS.recovery,
};

export interface ForestStudyRow {
  key: string;
  studyId: string;
  label: string;
  year: number | null;
  treatmentData: string | null;
  controlData: string | null;
  /** Back-transformed effect and CI (ratio scale for ratio measures). */
  estimate: number;
  ciLower: number;
  ciUpper: number;
  /** Analysis-scale values, for the axis. */
  yi: number;
  sei: number;
  weightPercent: number | null;
  effectText: string;
  derived: boolean;
  secondary: boolean;
  /** Toggled out by the user: drawn greyed, no weight. */
  excluded: boolean;
  derivations: string[];
  /** Recovered values in this row (method, symbol, formula): drawn beside the label. */
  recoveries: StudyEffectInput['recoveries'];
  input: StudyEffectInput;
}

export interface PooledRow {
  key: string;
  label: string;
  k: number;
  estimate: number;
  ciLower: number;
  ciUpper: number;
  /** Prediction interval (random effects, k ≥ 2). */
  piLower: number | null;
  piUpper: number | null;
  yi: number;
  /** SE of `yi`, of the method that made the row (the M-H SE under M-H): the subgroup test reads it. */
  se: number;
  effectText: string;
  /** The numbers of the heterogeneity line (null for k < 2): the text and the CSV read these. */
  heterogeneity: PooledHeterogeneity | null;
  heterogeneityText: string | null;
  /** p-value of the test for overall effect, of the method that made the row (M-H or IV). */
  pValue: number;
  overallEffectText: string;
  /** The inverse-variance fit of the same studies (under M-H too, where it made none of the numbers above). */
  result: MetaAnalysisResult | null;
}

export interface PooledHeterogeneity {
  /** Cochran's Q of the method that pooled (the M-H Q under M-H), its df and p-value. */
  Q: number;
  df: number;
  QpValue: number;
  /** Random effects only. */
  tau2: number | null;
  I2: number;
  /** The I² actually printed: Q-based under a common-effect model whatever the setting. */
  I2Basis: I2Basis;
}

export interface ForestGroup {
  key: string;
  heading: string | null;
  rows: ForestStudyRow[];
  pooled: PooledRow | null;
  /** Why there is no pooled row (e.g. every study toggled out). */
  note: string | null;
  /** Leave-one-out / cumulative steps for this group. */
  steps: PooledRow[];
}

export interface PublishedForestRow {
  synthesis: string;
  citation: string;
  text: string;
  /** On our axis when it is on the same measure and has a CI; else null (listed as text). */
  estimate: number | null;
  ciLower: number | null;
  ciUpper: number | null;
  /** "as printed; not a valid OR: …" for a result impossible as printed (never drawn), else null. */
  caveat: string | null;
  notes: string[];
}

export interface ForestModel {
  outcomeLabel: string;
  measure: AnalysisMeasure;
  measureLabel: string;
  isRatio: boolean;
  /** "Risk ratio, M-H, Fixed, 95% CI" */
  header: string;
  /** Which recovery methods are on: "Effect recovery: SE from CI, SE from p, IVIG arms combined". */
  recoveryText: string;
  methodText: string;
  /** Pooled by Mantel-Haenszel (so Knapp-Hartung does not apply): the controls read this. */
  mantelHaenszel: boolean;
  nullValue: number;
  favoursLeft: string;
  favoursRight: string;
  groups: ForestGroup[];
  overall: PooledRow | null;
  /** RevMan's test for subgroup differences on the subtotal rows shown (M-H ones under M-H). */
  subgroupTest: SubgroupDifferencesTest | null;
  subgroupTestText: string | null;
  nonEstimable: NonEstimableStudy[];
  published: PublishedForestRow[];
  /** Analysis-scale range every row and diamond needs (before clipping). */
  dataRange: [number, number] | null;
  studyCount: number;
  notes: string[];
  piNote: string | null;
  /**
   * The Bayesian pooled row of the included studies under model = 'bayes' (bayesian/bayesian-forest.ts);
   * undefined under the other models and where it cannot be fitted (`bayesianReason` says why).
   */
  bayesian: BayesianForestRow | undefined;
  /** model = 'bayes' without a Bayesian row: why (a bad prior's message, a preset on an MD scale...). */
  bayesianReason: string | null;
}

/** A p-value as RevMan prints it: "< 0.00001" below that, else up to 5 decimals. */
export function formatP(p: number): string {
  if (p < 0.00001) return '< 0.00001';
  if (p < 0.001) return p.toFixed(5);
  return p.toFixed(p < 0.01 ? 4 : 3);
}
/** "= 0.03" or "< 0.00001", for "(P …)". */
export const pText = (p: number) => { const f = formatP(p); return f.startsWith('<') ? f : `= ${f}`; };

const back = (isRatio: boolean) => (x: number) => (isRatio ? Math.exp(x) : x);

const scaleOf = (isRatio: boolean): EffectScale => (isRatio ? 'ratio' : 'difference');

/**
 * The heterogeneity numbers of a pooled row. Under random effects the I² is metafor's (from τ²)
 * or RevMan's (from Q), as chosen; under a common-effect model it is the Q-based one, which is
 * also what metafor reports there.
 */
function heterogeneityOf(
  r: { Q: number | null; QpValue: number | null; I2: number | null; tau2: number },
  df: number,
  model: 'common' | 'random',
  basis: I2Basis,
): PooledHeterogeneity | null {
  if (df < 1 || r.Q === null || r.QpValue === null) return null;
  const I2Basis: I2Basis = model === 'common' ? 'Q' : basis;
  const I2 = I2Basis === 'Q' ? qBasedI2(r.Q, df) : (r.I2 ?? 0);
  return { Q: r.Q, df, QpValue: r.QpValue, tau2: model === 'random' ? r.tau2 : null, I2, I2Basis };
}

function heterogeneityText(h: PooledHeterogeneity | null): string | null {
  if (h === null) return null;
  const parts = [];
  if (h.tau2 !== null) parts.push(`Tau² = ${h.tau2.toFixed(3)}`);
  parts.push(`Chi² = ${h.Q.toFixed(2)}, df = ${h.df} (P ${pText(h.QpValue)})`);
  parts.push(`I² = ${Math.round(h.I2)}% (${I2_BASIS_LABEL[h.I2Basis]})`);
  return `Heterogeneity: ${parts.join('; ')}`;
}

function overallText(statistic: number, pValue: number, df: number | null): string {
  return `Test for overall effect: ${df === null ? 'Z' : `t(${df})`} = ${Math.abs(statistic).toFixed(2)} (P ${pText(pValue)})`;
}

function engineOptions(c: PoolingChoices) {
  return { method: c.model === 'common' ? ('FE' as const) : c.tau2Method, test: c.test, level: c.level };
}

function poolsByMantelHaenszel(c: PoolingChoices, inputs: readonly StudyEffectInput[]): boolean {
  return c.model === 'common' && c.mantelHaenszel && (c.measure === 'OR' || c.measure === 'RR' || c.measure === 'RD') && inputs.every((i) => i.counts !== null);
}

/**
 * Pools a set of study effects; null when there is nothing to pool. `weights` (percent, in the
 * order of `inputs`) are those of the method that made the row: Mantel-Haenszel weights under
 * "M-H, Fixed" (metafor's weights(rma.mh())), inverse-variance weights otherwise.
 */
function pool(inputs: readonly StudyEffectInput[], c: PoolingChoices, key: string, label: string): { row: PooledRow; result: MetaAnalysisResult; weights: readonly number[] } | null {
  if (inputs.length === 0) return null;
  const isRatio = isRatioMeasure(c.measure);
  const t = back(isRatio);
  const sign = c.flipDirection ? -1 : 1;
  const effects = inputs.map((i) => ({ yi: sign * i.yi, vi: i.vi }));
  const iv = metaAnalysis(effects, engineOptions(c));
  if (poolsByMantelHaenszel(c, inputs)) {
    const mh = mantelHaenszel(inputs.map((i) => (c.flipDirection ? flipCounts(i.counts!) : i.counts!)), c.measure as 'OR' | 'RR' | 'RD', { level: c.level });
    const heterogeneity = heterogeneityOf({ Q: mh.Q, QpValue: mh.QpValue, I2: null, tau2: 0 }, mh.QDf ?? 0, 'common', c.i2Basis);
    return {
      result: iv,
      weights: mh.weights,
      row: {
        key, label, k: mh.k,
        estimate: t(mh.estimate), ciLower: t(mh.ciLower), ciUpper: t(mh.ciUpper),
        piLower: null, piUpper: null, yi: mh.estimate, se: mh.se,
        effectText: effectText(t(mh.estimate), t(mh.ciLower), t(mh.ciUpper), scaleOf(isRatio)),
        heterogeneity,
        heterogeneityText: heterogeneityText(heterogeneity),
        pValue: mh.pValue,
        overallEffectText: overallText(mh.statistic, mh.pValue, null),
        result: iv,
      },
    };
  }
  const showPi = c.model === 'random' && iv.k >= 2;
  const heterogeneity = heterogeneityOf(iv, iv.k - 1, c.model, c.i2Basis);
  return {
    result: iv,
    weights: iv.weights,
    row: {
      key, label, k: iv.k,
      estimate: t(iv.estimate), ciLower: t(iv.ciLower), ciUpper: t(iv.ciUpper),
      piLower: showPi ? t(iv.piLower) : null, piUpper: showPi ? t(iv.piUpper) : null, yi: iv.estimate, se: iv.se,
      effectText: effectText(t(iv.estimate), t(iv.ciLower), t(iv.ciUpper), scaleOf(isRatio)),
      heterogeneity,
      heterogeneityText: heterogeneityText(heterogeneity),
      pValue: iv.pValue,
      overallEffectText: overallText(iv.statistic, iv.pValue, iv.df),
      result: iv,
    },
  };
}

/** Placebo vs IVIG: swap the arms of a 2×2 table. */
const flipCounts = (x: { ai: number; n1i: number; ci: number; n2i: number }) => ({ ai: x.ci, n1i: x.n2i, ci: x.ai, n2i: x.n1i });

function sortRows(rows: ForestStudyRow[], sort: ForestSort): ForestStudyRow[] {
  const by: Record<ForestSort, (a: ForestStudyRow, b: ForestStudyRow) => number> = {
    year: (a, b) => (a.year ?? 9999) - (b.year ?? 9999) || a.label.localeCompare(b.label),
    effect: (a, b) => a.yi - b.yi,
    weight: (a, b) => (b.weightPercent ?? -1) - (a.weightPercent ?? -1),
    label: (a, b) => a.label.localeCompare(b.label),
  };
  return [...rows].sort(by[sort]);
}

function groupKey(input: StudyEffectInput, by: SubgroupBy): string {
  if (by === 'phase') return input.phase;
  if (by === 'setting') return input.setting;
  return 'all';
}

function groupHeading(key: string, by: SubgroupBy): string | null {
  if (by === 'phase') return PHASE_LABEL[key as keyof typeof PHASE_LABEL] ?? key;
  if (by === 'setting') return SETTING_LABEL[key as keyof typeof SETTING_LABEL] ?? key;
  return null;
}

function methodDescription(c: PoolingChoices, inputs: readonly StudyEffectInput[]): string {
  const mh = poolsByMantelHaenszel(c, inputs);
  // Knapp-Hartung applies to every inverse-variance model (metafor: test = "knha" with "FE" too),
  // never to M-H (z test only): the header names it wherever it changed the numbers.
  const kh = mh ? '' : testSuffix(c.test);
  const model = c.model === 'common' ? `Fixed${kh}` : `Random (${c.tau2Method}${kh})`;
  return `${mh ? 'M-H' : 'IV'}, ${model}`;
}

/** Which side of the null favours IVIG, from the outcome's meaning and the display direction. */
export function favoursSides(kind: OutcomeKind, measure: AnalysisMeasure, flip: boolean): { left: string; right: string } {
  // A ratio or difference below the null means fewer events / a lower value with IVIG. A hazard
  // ratio is about the event itself (progression, relapse), whatever the outcome's time scale:
  // HR < 1 always means fewer events with IVIG, even where a longer *time* to it is better.
  const lowerIsBetter = measure === 'HR' ? true : !OUTCOME_INFO[kind].higherIsBetter;
  const lowerFavoursIvig = lowerIsBetter !== flip;
  return lowerFavoursIvig ? { left: 'Favours IVIG', right: 'Favours placebo' } : { left: 'Favours placebo', right: 'Favours IVIG' };
}

function publishedRows(syntheses: readonly Synthesis[], kind: OutcomeKind, measure: AnalysisMeasure): PublishedForestRow[] {
  const isRatio = isRatioMeasure(measure);
  return syntheses.flatMap((s) =>
    s.pooledResults
      .filter((r) => r.kind === kind)
      .map((r) => {
        const sameMeasure = r.measure === measure || (measure === 'MD' && r.measure === 'WMD');
        const complete = r.estimate.value !== null && r.ciLower.value !== null && r.ciUpper.value !== null;
        const notes = [...r.notes];
        let est = r.estimate.value;
        let lo = r.ciLower.value;
        let hi = r.ciUpper.value;
        let text = formatPublishedResult(r);
        const caveat = printedResultCaveat(r);
        let onAxis = sameMeasure && complete && caveat === null;
        if (caveat && sameMeasure && complete) notes.unshift(`Not drawn on this axis: ${caveat}.`);
        else if (!sameMeasure) notes.unshift(`Reported as ${r.measure}, not ${measure}: not drawn on this axis.`);
        else if (r.direction === 'unclear') {
          onAxis = false;
          notes.unshift('Its direction is not clear from the source: not drawn on this axis.');
        } else if (r.direction === 'reversed' && onAxis) {
          // Drawn in our orientation: the reciprocal of a ratio, the negative of a difference.
          const ratio = isRatio;
          const inv = (v: number) => (ratio ? 1 / v : -v);
          [est, lo, hi] = [inv(est as number), inv(hi as number), inv(lo as number)];
          text += ` — reversed in the source; drawn as ${ratio ? '1/' : '−'}value: ${effectText(est, lo, hi, scaleOf(ratio))}`;
          notes.unshift(`Oriented the other way in the source (e.g. an odds ratio for relapsing); drawn here as ${ratio ? 'its reciprocal' : 'its negative'} (derived).`);
        }
        return {
          synthesis: s.label,
          citation: s.citation,
          text,
          estimate: onAxis ? est : null,
          ciLower: onAxis ? lo : null,
          ciUpper: onAxis ? hi : null,
          caveat,
          notes,
        };
      }),
  );
}

/**
 * The forest of `studies` under the analysis choices. Under model = 'bayes' the frequentist part is
 * the random-effects forest and `bayesian` is the Bayesian row of the same included studies (or
 * `bayesianReason` says why there is none: the forest still draws).
 */
export function toForestModel(studies: readonly Study[], syntheses: readonly Synthesis[], choices: AnalysisChoices): ForestModel {
  const forest = frequentistForest(studies, syntheses, { ...choices, model: frequentistModel(choices.model) });
  if (choices.model !== 'bayes') return forest;
  // A failed fit (a prior the engine rejects, a preset on an MD scale) gives a reason, not a throw.
  const { row, reason } = toBayesianForestRow(forest, { tauPrior: choices.tauPrior, muPrior: choices.muPrior, threshold: choices.bayesThreshold, flipDirection: choices.flipDirection, level: choices.level });
  return { ...forest, bayesian: row ?? undefined, bayesianReason: row ? null : reason };
}

function frequentistForest(studies: readonly Study[], syntheses: readonly Synthesis[], c: PoolingChoices): ForestModel {
  const isRatio = isRatioMeasure(c.measure);
  const t = back(isRatio);
  const sign = c.flipDirection ? -1 : 1;
  // A toggled-out trial is not in the analysis, so it lends no SD either (as in the phase comparison).
  const lenders = (c.sdDonorStudies ?? studies).filter((s) => !c.excludedStudyIds.includes(s.id));
  const { effects, nonEstimable } = effectInputsOf(studies, lenders, c.outcome, c.measure, { useDerived: c.useDerived, recovery: c.recovery });
  const excluded = new Set(c.excludedStudyIds);
  const included = effects.filter((e) => !excluded.has(e.studyId));
  const notes: string[] = [];

  const groupKeys = [...new Set(effects.map((e) => groupKey(e, c.subgroupBy)))];
  const groups: ForestGroup[] = [];
  const subtotals: SubgroupEstimate[] = [];
  const overallPooled = c.mode === 'standard' ? pool(included, c, 'overall', 'Total') : null;
  const weightOf = new Map<string, number>();
  if (overallPooled && c.subgroupBy === 'none') {
    included.forEach((e, i) => weightOf.set(e.key, overallPooled.weights[i] ?? NaN));
  }

  for (const key of groupKeys) {
    const members = effects.filter((e) => groupKey(e, c.subgroupBy) === key);
    const inGroup = members.filter((e) => !excluded.has(e.studyId));
    const pooled = c.subgroupBy === 'none' ? overallPooled : c.mode === 'standard' ? pool(inGroup, c, `sub-${key}`, 'Subtotal') : null;
    if (c.subgroupBy !== 'none' && pooled) {
      inGroup.forEach((e, i) => weightOf.set(e.key, pooled.weights[i] ?? NaN));
      subtotals.push({ label: key, estimate: pooled.row.yi, se: pooled.row.se });
    }
    const rows: ForestStudyRow[] = members.map((e) => {
      const yi = sign * e.yi;
      let lo = yi - criticalValue(c.level, null) * e.sei;
      let hi = yi + criticalValue(c.level, null) * e.sei;
      // A reported contrast keeps its printed CI in the row (the pooling uses the derived SE).
      if (e.reportedCi && c.level === 95) {
        const toScale = (v: number) => (isRatio ? Math.log(v) : v);
        const [a, b] = [sign * toScale(e.reportedCi.lower), sign * toScale(e.reportedCi.upper)];
        lo = Math.min(a, b);
        hi = Math.max(a, b);
      }
      const isExcluded = excluded.has(e.studyId);
      return {
        key: e.key,
        studyId: e.studyId,
        label: e.label,
        year: e.year,
        treatmentData: c.flipDirection ? e.controlData : e.treatmentData,
        controlData: c.flipDirection ? e.treatmentData : e.controlData,
        estimate: t(yi), ciLower: t(lo), ciUpper: t(hi),
        yi, sei: e.sei,
        weightPercent: isExcluded ? null : (weightOf.get(e.key) ?? null),
        effectText: effectText(t(yi), t(lo), t(hi), scaleOf(isRatio)),
        derived: e.derived,
        secondary: e.secondary,
        excluded: isExcluded,
        derivations: e.derivations,
        recoveries: e.recoveries,
        input: e,
      };
    });
    const sorted = c.mode === 'cumulative' ? sortRows(rows, 'year') : sortRows(rows, c.sort);
    let steps: PooledRow[] = [];
    const ordered = sorted.filter((r) => !r.excluded).map((r) => r.input);
    // Each step is pooled by `pool`, as every other row: Mantel-Haenszel under "M-H, Fixed" (as
    // metafor's leave1out()/cumul() on an rma.mh fit), inverse variance otherwise (as on rma()).
    // A step M-H cannot estimate (e.g. only a table with no control events left) has no row, as
    // metafor prints NA there; a note says which and why.
    const step = (inputs: readonly StudyEffectInput[], stepKey: string, label: string): PooledRow[] => {
      try {
        return [stepRow(inputs, c, stepKey, label)];
      } catch (e) {
        if (!(e instanceof NotEstimableError)) throw e;
        const where = c.subgroupBy === 'none' ? '' : ` (${groupHeading(key, c.subgroupBy)})`;
        notes.push(`${label}${where}: not estimable by Mantel-Haenszel, so no row. ${e.message.replace(/\.$/, '')}.`);
        return [];
      }
    };
    if (c.mode === 'leave-one-out' && ordered.length >= 2) {
      steps = ordered.flatMap((omitted, idx) => step(ordered.filter((_, j) => j !== idx), `loo-${key}-${idx}`, `Omitting ${omitted.label}`));
    } else if (c.mode === 'cumulative' && ordered.length >= 1) {
      steps = ordered.flatMap((added, idx) => step(ordered.slice(0, idx + 1), `cum-${key}-${idx}`, `+ ${added.label}`));
    }
    // Notes say what is drawn: with no subgroups the one group is the whole plot.
    const scope = c.subgroupBy === 'none' ? '' : ' in this group';
    let note: string | null = null;
    if (inGroup.length === 0 && members.length > 0) note = c.subgroupBy === 'none' ? 'Every study is toggled out: nothing is pooled.' : 'Every study in this group is toggled out.';
    else if (c.mode === 'leave-one-out' && ordered.length === 1) note = `Leave-one-out needs two or more included studies${scope}: with one, there is nothing to omit.`;
    groups.push({
      key,
      heading: groupHeading(key, c.subgroupBy),
      rows: sorted,
      pooled: c.subgroupBy === 'none' ? null : (pooled?.row ?? null),
      note,
      steps,
    });
  }

  let subgroupTest: SubgroupDifferencesTest | null = null;
  let subgroupTestText: string | null = null;
  if (c.mode === 'standard' && c.subgroupBy !== 'none') {
    // On the subtotal rows shown, so the test is of the method that made them (RevMan tests its
    // M-H subtotals under M-H); under inverse variance these are `subgroupAnalysis`'s fits.
    if (subtotals.length >= 2) {
      const sg = subgroupDifferences(subtotals);
      subgroupTest = sg;
      subgroupTestText = `Test for subgroup differences: Chi² = ${sg.Qbetween.toFixed(2)}, df = ${sg.df} (P ${sg.pValue === null ? '= n/a' : pText(sg.pValue)}), I² = ${sg.Qbetween > 0 ? Math.round(Math.max(0, (100 * (sg.Qbetween - sg.df)) / sg.Qbetween)) : 0}%`;
    } else {
      subgroupTestText = 'Test for subgroup differences: not applicable (fewer than two subgroups with estimable studies).';
    }
  }

  // From what is drawn (the included studies and the mode), not from the studies listed.
  if (overallPooled?.row.k === 1) notes.push('One study included: its own estimate is shown as the pooled result; heterogeneity cannot be assessed.');
  if (overallPooled?.row.k === 2 && c.model === 'random') {
    notes.push('Two studies: τ² is estimated from two values and is very imprecise.');
  }

  const all = groups.flatMap((g) => g.rows);
  const values: number[] = [];
  for (const r of all) values.push(r.yi - criticalValue(c.level, null) * r.sei, r.yi + criticalValue(c.level, null) * r.sei);
  const diamonds = [overallPooled?.row, ...groups.map((g) => g.pooled), ...groups.flatMap((g) => g.steps)].filter((x): x is PooledRow => !!x);
  const toAnalysis = (v: number) => (isRatio ? Math.log(v) : v);
  for (const d of diamonds) values.push(toAnalysis(d.ciLower), toAnalysis(d.ciUpper));
  const sides = favoursSides(c.outcome, c.measure, c.flipDirection);
  const methodText = methodDescription(c, included);
  const piNote = c.model === 'random' && overallPooled?.row.piLower !== null && overallPooled
    ? `Prediction interval: ${effectText(overallPooled.row.estimate, overallPooled.row.piLower!, overallPooled.row.piUpper!, scaleOf(isRatio)).replace(/^\S+ /, '')} (${c.level}%), from the ${overallPooled.result.piDistribution === 'normal' ? 'normal quantile, as metafor predict() with test = "z"' : 't quantile with k − 1 df, as metafor predict() under Knapp-Hartung'}`
    : null;
  return {
    outcomeLabel: OUTCOME_INFO[c.outcome].label,
    measure: c.measure,
    measureLabel: MEASURE_LABEL[c.measure],
    isRatio,
    header: `${MEASURE_LABEL[c.measure]}, ${methodText}, ${c.level}% CI`,
    recoveryText: recoveryText(c.recovery),
    methodText,
    mantelHaenszel: poolsByMantelHaenszel(c, included),
    nullValue: isRatio ? 1 : 0,
    favoursLeft: sides.left,
    favoursRight: sides.right,
    groups,
    overall: overallPooled?.row ?? null,
    subgroupTest,
    subgroupTestText,
    nonEstimable,
    published: publishedRows(syntheses, c.outcome, c.measure),
    dataRange: values.length ? [Math.min(...values), Math.max(...values)] : null,
    studyCount: effects.length,
    notes,
    piNote,
    bayesian: undefined,
    bayesianReason: null,
  };
}

/**
 * A leave-one-out or cumulative step: the studies of the step pooled by `pool` (so by the method
 * of every other row), shown with the step's short heterogeneity and test texts and no PI.
 */
function stepRow(inputs: readonly StudyEffectInput[], c: PoolingChoices, key: string, label: string): PooledRow {
  const { row } = pool(inputs, c, key, label)!;
  const h = row.heterogeneity;
  return {
    ...row,
    piLower: null, piUpper: null,
    heterogeneityText: h ? `I² = ${Math.round(h.I2)}% (${I2_BASIS_LABEL[h.I2Basis]})${h.tau2 !== null ? `, τ² = ${h.tau2.toFixed(3)}` : ''}` : null,
    overallEffectText: `P ${pText(row.pValue)}`,
  };
}
