/**
 * The Bayesian rows of the method-sensitivity panel: the normal-normal model with a flat μ prior
 * and three τ priors a reviewer would try with few trials — half-normal(0.5), half-normal(1.0)
 * (Friede et al. 2017; Röver et al. 2021) and Turner et al.'s (2015) log-normal predictive prior
 * for the outcome's type (pharmacological vs placebo; turner-outcome-types.ts says which type and
 * why), or their marginal "any outcome" prior where no type is assigned. Each row: posterior median of μ, its
 * central credible interval, the posterior median of τ, the posterior predictive interval and
 * P(benefit). For raw differences (MD, RD) these priors have no meaning (their scale is a log
 * ratio's), so there are no Bayesian rows and the sentence says so.
 */
import { MetaAnalysisError } from '../../stats';
import { isRatioMeasure } from '../../evidence/to-effect-inputs';
import { bayesianFit } from '../bayesian/bayes-forest-fit';
import { TAU_PRIOR_PRESETS, shortPriorLabel, type TauPriorSpec } from '../bayesian/bayes-settings';
import { turnerPresetFor } from '../turner-outcome-types';
import { rowFromAnalysisScale, type SensitivityInput, type SensitivityRow } from './method-sensitivity';

/** The presets of the panel's Bayesian rows for an outcome. */
export function sensitivityPriors(outcome: SensitivityInput['outcome']): string[] {
  const turner = outcome ? turnerPresetFor(outcome) : null;
  return ['half-normal-0.5', 'half-normal-1.0', turner?.id ?? 'turner-any'];
}

export function bayesianSensitivityRows(input: SensitivityInput): SensitivityRow[] {
  if (input.measure === 'MD' || input.measure === 'RD') return [];
  const isRatio = isRatioMeasure(input.measure);
  return sensitivityPriors(input.outcome).map((id) => {
    const preset = TAU_PRIOR_PRESETS.find((p) => p.id === id)!;
    const turner = id.startsWith('turner');
    const base = {
      key: `bayes-${turner ? 'turner' : id}`,
      label: `Bayesian, τ ~ ${turner ? `Turner 2015 (${id === 'turner-any' ? 'any outcome' : 'outcome type'})` : shortPriorLabel(preset.prior)}`,
      shortLabel: `Bayes ${turner ? 'Turner' : shortPriorLabel(preset.prior).replace('half-normal', 'HN').replace('half-Cauchy', 'HC')}`,
      family: 'bayesian' as const, intervalKind: 'CrI' as const,
      call: `bayesmeta(y, sigma, mu.prior = c(mean = NA, sd = NA), tau.prior = ${rPrior(preset.prior)}) # ${preset.source}`,
    };
    try {
      const { result } = bayesianFit(input, id, 'flat');
      const below0 = result.probabilityBelow(0);
      return rowFromAnalysisScale(base, isRatio, {
        estimate: result.mu.median, lower: result.mu.lower, upper: result.mu.upper,
        tau: result.tau.median, piLower: result.prediction.lower, piUpper: result.prediction.upper,
        probabilityOfBenefit: input.lowerFavoursIvig ? below0 : 1 - below0,
      });
    } catch (e) {
      if (!(e instanceof MetaAnalysisError)) throw e;
      return { ...rowFromAnalysisScale(base, isRatio, { estimate: 0, lower: 0, upper: 0, tau: null, piLower: null, piUpper: null }), estimate: null, lower: null, upper: null, yi: null, yiLower: null, yiUpper: null, text: 'not estimable', note: e.message };
    }
  });
}

/** The prior as bayesmeta's tau.prior argument (a density function of τ). */
export function rPrior(prior: TauPriorSpec): string {
  if (prior.name === 'halfNormal') return `function(t) dhalfnormal(t, scale = ${prior.scale})`;
  if (prior.name === 'halfCauchy') return `function(t) dhalfcauchy(t, scale = ${prior.scale})`;
  return `function(t) dlnorm(t^2, meanlog = ${prior.meanLog}, sdlog = ${prior.sdLog}) * 2 * t`;
}
