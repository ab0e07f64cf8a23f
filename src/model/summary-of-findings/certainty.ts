/**
 * GRADE certainty of the evidence, one small rule per domain, each returning how many levels it
 * suggests rating down and the reasons (the table's footnotes). Randomised trials start at high
 * (GRADE guideline 3, Balshem et al. 2011). Where a rule exists it is applied to the numbers; where
 * GRADE asks for judgment (risk of bias, indirectness) the user's per-trial judgments are combined
 * by a stated rule; every suggestion can be overridden with a reason, and the override is shown.
 */

import type { Domain, DomainOverride, Downgrade, JudgmentLevel, TrialJudgment } from './domains';
import { JUDGMENT_LABEL } from './domains';

export * from './domains';

export interface DomainRating {
  domain: Domain;
  /** rated: the rule applied; not-assessable: the data cannot tell (one trial, < 10 trials); not-assessed: judgments missing. */
  status: 'rated' | 'not-assessable' | 'not-assessed';
  /** What the rule suggests. */
  suggested: Downgrade;
  /** What applies: the override when there is one, else the suggestion. */
  applied: Downgrade;
  override: DomainOverride | null;
  /** One sentence per reason, with the numbers (footnotes). */
  reasons: string[];
}

export function rating(domain: Domain, status: DomainRating['status'], suggested: Downgrade, reasons: string[], override: DomainOverride | null = null): DomainRating {
  return { domain, status, suggested, applied: override ? override.downgrade : suggested, override, reasons };
}

const pct = (x: number) => `${Math.round(x)}%`;

/**
 * Risk of bias (GRADE guideline 4, Guyatt et al. 2011) and indirectness (guideline 8) from per-trial
 * judgments, weighted as the pooled analysis weights the trials. Our stated rule:
 * - any included trial not yet judged → not assessed (nothing rated down; certainty provisional);
 * - trials judged "high" carry ≥ 50% of the weight → rate down twice (very serious);
 * - trials judged "high" or "some concerns" carry ≥ 50% → rate down once (serious);
 * - otherwise not rated down.
 * `trials`: the included trials with their weight (percent; null when unknown, then equal weights).
 */
export function judgedDomain(
  domain: 'risk-of-bias' | 'indirectness',
  trials: readonly { studyId: string; label: string; weightPercent: number | null }[],
  judgments: Readonly<Record<string, TrialJudgment>>,
  override: DomainOverride | null = null,
): DomainRating {
  const what = domain === 'risk-of-bias' ? 'risk of bias' : 'indirectness';
  const missing = trials.filter((t) => !judgments[t.studyId]);
  if (trials.length === 0) return rating(domain, 'not-assessable', 0, ['No trial included.'], override);
  if (missing.length > 0) {
    return rating(domain, 'not-assessed', 0, [`${what[0]!.toUpperCase()}${what.slice(1)} not assessed: no judgment yet for ${missing.map((t) => t.label).join(', ')}. Certainty is provisional until every trial is judged.`], override);
  }
  const weights = trials.map((t) => t.weightPercent);
  const equal = weights.some((w) => w === null || !Number.isFinite(w));
  const total = equal ? trials.length : weights.reduce<number>((a, w) => a + (w as number), 0);
  const share = (levels: JudgmentLevel[]) => 100 * trials.reduce((a, t, i) => a + (levels.includes(judgments[t.studyId]!.level) ? (equal ? 1 : (weights[i] as number)) : 0), 0) / total;
  const high = share(['high']);
  const concerns = share(['high', 'some']);
  const listed = trials.map((t) => `${t.label}: ${JUDGMENT_LABEL[judgments[t.studyId]!.level]}${judgments[t.studyId]!.reason ? ` (${judgments[t.studyId]!.reason})` : ''}`).join('; ');
  const basis = equal ? 'of the trials (weights unknown: counted equally)' : 'of the weight';
  if (high >= 50) return rating(domain, 'rated', 2, [`Very serious ${what}: trials judged high carry ${pct(high)} ${basis} (rule: ≥ 50% high → −2). ${listed}.`], override);
  if (concerns >= 50) return rating(domain, 'rated', 1, [`Serious ${what}: trials judged high or some concerns carry ${pct(concerns)} ${basis} (rule: ≥ 50% → −1). ${listed}.`], override);
  return rating(domain, 'rated', 0, [`Not serious: trials with concerns carry ${pct(concerns)} ${basis} (< 50%). ${listed}.`], override);
}

export interface InconsistencyInput {
  k: number;
  /** Percent, as the analysis prints it; null when k < 2. */
  I2: number | null;
  /** Prediction interval on the analysis scale (null under a common-effect model or k < 2). */
  piLower: number | null;
  piUpper: number | null;
  /** Point estimates of the trials on the analysis scale (log ratio or difference); no effect is 0. */
  estimates: readonly number[];
  I2Basis: string | null;
}

/**
 * Inconsistency (GRADE guideline 7, Guyatt et al. 2011): I², the prediction interval and whether
 * point estimates lie on both sides of no effect. Our stated rule:
 * - k < 2 → not assessable (one trial: there is nothing to be inconsistent with);
 * - I² ≥ 75% and point estimates on both sides of no effect → −2;
 * - I² ≥ 50% and (point estimates on both sides, or the prediction interval includes no effect
 *   while the pooled CI does not need to) → −1;
 * - otherwise not rated down.
 */
export function inconsistencyDomain(x: InconsistencyInput, override: DomainOverride | null = null): DomainRating {
  if (x.k < 2 || x.I2 === null) return rating('inconsistency', 'not-assessable', 0, [`Inconsistency not assessable: ${x.k === 1 ? 'one trial' : 'fewer than two trials'}.`], override);
  const bothSides = x.estimates.some((e) => e < 0) && x.estimates.some((e) => e > 0);
  const piCrosses = x.piLower !== null && x.piUpper !== null && x.piLower < 0 && x.piUpper > 0;
  const facts = [
    `I² = ${pct(x.I2)}${x.I2Basis ? ` (${x.I2Basis})` : ''}`,
    bothSides ? 'point estimates on both sides of no effect' : 'point estimates on one side of no effect',
    x.piLower === null ? 'no prediction interval (common-effect model)' : piCrosses ? 'the prediction interval includes no effect' : 'the prediction interval excludes no effect',
  ].join('; ');
  if (x.I2 >= 75 && bothSides) return rating('inconsistency', 'rated', 2, [`Very serious inconsistency: ${facts} (rule: I² ≥ 75% with estimates on both sides → −2).`], override);
  if (x.I2 >= 50 && (bothSides || piCrosses)) return rating('inconsistency', 'rated', 1, [`Serious inconsistency: ${facts} (rule: I² ≥ 50% with estimates on both sides or a prediction interval across no effect → −1).`], override);
  return rating('inconsistency', 'rated', 0, [`Not serious: ${facts}.`], override);
}

export interface ImprecisionInput {
  /** The CI on a scale where no effect is 0 and the thresholds are given on the same scale. */
  lower: number;
  upper: number;
  /** Thresholds of importance on that scale (null when none is set, e.g. a mean difference). */
  thresholdLow: number | null;
  thresholdHigh: number | null;
  /** "per 1,000", "RR" …, for the sentences. */
  describe: (x: number) => string;
  participants: number | null;
  /** Optimal information size (total patients), null when it cannot be computed (then it says why). */
  ois: number | null;
  oisNote: string;
  /** 'CrI' when the limits are posterior quantiles (Bayesian model); default 'CI'. */
  interval?: 'CI' | 'CrI';
}

/**
 * Imprecision (GRADE guideline 6, Guyatt et al. 2011; guidance 34, Zeng et al. 2022). Our rule:
 * - the CI crosses both thresholds of importance → −2 (it includes important benefit and important harm);
 * - the CI crosses no effect or one threshold → −1;
 * - fewer patients than the OIS → −1; fewer than half the OIS (far below; our threshold) → −2;
 * the larger of the two, at most −2.
 */
export function imprecisionDomain(x: ImprecisionInput, override: DomainOverride | null = null): DomainRating {
  const crosses = (t: number | null) => t !== null && x.lower < t && x.upper > t;
  const crossesNull = x.lower < 0 && x.upper > 0;
  const low = crosses(x.thresholdLow);
  const high = crosses(x.thresholdHigh);
  const reasons: string[] = [];
  let ci: Downgrade = 0;
  const ciText = `${x.interval ?? 'CI'} ${x.describe(x.lower)} to ${x.describe(x.upper)}`;
  const thresholds = x.thresholdLow !== null && x.thresholdHigh !== null ? ` (thresholds ${x.describe(x.thresholdLow)} and ${x.describe(x.thresholdHigh)})` : '';
  if (low && high) {
    ci = 2;
    reasons.push(`The ${ciText} crosses both thresholds of importance${thresholds}: −2.`);
  } else if (crossesNull || low || high) {
    ci = 1;
    reasons.push(`The ${ciText} ${[crossesNull && 'crosses no effect', (low || high) && 'crosses a threshold of importance'].filter(Boolean).join(' and ')}${thresholds}: −1.`);
  } else {
    reasons.push(`The ${ciText} crosses neither no effect nor a threshold${thresholds}.`);
  }
  let size: Downgrade = 0;
  if (x.ois === null || x.participants === null) {
    reasons.push(x.participants === null ? `Number of patients unknown: OIS not checked. ${x.oisNote}` : x.oisNote);
  } else if (x.participants < x.ois / 2) {
    size = 2;
    reasons.push(`${x.participants} patients, far below the optimal information size of ${x.ois} (under half; ${x.oisNote}): −2.`);
  } else if (x.participants < x.ois) {
    size = 1;
    reasons.push(`${x.participants} patients, below the optimal information size of ${x.ois} (${x.oisNote}): −1.`);
  } else {
    reasons.push(`${x.participants} patients meet the optimal information size of ${x.ois} (${x.oisNote}).`);
  }
  const suggested = Math.max(ci, size) as Downgrade;
  return rating('imprecision', 'rated', suggested, [`${suggested === 0 ? 'Not serious' : suggested === 1 ? 'Serious' : 'Very serious'} imprecision. ${reasons.join(' ')}`], override);
}

/** Trials needed before funnel-plot asymmetry is assessed (Cochrane Handbook v6.4 §13.3.5.4). */
export const PUBLICATION_BIAS_MIN_TRIALS = 10;
/** Egger et al. 1997 used p < 0.10 for asymmetry. */
export const EGGER_ALPHA = 0.1;

/**
 * Publication bias (GRADE guideline 5, Guyatt et al. 2011). With fewer than 10 trials the funnel
 * plot and tests cannot tell (not assessable, said so); with 10 or more, Egger's test p < 0.10
 * suggests rating down once.
 */
export function publicationBiasDomain(k: number, egger: { statistic: number; df: number; pValue: number } | null, override: DomainOverride | null = null): DomainRating {
  if (k < PUBLICATION_BIAS_MIN_TRIALS || egger === null) {
    return rating('publication-bias', 'not-assessable', 0, [`Publication bias not assessable: ${k} ${k === 1 ? 'trial' : 'trials'} (a funnel plot and Egger's test need at least ${PUBLICATION_BIAS_MIN_TRIALS}).`], override);
  }
  const text = `Egger's test t(${egger.df}) = ${egger.statistic.toFixed(2)}, p = ${egger.pValue.toFixed(3)}`;
  if (egger.pValue < EGGER_ALPHA) return rating('publication-bias', 'rated', 1, [`Publication bias suspected: ${text} (< ${EGGER_ALPHA}, funnel plot asymmetric): −1.`], override);
  return rating('publication-bias', 'rated', 0, [`Not detected: ${text} (≥ ${EGGER_ALPHA}).`], override);
}

export type CertaintyLevel = 1 | 2 | 3 | 4;
export const CERTAINTY_LABEL: Record<CertaintyLevel, string> = { 4: 'HIGH', 3: 'MODERATE', 2: 'LOW', 1: 'VERY LOW' };
export const CERTAINTY_SYMBOLS: Record<CertaintyLevel, string> = { 4: '⊕⊕⊕⊕', 3: '⊕⊕⊕◯', 2: '⊕⊕◯◯', 1: '⊕◯◯◯' };

export interface Certainty {
  level: CertaintyLevel;
  label: string;
  symbols: string;
  /** Risk of bias or indirectness not yet judged for every trial. */
  provisional: boolean;
}

/** Start at high (randomised trials) and rate down by each domain's applied levels; never below very low. */
export function certaintyOf(domains: readonly DomainRating[]): Certainty {
  const down = domains.reduce((a, d) => a + d.applied, 0);
  const level = Math.max(1, 4 - down) as CertaintyLevel;
  const provisional = domains.some((d) => d.status === 'not-assessed' && d.override === null);
  return { level, label: CERTAINTY_LABEL[level], symbols: CERTAINTY_SYMBOLS[level], provisional };
}
