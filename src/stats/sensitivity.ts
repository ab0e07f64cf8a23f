/**
 * Sensitivity analyses that refit the model on subsets: leave-one-out and cumulative
 * meta-analysis, as metafor's `leave1out()` and `cumul()`.
 */
import { metaAnalysisOfData, resolveOptions } from './meta-analysis';
import type { MetaAnalysisOptions, MetaAnalysisResult, StudyEffect } from './types';
import { validateEffects } from './validation';
import { interceptOnlyData } from './weighted-least-squares';

/**
 * Leave-one-out: result i is the meta-analysis of all studies except study i (same method, test
 * and level), so k − 1 studies each; `weights` refer to the remaining studies in input order.
 * Reference: metafor documentation, `leave1out`; Viechtbauer & Cheung (2010), Res Synth Methods
 * 1:112–125. Edge cases: needs k >= 2 (k = 2 gives two k = 1 results).
 */
export function leaveOneOut(effects: readonly StudyEffect[], options: MetaAnalysisOptions = {}): MetaAnalysisResult[] {
  const resolved = resolveOptions(options);
  const { yi, vi } = validateEffects(effects, 2);
  const k = yi.length;
  const results: MetaAnalysisResult[] = [];
  const subY = new Float64Array(k - 1);
  const subV = new Float64Array(k - 1);
  for (let left = 0; left < k; left++) {
    let j = 0;
    for (let i = 0; i < k; i++) {
      if (i === left) continue;
      subY[j] = yi[i]!;
      subV[j] = vi[i]!;
      j++;
    }
    // The buffers are reused: a result keeps no reference to its input arrays.
    results.push(metaAnalysisOfData(interceptOnlyData(subY, subV), resolved));
  }
  return results;
}

/**
 * Cumulative meta-analysis in the order given: result i pools studies 1..i (sort the input first,
 * e.g. by year). The first step is a k = 1 analysis (heterogeneity null).
 * Reference: metafor documentation, `cumul`; Lau et al. (1992), NEJM 327:248–254.
 */
export function cumulative(effects: readonly StudyEffect[], options: MetaAnalysisOptions = {}): MetaAnalysisResult[] {
  const resolved = resolveOptions(options);
  const { yi, vi } = validateEffects(effects);
  const results: MetaAnalysisResult[] = [];
  for (let n = 1; n <= yi.length; n++) {
    results.push(metaAnalysisOfData(interceptOnlyData(yi.subarray(0, n), vi.subarray(0, n)), resolved));
  }
  return results;
}
