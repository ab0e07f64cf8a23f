/**
 * Method sensitivity: the same study effects pooled by every method a careful reviewer would try
 * with very few trials, one row per method, and a sentence generated from the numbers. With two to
 * five trials the answer can depend on the method (z vs Knapp-Hartung, the τ² estimator, the τ
 * prior); this shows how much, at a glance.
 *
 * The effects are the forest's own (`sensitivityInputFromForest`): the rows it draws and includes,
 * in its orientation (after "Swap sides"), so that the panel and the plot above it never pool
 * different data. Every number comes from the engine (src/stats); this module arranges and words.
 */
import {
  MetaAnalysisError,
  mantelHaenszel,
  metaAnalysis,
  type PoolingMethod,
  type TestType,
} from '../../stats';
import { isRatioMeasure, type AnalysisMeasure } from '../../evidence/to-effect-inputs';
import type { OutcomeKind } from '../../evidence/schema';
import { effectText } from '../effect-format';
import type { ForestModel } from '../forest-model';

/** One study as the panel pools it: the forest row's yi (display orientation), vi and 2×2 counts. */
export interface SensitivityStudy {
  studyId?: string;
  label: string;
  yi: number;
  vi: number;
  counts: { ai: number; n1i: number; ci: number; n2i: number } | null;
}

export interface SensitivityInput {
  measure: AnalysisMeasure;
  studies: SensitivityStudy[];
  /** An effect below the null favours IVIG (from the outcome's direction and the display orientation). */
  lowerFavoursIvig: boolean;
  level: number;
  /** The outcome, for the Turner et al. prior of its outcome type (Bayesian rows). */
  outcome?: OutcomeKind;
}

export type SensitivityMethodKey = 'common-iv' | 'common-mh' | 'DL' | 'REML' | 'REML-KH' | 'REML-KH-adhoc' | 'PM';

export interface SensitivityRow {
  key: string;
  /** "Random, REML + Knapp-Hartung" */
  label: string;
  /** "REML + KH", for the sentence and narrow screens. */
  shortLabel: string;
  family: 'frequentist' | 'bayesian';
  /** 'CI' (confidence) or 'CrI' (credible) interval. */
  intervalKind: 'CI' | 'CrI';
  /** What the row is in metafor (or bayesmeta) terms, for the CSV and the tooltip. */
  call: string;
  /** null when the method cannot estimate this set (then `note` says why). */
  estimate: number | null;
  lower: number | null;
  upper: number | null;
  /** Analysis scale (log for ratios), for the axis. */
  yi: number | null;
  yiLower: number | null;
  yiUpper: number | null;
  /** τ on the analysis scale: 0 for a common-effect model, null for M-H (no τ) or not estimable. */
  tau: number | null;
  /** Prediction interval, display scale (random effects with k ≥ 2, and the Bayesian predictive). */
  piLower: number | null;
  piUpper: number | null;
  yiPiLower: number | null;
  yiPiUpper: number | null;
  /** "0.49 [0.34, 0.70]" */
  text: string;
  /** Bayesian rows: P(effect on the IVIG side of no effect); null for the frequentist rows. */
  probabilityOfBenefit: number | null;
  note: string | null;
}

export interface MethodSensitivityModel {
  k: number;
  measure: AnalysisMeasure;
  isRatio: boolean;
  nullValue: number;
  level: number;
  lowerFavoursIvig: boolean;
  rows: SensitivityRow[];
  sentence: string;
  /** Analysis-scale span of every interval drawn. */
  dataRange: [number, number] | null;
}

interface FrequentistMethod {
  key: SensitivityMethodKey;
  label: string;
  shortLabel: string;
  method: PoolingMethod;
  test: TestType;
}

/**
 * The frequentist rows, in the order a reviewer reads them: common effect (inverse variance, then
 * Mantel-Haenszel for binary data), then random effects by τ² estimator and test.
 * References: metafor `rma.uni` (FE, DL, REML, PM; test = "z", "knha", "adhoc") and `rma.mh`;
 * DerSimonian & Laird (1986); Viechtbauer (2005, REML); Paule & Mandel (1982); Knapp & Hartung
 * (2003, incl. the ad hoc correction); Veroniki et al. (2016, Res Synth Methods 7:55–79) on τ² estimators.
 */
const FREQUENTIST: readonly FrequentistMethod[] = [
  { key: 'common-iv', label: 'Common effect, inverse variance', shortLabel: 'common effect IV', method: 'FE', test: 'z' },
  { key: 'DL', label: 'Random, DerSimonian-Laird', shortLabel: 'DL', method: 'DL', test: 'z' },
  { key: 'REML', label: 'Random, REML', shortLabel: 'REML', method: 'REML', test: 'z' },
  { key: 'REML-KH', label: 'Random, REML + Knapp-Hartung', shortLabel: 'REML + KH', method: 'REML', test: 'knha' },
  { key: 'REML-KH-adhoc', label: 'Random, REML + Knapp-Hartung ad hoc', shortLabel: 'REML + KH ad hoc', method: 'REML', test: 'adhoc' },
  { key: 'PM', label: 'Random, Paule-Mandel', shortLabel: 'PM', method: 'PM', test: 'z' },
];

const isBinary = (m: AnalysisMeasure): m is 'OR' | 'RR' | 'RD' => m === 'OR' || m === 'RR' || m === 'RD';

/**
 * The forest's included study rows (every group: the panel pools them all, as the forest's Total),
 * in the forest's orientation. Counts are swapped with the sides, as the forest's own M-H pooling does.
 */
export function sensitivityInputFromForest(forest: ForestModel, options: { flipDirection: boolean; level: number; outcome?: OutcomeKind }): SensitivityInput {
  const studies = forest.groups.flatMap((g) => g.rows).filter((r) => !r.excluded).map((r) => {
    const c = r.input.counts;
    return {
      studyId: r.studyId,
      label: r.label,
      yi: r.yi,
      vi: r.input.vi,
      counts: c === null ? null : options.flipDirection ? { ai: c.ci, n1i: c.n2i, ci: c.ai, n2i: c.n1i } : c,
    };
  });
  return { measure: forest.measure, studies, lowerFavoursIvig: forest.favoursLeft === 'Favours IVIG', level: options.level, outcome: options.outcome };
}

function emptyRow(base: Pick<SensitivityRow, 'key' | 'label' | 'shortLabel' | 'family' | 'intervalKind' | 'call'>, note: string): SensitivityRow {
  return {
    ...base,
    estimate: null, lower: null, upper: null, yi: null, yiLower: null, yiUpper: null, tau: null,
    piLower: null, piUpper: null, yiPiLower: null, yiPiUpper: null, text: 'not estimable', probabilityOfBenefit: null, note,
  };
}

/** A row from analysis-scale numbers: back-transformed for ratios, and its text. */
export function rowFromAnalysisScale(
  base: Pick<SensitivityRow, 'key' | 'label' | 'shortLabel' | 'family' | 'intervalKind' | 'call'>,
  isRatio: boolean,
  v: { estimate: number; lower: number; upper: number; tau: number | null; piLower: number | null; piUpper: number | null; probabilityOfBenefit?: number | null; note?: string | null },
): SensitivityRow {
  const t = (x: number) => (isRatio ? Math.exp(x) : x);
  const tn = (x: number | null) => (x === null ? null : t(x));
  return {
    ...base,
    estimate: t(v.estimate), lower: t(v.lower), upper: t(v.upper),
    yi: v.estimate, yiLower: v.lower, yiUpper: v.upper,
    tau: v.tau,
    piLower: tn(v.piLower), piUpper: tn(v.piUpper), yiPiLower: v.piLower, yiPiUpper: v.piUpper,
    text: effectText(t(v.estimate), t(v.lower), t(v.upper), isRatio ? 'ratio' : 'difference'),
    probabilityOfBenefit: v.probabilityOfBenefit ?? null,
    note: v.note ?? null,
  };
}

const rCall = (m: FrequentistMethod, level: number) =>
  `rma(yi, vi, method = "${m.method}"${m.test === 'z' ? '' : `, test = "${m.test}"`}${level === 95 ? '' : `, level = ${level}`})`;

/** The frequentist rows for a set of study effects (see FREQUENTIST), M-H after the IV common effect. */
export function frequentistRows(input: SensitivityInput): SensitivityRow[] {
  const isRatio = isRatioMeasure(input.measure);
  const effects = input.studies.map((s) => ({ yi: s.yi, vi: s.vi }));
  const rows: SensitivityRow[] = [];
  for (const m of FREQUENTIST) {
    const base = { key: m.key, label: m.label, shortLabel: m.shortLabel, family: 'frequentist' as const, intervalKind: 'CI' as const, call: rCall(m, input.level) };
    try {
      const r = metaAnalysis(effects, { method: m.method, test: m.test, level: input.level });
      const random = m.method !== 'FE' && r.k >= 2;
      // k = 1: no τ², and Knapp-Hartung falls back to z (as metafor); the row says so.
      const note = r.k === 1 && m.test !== 'z' ? 'one study: the z test is used (Knapp-Hartung needs k ≥ 2)' : null;
      rows.push(rowFromAnalysisScale(base, isRatio, {
        estimate: r.estimate, lower: r.ciLower, upper: r.ciUpper,
        tau: m.method === 'FE' ? 0 : r.tau,
        piLower: random ? r.piLower : null, piUpper: random ? r.piUpper : null, note,
      }));
    } catch (e) {
      if (!(e instanceof MetaAnalysisError)) throw e;
      rows.push(emptyRow(base, e.message));
    }
    if (m.key === 'common-iv' && isBinary(input.measure)) rows.push(mantelHaenszelRow(input, isRatio));
  }
  return rows;
}

function mantelHaenszelRow(input: SensitivityInput, isRatio: boolean): SensitivityRow {
  const measure = input.measure as 'OR' | 'RR' | 'RD';
  const base = {
    key: 'common-mh', label: 'Common effect, Mantel-Haenszel', shortLabel: 'common effect M-H', family: 'frequentist' as const, intervalKind: 'CI' as const,
    call: `rma.mh(ai, n1i, ci, n2i, measure = "${measure}"${input.level === 95 ? '' : `, level = ${input.level}`})`,
  };
  const missing = input.studies.filter((s) => s.counts === null);
  if (missing.length) return emptyRow(base, `needs 2×2 counts for every study (${missing.map((s) => s.label).join(', ')}: a reported contrast)`);
  try {
    const mh = mantelHaenszel(input.studies.map((s) => s.counts!), measure, { level: input.level });
    return rowFromAnalysisScale(base, isRatio, { estimate: mh.estimate, lower: mh.ciLower, upper: mh.ciUpper, tau: null, piLower: null, piUpper: null });
  } catch (e) {
    if (!(e instanceof MetaAnalysisError)) throw e;
    return emptyRow(base, e.message);
  }
}

const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
const word = (n: number) => WORDS[n] ?? String(n);
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Up to three names, for the minority of a count ("REML + Knapp-Hartung and PM"). */
function names(rows: readonly SensitivityRow[]): string {
  const short = rows.map((r) => r.shortLabel);
  if (short.length <= 1) return short.join('');
  return `${short.slice(0, -1).join(', ')} and ${short[short.length - 1]}`;
}

/**
 * The panel's sentence, from the numbers: on which side of no effect each method puts the
 * estimate, how many intervals include no effect (naming the minority when it is three or fewer),
 * the spread of τ, and for the Bayesian rows the range of P(benefit).
 * e.g. "All nine methods put the estimate on the IVIG side; five of nine intervals include no effect."
 */
export function sensitivitySentence(rows: readonly SensitivityRow[], nullValue: number, lowerFavoursIvig: boolean): string {
  const estimated = rows.filter((r) => r.yi !== null);
  const n = estimated.length;
  if (n === 0) return 'No method gives an estimate for these studies.';
  const nullScale = nullValue === 1 ? 0 : nullValue;
  const ivigSide = estimated.filter((r) => (lowerFavoursIvig ? r.yi! < nullScale : r.yi! > nullScale));
  const placeboSide = estimated.filter((r) => (lowerFavoursIvig ? r.yi! > nullScale : r.yi! < nullScale));
  const parts: string[] = [];
  const all = n === 1 ? 'The one method' : n === 2 ? 'Both methods' : `All ${word(n)} methods`;
  if (ivigSide.length === n) parts.push(`${all} put the estimate on the IVIG side`);
  else if (placeboSide.length === n) parts.push(`${all} put the estimate on the placebo side`);
  else {
    const exact = n - ivigSide.length - placeboSide.length;
    parts.push(`${capital(word(ivigSide.length))} of ${word(n)} methods put the estimate on the IVIG side, ${word(placeboSide.length)} on the placebo side${exact ? `, ${word(exact)} exactly at no effect` : ''}`);
  }
  const includes = estimated.filter((r) => r.yiLower! <= nullScale && nullScale <= r.yiUpper!);
  const excludes = estimated.filter((r) => !includes.includes(r));
  if (includes.length === 0) parts.push(n === 1 ? 'its interval excludes no effect' : `none of the ${word(n)} intervals includes no effect`);
  else if (excludes.length === 0) parts.push(n === 1 ? 'its interval includes no effect' : `all ${word(n)} intervals include no effect`);
  else {
    const count = `${word(includes.length)} of ${word(n)} ${includes.length === 1 ? 'interval includes' : 'intervals include'} no effect`;
    if (includes.length <= excludes.length && includes.length <= 3) parts.push(`${count} (${names(includes)})`);
    else if (excludes.length <= 3) parts.push(`${count}; ${names(excludes)} ${excludes.length === 1 ? 'excludes' : 'exclude'} it`);
    else parts.push(count);
  }
  let sentence = `${parts.join('; ')}.`;
  const taus = estimated.filter((r) => r.tau !== null && r.family === 'frequentist' && r.key !== 'common-iv').map((r) => r.tau!);
  // τ only where it is estimated (k ≥ 2; with one study every τ² is 0 by definition).
  if (taus.length >= 2 && rows.some((r) => r.piLower !== null)) {
    const lo = Math.min(...taus);
    const hi = Math.max(...taus);
    sentence += lo.toFixed(2) === hi.toFixed(2) ? ` τ is ${lo.toFixed(2)} by every τ² estimator.` : ` τ ranges from ${lo.toFixed(2)} to ${hi.toFixed(2)} across the τ² estimators.`;
  }
  const pb = estimated.filter((r) => r.probabilityOfBenefit !== null).map((r) => r.probabilityOfBenefit!);
  const lo = probabilityText(Math.min(...pb));
  const hi = probabilityText(Math.max(...pb));
  if (pb.length >= 2 && lo !== hi) sentence += ` The probability of benefit ranges from ${lo} to ${hi} across the τ priors.`;
  else if (pb.length >= 2) sentence += ` The probability of benefit is ${lo} under every τ prior.`;
  else if (pb.length === 1) sentence += ` The probability of benefit is ${lo}.`;
  const failed = rows.filter((r) => r.yi === null);
  if (failed.length) sentence += ` Not estimable here: ${failed.map((r) => `${r.shortLabel} (${r.note})`).join('; ')}.`;
  return sentence;
}

/** A probability at two decimals, without claiming certainty: "> 0.99", "< 0.01". */
export const probabilityText = (p: number) => (p >= 0.995 ? '> 0.99' : p <= 0.005 ? '< 0.01' : p.toFixed(2));

/** Every row and the sentence, for a set of study effects; null with nothing to pool. */
export function toMethodSensitivity(input: SensitivityInput, extraRows: (input: SensitivityInput) => SensitivityRow[] = () => []): MethodSensitivityModel | null {
  if (input.studies.length === 0) return null;
  const isRatio = isRatioMeasure(input.measure);
  const nullValue = isRatio ? 1 : 0;
  const rows = [...frequentistRows(input), ...extraRows(input)];
  const ends = rows.flatMap((r) => (r.yiLower !== null && r.yiUpper !== null ? [r.yiLower, r.yiUpper] : []));
  return {
    k: input.studies.length,
    measure: input.measure,
    isRatio,
    nullValue,
    level: input.level,
    lowerFavoursIvig: input.lowerFavoursIvig,
    rows,
    // With one study no method can estimate τ: say so before the counts, which are then trivially equal.
    sentence: (input.studies.length === 1 ? 'One study: every frequentist method returns its own estimate (τ cannot be estimated). ' : '') + sensitivitySentence(rows, nullValue, input.lowerFavoursIvig),
    dataRange: ends.length ? [Math.min(...ends), Math.max(...ends)] : null,
  };
}
