/**
 * A missing SD borrowed from other trials of the same outcome measured on the same scale.
 */
import { InvalidInputError } from '../errors';
import { requirePositive } from '../validation';
import { HANDBOOK, type RecoveryProvenance, computed, entered } from './provenance';

/** One arm of another trial that reports an SD for the same outcome and measure. */
export interface SdDonor {
  /** Identifies the trial (and arm) the SD is borrowed from; returned in `borrowedFrom`. */
  id: string;
  sd: number;
  n: number;
}

export type SdImputationMethod = 'largest' | 'pooled';

const FURUKAWA_2006 = 'Furukawa TA, Barbui C, Cipriani A, Brambilla P, Watanabe N. Imputing missing standard deviations in meta-analyses can provide accurate results. J Clin Epidemiol 2006;59:7–10';

/**
 * An SD for a trial that reports none, borrowed from trials that do.
 *
 * 'largest': SD = max SDᵢ (the conservative choice: the study gets the least weight any donor allows).
 * 'pooled':  SD = √(Σ(nᵢ − 1)·SDᵢ² / Σ(nᵢ − 1)), the donors' pooled within-arm SD.
 * Assumptions: the donors measured the same outcome on the same scale, in similar patients and at a
 * similar time point, so that the spread is comparable; the imputed SD is treated as if reported
 * (its uncertainty is ignored): mark the rows, and compare with the analysis without them.
 * Reference: Cochrane Handbook v6.5 §6.5.2.7 (no information on variability: impute, with a
 * sensitivity analysis); Furukawa et al., J Clin Epidemiol 2006;59:7–10.
 * Edge cases: at least one donor; SDs > 0; n ≥ 1, and Σ(nᵢ − 1) > 0 for 'pooled'. Ties for the
 * largest SD borrow from the first donor listed.
 */
export function imputeMissingSd(input: { donors: readonly SdDonor[]; method: SdImputationMethod }): {
  sd: number;
  borrowedFrom: string[];
  provenance: RecoveryProvenance;
} {
  const { donors, method } = input;
  if (method !== 'largest' && method !== 'pooled') {
    throw new InvalidInputError(`invalid SD imputation method: ${JSON.stringify(method)} (expected one of largest, pooled)`);
  }
  if (!Array.isArray(donors) || donors.length === 0) {
    throw new InvalidInputError('no other trial reports an SD for this outcome and measure: nothing to impute from');
  }
  donors.forEach((d) => {
    requirePositive(`SD of ${d.id}`, d.sd);
    requirePositive(`n of ${d.id}`, d.n);
  });
  const common = {
    reference: `${HANDBOOK}, §6.5.2.7; ${FURUKAWA_2006}`,
    assumptions: [
      'the donor trials measured the same outcome on the same scale in comparable patients, so their spread applies',
      'the imputed SD is used as if reported: its uncertainty is ignored (compare with the analysis without the imputed trials)',
    ],
    notes: [] as string[],
  };
  if (method === 'largest') {
    let best = donors[0] as SdDonor;
    for (const d of donors) if (d.sd > best.sd) best = d;
    return {
      sd: best.sd,
      borrowedFrom: [best.id],
      provenance: {
        method: 'sd-imputed-largest',
        methodName: 'SD imputed: the largest SD of the other trials',
        formula: `SD = max(${donors.map((d) => entered(d.sd)).join(', ')}) = ${entered(best.sd)} (${best.id})`,
        ...common,
      },
    };
  }
  const dfs = donors.reduce((s, d) => s + (d.n - 1), 0);
  if (!(dfs > 0)) throw new InvalidInputError(`the donors' Σ(n − 1) is ${dfs}: a pooled SD needs an arm with n ≥ 2`);
  const sd = Math.sqrt(donors.reduce((s, d) => s + (d.n - 1) * d.sd ** 2, 0) / dfs);
  return {
    sd,
    borrowedFrom: donors.map((d) => d.id),
    provenance: {
      method: 'sd-imputed-pooled',
      methodName: 'SD imputed: the pooled SD of the other trials',
      formula: `SD = √[(${donors.map((d) => `${entered(d.n - 1)} × ${entered(d.sd)}²`).join(' + ')}) / (${donors.map((d) => entered(d.n - 1)).join(' + ')})] = ${computed(sd)}`,
      ...common,
    },
  };
}
