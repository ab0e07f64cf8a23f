/**
 * The Bayesian part of the forest plot: the pooled row (posterior median of μ and its central
 * credible interval as a diamond, the posterior predictive interval as the PI bar), the shrunken
 * study estimates (θᵢ | data), and the probability statements a clinician asks for:
 * P(benefit) = P(μ on the "favours IVIG" side of no effect) and P(μ beyond a threshold).
 *
 * Built from the forest's own included study effects (`sensitivityInputFromForest`), in the
 * forest's orientation, so the Bayesian row pools exactly the rows drawn above it. The numbers
 * are the engine's `bayesianMetaAnalysis` (src/stats/bayesian), exact by quadrature.
 */
import { MetaAnalysisError, type BayesianMetaAnalysisResult } from '../../stats';
import { bayesianFit } from './bayes-forest-fit';
import { isRatioMeasure, type AnalysisMeasure } from '../../evidence/to-effect-inputs';
import { effectText, formatEffectValue } from '../effect-format';
import type { ForestModel } from '../forest-model';
import { sensitivityInputFromForest, type SensitivityInput } from '../method-sensitivity/method-sensitivity';
import { TAU_PRIOR_PRESETS } from './bayes-settings';

export interface BayesianChoices {
  tauPrior: string;
  muPrior: string;
  /** Display scale (e.g. 0.8 for RR < 0.8); null: no threshold statement. */
  threshold: number | null;
  flipDirection: boolean;
  level: number;
}

export interface ShrunkenEstimate {
  studyId: string;
  /** Analysis scale. */
  yi: number;
  yiLower: number;
  yiUpper: number;
  text: string;
}

export interface BayesianForestRow {
  k: number;
  measure: AnalysisMeasure;
  /** "Bayesian (τ ~ half-normal(0.5), μ ~ flat)" */
  label: string;
  priorText: string;
  priorSource: string;
  level: number;
  /** Display scale: posterior median and central credible interval of μ. */
  estimate: number;
  lower: number;
  upper: number;
  yi: number;
  yiLower: number;
  yiUpper: number;
  /** Posterior predictive interval of θ_new. */
  piLower: number;
  piUpper: number;
  yiPiLower: number;
  yiPiUpper: number;
  tau: { median: number; lower: number; upper: number };
  effectText: string;
  /** "0.49 [0.30, 0.80]; τ 0.21 [0.01, 0.79]" */
  summaryText: string;
  probabilityOfBenefit: number;
  /** "P(OR > 1) = 0.97" */
  benefitText: string;
  threshold: { value: number; probability: number; text: string } | null;
  shrunken: ShrunkenEstimate[];
  result: BayesianMetaAnalysisResult;
  /** On the analysis scale: the effect that favours IVIG is below 0 (else above). */
  lowerFavoursIvig: boolean;
}

const SYMBOL: Record<AnalysisMeasure, string> = { RR: 'RR', OR: 'OR', RD: 'RD', MD: 'MD', SMD: 'SMD', HR: 'HR', RateRatio: 'rate ratio' };

/** The presets are for log ratios and SMDs; a raw difference (MD, RD) needs a scale in its own unit. */
export function presetApplies(measure: AnalysisMeasure, tauPrior: string): string | null {
  const preset = TAU_PRIOR_PRESETS.some((p) => p.id === tauPrior);
  if (preset && (measure === 'MD' || measure === 'RD')) {
    return `the τ prior presets are for log ratios and SMDs; for a ${measure === 'MD' ? 'mean' : 'risk'} difference set a custom scale in the outcome's own unit (e.g. tau-prior=half-normal:<scale>)`;
  }
  return null;
}

/** "P(OR > 1.25)" or "P(RR < 0.8)": the side of the threshold that favours IVIG. */
function probabilityLabel(measure: AnalysisMeasure, lowerFavoursIvig: boolean, value: number, isRatio: boolean): string {
  return `P(${SYMBOL[measure]} ${lowerFavoursIvig ? '<' : '>'} ${formatEffectValue(value, isRatio ? 'ratio' : 'difference').replace(/\.?0+$/, '') || '0'})`;
}

/**
 * The Bayesian row of a forest, or why there is none (nothing included, a preset on a raw
 * difference scale, or a prior the engine rejects: its InvalidInputError's message). Pools the
 * forest's included rows in its orientation.
 */
export function toBayesianForestRow(forest: ForestModel, c: BayesianChoices): { row: BayesianForestRow | null; reason: string | null } {
  return toBayesianRow(sensitivityInputFromForest(forest, { flipDirection: c.flipDirection, level: c.level }), c);
}

/**
 * The Bayesian pooled row of a set of study effects (a forest's included rows, or a phase
 * comparison's cell), or why there is none. P(benefit) = P(μ < 0) when an effect below the null
 * favours IVIG, else 1 − P(μ < 0); the threshold likewise on its IVIG side. What the engine
 * rejects (any MetaAnalysisError) becomes the reason, so a failed fit never blanks a view.
 */
export function toBayesianRow(input: SensitivityInput, c: BayesianChoices): { row: BayesianForestRow | null; reason: string | null } {
  try {
    return bayesianRowOf(input, c);
  } catch (e) {
    if (e instanceof MetaAnalysisError) return { row: null, reason: e.message };
    throw e;
  }
}

function bayesianRowOf(input: SensitivityInput, c: BayesianChoices): { row: BayesianForestRow | null; reason: string | null } {
  if (input.studies.length === 0) return { row: null, reason: 'no study included: nothing to pool' };
  const notForScale = presetApplies(input.measure, c.tauPrior);
  if (notForScale) return { row: null, reason: notForScale };
  const { result, priorText, priorSource } = bayesianFit(input, c.tauPrior, c.muPrior);
  const isRatio = isRatioMeasure(input.measure);
  const t = (x: number) => (isRatio ? Math.exp(x) : x);
  const scale = isRatio ? 'ratio' : 'difference';
  const below0 = result.probabilityBelow(0);
  const pBenefit = input.lowerFavoursIvig ? below0 : 1 - below0;
  let threshold: BayesianForestRow['threshold'] = null;
  if (c.threshold !== null && (!isRatio || c.threshold > 0)) {
    const at = isRatio ? Math.log(c.threshold) : c.threshold;
    const below = result.probabilityBelow(at);
    const probability = input.lowerFavoursIvig ? below : 1 - below;
    threshold = { value: c.threshold, probability, text: `${probabilityLabel(input.measure, input.lowerFavoursIvig, c.threshold, isRatio)} = ${probability.toFixed(3)}` };
  }
  const ids = input.studies.map((s) => s.studyId ?? s.label);
  const mu = result.mu;
  const tau = result.tau;
  return {
    reason: null,
    row: {
      k: result.k,
      measure: input.measure,
      label: `Bayesian (${priorText})`,
      priorText,
      priorSource,
      level: c.level,
      estimate: t(mu.median), lower: t(mu.lower), upper: t(mu.upper),
      yi: mu.median, yiLower: mu.lower, yiUpper: mu.upper,
      piLower: t(result.prediction.lower), piUpper: t(result.prediction.upper),
      yiPiLower: result.prediction.lower, yiPiUpper: result.prediction.upper,
      tau: { median: tau.median, lower: tau.lower, upper: tau.upper },
      effectText: effectText(t(mu.median), t(mu.lower), t(mu.upper), scale),
      summaryText: `${effectText(t(mu.median), t(mu.lower), t(mu.upper), scale)} (posterior median, ${c.level}% CrI); τ ${tau.median.toFixed(2)} [${tau.lower.toFixed(2)}, ${tau.upper.toFixed(2)}]; ${c.level}% predictive interval ${effectText(t(result.prediction.lower), t(result.prediction.lower), t(result.prediction.upper), scale).replace(/^\S+ /, '')}`,
      probabilityOfBenefit: pBenefit,
      benefitText: `${probabilityLabel(input.measure, input.lowerFavoursIvig, isRatio ? 1 : 0, isRatio)} = ${pBenefit.toFixed(3)}`,
      threshold,
      shrunken: result.studies.map((s, i) => ({ studyId: ids[i]!, yi: s.median, yiLower: s.lower, yiUpper: s.upper, text: effectText(t(s.median), t(s.lower), t(s.upper), scale) })),
      result,
      lowerFavoursIvig: input.lowerFavoursIvig,
    },
  };
}
