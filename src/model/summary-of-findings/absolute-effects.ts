/**
 * Absolute effects for a Summary of Findings table: from a relative effect (RR, OR, HR) or a risk
 * difference and an assumed control risk, the risk with IVIG, the difference per 1,000 patients
 * with its CI, and the number needed to treat written as Altman (1998) recommends.
 */

import { wholeNumberText } from './whole-number';

/** Measures that can be turned into an absolute effect at a control risk. */
export type AbsoluteMeasure = 'RR' | 'OR' | 'RD' | 'HR';

export const isAbsoluteMeasure = (m: string): m is AbsoluteMeasure => m === 'RR' || m === 'OR' || m === 'RD' || m === 'HR';

const clampRisk = (p: number) => Math.min(1, Math.max(0, p));

/**
 * The risk with treatment for an effect (display scale: a ratio, or a risk difference) at the
 * control risk `cr` (a proportion). Cochrane Handbook 5.1 §12.5.4 and v6.4 §14.1.5.1:
 * - RR:  cr · RR
 * - OR:  OR · cr / (1 − cr + OR · cr)
 * - RD:  cr + RD
 * - HR:  1 − (1 − cr)^HR  (proportional hazards over the same follow-up; Handbook v6.4 §14.1.5.1)
 * Clamped to [0, 1] (an RR above 1/cr would otherwise give a risk above 100%).
 */
export function riskWithTreatment(measure: AbsoluteMeasure, effect: number, cr: number): number {
  if (!(cr >= 0 && cr <= 1)) throw new RangeError(`control risk ${cr} is not a proportion between 0 and 1`);
  switch (measure) {
    case 'RR': return clampRisk(cr * effect);
    case 'OR': return clampRisk((effect * cr) / (1 - cr + effect * cr));
    case 'RD': return clampRisk(cr + effect);
    case 'HR': return clampRisk(1 - (1 - cr) ** effect);
  }
}

export interface AbsoluteEffect {
  /** Proportions. */
  controlRisk: number;
  riskWithIvig: number;
  /** Risk difference (IVIG − control) as a proportion, and its CI from the relative effect's CI. */
  difference: number;
  differenceLower: number;
  differenceUpper: number;
  /** The same per 1,000 patients, rounded to whole patients. */
  perThousand: { control: number; ivig: number; difference: number; lower: number; upper: number };
  /** "24 fewer per 1,000 (from 50 fewer to 3 more)" */
  text: string;
}

/**
 * The absolute effect at control risk `cr` of a relative effect with CI [lower, upper] (display
 * scale). The conversions are monotone increasing in the effect, so the CI bounds map to the CI
 * bounds of the risk difference (Handbook 5.1 §12.5.4.2).
 */
export function absoluteEffect(measure: AbsoluteMeasure, effect: { estimate: number; lower: number; upper: number }, cr: number): AbsoluteEffect {
  const difference = riskWithTreatment(measure, effect.estimate, cr) - cr;
  const a = riskWithTreatment(measure, effect.lower, cr) - cr;
  const b = riskWithTreatment(measure, effect.upper, cr) - cr;
  const [differenceLower, differenceUpper] = [Math.min(a, b), Math.max(a, b)];
  const per = (x: number) => Math.round(1000 * x) + 0; // + 0: no "-0"
  const perThousand = { control: per(cr), ivig: per(cr + difference), difference: per(difference), lower: per(differenceLower), upper: per(differenceUpper) };
  return { controlRisk: cr, riskWithIvig: cr + difference, difference, differenceLower, differenceUpper, perThousand, text: perThousandText(perThousand.difference, perThousand.lower, perThousand.upper) };
}

const amount = (n: number) => (n === 0 ? '0 fewer' : n < 0 ? `${wholeNumberText(-n)} fewer` : `${wholeNumberText(n)} more`);

/** GRADE's wording: "24 fewer per 1,000 (from 50 fewer to 3 more)". */
export function perThousandText(difference: number, lower: number, upper: number): string {
  return `${amount(difference)} per 1,000 (from ${amount(lower)} to ${amount(upper)})`;
}

export interface NumberNeeded {
  /** The point estimate: NNTB (benefit), NNTH (harm), or ∞ when the difference is 0. */
  kind: 'NNTB' | 'NNTH' | 'none';
  value: number | null;
  /** "NNTB 42 (95% CI 23 to 229)" or, when the CI crosses no effect, "NNTB 42 (95% CI NNTB 12 to ∞ to NNTH 50)". */
  text: string;
}

/**
 * The number needed to treat from a risk difference and its CI (proportions), with `benefitSign`
 * +1 when a higher risk is good for the patient (e.g. relapse-free) and −1 when it is bad.
 * NNT = 1/|RD|, rounded up to a whole patient (Cochrane Handbook 5.1 §12.5.4.1), and so are its CI
 * limits (conservatively). When the CI of the RD includes 0 the CI of the NNT is two disjoint
 * pieces through infinity, written as Altman (BMJ 1998;317:1309): "NNTB x to ∞ to NNTH y", x from
 * the limit on the side of benefit, y from the limit on the side of harm.
 * `interval` names the interval: 'CrI' when the limits are posterior quantiles (the Bayesian model;
 * 1/|RD| is monotone on each side of 0, so the limits are the NNT's posterior quantiles too).
 */
export function numberNeeded(difference: number, lower: number, upper: number, benefitSign: 1 | -1, level = 95, interval: 'CI' | 'CrI' = 'CI'): NumberNeeded {
  const b = difference * benefitSign;
  const [bLo, bHi] = benefitSign === 1 ? [lower, upper] : [-upper, -lower];
  const nn = (x: number) => Math.ceil(1 / Math.abs(x) - 1e-9);
  const ci = `${level}% ${interval}`;
  const kind: NumberNeeded['kind'] = b > 0 ? 'NNTB' : b < 0 ? 'NNTH' : 'none';
  const head = kind === 'none' ? 'NNT ∞' : `${kind} ${nn(b)}`;
  let range: string;
  if (bLo > 0) range = `${nn(bHi)} to ${nn(bLo)}`;
  else if (bHi < 0) range = `${nn(bLo)} to ${nn(bHi)}`;
  else {
    const benefitEnd = bHi > 0 ? `NNTB ${nn(bHi)}` : 'NNTB ∞';
    const harmEnd = bLo < 0 ? `NNTH ${nn(bLo)}` : 'NNTH ∞';
    range = `${benefitEnd} to ∞ to ${harmEnd}`;
  }
  return { kind, value: kind === 'none' ? null : nn(b), text: `${head} (${ci} ${range})` };
}
