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
