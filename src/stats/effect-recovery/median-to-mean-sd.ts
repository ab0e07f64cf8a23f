/**
 * A sample mean and SD estimated from its median with the range and/or the interquartile range,
 * under a normality assumption: the SD by Wan et al. (2014), the mean by Luo et al. (2018).
 */
import { standardNormalQuantile } from '../distributions';
import { InvalidInputError } from '../errors';
import { requireFinite, requirePositive } from '../validation';
import { type RecoveryProvenance, computed, entered, subtrahend } from './provenance';

/** What a report gives instead of a mean and SD. Range = min and max; IQR = q1 and q3. */
export interface MedianSummary {
  median: number;
  min?: number;
  max?: number;
  q1?: number;
  q3?: number;
  n: number;
}

/**
 * Which numbers are there, in Wan et al.'s names:
 * C1 = {min, median, max; n}; C2 = {min, q1, median, q3, max; n}; C3 = {q1, median, q3; n}.
 */
export type MedianScenario = 'C1-range' | 'C2-range-and-iqr' | 'C3-iqr';

export const WAN_2014 = 'Wan X, Wang W, Liu J, Tong T. Estimating the sample mean and standard deviation from the sample size, median, range and/or interquartile range. BMC Med Res Methodol 2014;14:135';
export const LUO_2018 = 'Luo D, Wan X, Liu J, Tong T. Optimally estimating the sample mean from the sample size, median, mid-range, and/or mid-quartile range. Stat Methods Med Res 2018;27(6):1785–1805';

const NORMALITY =
  'the outcome is normally distributed in the arm; a median reported with a range or IQR often signals skewed data, and then these estimates are rough';

/** Below this metafor's conv.fivenum refuses to estimate (the approximations were derived for larger n). */
export const MEDIAN_MIN_N = 5;

/**
 * ξ(n) = 2·Φ⁻¹((n − 0.375)/(n + 0.25)): Blom's closed-form approximation of the expected range of n
 * standard normal values, as Wan et al. 2014 give it for the range formulas (C1, C2) and as metafor's
 * conv.fivenum uses it for every n. Wan's Table 1 prints the exact expected range for n ≤ 50
 * (ξ(2) = 1.128, ξ(10) = 3.078, ξ(50) = 4.498); the closed form is 0.051 larger at n = 2 and within
 * 0.011 of it from n = 20 to 50, so for small arms the SD here is up to 4% smaller than with the
 * table.
 */
export function wanXi(n: number): number {
  return 2 * standardNormalQuantile((n - 0.375) / (n + 0.25));
}

/**
 * η(n) = 2·Φ⁻¹((0.75n − 0.125)/(n + 0.25)): the expected interquartile range of n standard normal
 * values, Wan et al. 2014, used in their formulas for C2 and C3.
 */
export function wanEta(n: number): number {
  return 2 * standardNormalQuantile((0.75 * n - 0.125) / (n + 0.25));
}

interface ReadSummary {
  median: number;
  n: number;
  range: { min: number; max: number } | null;
  iqr: { q1: number; q3: number } | null;
  scenario: MedianScenario;
}

function readSummary(s: Omit<MedianSummary, 'median'> & { median?: number }, needsMedian: boolean): ReadSummary {
  const n = requirePositive('n', s.n);
  if (!Number.isInteger(n) || n < 2) throw new InvalidInputError(`n must be a whole number ≥ 2 to estimate from a median, got ${n}`);
  const median = needsMedian || s.median !== undefined ? requireFinite('median', s.median) : NaN;
  const pair = (a: number | undefined, b: number | undefined, na: string, nb: string) => {
    if (a === undefined && b === undefined) return null;
    if (a === undefined || b === undefined) throw new InvalidInputError(`${a === undefined ? na : nb} is missing: ${na} and ${nb} come together, got ${na} ${a} and ${nb} ${b}`);
    return [requireFinite(na, a), requireFinite(nb, b)] as const;
  };
  const r = pair(s.min, s.max, 'min', 'max');
  const q = pair(s.q1, s.q3, 'q1', 'q3');
  if (!r && !q) throw new InvalidInputError('a median needs its range (min, max) or its IQR (q1, q3) to estimate an SD or a mean');
  const ordered: [string, number][] = [];
  if (r) ordered.push(['min', r[0]]);
  if (q) ordered.push(['q1', q[0]]);
  if (!Number.isNaN(median)) ordered.push(['median', median]);
  if (q) ordered.push(['q3', q[1]]);
  if (r) ordered.push(['max', r[1]]);
  for (let i = 1; i < ordered.length; i++) {
    const [pn, pv] = ordered[i - 1] as [string, number];
    const [cn, cv] = ordered[i] as [string, number];
    if (cv < pv) throw new InvalidInputError(`${pn} ≤ ${cn} is required, got ${pn} ${pv} and ${cn} ${cv}`);
  }
  if (r && !(r[1] > r[0])) throw new InvalidInputError(`the range is 0 (min ${r[0]} = max ${r[1]}): no SD can be estimated from it`);
  if (q && !(q[1] > q[0])) throw new InvalidInputError(`the IQR is 0 (q1 ${q[0]} = q3 ${q[1]}): no SD can be estimated from it`);
  return {
    median,
    n,
    range: r ? { min: r[0], max: r[1] } : null,
    iqr: q ? { q1: q[0], q3: q[1] } : null,
    scenario: r && q ? 'C2-range-and-iqr' : r ? 'C1-range' : 'C3-iqr',
  };
}

function smallSampleNotes(n: number): string[] {
  return n < MEDIAN_MIN_N ? [`n = ${n} is below ${MEDIAN_MIN_N}, the smallest n for which metafor's conv.fivenum applies these formulas`] : [];
}

/** Where the median lies in the range or IQR (50% for symmetric data): a plain description, not a test. */
function positionNote(s: ReadSummary): string[] {
  if (Number.isNaN(s.median)) return [];
  const [lo, hi, what] = s.range ? [s.range.min, s.range.max, 'range'] : [s.iqr!.q1, s.iqr!.q3, 'IQR'];
  return [`the median lies at ${computed((100 * (s.median - lo)) / (hi - lo))}% of the ${what} (50% for symmetric data)`];
}

/**
 * Sample SD from the range and/or IQR and n (Wan et al. 2014), assuming normal data.
 *
 * C1 (range):            SD ≈ (max − min) / ξ(n)
 * C3 (IQR):              SD ≈ (q3 − q1) / η(n)
 * C2 (range and IQR):    SD ≈ ½·[(max − min)/ξ(n) + (q3 − q1)/η(n)]
 * with ξ(n) = 2Φ⁻¹((n − 0.375)/(n + 0.25)) and η(n) = 2Φ⁻¹((0.75n − 0.125)/(n + 0.25)).
 * Equation numbers: metafor's conv.fivenum documentation cites Wan's eq. (9) for C1 and eq. (16) for
 * C3 (the closed forms used here); the paper's Table 1 caption says its exact ξ(n) values serve
 * "formula (7) and formula (12)" (C1 and C2 with the tabulated expected range). (For C2, metafor now defaults to Shi et al. 2020; the Wan C2 estimator here is its
 * method = "wan2014".)
 * Assumptions: normality (see NORMALITY); the range is the sample minimum and maximum, the IQR the
 * sample quartiles.
 * Reference: Wan et al. 2014 (WAN_2014).
 * Edge cases: n a whole number ≥ 2 (ξ(1) = η(1) = 0); min ≤ q1 ≤ median ≤ q3 ≤ max; a range or IQR
 * of 0 is refused; n < 5 gives a note (metafor's minimum).
 */
export function sdFromMedian(summary: Omit<MedianSummary, 'median'> & { median?: number }): { sd: number; scenario: MedianScenario; provenance: RecoveryProvenance } {
  const s = readSummary(summary, false);
  const { n } = s;
  let sd: number;
  let formula: string;
  if (s.range && s.iqr) {
    const xi = wanXi(n);
    const eta = wanEta(n);
    sd = ((s.range.max - s.range.min) / xi + (s.iqr.q3 - s.iqr.q1) / eta) / 2;
    formula = `SD = ½ × [(${entered(s.range.max)} − ${subtrahend(s.range.min)}) / ξ(${n}) + (${entered(s.iqr.q3)} − ${subtrahend(s.iqr.q1)}) / η(${n})] = ½ × [${computed(s.range.max - s.range.min)} / ${computed(xi)} + ${computed(s.iqr.q3 - s.iqr.q1)} / ${computed(eta)}] = ${computed(sd)}`;
  } else if (s.range) {
    const xi = wanXi(n);
    sd = (s.range.max - s.range.min) / xi;
    formula = `SD = (${entered(s.range.max)} − ${subtrahend(s.range.min)}) / ξ(${n}), ξ(${n}) = 2Φ⁻¹((${n} − 0.375)/(${n} + 0.25)) = ${computed(xi)}; SD = ${computed(sd)}`;
  } else {
    const iqr = s.iqr!;
    const eta = wanEta(n);
    sd = (iqr.q3 - iqr.q1) / eta;
    formula = `SD = (${entered(iqr.q3)} − ${subtrahend(iqr.q1)}) / η(${n}), η(${n}) = 2Φ⁻¹((0.75 × ${n} − 0.125)/(${n} + 0.25)) = ${computed(eta)}; SD = ${computed(sd)}`;
  }
  const equation =
    s.scenario === 'C1-range'
      ? 'scenario C1 (range), eq. (9) as metafor cites it'
      : s.scenario === 'C3-iqr'
        ? 'scenario C3 (IQR), eq. (16) as metafor cites it'
        : 'scenario C2 (range and IQR), eq. (12) with the closed forms of ξ(n) and η(n)';
  return {
    sd,
    scenario: s.scenario,
    provenance: {
      method: 'sd-from-median-wan',
      methodName: `SD from the ${s.range && s.iqr ? 'range and IQR' : s.range ? 'range' : 'IQR'} (Wan et al. 2014)`,
      formula,
      reference: `${WAN_2014}, ${equation}`,
      assumptions: [NORMALITY],
      notes: [...smallSampleNotes(n), ...positionNote(s)],
    },
  };
}

/**
 * Sample mean from the median with the range and/or IQR and n (Luo et al. 2018), assuming normal
 * data. Weights that change smoothly with n:
 * C1 (range):          mean ≈ w·(min + max)/2 + (1 − w)·median,           w = 4/(4 + n^0.75)        Luo eq. (7)
 * C3 (IQR):            mean ≈ w·(q1 + q3)/2 + (1 − w)·median,             w = 0.7 + 0.39/n          Luo eq. (11)
 * C2 (range and IQR):  mean ≈ w₁·(min + max)/2 + w₂·(q1 + q3)/2 + (1 − w₁ − w₂)·median,
 *                      w₁ = 2.2/(2.2 + n^0.75), w₂ = 0.7 − 0.72/n^0.55                           Luo eq. (15)
 * (equation numbers as metafor's conv.fivenum documentation cites them).
 * Assumptions: normality (see NORMALITY).
 * Reference: Luo et al. 2018 (LUO_2018).
 * Edge cases: as `sdFromMedian`; the median is required.
 */
export function meanFromMedian(summary: MedianSummary): { mean: number; scenario: MedianScenario; provenance: RecoveryProvenance } {
  const s = readSummary(summary, true);
  const { n, median } = s;
  let mean: number;
  let formula: string;
  let equation: string;
  if (s.range && s.iqr) {
    const w1 = 2.2 / (2.2 + n ** 0.75);
    const w2 = 0.7 - 0.72 / n ** 0.55;
    mean = (w1 * (s.range.min + s.range.max)) / 2 + (w2 * (s.iqr.q1 + s.iqr.q3)) / 2 + (1 - w1 - w2) * median;
    formula =
      `w₁ = 2.2/(2.2 + ${n}^0.75) = ${computed(w1)}, w₂ = 0.7 − 0.72/${n}^0.55 = ${computed(w2)}; ` +
      `mean = ${computed(w1)} × (${entered(s.range.min)} + ${entered(s.range.max)})/2 + ${computed(w2)} × (${entered(s.iqr.q1)} + ${entered(s.iqr.q3)})/2 + ${computed(1 - w1 - w2)} × ${entered(median)} = ${computed(mean)}`;
    equation = 'eq. (15), range and IQR';
  } else if (s.range) {
    const w = 4 / (4 + n ** 0.75);
    mean = (w * (s.range.min + s.range.max)) / 2 + (1 - w) * median;
    formula = `w = 4/(4 + ${n}^0.75) = ${computed(w)}; mean = ${computed(w)} × (${entered(s.range.min)} + ${entered(s.range.max)})/2 + ${computed(1 - w)} × ${entered(median)} = ${computed(mean)}`;
    equation = 'eq. (7), range';
  } else {
    const iqr = s.iqr!;
    const w = 0.7 + 0.39 / n;
    mean = (w * (iqr.q1 + iqr.q3)) / 2 + (1 - w) * median;
    formula = `w = 0.7 + 0.39/${n} = ${computed(w)}; mean = ${computed(w)} × (${entered(iqr.q1)} + ${entered(iqr.q3)})/2 + ${computed(1 - w)} × ${entered(median)} = ${computed(mean)}`;
    equation = 'eq. (11), IQR';
  }
  return {
    mean,
    scenario: s.scenario,
    provenance: {
      method: 'mean-from-median-luo',
      methodName: `Mean from the median and ${s.range && s.iqr ? 'range and IQR' : s.range ? 'range' : 'IQR'} (Luo et al. 2018)`,
      formula,
      reference: `${LUO_2018}, ${equation}`,
      assumptions: [NORMALITY],
      notes: [...smallSampleNotes(n), ...positionNote(s)],
    },
  };
}

/** Both estimates at once: Luo et al. 2018 for the mean, Wan et al. 2014 for the SD. */
export function meanSdFromMedian(summary: MedianSummary): {
  mean: number;
  sd: number;
  n: number;
  scenario: MedianScenario;
  meanProvenance: RecoveryProvenance;
  sdProvenance: RecoveryProvenance;
} {
  const m = meanFromMedian(summary);
  const d = sdFromMedian(summary);
  return { mean: m.mean, sd: d.sd, n: summary.n, scenario: m.scenario, meanProvenance: m.provenance, sdProvenance: d.provenance };
}
