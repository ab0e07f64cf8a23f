/**
 * Phase-by-phase comparison: small multiples, one panel per outcome, one row per MS phase or
 * setting, each row the pooled effect (or the single trial's) with k, participants and I², the
 * test for subgroup differences between the compared phases, and a sentence generated from the
 * numbers. Empty cells say why, so that an absence of evidence is not read as an absence of effect.
 */
import { metaAnalysis, qBasedI2, subgroupAnalysis, type MetaAnalysisResult, type TestType } from '../stats';
import type { OutcomeKind, Study, Synthesis } from '../evidence/schema';
import { MEASURE_LABEL, availableMeasures, isRatioMeasure, sdDonorsFromStudies, toEffectInputs, type AnalysisMeasure, type StudyEffectInput } from '../evidence/to-effect-inputs';
import { OUTCOME_INFO } from '../evidence/vocabulary';
import { favoursSides, formatP, type I2Basis, type Tau2Method } from './forest-model';
import { effectText } from './effect-format';
import { formatPublishedResult } from './syntheses-model';
import type { RecoverySettings } from '../evidence/recovered-effects/recovery-settings';
import { toBayesianRow } from './bayesian/bayesian-forest';
import { DEFAULT_MU_PRIOR, DEFAULT_TAU_PRIOR } from './bayesian/bayes-settings';

export { PHASE_ROWS, PHASE_ROW_LABEL, phaseRowOf, type PhaseRow } from './phase-rows';
import { PHASE_ROW_LABEL, phaseRowOf, type PhaseRow } from './phase-rows';

/** Outcomes shown as panels, in clinical order. */
export const PANEL_OUTCOMES: OutcomeKind[] = [
  'annualized-relapse-rate',
  'relapse-free',
  'edss-worsened',
  'sustained-progression',
  'time-to-confirmed-progression',
  'edss-change',
  'conversion-to-cdms',
  'mri-gd-lesions',
  'mri-t2-lesions',
];


export interface PhaseCell {
  row: PhaseRow;
  k: number;
  participants: number | null;
  /** Display scale. */
  estimate: number | null;
  ciLower: number | null;
  ciUpper: number | null;
  /** Analysis scale, for the shared axis. */
  yi: number | null;
  yiLower: number | null;
  yiUpper: number | null;
  /** Percent; τ²-based (metafor) or Q-based (RevMan) under random effects, as `I2Basis` says. */
  I2: number | null;
  I2Basis: I2Basis | null;
  text: string;
  /** Why there is no estimate. */
  emptyReason: string | null;
  studies: string[];
  /** The CI (the CrI under the Bayesian model) excludes the null. */
  excludesNull: boolean | null;
  /** The frequentist random-effects (or common-effect) fit of the cell; under 'bayes' too (I², the subgroup test). */
  result: MetaAnalysisResult | null;
  /**
   * model = 'bayes': the estimate above is the posterior median and central CrI of μ, and this is
   * the rest of the posterior (τ, the predictive interval, P(benefit)); null otherwise or when the
   * cell cannot be fitted (then `emptyReason` says why).
   */
  bayesian: PhaseCellBayesian | null;
}

export interface PhaseCellBayesian {
  /** "τ ~ half-normal(0.5), μ ~ flat" */
  priorText: string;
  tau: { median: number; lower: number; upper: number };
  /** Display scale. */
  piLower: number;
  piUpper: number;
  probabilityOfBenefit: number;
  /** "P(OR > 1) = 0.969" */
  benefitText: string;
  /** "τ 0.35 [0.02, 1.14]; P(OR > 1) = 0.969; 95% predictive interval 0.52 [...]" */
  detailText: string;
}

export interface PhasePanel {
  outcome: OutcomeKind;
  outcomeLabel: string;
  measure: AnalysisMeasure | null;
  measureLabel: string;
  isRatio: boolean;
  cells: PhaseCell[];
  subgroupTest: { Q: number; df: number; pValue: number | null } | null;
  sentence: string;
  favoursLeft: string;
  favoursRight: string;
  published: { synthesis: string; text: string; phase: string; notes: string[] }[];
}

export interface PhaseChoices {
  rows: readonly PhaseRow[];
  /**
   * 'bayes': each cell is the Bayesian posterior of its trials (posterior median and central CrI
   * of μ) with the forest's priors; I² and the subgroup test stay those of random effects.
   */
  model: 'common' | 'random' | 'bayes';
  /** model = 'bayes': the priors as the address writes them; default the forest's defaults. */
  tauPrior?: string;
  muPrior?: string;
  tau2Method: Tau2Method;
  test: TestType;
  useDerived: boolean;
  excludedStudyIds: readonly string[];
  /** As the forest's heterogeneity line: which I² a random-effects cell shows. */
  i2Basis: I2Basis;
  /** Effect recovery switches, as in the forest. */
  recovery?: RecoverySettings;
}

function participantsOf(inputs: readonly StudyEffectInput[]): number | null {
  return inputs.every((i) => i.participants !== null) ? inputs.reduce((a, i) => a + (i.participants as number), 0) : null;
}

function emptyCell(row: PhaseRow, emptyReason: string, studies: string[] = []): PhaseCell {
  return { row, k: 0, participants: null, estimate: null, ciLower: null, ciUpper: null, yi: null, yiLower: null, yiUpper: null, I2: null, I2Basis: null, text: '—', emptyReason, studies, excludesNull: null, result: null, bayesian: null };
}

export function toPhasePanel(studies: readonly Study[], syntheses: readonly Synthesis[], outcome: OutcomeKind, c: PhaseChoices): PhasePanel {
  const excluded = new Set(c.excludedStudyIds);
  const rct = studies.filter((s) => s.kind === 'ivig-rct' && !excluded.has(s.id));
  const measure = availableMeasures(rct, outcome, c.recovery)[0] ?? null;
  const isRatio = measure ? isRatioMeasure(measure) : false;
  const back = (x: number) => (isRatio ? Math.exp(x) : x);
  // Under 'bayes' the frequentist part (I², the subgroup test) is random effects, as in the forest.
  const model = c.model === 'common' ? 'common' : 'random';
  const options = { method: model === 'common' ? ('FE' as const) : c.tau2Method, test: c.test };
  const label = lowerFirst(OUTCOME_INFO[outcome].label);
  const cells: PhaseCell[] = [];
  const pooledInputs: { yi: number; vi: number; group: string }[] = [];
  for (const row of c.rows) {
    const inRow = rct.filter((s) => phaseRowOf(s) === row);
    const reporting = inRow.filter((s) => s.outcomes.some((o) => o.kind === outcome));
    if (reporting.length === 0) {
      cells.push(emptyCell(row, inRow.length === 0 ? `no randomised IVIG trial in ${PHASE_ROW_LABEL[row]} with these filters` : `no trial reports ${label} in ${PHASE_ROW_LABEL[row]}`));
      continue;
    }
    if (!measure) {
      cells.push(emptyCell(row, `reported by ${reporting.map((s) => s.label).join(', ')}, but only as p-values or statements`, reporting.map((s) => s.label)));
      continue;
    }
    // An imputed SD is borrowed from every compared trial of the outcome, not from this row's alone.
    const sdDonors = sdDonorsFromStudies(rct, outcome, c.recovery);
    const { effects, nonEstimable } = toEffectInputs(reporting, outcome, measure, { useDerived: c.useDerived, recovery: c.recovery, sdDonors });
    if (effects.length === 0) {
      // A colon, not brackets: the reasons carry their own brackets and labels often end in one.
      cells.push(emptyCell(row, `reported but not estimable: ${nonEstimable.map((n) => `${n.label}: ${n.reason}`).join('; ')}`, reporting.map((s) => s.label)));
      continue;
    }
    const r = metaAnalysis(effects.map((e) => ({ yi: e.yi, vi: e.vi })), options);
    for (const e of effects) pooledInputs.push({ yi: e.yi, vi: e.vi, group: row });
    const excludesNull = r.ciLower > 0 || r.ciUpper < 0;
    cells.push({
      row,
      k: r.k,
      participants: participantsOf(effects),
      estimate: back(r.estimate),
      ciLower: back(r.ciLower),
      ciUpper: back(r.ciUpper),
      yi: r.estimate,
      yiLower: r.ciLower,
      yiUpper: r.ciUpper,
      // The forest's rule: Q-based under a common-effect model, else the basis chosen.
      I2: r.k >= 2 && r.Q !== null ? (model === 'random' && c.i2Basis === 'tau2' ? r.I2 : qBasedI2(r.Q, r.k - 1)) : null,
      I2Basis: r.k >= 2 ? (model === 'random' ? c.i2Basis : 'Q') : null,
      text: effectText(back(r.estimate), back(r.ciLower), back(r.ciUpper), isRatio ? 'ratio' : 'difference'),
      emptyReason: null,
      studies: effects.map((e) => e.label),
      excludesNull,
      result: r,
      bayesian: null,
    });
    if (c.model === 'bayes') cells[cells.length - 1] = bayesianCell(cells[cells.length - 1]!, effects, outcome, measure, c);
  }

  let subgroupTest: PhasePanel['subgroupTest'] = null;
  const groupsWithData = new Set(pooledInputs.map((p) => p.group));
  if (groupsWithData.size >= 2) {
    const sg = subgroupAnalysis(pooledInputs.map(({ yi, vi }) => ({ yi, vi })), pooledInputs.map((p) => p.group), options);
    subgroupTest = { Q: sg.Qbetween, df: sg.df, pValue: sg.pValue };
  }
  const sides = measure ? favoursSides(outcome, measure, false) : { left: 'Favours IVIG', right: 'Favours placebo' };
  return {
    outcome,
    outcomeLabel: OUTCOME_INFO[outcome].label,
    measure,
    measureLabel: measure ? MEASURE_LABEL[measure] : 'no estimable measure',
    isRatio,
    cells,
    subgroupTest,
    sentence: phaseSentence(cells, subgroupTest, measure, sides),
    favoursLeft: sides.left,
    favoursRight: sides.right,
    published: syntheses.flatMap((s) => s.pooledResults.filter((r) => r.kind === outcome).map((r) => ({ synthesis: s.label, text: formatPublishedResult(r), phase: r.phase, notes: r.notes }))),
  };
}

/**
 * A cell under the Bayesian model: the posterior of its trials' effects, pooled as the forest the
 * cell opens pools them (toBayesianRow on the same yi, vi, in the IVIG-vs-placebo direction), so
 * the cell and its forest's Bayesian row show the same numbers. A cell that cannot be fitted (a
 * preset on a mean-difference scale, a prior the engine rejects) has no estimate and says why.
 */
function bayesianCell(cell: PhaseCell, effects: readonly StudyEffectInput[], outcome: OutcomeKind, measure: AnalysisMeasure, c: PhaseChoices): PhaseCell {
  const input = {
    measure,
    studies: effects.map((e) => ({ studyId: e.studyId, label: e.label, yi: e.yi, vi: e.vi, counts: e.counts })),
    lowerFavoursIvig: favoursSides(outcome, measure, false).left === 'Favours IVIG',
    level: 95,
    outcome,
  };
  const { row: b, reason } = toBayesianRow(input, { tauPrior: c.tauPrior ?? DEFAULT_TAU_PRIOR, muPrior: c.muPrior ?? DEFAULT_MU_PRIOR, threshold: null, flipDirection: false, level: 95 });
  if (!b) {
    return { ...cell, estimate: null, ciLower: null, ciUpper: null, yi: null, yiLower: null, yiUpper: null, text: '—', excludesNull: null, emptyReason: `no Bayesian fit: ${(reason ?? 'nothing to pool').replace(/\.$/, '')}` };
  }
  const isRatio = isRatioMeasure(measure);
  const interval = effectText(b.piLower, b.piLower, b.piUpper, isRatio ? 'ratio' : 'difference').replace(/^\S+ /, '');
  return {
    ...cell,
    estimate: b.estimate, ciLower: b.lower, ciUpper: b.upper,
    yi: b.yi, yiLower: b.yiLower, yiUpper: b.yiUpper,
    text: b.effectText,
    excludesNull: b.yiLower > 0 || b.yiUpper < 0,
    bayesian: {
      priorText: b.priorText,
      tau: b.tau,
      piLower: b.piLower, piUpper: b.piUpper,
      probabilityOfBenefit: b.probabilityOfBenefit,
      benefitText: b.benefitText,
      detailText: `τ ${b.tau.median.toFixed(2)} [${b.tau.lower.toFixed(2)}, ${b.tau.upper.toFixed(2)}]; ${b.benefitText}; 95% predictive interval ${interval}`,
    },
  };
}

/**
 * The panel's finding in one or two sentences, generated from the numbers: which phase shows an
 * effect whose CI excludes no effect, which does not, where there is no evidence, and the test
 * for subgroup differences.
 */
export function phaseSentence(
  cells: readonly PhaseCell[],
  test: PhasePanel['subgroupTest'],
  measure: AnalysisMeasure | null,
  sides: { left: string; right: string },
): string {
  if (!measure) return 'No trial gives an estimable effect for this outcome in the compared phases.';
  const name = MEASURE_LABEL[measure].toLowerCase();
  const parts: string[] = [];
  for (const c of cells) {
    const who = PHASE_ROW_LABEL[c.row];
    if (c.estimate === null) {
      // Trials there, but the Bayesian model cannot pool them: say that, not "no evidence".
      parts.push(c.k > 0 && c.emptyReason?.startsWith('no Bayesian fit') ? `${who}: ${c.k} ${c.k === 1 ? 'trial' : 'trials'}, ${c.emptyReason}` : `${who}: no estimable evidence (${c.emptyReason})`);
      continue;
    }
    const basis = c.k === 1 ? `one trial (${c.studies[0]})` : `${c.k} trials`;
    const favoured = (c.yi as number) < 0 ? sides.left : sides.right;
    const interval = c.bayesian ? 'the 95% CrI' : 'the CI';
    const verdict = c.excludesNull
      ? `${interval} excludes no effect (${favoured.replace('Favours', 'favours')})`
      : `${interval} includes no effect`;
    const what = c.bayesian ? `${name} ${c.text} (posterior median) from ${basis}; ${verdict}; ${c.bayesian.benefitText}` : `${name} ${c.text} from ${basis}; ${verdict}`;
    parts.push(`${who}: ${what}`);
  }
  let out = `${parts.join('. ')}.`;
  if (test) {
    out += ` Test for subgroup differences: Chi² = ${test.Q.toFixed(2)}, df = ${test.df}, p = ${test.pValue === null ? 'n/a' : formatP(test.pValue)}${test.pValue !== null && test.pValue < 0.05 ? ' (the effects differ between phases)' : ' (no evidence that the effects differ; the test has little power with few trials)'}.`;
  } else {
    out += ' No test for subgroup differences: fewer than two phases have an estimate.';
  }
  return out;
}

export function toPhaseComparison(studies: readonly Study[], syntheses: readonly Synthesis[], c: PhaseChoices): PhasePanel[] {
  return PANEL_OUTCOMES.map((o) => toPhasePanel(studies, syntheses, o, c)).filter((p) => p.cells.some((cell) => cell.studies.length > 0) || p.published.length > 0);
}

/** Indirect context: relative relapse-rate reduction per trial, IVIG and comparators (1 − ARRt/ARRc). */
export interface RelapseReductionRow {
  studyId: string;
  label: string;
  kind: Study['kind'];
  treatment: string;
  treatmentRate: number;
  controlRate: number;
  reductionPercent: number;
  formula: string;
  derived: boolean;
  /** The verbatim sentences the two rates come from. */
  quotes: string[];
}

export function relapseRateReductions(studies: readonly Study[]): RelapseReductionRow[] {
  const out: RelapseReductionRow[] = [];
  for (const s of studies) {
    if (s.kind === 'ivig-non-randomised') continue;
    const o = s.outcomes.find((x) => x.kind === 'annualized-relapse-rate' && x.data.form === 'continuous');
    if (!o || o.data.form !== 'continuous') continue;
    const arms = o.data.arms;
    const control = arms.find((a) => s.arms.find((x) => x.id === a.arm)?.role === 'placebo');
    if (!control || control.mean.value <= 0) continue;
    for (const t of arms) {
      if (t === control) continue;
      const arm = s.arms.find((x) => x.id === t.arm);
      if (!arm || arm.role === 'placebo') continue;
      const reduction = 100 * (1 - t.mean.value / control.mean.value);
      out.push({
        studyId: s.id,
        label: s.label,
        kind: s.kind,
        treatment: arm.label,
        treatmentRate: t.mean.value,
        controlRate: control.mean.value,
        reductionPercent: reduction,
        formula: `1 − ${t.mean.value} / ${control.mean.value}`,
        derived: t.mean.status !== 'reported' || control.mean.status !== 'reported',
        quotes: [...new Set([t.mean.quote, control.mean.quote])],
      });
    }
  }
  return out;
}

/** "Worsened on EDSS" → "worsened on EDSS" (keeps acronyms). */
const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);
