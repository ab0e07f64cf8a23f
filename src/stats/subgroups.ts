/**
 * Subgroup analysis: a separate meta-analysis per subgroup (each with its own τ²) and the test
 * for subgroup differences as RevMan computes it.
 */
import { InvalidInputError, atStudy } from './errors';
import { chiSquareUpperTail } from './distributions';
import { metaAnalysis } from './meta-analysis';
import type { MetaAnalysisOptions, MetaAnalysisResult, StudyEffect } from './types';
import { requireLength } from './validation';

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
 * its own τ²) and tests for subgroup differences with
 *   Q_between = Σ_g w_g(θ̂_g − θ̄)²,  w_g = 1/SE_g²,  θ̄ = Σ w_gθ̂_g/Σ w_g,  df = G − 1,
 * where SE_g is the subgroup's pooled SE (Knapp-Hartung scaled when test = 'knha'), i.e. a
 * common-effect meta-analysis of the subgroup estimates.
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
  let sumW = 0;
  let sumWTheta = 0;
  for (const [label, studies] of members) {
    const result = metaAnalysis(studies, options);
    results[label] = result;
    groupOrder.push(label);
    if (!(result.se > 0)) {
      throw new InvalidInputError(`subgroup "${label}" has a pooled SE of ${result.se}; the subgroup test needs SE > 0`);
    }
    const w = 1 / (result.se * result.se);
    sumW += w;
    sumWTheta += w * result.estimate;
  }
  const mean = sumWTheta / sumW;
  let Qbetween = 0;
  for (const label of groupOrder) {
    const r = results[label]!;
    Qbetween += (r.estimate - mean) ** 2 / (r.se * r.se);
  }
  const df = groupOrder.length - 1;
  return { groups: results, groupOrder, Qbetween, df, pValue: df > 0 ? chiSquareUpperTail(Qbetween, df) : null };
}
