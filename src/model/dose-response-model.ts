/**
 * The dose-response view model: one point per IVIG arm (effect vs monthly IVIG dose) and a
 * mixed-effects meta-regression of the effect on dose (metafor: rma(yi, vi, mods = ~ dose)),
 * with phase as a second moderator on request. The numbers come from the engine; this file
 * chooses the inputs, states what cannot be estimated, and words the confounding of dose with
 * MS phase when the data show it.
 */
import { criticalValue, metaRegression, type MetaRegressionResult, type TestType } from '../stats';
import type { Arm, MaybeNumber, MsPhase, OutcomeKind, Study } from '../evidence/schema';
import { MEASURE_LABEL, isRatioMeasure, toArmComparisons, type AnalysisMeasure, type NonEstimableStudy } from '../evidence/to-effect-inputs';
import { OUTCOME_INFO } from '../evidence/vocabulary';
import type { Tau2Method } from './forest-model';
import { formatP } from './forest-model';
import { effectText, formatEffectValue } from './effect-format';
import type { RecoverySettings } from '../evidence/recovered-effects/recovery-settings';
import type { RecoveryMark } from '../evidence/recovered-effects/recovery-mark';
import { testSuffix } from './analysis-params';

export interface DoseChoices {
  outcome: OutcomeKind;
  measure: AnalysisMeasure;
  tau2Method: Tau2Method;
  test: TestType;
  useDerived: boolean;
  /** x = maintenance dose + loading dose spread over the first year. */
  includeLoading: boolean;
  /** Phase as a second moderator (dummy-coded, RR the reference when present). */
  phaseModerator: boolean;
  excludedStudyIds: readonly string[];
  /** Effect recovery switches; "arms" does not apply here (one point per arm, always). */
  recovery?: RecoverySettings;
}

export interface DosePoint {
  key: string;
  studyId: string;
  label: string;
  armLabel: string;
  phase: MsPhase;
  /** g/kg/month on the x axis. */
  dose: number;
  doseText: string;
  doseFormula: string | null;
  doseStatus: 'reported' | 'derived' | 'secondary';
  /** The dose as the source's range (AIMS 0.15–0.2 g/kg), on the x axis's scale: drawn as a horizontal bar. */
  doseRange: { lower: number; upper: number; text: string } | null;
  /** Analysis scale. */
  yi: number;
  ciLower: number | null;
  ciUpper: number | null;
  vi: number | null;
  /** Percent weight in the regression; null for a hollow point. */
  weightPercent: number | null;
  /** No CI: drawn hollow, left out of the regression. */
  hollow: boolean;
  /**
   * The point entered a fitted meta-regression: false for a hollow point, and for every point when
   * no regression is estimable (the view says so in `regressionNote`; the CSV reads this field).
   */
  inRegression: boolean;
  hollowReason: string | null;
  effectText: string;
  regimen: string | null;
  derivations: string[];
  /** Recovered values behind this point (method, symbol, formula), as in the forest rows. */
  recoveries: RecoveryMark[];
  caveats: string[];
  /** Arms of one trial are joined by a line. */
  siblings: number;
}

export interface RegressionSummary {
  k: number;
  slope: { estimate: number; se: number; ciLower: number; ciUpper: number; pValue: number };
  phaseTerms: { name: string; estimate: number; ciLower: number; ciUpper: number; pValue: number }[];
  tau2: number;
  R2: number | null;
  QM: number;
  QMpValue: number | null;
  QE: number;
  QEpValue: number;
  /** Prediction band over the dose range (analysis scale), reference phase when phase is a moderator. */
  band: { dose: number; pred: number; ciLower: number; ciUpper: number; piLower: number; piUpper: number }[];
  text: string;
  result: MetaRegressionResult;
}

export interface DoseResponseModel {
  outcomeLabel: string;
  measure: AnalysisMeasure;
  measureLabel: string;
  isRatio: boolean;
  xLabel: string;
  yLabel: string;
  points: DosePoint[];
  /** Arms with an effect but no monthly dose. */
  withoutDose: { label: string; reason: string }[];
  nonEstimable: NonEstimableStudy[];
  regression: RegressionSummary | null;
  /** Why there is no regression line. */
  regressionNote: string | null;
  /** Why phase cannot be a second moderator with these data (whether or not it is asked for), or null. */
  phaseModeratorUnavailable: string | null;
  confounding: string | null;
  controlHandling: string;
}

const fmt = (x: number) => String(Number(x.toPrecision(3)));

function doseOf(arm: { monthlyDoseGPerKg: MaybeNumber; loadingDoseGPerKg: MaybeNumber }, includeLoading: boolean) {
  const monthly = arm.monthlyDoseGPerKg;
  if (monthly.value === null) return { value: null as number | null, reason: monthly.reason };
  if (!includeLoading) return { value: monthly.value, status: monthly.status, formula: monthly.formula ?? null, text: `${fmt(monthly.value)} g/kg/month` };
  const loading = arm.loadingDoseGPerKg;
  if (loading.value === null) {
    // No loading dose (or none reported): the first-year average is the maintenance dose.
    return { value: monthly.value, status: monthly.status, formula: `no loading dose in the data (${loading.reason.replace(/\.$/, '')}); first-year average = maintenance dose`, text: `${fmt(monthly.value)} g/kg/month` };
  }
  const value = monthly.value + loading.value / 12;
  return {
    value,
    status: 'derived' as const,
    formula: `first-year average = monthly maintenance ${fmt(monthly.value)} + loading ${fmt(loading.value)} / 12 months (approximate: assumes maintenance from month 1)`,
    text: `${fmt(value)} g/kg/month (incl. loading)`,
  };
}

/**
 * The monthly dose as the source's range, when it gives one (the scalar dose is then its midpoint,
 * derived): shifted by the loading dose spread over year 1 when that is on, as the point is.
 */
function doseRangeOf(arm: Arm, includeLoading: boolean): DosePoint['doseRange'] {
  const range = arm.monthlyDoseRangeGPerKg;
  if (!range) return null;
  const shift = includeLoading && arm.loadingDoseGPerKg.value !== null && arm.monthlyDoseGPerKg.value !== null ? arm.loadingDoseGPerKg.value / 12 : 0;
  const lower = range.lower.value + shift;
  const upper = range.upper.value + shift;
  return { lower, upper, text: `${fmt(lower)}–${fmt(upper)} g/kg/month${shift ? ' (incl. loading)' : ''} (range as reported${shift ? ', shifted by the loading dose' : ''})` };
}

export function toDoseResponseModel(studies: readonly Study[], c: DoseChoices): DoseResponseModel {
  const isRatio = isRatioMeasure(c.measure);
  const back = (x: number) => (isRatio ? Math.exp(x) : x);
  const excluded = new Set(c.excludedStudyIds);
  const { comparisons, nonEstimable } = toArmComparisons(studies.filter((s) => !excluded.has(s.id)), c.outcome, c.measure, { useDerived: c.useDerived, recovery: c.recovery });
  const points: DosePoint[] = [];
  const withoutDose: { label: string; reason: string }[] = [];
  for (const cmp of comparisons) {
    const dose = doseOf(cmp.arm, c.includeLoading);
    if (dose.value === null) {
      withoutDose.push({ label: `${cmp.label}, ${cmp.arm.label}`, reason: `no monthly dose: ${dose.reason}` });
      continue;
    }
    const e = cmp.effect;
    // Each point's own CI is a Wald interval (as in the forest plot).
    const z = criticalValue(95, null);
    const yi = e ? e.yi : (cmp.pointOnly?.yi as number);
    const lo = e ? yi - z * e.sei : null;
    const hi = e ? yi + z * e.sei : null;
    points.push({
      key: `${cmp.studyId}:${cmp.arm.id}`,
      studyId: cmp.studyId,
      label: cmp.label,
      armLabel: cmp.arm.label,
      phase: cmp.phase,
      dose: dose.value,
      doseText: dose.text ?? '',
      doseFormula: dose.formula ?? null,
      doseStatus: dose.status ?? 'reported',
      doseRange: doseRangeOf(cmp.arm, c.includeLoading),
      yi,
      ciLower: lo,
      ciUpper: hi,
      vi: e ? e.vi : null,
      weightPercent: null,
      hollow: !e,
      inRegression: false,
      hollowReason: e ? null : `no CI (${cmp.pointOnly?.reason ?? 'no dispersion reported'}): drawn hollow, not in the regression`,
      effectText: lo !== null && hi !== null ? effectText(back(yi), back(lo), back(hi), isRatio ? 'ratio' : 'difference') : `${formatEffectValue(back(yi), isRatio ? 'ratio' : 'difference')} (no CI)`,
      regimen: 'text' in cmp.arm.regimen ? cmp.arm.regimen.text : null,
      derivations: e?.derivations ?? [],
      recoveries: e?.recoveries ?? [],
      caveats: e?.caveats ?? [],
      siblings: cmp.siblings,
    });
  }
  points.sort((a, b) => a.dose - b.dose || a.label.localeCompare(b.label));

  const solid = points.filter((p) => !p.hollow);
  const phases = [...new Set(solid.map((p) => p.phase))];
  const reference: MsPhase | undefined = phases.includes('RR') ? 'RR' : phases[0];
  const distinctDoses = new Set(solid.map((p) => p.dose)).size;
  // Decided on the data alone, so that a checked box that makes the fit impossible can be unchecked.
  const withPhase = 2 + phases.length - 1;
  const phaseModeratorUnavailable =
    solid.length < 3 || distinctDoses < 2 ? 'no meta-regression is estimable with these data'
    : phases.length < 2 ? `every comparison with a CI is from one phase (${phases[0]})`
    : solid.length <= withPhase ? `${solid.length} comparisons with a CI for ${withPhase} coefficients`
    : null;
  // An unavailable moderator is shown unchecked, and so is not applied even if the address asks for it.
  const phaseTerms = c.phaseModerator && phaseModeratorUnavailable === null ? phases.filter((p) => p !== reference) : [];
  const coefficients = 2 + phaseTerms.length;
  let regression: RegressionSummary | null = null;
  let regressionNote: string | null = null;
  if (solid.length < 3) {
    regressionNote = `A meta-regression is not estimable: ${solid.length} comparison${solid.length === 1 ? '' : 's'} with a CI (at least 3 are needed; a line through two points has no residual to estimate τ² from).`;
  } else if (solid.length <= coefficients) {
    regressionNote = `A meta-regression with dose and phase is not estimable: ${solid.length} comparisons for ${coefficients} coefficients.`;
  } else if (distinctDoses < 2) {
    regressionNote = 'A meta-regression is not estimable: every comparison has the same dose.';
  } else {
    const rows = solid.map((p) => [p.dose, ...phaseTerms.map((ph) => (p.phase === ph ? 1 : 0))]);
    try {
      const result = metaRegression(solid.map((p) => ({ yi: p.yi, vi: p.vi as number })), rows, {
        method: c.tau2Method,
        test: c.test,
        moderatorNames: ['dose', ...phaseTerms.map((p) => `phase ${p}`)],
      });
      const total = solid.reduce((s, p) => s + 1 / ((p.vi as number) + result.tau2), 0);
      for (const p of solid) {
        p.weightPercent = (100 / ((p.vi as number) + result.tau2)) / total;
        p.inRegression = true;
      }
      const slope = result.coefficients[1]!;
      const min = Math.min(...solid.map((p) => p.dose));
      const max = Math.max(...solid.map((p) => p.dose));
      const band = Array.from({ length: 41 }, (_, i) => {
        const dose = min + ((max - min) * i) / 40;
        const pr = result.predict([dose, ...phaseTerms.map(() => 0)]);
        return { dose, pred: pr.pred, ciLower: pr.ciLower, ciUpper: pr.ciUpper, piLower: pr.piLower, piUpper: pr.piUpper };
      });
      const per = isRatio ? `${MEASURE_LABEL[c.measure].toLowerCase()} × ${fmt(Math.exp(slope.estimate))} per g/kg/month [${fmt(Math.exp(slope.ciLower))}, ${fmt(Math.exp(slope.ciUpper))}]` : `${fmt(slope.estimate)} per g/kg/month [${fmt(slope.ciLower)}, ${fmt(slope.ciUpper)}]`;
      regression = {
        k: result.k,
        slope: { estimate: slope.estimate, se: slope.se, ciLower: slope.ciLower, ciUpper: slope.ciUpper, pValue: slope.pValue },
        phaseTerms: result.coefficients.slice(2).map((co) => ({ name: co.name, estimate: co.estimate, ciLower: co.ciLower, ciUpper: co.ciUpper, pValue: co.pValue })),
        tau2: result.tau2,
        R2: result.R2,
        QM: result.QM,
        QMpValue: result.QMpValue,
        QE: result.QE,
        QEpValue: result.QEpValue,
        band,
        text: `Slope: ${per}, p = ${formatP(slope.pValue)}; τ² (residual) = ${result.tau2.toFixed(3)}; R² = ${result.R2 === null ? 'n/a' : `${result.R2.toFixed(0)}%`}; k = ${result.k}${phaseTerms.length ? `; adjusted for phase (reference ${reference})` : ''}. Mixed-effects meta-regression (${c.tau2Method}${testSuffix(c.test)}), as metafor rma(yi, vi, mods = ~ dose${phaseTerms.length ? ' + phase' : ''}).`,
        result,
      };
    } catch (e) {
      regressionNote = `The meta-regression could not be fitted: ${(e as Error).message}`;
    }
  }

  return {
    outcomeLabel: OUTCOME_INFO[c.outcome].label,
    measure: c.measure,
    measureLabel: MEASURE_LABEL[c.measure],
    isRatio,
    xLabel: c.includeLoading ? 'IVIG dose, g/kg/month (maintenance + loading averaged over year 1)' : 'IVIG maintenance dose, g/kg/month',
    yLabel: `${MEASURE_LABEL[c.measure]} (IVIG vs placebo)${isRatio ? ', log scale' : ''}`,
    points,
    withoutDose,
    nonEstimable,
    regression,
    regressionNote,
    phaseModeratorUnavailable,
    confounding: confoundingSentence(points),
    controlHandling: 'Trials with several dose arms give one point per arm; the shared placebo group is split between them (its n, and events, divided by the number of arms), as the Cochrane Handbook (23.3.4) recommends, so that no patient counts twice.',
  };
}

/**
 * Dose and phase are confounded when each phase occupies its own dose range: then a slope over
 * dose cannot be told apart from a difference between phases. Written only when the data show it.
 */
export function confoundingSentence(points: readonly DosePoint[]): string | null {
  const byPhase = new Map<MsPhase, number[]>();
  for (const p of points) byPhase.set(p.phase, [...(byPhase.get(p.phase) ?? []), p.dose]);
  if (byPhase.size < 2) return null;
  const ranges = [...byPhase.entries()].map(([phase, doses]) => ({ phase, min: Math.min(...doses), max: Math.max(...doses) })).sort((a, b) => a.min - b.min);
  const overlapping = ranges.some((r, i) => ranges.some((s, j) => i !== j && r.min <= s.max && s.min <= r.max));
  const describe = (r: { phase: MsPhase; min: number; max: number }) => `${r.phase} at ${r.min === r.max ? fmt(r.min) : `${fmt(r.min)}–${fmt(r.max)}`}`;
  if (overlapping) return `Doses overlap between phases (${ranges.map(describe).join('; ')} g/kg/month), so dose and phase can be partly separated; add phase as a moderator to see both.`;
  return `Dose and MS phase are confounded: ${ranges.map(describe).join(', ')} g/kg/month do not overlap, so any trend over dose is also a difference between phases and cannot be attributed to dose.`;
}
