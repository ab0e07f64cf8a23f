/**
 * The fixed words of a claim's verdict and the rules that choose them. Every claim is split into
 * parts (what it asserts, piece by piece); each part gets a finding from the data, and the verdict
 * follows from the findings by one rule for every claim (`verdictOf`). The rules are stated here
 * once, and the same text is shown on screen (`VERDICT_RULE`), so the screen cannot say something
 * the code does not do.
 */

export const VERDICTS = ['consistent', 'partly consistent', 'not assessable', 'contradicted'] as const;
export type Verdict = (typeof VERDICTS)[number];

/**
 * What the data say about one part of a claim:
 * - `supports`: the data show what the part asserts;
 * - `contradicts`: the data show the opposite (an effect on the other side, a count below the one
 *   claimed, a fold range outside the one claimed);
 * - `inconclusive`: data exist but show neither (e.g. a pooled 95% CI that includes no effect);
 * - `no data`: nothing in the evidence set bears on the part.
 */
export type PartFinding = 'supports' | 'contradicts' | 'inconclusive' | 'no data';

/** The verdict rule, in the words shown on screen. */
export const VERDICT_RULE =
  'Each claim is split into its parts, and each part is checked against the data (supports, contradicts, inconclusive, or no data). ' +
  'consistent: every part is supported. ' +
  'contradicted: no part is supported and at least one is contradicted. ' +
  'partly consistent: at least one part is supported and at least one is not. ' +
  'not assessable: no part is supported or contradicted (every part inconclusive or without data).';

/**
 * The verdict from the parts' findings (rule: `VERDICT_RULE`).
 * - every part `supports` → consistent;
 * - none supports, ≥ 1 `contradicts` → contradicted;
 * - ≥ 1 supports and ≥ 1 does not → partly consistent;
 * - otherwise (all inconclusive or without data, or no parts) → not assessable.
 */
export function verdictOf(findings: readonly PartFinding[]): Verdict {
  const supported = findings.filter((f) => f === 'supports').length;
  const contradicted = findings.some((f) => f === 'contradicts');
  if (findings.length > 0 && supported === findings.length) return 'consistent';
  if (supported === 0 && contradicted) return 'contradicted';
  if (supported > 0) return 'partly consistent';
  return 'not assessable';
}

/** Which way an effect points, from a CI (or, when there is none, the source's stated direction). */
export type EffectSignal = 'favours IVIG' | 'favours control' | 'no difference shown';

/**
 * A part that claims an effect was demonstrated ("IVIG reduces the relapse rate"): shown in IVIG's
 * favour → supports; shown in the control's favour → contradicts; no difference shown →
 * inconclusive; no signal at all → no data.
 */
export function benefitClaimFinding(signals: readonly (EffectSignal | null)[]): PartFinding {
  const known = signals.filter((s): s is EffectSignal => s !== null);
  if (known.length === 0) return 'no data';
  if (known.some((s) => s === 'favours control')) return 'contradicts';
  if (known.every((s) => s === 'favours IVIG')) return 'supports';
  return 'inconclusive';
}

/**
 * A part that claims no benefit ("IVIG is without beneficial effects", "none could confirm"):
 * any effect shown in IVIG's favour → contradicts; otherwise (no difference, or the control
 * favoured) → supports; no signal → no data.
 */
export function noBenefitClaimFinding(signals: readonly (EffectSignal | null)[]): PartFinding {
  const known = signals.filter((s): s is EffectSignal => s !== null);
  if (known.length === 0) return 'no data';
  return known.some((s) => s === 'favours IVIG') ? 'contradicts' : 'supports';
}

/**
 * A claimed number of trials ("four", "three") against the number the data hold: at least as many
 * → supports (the abstract does not name its trials, so more candidates do not contradict it);
 * fewer (but some) → contradicts; none → no data.
 */
export function trialCountFinding(claimed: number, found: number): PartFinding {
  if (found === 0) return 'no data';
  return found >= claimed ? 'supports' : 'contradicts';
}

/** The band around a claimed fold range within which the claim counts as borne out: × or ÷ 2. */
export const FOLD_TOLERANCE = 2;

/**
 * A claimed fold range of doses ("varied 10-fold") against the fold computed from the arms' monthly
 * doses: within a factor of `FOLD_TOLERANCE` (10-fold: from 5 to 20, bounds included) → supports;
 * outside → contradicts; fewer than two arms with a dose (fold null) → no data.
 */
export function foldRangeFinding(claimedFold: number, fold: number | null): PartFinding {
  if (fold === null) return 'no data';
  return fold >= claimedFold / FOLD_TOLERANCE && fold <= claimedFold * FOLD_TOLERANCE ? 'supports' : 'contradicts';
}

/**
 * An adjusted indirect comparison against a claim of comparability ("seems comparable"): the 95% CI
 * includes no difference → supports (no difference shown; not proof of equivalence); the CI excludes
 * it, either way → contradicts (the effects differ); not estimable (null) → no data.
 */
export function comparabilityFinding(ci: { lower: number; upper: number; nullValue: number } | null): PartFinding {
  if (ci === null) return 'no data';
  return ci.lower <= ci.nullValue && ci.upper >= ci.nullValue ? 'supports' : 'contradicts';
}
