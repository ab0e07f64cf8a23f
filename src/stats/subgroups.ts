/**
 * Subgroup analysis: a separate meta-analysis per subgroup (each with its own τ²) and the test
 * for subgroup differences as RevMan computes it.
 */
import { InvalidInputError, atStudy } from './errors';
import { chiSquareUpperTail } from './distributions';
import { metaAnalysis } from './meta-analysis';
import type { MetaAnalysisOptions, MetaAnalysisResult, StudyEffect } from './types';
import { requireLength } from './validation';

/** One subgroup's pooled estimate (analysis scale) and its SE, from whichever method pooled it. */
export interface SubgroupEstimate {
  label: string;
  estimate: number;
  se: number;
}

/** RevMan's test for subgroup differences. */
export interface SubgroupDifferencesTest {
  /** Q between subgroups: Σ (θ̂_g − θ̄)²/SE_g², θ̄ = Σ(θ̂_g/SE_g²)/Σ(1/SE_g²). */
  Qbetween: number;
  /** Number of subgroups − 1. */
  df: number;
  /** P(χ²_df > Qbetween); null when there is a single subgroup (df = 0). */
  pValue: number | null;
}

/**
 * The test for subgroup differences on given subgroup estimates, whatever method made them
 * (inverse variance with or without τ², or Mantel-Haenszel: RevMan tests the subtotals it shows):
 *   Q_between = Σ_g (θ̂_g − θ̄)²/SE_g²,  θ̄ = Σ_g (θ̂_g/SE_g²) / Σ_g (1/SE_g²),  df = G − 1,
 *   p = P(χ²_df > Q_between),
 * i.e. the Q of a common-effect meta-analysis of the subgroup estimates.
 * Reference: Cochrane Handbook v6.4, section 10.11.3.1; RevMan 5 statistical algorithms
 * (Deeks & Higgins, "Test for subgroup differences"); Borenstein & Higgins (2013), Prev Sci
 * 14:134–143. In metafor terms: `rma(yi = estimates, sei = ses, method = "FE")$QE`.
 * Edge cases: one subgroup gives Q_between = 0, df = 0 and pValue null; an SE that is not a
 * positive finite number (e.g. 0 under Knapp-Hartung with identical estimates) leaves Q_between
 * undefined and throws, naming the subgroup; so does an estimate that is not finite.
 */
export function subgroupDifferences(subgroups: readonly SubgroupEstimate[]): SubgroupDifferencesTest {
  const list = requireLength('subgroups', subgroups, 1) as readonly SubgroupEstimate[];
  let sumW = 0;
  let sumWTheta = 0;
  for (const g of list) {
    if (!(g.se > 0) || !Number.isFinite(g.se)) {
      throw new InvalidInputError(`subgroup "${g.label}" has a pooled SE of ${g.se}; the subgroup test needs SE > 0`);
    }
    if (!Number.isFinite(g.estimate)) {
      throw new InvalidInputError(`subgroup "${g.label}" has a pooled estimate of ${g.estimate}; the subgroup test needs a finite estimate`);
    }
    const w = 1 / (g.se * g.se);
    sumW += w;
    sumWTheta += w * g.estimate;
  }
  const mean = sumWTheta / sumW;
  let Qbetween = 0;
  for (const g of list) Qbetween += (g.estimate - mean) ** 2 / (g.se * g.se);
  const df = list.length - 1;
  return { Qbetween, df, pValue: df > 0 ? chiSquareUpperTail(Qbetween, df) : null };
}

export interface SubgroupAnalysisResult {
  /** One pooled result per subgroup, keyed by the subgroup label. */
  groups: Record<string, MetaAnalysisResult>;
  /** Subgroup labels in order of first appearance (object keys that look like integers reorder). */
  groupOrder: string[];
  /** Q between subgroups: Σ (θ̂_g − θ̄)²/SE_g², θ̄ = Σ(θ̂_g/SE_g²)/Σ(1/SE_g²). */
  Qbetween: number;
  /** Number of subgroups − 1. */
  df: number;
  /** P(χ²_df > Qbetween); null when there is a single subgroup (df = 0). */
  pValue: number | null;
}

/**
 * Pools each subgroup separately (`metaAnalysis` with the same options, so each subgroup gets
 * its own τ²) and tests for subgroup differences with `subgroupDifferences` on the subgroup
 * estimates and their pooled SEs (Knapp-Hartung scaled when test = 'knha').
 * Reference: Cochrane Handbook v6.4, section 10.11.3.1; RevMan 5 "Test for subgroup differences";
 * Borenstein & Higgins (2013), Prev Sci 14:134–143. In metafor terms:
 * `rma(estimates, sei = ses, method = "FE")$QE`.
 * Edge cases: a subgroup with one study is pooled as k = 1 (its SE is √vᵢ); a single subgroup
 * gives Q_between = 0, df = 0 and pValue null; a subgroup whose SE is 0 (Knapp-Hartung with
 * identical estimates) makes Q_between undefined and throws.
 */
export function subgroupAnalysis(
  effects: readonly StudyEffect[],
  groups: readonly string[],
  options: MetaAnalysisOptions = {},
): SubgroupAnalysisResult {
  const list = requireLength('effects', effects, 1);
  requireLength('groups', groups, 1);
  if (groups.length !== list.length) {
    throw new InvalidInputError(`groups must have one label per study (${list.length}), got ${groups.length}`);
  }
  const members = new Map<string, StudyEffect[]>();
  groups.forEach((label, i) => {
    if (typeof label !== 'string' || label.length === 0) {
      throw new InvalidInputError(`group label must be a non-empty string, got ${JSON.stringify(label)}${atStudy(i)}`);
    }
    const bucket = members.get(label);
    const effect = list[i] as StudyEffect;
    if (bucket === undefined) members.set(label, [effect]);
    else bucket.push(effect);
  });
  const results: Record<string, MetaAnalysisResult> = {};
  const groupOrder: string[] = [];
  for (const [label, studies] of members) {
    results[label] = metaAnalysis(studies, options);
    groupOrder.push(label);
  }
  const test = subgroupDifferences(groupOrder.map((label) => ({ label, estimate: results[label]!.estimate, se: results[label]!.se })));
  return { groups: results, groupOrder, ...test };
}
