/**
 * The Bayesian rows of the method-sensitivity panel: the normal-normal model with a flat μ prior
 * and three τ priors a reviewer would try with few trials — half-normal(0.5), half-normal(1.0)
 * (Friede et al. 2017; Röver et al. 2021) and Turner et al.'s (2015) log-normal predictive prior
 * for "any outcome" (bayes-settings.ts says why that one). Each row: posterior median of μ, its
 * central credible interval, the posterior median of τ, the posterior predictive interval and
 * P(benefit). For raw differences (MD, RD) these priors have no meaning (their scale is a log
 * ratio's), so there are no Bayesian rows and the sentence says so.
 */
import { MetaAnalysisError } from '../../stats';
import { isRatioMeasure } from '../../evidence/to-effect-inputs';
import { bayesianFit } from '../bayesian/bayes-forest-fit';
import { TAU_PRIOR_PRESETS } from '../bayesian/bayes-settings';
import { rowFromAnalysisScale, type SensitivityInput, type SensitivityRow } from './method-sensitivity';

export const SENSITIVITY_PRIORS = ['half-normal-0.5', 'half-normal-1', 'turner-any'] as const;

export function bayesianSensitivityRows(input: SensitivityInput): SensitivityRow[] {
  if (input.measure === 'MD' || input.measure === 'RD') return [];
  const isRatio = isRatioMeasure(input.measure);
  return SENSITIVITY_PRIORS.map((id) => {
    const preset = TAU_PRIOR_PRESETS.find((p) => p.id === id)!;
    const base = {
      key: `bayes-${id}`, label: `Bayesian, τ ~ ${preset.label}`, shortLabel: `Bayes ${preset.label.replace(' log-normal (any)', '')}`,
      family: 'bayesian' as const, intervalKind: 'CrI' as const,
      call: `bayesmeta(y, sigma, mu.prior = c(mean = NA, sd = NA), tau.prior = ${rPrior(id)})`,
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
export function rPrior(id: string): string {
  if (id === 'half-normal-0.5') return 'function(t) dhalfnormal(t, scale = 0.5)';
  if (id === 'half-normal-1') return 'function(t) dhalfnormal(t, scale = 1)';
  if (id === 'half-cauchy-0.5') return 'function(t) dhalfcauchy(t, scale = 0.5)';
  return 'function(t) dlnorm(t^2, meanlog = -2.56, sdlog = 1.74) * 2 * t';
}
