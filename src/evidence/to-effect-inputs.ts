/**
 * From the evidence set to the engine's inputs: for one outcome kind and one effect measure, each
 * study gives either a study effect (yi, vi, with the arm data and provenance behind it) or a
 * reason it cannot be estimated. Nothing disappears silently: every IVIG study that passes the
 * filters ends up in one list or the other.
 */
import {
  combineArmMeans,
  combineTwoGroupMeans,
  effectSize,
  imputeMissingSd,
  meanSdFromMedian,
  sdFromArmCi,
  seFromDifferenceCi,
  seFromRatioCi,
  type EffectSize,
  type SdDonor,
} from '../stats';
import { seFromBetweenArmsP, sdDonorsFor } from './recovered-effects/recovery-inputs';
import type { Arm, ContrastMeasure, MaybeNumber, Outcome, OutcomeKind, SourcedNumber, Study } from './schema';
import { DEFAULT_RECOVERY, RECOVERY_METHODS, RECOVERY_ORDER, recoveryMethodsOn, sameRecovery, withMethodOn, type RecoveryMethod, type RecoverySettings } from './recovered-effects/recovery-settings';
import { recoveryMark, type RecoveryMark } from './recovered-effects/recovery-mark';
import { outcomeArmN } from './outcome-n';
import { LeastRecentlyUsedMemo, listKey } from './identity-memo';

export type { RecoveryMark } from './recovered-effects/recovery-mark';

export type AnalysisMeasure = 'OR' | 'RR' | 'RD' | 'MD' | 'SMD' | 'HR' | 'RateRatio';

export const MEASURE_LABEL: Record<AnalysisMeasure, string> = {
  OR: 'Odds ratio',
  RR: 'Risk ratio',
  RD: 'Risk difference',
  MD: 'Mean difference',
  SMD: "Std. mean difference (Hedges' g)",
  HR: 'Hazard ratio',
  RateRatio: 'Rate ratio',
};

/** Ratio measures are analysed on the log scale and shown back-transformed. */
export const RATIO_MEASURES: readonly AnalysisMeasure[] = ['OR', 'RR', 'HR', 'RateRatio'];
export const isRatioMeasure = (m: AnalysisMeasure) => RATIO_MEASURES.includes(m);

/** Which analysis measures a data form can give. */
function measuresFor(outcome: Outcome): AnalysisMeasure[] {
  const d = outcome.data;
  switch (d.form) {
    case 'counts':
      return ['RR', 'OR', 'RD'];
    case 'continuous':
    case 'medians':
      return ['MD', 'SMD'];
    case 'contrast':
      return [d.measure];
    default:
      return [];
  }
}

/** Outcomes that describe a baseline, not a treatment effect, never enter an analysis. */
const isBaseline = (o: Outcome) => /baseline/i.test(o.timepoint);

/**
 * The measures the studies' data support for this outcome, the one that most studies can be
 * estimated on first (a mean time without SD offers "MD" but estimates nothing; an HR with its
 * CI estimates one study), then in the order RR, OR, RD, MD, SMD, HR, rate ratio.
 */
export function availableMeasures(studies: readonly Study[], kind: OutcomeKind, recovery: RecoverySettings = DEFAULT_RECOVERY): AnalysisMeasure[] {
  const offered = new Set<AnalysisMeasure>();
  for (const s of studies) {
    for (const o of s.outcomes) if (o.kind === kind && !isBaseline(o) && o.analysed !== false) measuresFor(o).forEach((m) => offered.add(m));
  }
  const order: AnalysisMeasure[] = ['RR', 'OR', 'RD', 'MD', 'SMD', 'HR', 'RateRatio'];
  const estimable = new Map(
    [...offered].map((m) => [m, effectInputsOf(studies, studies, kind, m, { useDerived: true, recovery }).effects.length] as const),
  );
  return order.filter((m) => offered.has(m)).sort((a, b) => (estimable.get(b) ?? 0) - (estimable.get(a) ?? 0));
}

export interface ValueProvenance {
  label: string;
  value: number;
  status: SourcedNumber['status'];
  quote: string;
  source: string;
  formula?: string;
}

export interface StudyEffectInput {
  /** Unique per row: the study id, or "study:arm" for one IVIG arm of a multi-arm trial. */
  key: string;
  studyId: string;
  label: string;
  /** The IVIG arm of this row when the arms are shown separately (else null: the study's IVIG arms). */
  armLabel: string | null;
  year: number | null;
  phase: Study['phase'];
  setting: Study['setting'];
  outcomeId: string;
  outcomeLabel: string;
  timepoint: string;
  measure: AnalysisMeasure;
  /** Analysis scale: log ratio, or the difference. */
  yi: number;
  vi: number;
  sei: number;
  /** Per-arm data as a reviewer reads it: "12/75", "−0.23 (0.89) 75"; null for a reported contrast. */
  treatmentData: string | null;
  controlData: string | null;
  /** For a reported contrast: the estimate and CI as printed (display scale), shown in the row
   * rather than the Wald CI recomputed from the derived SE (which can differ in the last digit). */
  reportedCi: { estimate: number; lower: number; upper: number } | null;
  /** Patients in the comparison (both arms), when known. */
  participants: number | null;
  /** 2×2 counts, for Mantel-Haenszel pooling. */
  counts: { ai: number; n1i: number; ci: number; n2i: number } | null;
  /** A derived value (arithmetic by us or by SOURCES.md) entered the effect. */
  derived: boolean;
  /** A value came from a secondary source (not a report of the trial). */
  secondary: boolean;
  /** Plain-text notes on how the effect was obtained (continuity correction, combined arms, SE from CI). */
  derivations: string[];
  /** Each recovered value (our arithmetic on what the source reports), with its method and formula. */
  recoveries: RecoveryMark[];
  /** What the reader must see beside the row (a crossover read as parallel). */
  caveats: string[];
  provenance: ValueProvenance[];
  flags: Study['flags'];
  /** Imported by the user (not in the bundled evidence). */
  userSupplied: boolean;
  /** Verbatim regimens of the arms compared. */
  regimens: { arm: string; text: string }[];
  pmid: string | null;
}

export interface NonEstimableStudy {
  studyId: string;
  label: string;
  year: number | null;
  phase: Study['phase'];
  reason: string;
  /** Which switch would bring the study into the plot ("crossover as parallel (crossover=parallel)"), or null. */
  includedBy?: string | null;
}

export interface EffectInputOptions {
  /** Use values derived by arithmetic (default true, as the Cochrane Handbook allows). */
  useDerived: boolean;
  /** Which effect-recovery methods apply (default: DEFAULT_RECOVERY). */
  recovery?: RecoverySettings;
  /** For SD imputation: the SDs the other trials of this outcome report (set by toEffectInputs). */
  sdDonors?: (studyId: string) => SdDonor[];
}

export interface EffectInputs {
  effects: StudyEffectInput[];
  nonEstimable: NonEstimableStudy[];
}

/**
 * A number as entered: every digit kept (27338 stays 27338, 0.125 stays 0.125). Arm data in the
 * forest table, its SVG/PNG and CSV must be the numbers of the source, never rounded for display.
 */
const asEntered = (x: number) => String(x);
/**
 * A number we computed (a split share, a combined arm): 4 significant digits is enough to read it,
 * and the derivation note gives the formula with the entered numbers.
 */
const derivedNumber = (x: number) => (Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(4))));
/** An arm value: as entered when it is the source's number, rounded when it is our arithmetic. */
const armValue = (x: number, computed: boolean) => (computed ? derivedNumber(x) : asEntered(x));

/**
 * Why one study cannot be estimated on a measure: thrown inside this module and caught at its two
 * call sites (`studyResult`, `toArmComparisons`), never beyond. Deliberately not an Error:
 * an Error records the call stack when it is made, and here it is made for every not-estimable
 * study of every measure tried, inside React's deep render stack. In a CPU profile of 20 changes of
 * the τ² estimator on #/summary (2026-12-01) its constructor was the largest self time of the app
 * code, 262 ms (≈ 13 ms a change); the reason text is all a caller reads.
 */
class NotEstimable {
  constructor(readonly message: string) {}
}

function sourced(label: string, v: MaybeNumber, missing: string, used: ValueProvenance[]): number {
  if (v.value === null) {
    const reason = v.reason.replace(/\.$/, '');
    // A reason that starts with the value's name ("n of the substudy not reported") already says what is missing.
    const name = missing.replace(/ not reported$/, '').toLowerCase();
    const saysWhat = reason.toLowerCase().startsWith(missing.toLowerCase()) || reason.toLowerCase().startsWith(`${name} of `);
    throw new NotEstimable(saysWhat ? reason : `${missing} (${reason})`);
  }
  used.push({ label, value: v.value, status: v.status, quote: v.quote, source: v.source, formula: v.formula });
  return v.value;
}

/** An arm as a formula names it: "IVIG" or "placebo" when the trial has one of each, else its label. */
function armLabelOf(study: Study, armId: string): string {
  const arm = study.arms.find((a) => a.id === armId);
  if (!arm) return armId;
  const sameRole = study.arms.filter((a) => a.role === arm.role).length;
  if (sameRole === 1 && arm.role !== 'other') return arm.role === 'ivig' ? 'IVIG' : 'placebo';
  return arm.label;
}

function armN(arm: Arm | undefined): MaybeNumber | undefined {
  if (!arm) return undefined;
  return arm.nAnalysed.value !== null ? arm.nAnalysed : arm.nRandomised;
}

interface ArmCounts { events: number; total: number }
interface ArmMeans { mean: number; sd: number; n: number }

/**
 * Several IVIG arms against one control are combined into one group, as the Cochrane Handbook
 * recommends for a pairwise comparison (v6.4, section 23.3.4; formulae in Table 6.5.a). The formula
 * lives in the engine (stats/effect-recovery `combineTwoGroupMeans`, with `combineArmMeans` giving
 * its provenance); this name is kept for the callers here.
 */
export const combineMeans = (a: ArmMeans, b: ArmMeans): ArmMeans => combineTwoGroupMeans(a, b);

/** Which IVIG arms form the treatment group, and what share of the control group they get. */
interface ArmSelection {
  treatmentArmIds: readonly string[] | null;
  /** 1, or 1/k when k IVIG arms share one control group (Cochrane Handbook 23.3.4: split it). */
  controlShare: number;
}

const ALL_ARMS: ArmSelection = { treatmentArmIds: null, controlShare: 1 };

function studyEffect(study: Study, outcome: Outcome, measure: AnalysisMeasure, options: EffectInputOptions, selection: ArmSelection = ALL_ARMS): StudyEffectInput {
  const used: ValueProvenance[] = [];
  const derivations: string[] = [];
  const recoveries: RecoveryMark[] = [];
  const caveats: string[] = [];
  const recovery = options.recovery ?? DEFAULT_RECOVERY;
  const d = outcome.data;
  const roleOf = (armId: string) => study.arms.find((a) => a.id === armId)?.role;
  const isTreatment = (armId: string) => roleOf(armId) === 'ivig' && (selection.treatmentArmIds === null || selection.treatmentArmIds.includes(armId));
  const share = selection.controlShare;
  const splitInto = Math.round(1 / share);
  let es: Pick<EffectSize, 'yi' | 'vi' | 'sei'>;
  let treatmentData: string | null = null;
  let controlData: string | null = null;
  let counts: StudyEffectInput['counts'] = null;
  let reportedCi: StudyEffectInput['reportedCi'] = null;
  let participants: number | null = null;

  switch (d.form) {
    case 'counts': {
      const read = (a: (typeof d.arms)[number]): ArmCounts => ({
        events: sourced(`${a.arm}: events`, a.events, 'events not reported', used),
        total: sourced(`${a.arm}: total`, a.total, 'total not reported', used),
      });
      const treat = d.arms.filter((a) => isTreatment(a.arm)).map(read);
      const ctrl = d.arms.filter((a) => roleOf(a.arm) === 'placebo').map(read);
      if (treat.length === 0 || ctrl.length === 0) throw new NotEstimable('no IVIG-vs-placebo comparison in the data');
      if (ctrl.length > 1) throw new NotEstimable('several control arms');
      const t = treat.reduce((x, y) => ({ events: x.events + y.events, total: x.total + y.total }));
      if (treat.length > 1) {
        derivations.push(`${treat.length} IVIG arms combined (events and totals added; Cochrane Handbook 23.3.4)`);
        recoveries.push(recoveryMark('combined-arms', `${treat.length} IVIG arms combined: events ${treat.map((x) => asEntered(x.events)).join(' + ')} = ${asEntered(t.events)}, totals ${treat.map((x) => asEntered(x.total)).join(' + ')} = ${asEntered(t.total)}`));
      }
      const c0 = ctrl[0] as ArmCounts;
      const c = { events: c0.events * share, total: c0.total * share };
      if (share !== 1) {
        derivations.push(`placebo ${asEntered(c0.events)}/${asEntered(c0.total)} shared by ${splitInto} dose arms and split between them: events ${asEntered(c0.events)} / ${splitInto} = ${derivedNumber(c.events)}, total ${asEntered(c0.total)} / ${splitInto} = ${derivedNumber(c.total)} (Cochrane Handbook 23.3.4)`);
      }
      counts = { ai: t.events, n1i: t.total, ci: c.events, n2i: c.total };
      const r = effectSize(measure as 'OR' | 'RR' | 'RD', counts);
      // The engine's notes already say when 1/2 was added to a zero cell (once, with metafor's rule).
      derivations.push(...r.notes);
      es = r;
      participants = t.total + c.total;
      treatmentData = `${asEntered(t.events)}/${asEntered(t.total)}`;
      controlData = `${armValue(c.events, share !== 1)}/${armValue(c.total, share !== 1)}`;
      break;
    }
    case 'continuous': {
      // Mean and n as reported; the SD as reported, else recovered (an arm's CI, or imputed), else
      // the contrast's SE from its between-arms p; what could not be recovered says why.
      const read = (a: (typeof d.arms)[number]) => ({
        arm: a.arm,
        mean: sourced(`${a.arm}: mean`, a.mean, 'mean not reported', used),
        n: sourced(`${a.arm}: n`, outcomeArmN(study, outcome, a.arm, a.n), 'n not reported', used),
        sdValue: a.sd,
        ci: a.ciLower && a.ciUpper ? { lower: a.ciLower, upper: a.ciUpper } : null,
      });
      const treatRead = d.arms.filter((a) => isTreatment(a.arm)).map(read);
      const ctrlRead = d.arms.filter((a) => roleOf(a.arm) === 'placebo').map(read);
      if (treatRead.length === 0 || ctrlRead.length === 0) throw new NotEstimable('no IVIG-vs-placebo comparison in the data');
      if (ctrlRead.length > 1) throw new NotEstimable('several control arms');
      const sdMarks = new Map<string, string>();
      const sdOf = (a: (typeof treatRead)[number]): number | null => {
        if (a.sdValue.value !== null) return sourced(`${a.arm}: SD`, a.sdValue, 'SD not reported', used);
        if (a.ci && recovery.seFromCi) {
          const r = sdFromArmCi({ lower: a.ci.lower.value, upper: a.ci.upper.value, n: a.n });
          used.push({ label: `${a.arm}: CI lower`, value: a.ci.lower.value, status: a.ci.lower.status, quote: a.ci.lower.quote, source: a.ci.lower.source, formula: a.ci.lower.formula });
          used.push({ label: `${a.arm}: CI upper`, value: a.ci.upper.value, status: a.ci.upper.status, quote: a.ci.upper.quote, source: a.ci.upper.source, formula: a.ci.upper.formula });
          recoveries.push(recoveryMark('se-from-ci', `SD of ${armLabelOf(study, a.arm)} from its CI: ${r.provenance.formula}`, r.provenance.reference));
          sdMarks.set(a.arm, RECOVERY_METHODS['se-from-ci'].symbol);
          return r.sd;
        }
        return null;
      };
      const sds = new Map([...treatRead, ...ctrlRead].map((a) => [a.arm, sdOf(a)] as const));
      const missing = [...treatRead, ...ctrlRead].filter((a) => sds.get(a.arm) === null);
      const whyNoSd: string[] = [];
      if (missing.length > 0) {
        // The trial's own p-value of this contrast comes before borrowing another trial's SD.
        const viaP = measure === 'MD' && treatRead.length === 1 ? seFromBetweenArmsP(study, outcome, treatRead[0]!, ctrlRead[0]!, recovery) : null;
        if (viaP && 'se' in viaP) {
          const t1 = treatRead[0]!;
          const c1 = ctrlRead[0]!;
          used.push(viaP.used);
          recoveries.push(recoveryMark('se-from-p', `MD = ${asEntered(t1.mean)} − ${asEntered(c1.mean)}; ${viaP.se.provenance.formula}`, viaP.se.provenance.reference));
          es = { yi: t1.mean - c1.mean, vi: viaP.se.vi, sei: viaP.se.sei };
          derivations.push(`SE of the mean difference from its between-arms p (no SDs reported): ${viaP.se.provenance.formula}`);
          participants = t1.n + c1.n * share;
          treatmentData = `${asEntered(t1.mean)} (—) ${asEntered(t1.n)}`;
          controlData = `${asEntered(c1.mean)} (—) ${armValue(c1.n * share, share !== 1)}`;
          break;
        }
        if (viaP && 'reason' in viaP) whyNoSd.push(viaP.reason);
        if (recovery.imputeSd !== 'off') {
          const donors = options.sdDonors?.(study.id) ?? [];
          if (donors.length === 0) whyNoSd.push('no other trial reports an SD for this outcome to impute from');
          else {
            const imputed = imputeMissingSd({ donors, method: recovery.imputeSd });
            for (const a of missing) {
              sds.set(a.arm, imputed.sd);
              sdMarks.set(a.arm, RECOVERY_METHODS['imputed-sd'].symbol);
            }
            recoveries.push(recoveryMark('imputed-sd', `SD of ${missing.map((a) => armLabelOf(study, a.arm)).join(' and ')} not reported, imputed (${recovery.imputeSd} SD of the other trials): ${imputed.provenance.formula}`, imputed.provenance.reference));
          }
        }
      }
      const stillMissing = [...treatRead, ...ctrlRead].filter((a) => sds.get(a.arm) === null);
      if (stillMissing.length > 0) {
        const first = stillMissing[0]!;
        const reason = first.sdValue.value === null ? first.sdValue.reason.replace(/\.$/, '') : 'SD not reported';
        const base = reason.toLowerCase().startsWith('sd not reported') ? reason : `SD not reported (${reason})`;
        throw new NotEstimable([base, ...whyNoSd].join('; '));
      }
      const asMeans = (a: (typeof treatRead)[number]): ArmMeans => ({ mean: a.mean, sd: sds.get(a.arm) as number, n: a.n });
      const treat = treatRead.map(asMeans);
      const ctrl = ctrlRead.map(asMeans);
      const t = treat.reduce(combineMeans);
      if (treat.length > 1) {
        derivations.push(`${treat.length} IVIG arms combined (Cochrane Handbook 23.3.4, Table 6.5.a)`);
        const combined = combineArmMeans(treatRead.map((a, i) => ({ ...treat[i]!, label: armLabelOf(study, a.arm) })));
        recoveries.push(recoveryMark('combined-arms', `${treat.length} IVIG arms combined: ${combined.provenance.formula}`, combined.provenance.reference));
      }
      const c0 = ctrl[0] as ArmMeans;
      const c = { ...c0, n: c0.n * share };
      if (share !== 1) {
        derivations.push(`placebo n ${asEntered(c0.n)} shared by ${splitInto} dose arms and split between them: ${asEntered(c0.n)} / ${splitInto} = ${derivedNumber(c.n)}; mean and SD unchanged (Cochrane Handbook 23.3.4)`);
      }
      const r = effectSize(measure as 'MD' | 'SMD', { m1i: t.mean, sd1i: t.sd, n1i: t.n, m2i: c.mean, sd2i: c.sd, n2i: c.n });
      derivations.push(...r.notes);
      es = r;
      participants = t.n + c.n;
      const combined = treat.length > 1;
      // A recovered SD is our arithmetic: rounded, with its method's symbol beside it.
      const sdText = (armId: string, sd: number) => (sdMarks.has(armId) ? `${derivedNumber(sd)}${sdMarks.get(armId)}` : asEntered(sd));
      treatmentData = combined ? `${derivedNumber(t.mean)} (${derivedNumber(t.sd)}) ${asEntered(t.n)}` : `${asEntered(t.mean)} (${sdText(treatRead[0]!.arm, t.sd)}) ${asEntered(t.n)}`;
      controlData = `${asEntered(c.mean)} (${sdText(ctrlRead[0]!.arm, c.sd)}) ${armValue(c.n, share !== 1)}`;
      break;
    }
    case 'contrast': {
      if (!isTreatment(d.comparison.treatment) || roleOf(d.comparison.control) !== 'placebo') {
        throw new NotEstimable('the reported contrast is not IVIG vs placebo');
      }
      if (!recovery.seFromCi) throw new NotEstimable(`a reported ${d.measure} with its CI needs “${RECOVERY_METHODS['se-from-ci'].name}”, which is off`);
      const est = sourced(`${d.measure}`, d.estimate, 'estimate not reported', used);
      const lo = sourced(`${d.measure} CI lower`, d.ciLower, 'CI not reported', used);
      const hi = sourced(`${d.measure} CI upper`, d.ciUpper, 'CI not reported', used);
      if (d.levelPercent === 95) reportedCi = { estimate: est, lower: lo, upper: hi };
      // A reported contrast is the trial's own comparison (the schema gives it no n of its own): its
      // patients are the trial's arms. A contrast from a substudy would need its n in the data.
      const sizes = [d.comparison.treatment, d.comparison.control].map((id) => armN(study.arms.find((a) => a.id === id))?.value ?? null);
      participants = sizes.every((x) => x !== null) ? (sizes as number[]).reduce((a, b) => a + b, 0) : null;
      // The engine's recovery functions (Cochrane Handbook 6.3.2 for ratios on the log scale, 6.3.1
      // for differences), so that the forest, the recovery marks and the R export use one formula.
      const r = isRatioContrast(d.measure)
        ? seFromRatioCi({ ratio: est, lower: lo, upper: hi, levelPercent: d.levelPercent })
        : seFromDifferenceCi({ estimate: est, lower: lo, upper: hi, levelPercent: d.levelPercent });
      es = r;
      derivations.push(`${isRatioContrast(d.measure) ? `log ${d.measure} and its SE` : 'SE'} from the reported ${d.levelPercent}% CI: ${r.provenance.formula}`, ...r.provenance.notes);
      // The SE itself is arithmetic on reported numbers: flagged derived, as the Handbook allows.
      used.push({ label: 'SE from CI', value: es.sei, status: 'derived', quote: '', source: '', formula: derivations[0] });
      recoveries.push(recoveryMark('se-from-ci', `SE = ${derivedNumber(es.sei)} from the reported ${d.measure} ${asEntered(est)} [${asEntered(lo)}, ${asEntered(hi)}] (${d.levelPercent}% CI): ${isRatioContrast(d.measure) ? '(ln upper − ln lower)' : '(upper − lower)'} / (2 × ${r.critical.toFixed(3)})`));
      break;
    }
    case 'percentages':
      throw new NotEstimable('percentages without denominators');
    case 'medians': {
      if (!recovery.medians) throw new NotEstimable(`reported as medians: needs “${RECOVERY_METHODS.medians.name}”, which is off`);
      // Mean (Luo 2018) and SD (Wan 2014) of each arm from its median with range and/or IQR,
      // under a normality assumption that the mark states; then as reported means and SDs.
      const read = (a: (typeof d.arms)[number]): ArmMeans => {
        const median = sourced(`${a.arm}: median`, a.median, 'median not reported', used);
        const n = sourced(`${a.arm}: n`, outcomeArmN(study, outcome, a.arm, a.n), 'n not reported', used);
        const bound = (label: string, v: SourcedNumber | undefined) => (v ? sourced(`${a.arm}: ${label}`, v, `${label} not reported`, used) : undefined);
        const summary = { median, n, min: bound('range lower', a.rangeLower), max: bound('range upper', a.rangeUpper), q1: bound('Q1', a.q1), q3: bound('Q3', a.q3) };
        if (summary.min === undefined && summary.q1 === undefined) throw new NotEstimable(`median of ${armLabelOf(study, a.arm)} without a range or IQR: no SD can be recovered`);
        let r: ReturnType<typeof meanSdFromMedian>;
        try {
          r = meanSdFromMedian(summary);
        } catch (e) {
          throw new NotEstimable(`median of ${armLabelOf(study, a.arm)}: ${(e as Error).message}`);
        }
        recoveries.push(recoveryMark('medians', `${armLabelOf(study, a.arm)}: ${r.meanProvenance.formula}; ${r.sdProvenance.formula} (assumes ${RECOVERY_METHODS.medians.assumption})`, `${r.meanProvenance.reference}; ${r.sdProvenance.reference}`));
        return { mean: r.mean, sd: r.sd, n };
      };
      const treat = d.arms.filter((a) => isTreatment(a.arm)).map(read);
      const ctrl = d.arms.filter((a) => roleOf(a.arm) === 'placebo').map(read);
      if (treat.length === 0 || ctrl.length === 0) throw new NotEstimable('no IVIG-vs-placebo comparison in the data');
      if (ctrl.length > 1) throw new NotEstimable('several control arms');
      const t = treat.reduce(combineMeans);
      if (treat.length > 1) {
        derivations.push(`${treat.length} IVIG arms combined (Cochrane Handbook 23.3.4, Table 6.5.a)`);
        recoveries.push(recoveryMark('combined-arms', `${treat.length} IVIG arms combined: ${combineArmMeans(treat).provenance.formula}`));
      }
      const c0 = ctrl[0] as ArmMeans;
      const c = { ...c0, n: c0.n * share };
      if (share !== 1) derivations.push(`placebo n ${asEntered(c0.n)} shared by ${splitInto} dose arms and split between them: ${asEntered(c0.n)} / ${splitInto} = ${derivedNumber(c.n)} (Cochrane Handbook 23.3.4)`);
      const r = effectSize(measure as 'MD' | 'SMD', { m1i: t.mean, sd1i: t.sd, n1i: t.n, m2i: c.mean, sd2i: c.sd, n2i: c.n });
      derivations.push(...r.notes);
      es = r;
      participants = t.n + c.n;
      const sym = RECOVERY_METHODS.medians.symbol;
      treatmentData = `${derivedNumber(t.mean)}${sym} (${derivedNumber(t.sd)}${sym}) ${armValue(t.n, false)}`;
      controlData = `${derivedNumber(c.mean)}${sym} (${derivedNumber(c.sd)}${sym}) ${armValue(c.n, share !== 1)}`;
      break;
    }
    case 'event-totals':
      throw new NotEstimable('event totals without denominators');
    case 'p-value-only': {
      const p = outcome.pValues[0];
      throw new NotEstimable(p ? `reports only p ${p.relation} ${p.value.value}` : 'reports only a p-value');
    }
    case 'qualitative':
      throw new NotEstimable(outcome.statement ? `qualitative statement only: “${outcome.statement.text}”` : 'qualitative statement only');
  }

  if (isCrossover(study)) {
    recoveries.push(recoveryMark('crossover-as-parallel', `the ${study.design.allocation === 'crossover' ? 'crossover' : 'within-patient'} periods analysed as if they were parallel arms (IVIG ${treatmentData ?? '—'} vs placebo ${controlData ?? '—'}); the same patients are in both`));
    caveats.push(`Crossover analysed as if parallel: ignores the within-patient correlation, so its CI is wider than a paired analysis would give (conservative; Cochrane Handbook 23.2.6).`);
  }
  const sourcedValues = used.filter((u) => u.source !== '');
  // A value the evidence set derived (e.g. counts back-calculated from a percentage) is listed with
  // its formula among the derivations, so that the forest's detail panel and its CSV read one list.
  const derivedInSource = sourcedValues
    .filter((u) => u.status === 'derived' && u.formula)
    .map((u) => `${u.label} = ${asEntered(u.value)} (derived): ${u.formula}`);
  const derived = used.some((u) => u.status === 'derived' && u.source !== '') || derivations.some((x) => x.includes('combined') || x.includes('split'));
  if (derived && !options.useDerived) {
    const what = used.find((u) => u.status === 'derived' && u.source !== '');
    throw new NotEstimable(`uses derived values (${what?.formula ?? 'combined or split arms'}); derived values are switched off`);
  }
  const oneArm = selection.treatmentArmIds?.length === 1 && selection.controlShare !== 1 ? study.arms.find((a) => a.id === selection.treatmentArmIds![0]) : undefined;
  return {
    key: oneArm ? `${study.id}:${oneArm.id}` : study.id,
    studyId: study.id,
    label: oneArm ? `${study.label}, ${oneArm.label}` : study.label,
    armLabel: oneArm?.label ?? null,
    year: study.year,
    phase: study.phase,
    setting: study.setting,
    outcomeId: outcome.id,
    outcomeLabel: outcome.label,
    timepoint: outcome.timepoint,
    measure,
    yi: es.yi,
    vi: es.vi,
    sei: es.sei,
    treatmentData,
    controlData,
    reportedCi,
    participants,
    counts,
    derived,
    secondary: sourcedValues.some((u) => u.status === 'secondary'),
    derivations: [...derivedInSource, ...derivations],
    recoveries,
    caveats,
    provenance: sourcedValues,
    flags: study.flags,
    userSupplied: !!study.userSupplied || !!outcome.userSupplied,
    regimens: study.arms.filter((a) => 'text' in a.regimen && (isTreatment(a.id) || a.role === 'placebo')).map((a) => ({ arm: a.label, text: 'text' in a.regimen ? a.regimen.text : '' })),
    pmid: study.pmid?.value ?? null,
  };
}

const isRatioContrast = (m: ContrastMeasure) => m === 'HR' || m === 'RR' || m === 'OR' || m === 'RateRatio';


/** A crossover (or other within-patient) design: each patient is in both arms. */
export const isCrossover = (study: Study) => study.design.allocation === 'crossover' || study.flags.some((f) => f.code === 'crossover-within-patient');

/**
 * Why a study cannot enter a pooled IVIG-vs-placebo analysis at all, whatever the outcome.
 * `studies` (the set the study belongs to) names the analysed report of a same-trial link; without
 * it the link's study id is given. A crossover trial is left out unless "crossover as parallel"
 * is on (`options.crossoverAsParallel`).
 */
export function studyExclusionReason(study: Study, studies: readonly Study[] = [], options: { crossoverAsParallel?: boolean } = {}): string | null {
  if (study.kind === 'comparator-rct') return 'comparator trial (not IVIG)';
  if (study.kind === 'ivig-active-comparator-rct') {
    const comparators = study.arms.filter((a) => a.role !== 'ivig').map((a) => a.label);
    return `active comparator (IVIG vs ${comparators.join(' / ') || 'another drug'}): not pooled with placebo-controlled trials`;
  }
  if (study.sameTrialAs) {
    const other = studies.find((s) => s.id === study.sameTrialAs?.study);
    return `same trial as ${other?.label ?? study.sameTrialAs.study}: not pooled twice`;
  }
  if (study.kind === 'ivig-non-randomised' || study.flags.some((f) => f.code === 'not-randomised')) return 'not randomised: not pooled';
  if (study.flags.some((f) => f.code === 'observational')) return 'observational: not pooled';
  if (isCrossover(study) && !options.crossoverAsParallel) return 'crossover: within-patient data (needs a paired analysis)';
  if (study.flags.some((f) => f.code === 'no-placebo-arm')) return 'no placebo arm (dose comparison only)';
  return null;
}

type StudyResult = { effects: StudyEffectInput[] } | { reason: string };

/**
 * The study's effect(s) for `kind` on `measure`: one, or one per IVIG arm when the arms are shown
 * separately (the shared control split between them, Cochrane Handbook 23.3.4); else the reason.
 * When a study reports the outcome more than once (several timepoints), the first estimable
 * report in the file's order is used — the transcription lists the main timepoint first.
 */
function studyResult(study: Study, studies: readonly Study[], kind: OutcomeKind, measure: AnalysisMeasure, options: EffectInputOptions): StudyResult {
  const recovery = options.recovery ?? DEFAULT_RECOVERY;
  const reported = study.outcomes.filter((o) => o.kind === kind && !isBaseline(o));
  // A value kept only as a conflicting report (analysed: false) is shown, never pooled.
  const outcomes = reported.filter((o) => o.analysed !== false);
  if (outcomes.length === 0 && reported.length > 0) {
    return { reason: `not analysed: ${[...new Set(reported.map((o) => o.notAnalysedReason ?? ''))].join('; ')}` };
  }
  if (outcomes.length === 0) {
    const missing = study.notReported.find((m) => m.kind === kind);
    return { reason: missing ? `not reported (${missing.reason.replace(/\.$/, '')})` : 'not reported' };
  }
  const exclusion = studyExclusionReason(study, studies, { crossoverAsParallel: recovery.crossover === 'parallel' });
  if (exclusion) return { reason: exclusion };
  const reasons: string[] = [];
  for (const outcome of outcomes) {
    const fits = measuresFor(outcome);
    if (fits.length > 0 && !fits.includes(measure)) {
      reasons.push(`reports ${fits.join('/')} data, not ${measure}`);
      continue;
    }
    const ivigArms = armIdsIn(outcome).filter((id) => study.arms.find((a) => a.id === id)?.role === 'ivig');
    try {
      if (recovery.arms === 'separate' && ivigArms.length > 1) {
        const share = 1 / ivigArms.length;
        return { effects: ivigArms.map((id) => studyEffect(study, outcome, measure, options, { treatmentArmIds: [id], controlShare: share })) };
      }
      return { effects: [studyEffect(study, outcome, measure, options)] };
    } catch (e) {
      if (!(e instanceof NotEstimable)) throw e;
      reasons.push(e.message);
    }
  }
  return { reason: [...new Set(reasons)].join('; ') };
}

/**
 * The SDs other trials lend for imputation: those of `pool` that enter an analysis (randomised,
 * IVIG vs placebo). A view that shows part of its trials (one phase-comparison row) passes the
 * whole set as the pool, so that the row's forest and its cell impute the same SD.
 */
export function sdDonorsFromStudies(pool: readonly Study[], kind: OutcomeKind, recovery: RecoverySettings = DEFAULT_RECOVERY): (studyId: string) => SdDonor[] {
  const crossoverAsParallel = recovery.crossover === 'parallel';
  return sdDonorsFor(pool, kind, (s) => s.kind === 'ivig-rct' && studyExclusionReason(s, pool, { crossoverAsParallel }) === null);
}

function withSdDonors(studies: readonly Study[], kind: OutcomeKind, options: EffectInputOptions): EffectInputOptions {
  if (options.sdDonors) return options;
  return { ...options, sdDonors: sdDonorsFromStudies(studies, kind, options.recovery) };
}

/**
 * Which switch would bring a study that is not in the plot into it: each recovery method that is
 * off, alone; else all of them together (`recover=all`); and the "derived values" switch. Null
 * when none would (the data are not there).
 */
function includedBy(study: Study, studies: readonly Study[], kind: OutcomeKind, measure: AnalysisMeasure, options: EffectInputOptions): string | null {
  const recovery = options.recovery ?? DEFAULT_RECOVERY;
  const on = new Set(recoveryMethodsOn(recovery));
  const estimable = (o: EffectInputOptions) => 'effects' in studyResult(study, studies, kind, measure, o);
  const alone = RECOVERY_ORDER.filter((m) => !on.has(m) && m !== 'combined-arms' && estimable({ ...options, recovery: withMethodOn(recovery, m) }));
  const name = (m: RecoveryMethod) => `“${RECOVERY_METHODS[m].name}” (${RECOVERY_METHODS[m].onParameter})`;
  if (alone.length) return `would be included with ${alone.map(name).join(' or ')}`;
  let all: RecoverySettings = recovery;
  for (const m of RECOVERY_ORDER) if (m !== 'combined-arms') all = withMethodOn(all, m);
  if (!sameRecovery(all, recovery) && estimable({ ...options, recovery: all })) return `would be included with every recovery method on (${RECOVERY_ORDER.filter((m) => m !== 'combined-arms' && !on.has(m)).map((m) => RECOVERY_METHODS[m].name).join(', ')}; recover=all)`;
  if (!options.useDerived && estimable({ ...options, useDerived: true })) return 'would be included with “Use derived values” (derived=1)';
  return null;
}

/**
 * One study effect per study for `kind` measured as `measure` (one per IVIG arm when the arms are
 * shown separately), or the reason there is none, with the switch that would include it.
 */
export function toEffectInputs(studies: readonly Study[], kind: OutcomeKind, measure: AnalysisMeasure, given: EffectInputOptions): EffectInputs {
  const effects: StudyEffectInput[] = [];
  const nonEstimable: NonEstimableStudy[] = [];
  const options = withSdDonors(studies, kind, given);
  for (const study of studies) {
    if (study.kind === 'comparator-rct') continue;
    const base = { studyId: study.id, label: study.label, year: study.year, phase: study.phase };
    const r = studyResult(study, studies, kind, measure, options);
    if ('effects' in r) effects.push(...r.effects);
    else nonEstimable.push({ ...base, reason: r.reason, includedBy: /^not (reported|analysed)/.test(r.reason) ? null : includedBy(study, studies, kind, measure, options) });
  }
  return { effects, nonEstimable };
}

const effectInputsMemo = new LeastRecentlyUsedMemo<EffectInputs>(256);

/**
 * `toEffectInputs` with the SDs for imputation lent by `lenders` (the analysis' own trials, or every
 * trial of the view for one phase-comparison row), memoised: the result depends only on the trials,
 * the outcome, the measure and the data switches (identity-memo.ts). The result is frozen.
 */
export function effectInputsOf(studies: readonly Study[], lenders: readonly Study[], kind: OutcomeKind, measure: AnalysisMeasure, options: { useDerived: boolean; recovery?: RecoverySettings }): EffectInputs {
  const recovery = options.recovery ?? DEFAULT_RECOVERY;
  const key = `${listKey(studies)}|${listKey(lenders)}|${kind}|${measure}|${options.useDerived}|${JSON.stringify(recovery)}`;
  return effectInputsMemo.get(key, () => {
    const { effects, nonEstimable } = toEffectInputs(studies, kind, measure, { useDerived: options.useDerived, recovery, sdDonors: sdDonorsFromStudies(lenders, kind, recovery) });
    return Object.freeze({ effects: Object.freeze(effects.map((e) => Object.freeze(e))), nonEstimable: Object.freeze(nonEstimable.map((n) => Object.freeze(n))) }) as EffectInputs;
  });
}

/** One IVIG arm against the (shared) control: the unit of the dose-response view. */
export interface ArmComparison {
  studyId: string;
  label: string;
  year: number | null;
  phase: Study['phase'];
  arm: Arm;
  /** The study effect for this arm, or null when only a point estimate (no CI) is available. */
  effect: StudyEffectInput | null;
  /** Point estimate on the analysis scale when there is no CI (e.g. a mean difference without SDs). */
  pointOnly: { yi: number; reason: string } | null;
  /** Arms in the study that this comparison shares its control with. */
  siblings: number;
}

/**
 * One comparison per IVIG arm with data for the outcome. Several dose arms against one control
 * split the control group between them (Cochrane Handbook v6.4, 23.3.4), so that no patient is
 * counted twice; a study whose outcome data combine the arms gives one comparison.
 * Where the data give no CI but do give both arms' values on a difference scale (means without
 * SDs), the point estimate is returned so that the view can draw it hollow.
 */
export function toArmComparisons(studies: readonly Study[], kind: OutcomeKind, measure: AnalysisMeasure, given: EffectInputOptions): { comparisons: ArmComparison[]; nonEstimable: NonEstimableStudy[] } {
  const options = withSdDonors(studies, kind, given);
  const comparisons: ArmComparison[] = [];
  const nonEstimable: NonEstimableStudy[] = [];
  for (const study of studies) {
    if (study.kind === 'comparator-rct') continue;
    const base = { studyId: study.id, label: study.label, year: study.year, phase: study.phase };
    const outcomes = study.outcomes.filter((o) => o.kind === kind && !isBaseline(o) && o.analysed !== false);
    if (outcomes.length === 0) continue;
    const exclusion = studyExclusionReason(study, studies, { crossoverAsParallel: (options.recovery ?? DEFAULT_RECOVERY).crossover === 'parallel' });
    if (exclusion) {
      nonEstimable.push({ ...base, reason: exclusion });
      continue;
    }
    const reasons: string[] = [];
    let done = false;
    for (const outcome of outcomes) {
      const fits = measuresFor(outcome);
      if (fits.length > 0 && !fits.includes(measure)) {
        reasons.push(`reports ${fits.join('/')} data, not ${measure}`);
        continue;
      }
      const armIds = armIdsIn(outcome).filter((id) => study.arms.find((a) => a.id === id)?.role === 'ivig');
      const perArm = armIds.length > 1 ? armIds.map((id) => [id]) : [armIds.length === 1 ? armIds : study.arms.filter((a) => a.role === 'ivig').map((a) => a.id)];
      const share = 1 / perArm.length;
      const made: ArmComparison[] = [];
      for (const ids of perArm) {
        const arm = study.arms.find((a) => a.id === ids[0]);
        if (!arm) continue;
        try {
          const effect = studyEffect(study, outcome, measure, options, { treatmentArmIds: ids, controlShare: share });
          made.push({ ...base, arm, effect, pointOnly: null, siblings: perArm.length });
        } catch (e) {
          if (!(e instanceof NotEstimable)) throw e;
          const point = pointEstimate(study, outcome, measure, ids);
          if (point !== null) made.push({ ...base, arm, effect: null, pointOnly: { yi: point, reason: e.message }, siblings: perArm.length });
          else reasons.push(e.message);
        }
      }
      if (made.length) {
        comparisons.push(...made);
        done = true;
        break;
      }
    }
    if (!done) nonEstimable.push({ ...base, reason: [...new Set(reasons)].join('; ') || 'no estimable data' });
  }
  return { comparisons, nonEstimable };
}

function armIdsIn(outcome: Outcome): string[] {
  const d = outcome.data;
  if (d.form === 'counts' || d.form === 'continuous' || d.form === 'percentages' || d.form === 'medians' || d.form === 'event-totals') return d.arms.map((a) => a.arm);
  if (d.form === 'contrast') return [d.comparison.treatment, d.comparison.control];
  return [];
}

/** Mean difference from reported means when SDs are missing: a point without a CI. */
function pointEstimate(study: Study, outcome: Outcome, measure: AnalysisMeasure, treatmentIds: readonly string[]): number | null {
  const d = outcome.data;
  if (d.form !== 'continuous' || measure !== 'MD' || treatmentIds.length !== 1) return null;
  const role = (id: string) => study.arms.find((a) => a.id === id)?.role;
  const t = d.arms.find((a) => a.arm === treatmentIds[0]);
  const c = d.arms.find((a) => role(a.arm) === 'placebo');
  if (!t || !c) return null;
  return t.mean.value - c.mean.value;
}
