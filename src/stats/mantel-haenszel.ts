/**
 * Mantel-Haenszel pooling of 2×2 tables, as metafor's `rma.mh(ai, bi, ci, di, measure)` with its
 * defaults (add = c(1/2, 0), to = c("only0", "none"), drop00 = c(TRUE, FALSE)).
 */
import { InvalidInputError, NotEstimableError, atStudy } from './errors';
import { criticalValue, chiSquareUpperTail } from './distributions';
import { type BinaryArms, effectSize } from './effect-sizes';
import type { EstimateWithTest } from './types';
import { waldInference } from './wald-inference';
import { requireLength, requireLevel, requireNonNegative, requireOneOf, requirePositive } from './validation';

export type MantelHaenszelMeasure = 'OR' | 'RR' | 'RD';

/** `estimate` is the log OR / log RR (metafor's `beta`), or the RD; the test is always z. */
export interface MantelHaenszelResult extends EstimateWithTest {
  measure: MantelHaenszelMeasure;
  /** Number of tables pooled. */
  k: number;
  /**
   * Cochran's Q of the study estimates around the MH estimate (null when fewer than two tables
   * have an estimate), its df and p-value.
   */
  Q: number | null;
  QDf: number | null;
  QpValue: number | null;
  /** Tables used for Q (double-zero tables are left out, as metafor's drop00 = TRUE). */
  kQ: number;
  /**
   * Each table's Mantel-Haenszel weight in percent of their sum, in the order of the rows (as
   * metafor's `weights(rma.mh(...))`): the weights of the pooled estimate, not inverse-variance ones.
   */
  weights: number[];
  warnings: string[];
}

/**
 * Mantel-Haenszel pooled OR, RR or RD with no continuity correction (tables with zero cells
 * contribute as they are; double-zero tables add nothing to the OR and RR sums, and add weight
 * but no difference to the RD).
 *
 * With Nᵢ = n1ᵢ + n2ᵢ, bᵢ = n1ᵢ − aᵢ, dᵢ = n2ᵢ − cᵢ:
 * - OR: ψ = R/S, R = Σ aᵢdᵢ/Nᵢ, S = Σ bᵢcᵢ/Nᵢ; Var(ln ψ) by Robins, Breslow & Greenland (1986):
 *   ½[Σ PᵢRᵢ/R² + Σ(PᵢSᵢ + QᵢRᵢ)/(R·S) + Σ QᵢSᵢ/S²], Pᵢ = (aᵢ + dᵢ)/Nᵢ, Qᵢ = (bᵢ + cᵢ)/Nᵢ,
 *   Rᵢ = aᵢdᵢ/Nᵢ, Sᵢ = bᵢcᵢ/Nᵢ.
 * - RR: ψ = R/S, R = Σ aᵢn2ᵢ/Nᵢ, S = Σ cᵢn1ᵢ/Nᵢ; Var(ln ψ) by Greenland & Robins (1985):
 *   Σ(n1ᵢn2ᵢ(aᵢ + cᵢ)/Nᵢ² − aᵢcᵢ/Nᵢ) / (R·S).
 * - RD: δ = Σ(aᵢn2ᵢ − cᵢn1ᵢ)/Nᵢ / Σ n1ᵢn2ᵢ/Nᵢ; Var(δ) (Greenland & Robins 1985, as metafor):
 *   [δ·Σ(cᵢ(n1ᵢ/Nᵢ)² − aᵢ(n2ᵢ/Nᵢ)² + (n1ᵢ/Nᵢ)(n2ᵢ/Nᵢ)(n2ᵢ − n1ᵢ)/2)
 *    + Σ(aᵢ(n2ᵢ − cᵢ) + cᵢ(n1ᵢ − aᵢ))/(2Nᵢ)] / (Σ n1ᵢn2ᵢ/Nᵢ)².
 * - Heterogeneity: Q = Σ (yᵢ − ψ̂)²/vᵢ with yᵢ, vᵢ from `effectSize` (1/2 added to tables with a
 *   zero cell) over tables that are not double-zero, df = kQ − 1.
 * - z test and CI from the normal distribution (metafor's rma.mh has no t option).
 * - Weights (the terms whose sum is the estimate's denominator; Cochrane Handbook 10.4.1, RevMan 5
 *   statistical algorithms): OR wᵢ = bᵢcᵢ/Nᵢ, RR wᵢ = cᵢn1ᵢ/Nᵢ, RD wᵢ = n1ᵢn2ᵢ/Nᵢ, from the
 *   uncorrected table, reported as 100·wᵢ/Σwⱼ (metafor's `weights.rma.mh`). A table with a zero in
 *   its weight's cells (no events in the control arm for the OR and RR, or no non-events in the
 *   IVIG arm for the OR) gets weight 0, as in metafor; a double-zero table keeps an RD weight.
 *
 * Reference: metafor documentation, `rma.mh`; Cochrane Handbook v6.4, section 10.4.1;
 * Mantel & Haenszel (1959), JNCI 22:719–748.
 * Edge cases: an OR with R = 0 or S = 0, or an RR with no events in one arm across all tables,
 * is not estimable: metafor returns NA, this throws a NotEstimableError saying why.
 */
export function mantelHaenszel(
  rows: readonly BinaryArms[],
  measure: MantelHaenszelMeasure,
  options: { level?: number } = {},
): MantelHaenszelResult {
  const m = requireOneOf('measure', measure, ['OR', 'RR', 'RD'] as const);
  const list = requireLength('rows', rows, 1) as readonly BinaryArms[];
  const level = requireLevel(options.level ?? 95);
  const k = list.length;
  const warnings: string[] = [];

  let R = 0;
  let S = 0;
  let sumA = 0;
  let sumC = 0;
  let sumPR = 0;
  let sumPSQR = 0;
  let sumQS = 0;
  let rrVarNumerator = 0;
  let rdNumerator = 0;
  let rdDenominator = 0;
  let rdVarA = 0;
  let rdVarB = 0;
  const rawWeights: number[] = [];
  for (let i = 0; i < k; i++) {
    const row = list[i];
    if (typeof row !== 'object' || row === null) {
      throw new InvalidInputError(`a table must be an object { ai, n1i, ci, n2i }, got ${String(row)}${atStudy(i)}`);
    }
    const n1 = requirePositive('n1i', row.n1i, i);
    const n2 = requirePositive('n2i', row.n2i, i);
    const a = requireNonNegative('ai', row.ai, i);
    const c = requireNonNegative('ci', row.ci, i);
    if (a > n1) throw new InvalidInputError(`ai must be <= n1i (${n1}), got ${a}${atStudy(i)}`);
    if (c > n2) throw new InvalidInputError(`ci must be <= n2i (${n2}), got ${c}${atStudy(i)}`);
    const b = n1 - a;
    const d = n2 - c;
    const N = n1 + n2;
    sumA += a;
    sumC += c;
    rawWeights.push(m === 'OR' ? (b / N) * c : m === 'RR' ? (c / N) * n1 : (n1 / N) * n2);
    if (m === 'OR') {
      const P = (a + d) / N;
      const Q = (b + c) / N;
      const Ri = (a / N) * d;
      const Si = (b / N) * c;
      R += Ri;
      S += Si;
      sumPR += P * Ri;
      sumPSQR += P * Si + Q * Ri;
      sumQS += Q * Si;
    } else if (m === 'RR') {
      R += a * (n2 / N);
      S += c * (n1 / N);
      rrVarNumerator += (n1 / N) * (n2 / N) * (a + c) - (a / N) * c;
    } else {
      const f1 = n1 / N;
      const f2 = n2 / N;
      rdNumerator += a * f2 - c * f1;
      rdDenominator += n1 * f2;
      rdVarA += c * f1 * f1 - a * f2 * f2 + (f1 * f2 * (n2 - n1)) / 2;
      rdVarB += (a * (n2 - c)) / N + (c * (n1 - a)) / N;
    }
  }

  let estimate: number;
  let variance: number;
  if (m === 'OR') {
    if (R === 0 || S === 0) {
      throw new NotEstimableError(
        `Mantel-Haenszel OR is not estimable: Σ ai·di/Ni = ${R} and Σ bi·ci/Ni = ${S} (one must not be 0)`,
      );
    }
    estimate = Math.log(R / S);
    variance = 0.5 * (sumPR / (R * R) + sumPSQR / (R * S) + sumQS / (S * S));
  } else if (m === 'RR') {
    if (sumA === 0 || sumC === 0) {
      throw new NotEstimableError(
        `Mantel-Haenszel RR is not estimable: total events are ${sumA} (arm 1) and ${sumC} (arm 2)`,
      );
    }
    estimate = Math.log(R / S);
    variance = rrVarNumerator / (R * S);
  } else {
    estimate = rdNumerator / rdDenominator;
    variance = (estimate * rdVarA + rdVarB / 2) / (rdDenominator * rdDenominator);
  }
  const se = Math.sqrt(variance);
  const crit = criticalValue(level, null);

  // Heterogeneity: study estimates with the 1/2 correction, double-zero tables dropped (drop00 = TRUE).
  let Q = 0;
  let kQ = 0;
  for (let i = 0; i < k; i++) {
    const row = list[i]!;
    const allNone = row.ai === 0 && row.ci === 0;
    const allEvents = row.ai === row.n1i && row.ci === row.n2i;
    if (allNone || allEvents) continue;
    const e = effectSize(m, row);
    Q += (e.yi - estimate) ** 2 / e.vi;
    kQ++;
  }
  if (kQ < k) warnings.push(`${k - kQ} double-zero table(s) left out of Q (as metafor's rma.mh, drop00 = TRUE)`);
  const hasQ = kQ > 1;
  // Σwᵢ > 0 here: it is S for the OR and RR (checked above) and Σ n1n2/N > 0 for the RD.
  const weightSum = rawWeights.reduce((x, y) => x + y, 0);
  return {
    measure: m,
    k,
    ...waldInference(estimate, se, crit, null),
    Q: hasQ ? Math.max(0, Q) : null,
    QDf: hasQ ? kQ - 1 : null,
    QpValue: hasQ ? chiSquareUpperTail(Math.max(0, Q), kQ - 1) : null,
    kQ,
    weights: rawWeights.map((w) => (100 * w) / weightSum),
    warnings,
  };
}
