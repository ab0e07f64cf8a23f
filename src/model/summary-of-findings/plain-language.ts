/**
 * GRADE's informative statements (Santesso et al., "GRADE guidelines 26: informative statements to
 * communicate the findings of systematic reviews of interventions", J Clin Epidemiol 2020;119:126–35,
 * Table 2): the certainty sets the verb ("results in" / "probably" / "may" / "the evidence is very
 * uncertain"), the size of the effect whether it is a reduction, an increase or "little to no
 * difference".
 */
import type { OutcomeKind } from '../../evidence/schema';
import type { CertaintyLevel } from './certainty';

const PHRASE: Partial<Record<OutcomeKind, string>> = {
  'relapse-free': 'the number of patients free of relapses',
  'new-relapse': 'new relapses',
  'annualized-relapse-rate': 'the annualised relapse rate',
  'relapse-count': 'the number of relapses',
  'edss-worsened': 'worsening on the EDSS',
  'edss-improved': 'improvement on the EDSS',
  'sustained-progression': 'sustained progression',
  'time-to-confirmed-progression': 'the risk of confirmed progression',
  'time-to-first-relapse': 'the time to the first relapse',
  'conversion-to-cdms': 'conversion to clinically definite MS',
  'edss-change': 'the change in EDSS from baseline',
  'mri-gd-lesions': 'gadolinium-enhancing lesions',
  'mri-t2-lesions': 'T2 lesions',
  'mri-brain-volume': 'the change in brain volume',
  'adverse-events': 'adverse events',
  'thromboembolic-events': 'thromboembolic events',
  'treatment-discontinued': 'discontinuation of treatment',
};

/** The outcome as the statement's object: "IVIG may reduce worsening on the EDSS". */
export const outcomePhrase = (kind: OutcomeKind, fallback: string) => PHRASE[kind] ?? fallback;

/** What the effect is: an important change in one direction, or little to none. */
export type EffectSize = 'reduction' | 'increase' | 'little-or-none';

/**
 * Our size rule (stated on the page): with thresholds of importance (a ratio's, or absolute ones at
 * the control risk), a point estimate beyond a threshold is an important reduction or increase and
 * one between them is "little to no difference"; without thresholds (a mean difference with no
 * minimal important difference), a CI that excludes no effect gives the direction and one that
 * includes it "little to no difference".
 */
export function effectSize(x: { estimate: number; lower: number; upper: number; thresholdLow: number | null; thresholdHigh: number | null }): EffectSize {
  if (x.thresholdLow !== null && x.thresholdHigh !== null) {
    if (x.estimate <= x.thresholdLow) return 'reduction';
    if (x.estimate >= x.thresholdHigh) return 'increase';
    return 'little-or-none';
  }
  if (x.upper < 0) return 'reduction';
  if (x.lower > 0) return 'increase';
  return 'little-or-none';
}

/** "IVIG probably increases relapse-free patients." */
export function plainLanguageStatement(level: CertaintyLevel, size: EffectSize, outcome: string, intervention = 'IVIG'): string {
  if (level === 1) return `The evidence is very uncertain about the effect of ${intervention} on ${outcome}.`;
  const verb: Record<Exclude<CertaintyLevel, 1>, Record<EffectSize, string>> = {
    4: { reduction: 'reduces', increase: 'increases', 'little-or-none': 'results in little to no difference in' },
    3: { reduction: 'probably reduces', increase: 'probably increases', 'little-or-none': 'probably results in little to no difference in' },
    2: { reduction: 'may reduce', increase: 'may increase', 'little-or-none': 'may result in little to no difference in' },
  };
  return `${intervention} ${verb[level][size]} ${outcome}.`;
}
