/** Bayesian random-effects meta-analysis: the engine, its priors and their presets. */
export {
  type BayesianMetaAnalysisOptions,
  type BayesianMetaAnalysisResult,
  type PosteriorSummary,
  bayesianMetaAnalysis,
} from './bayesian-meta-analysis';
export {
  type MuPrior,
  type TauPrior,
  TAU_PRIOR_NAMES,
  muPriorDensity,
  tauPriorDensity,
  validateMuPrior,
  validateTauPrior,
} from './priors';
export {
  type PriorScale,
  type TauPriorPreset,
  type TurnerOutcomeType,
  TAU_PRIOR_PRESETS,
  TURNER_ANY,
  TURNER_OUTCOME_TYPES,
  TURNER_PHARMACOLOGICAL_VS_PLACEBO,
  tauPriorPreset,
  unitInformationPreset,
  unitInformationSd,
} from './prior-presets';
