/**
 * The meta-analysis engine's public API. Pure TypeScript: numbers in, typed results out; imports
 * nothing outside src/stats except @stdlib distribution functions.
 */
export type {
  EstimateWithTest,
  IterationControl,
  MetaAnalysisOptions,
  MetaAnalysisResult,
  PoolingMethod,
  PredictionDistribution,
  StudyEffect,
  Tau2Method,
  TestType,
} from './types';
export { POOLING_METHODS, TEST_TYPES, isKnappHartung } from './types';

export {
  type ArmData,
  type BinaryArms,
  type BinaryMeasure,
  type ContinuousArms,
  type ContinuousMeasure,
  type EffectMeasure,
  type EffectSize,
  type PersonTimeArms,
  type PersonTimeMeasure,
  EFFECT_MEASURES,
  effectSize,
  effectSizes,
  hedgesCorrectionFactor,
} from './effect-sizes';

export { metaAnalysis } from './meta-analysis';
export { type PooledEstimate, inverseVariancePooling } from './fixed-effect';
export {
  type Tau2Estimate,
  dersimonianLairdTau2,
  empiricalBayesTau2,
  estimateTau2,
  hedgesTau2,
  hunterSchmidtTau2,
  maximumLikelihoodTau2,
  pauleMandelTau2,
  remlTau2,
  sidikJonkmanTau2,
} from './tau2-estimators';
export {
  type HeterogeneityStatistics,
  type Tau2ConfidenceInterval,
  heterogeneityStatistics,
  qBasedI2,
  qProfileTau2Ci,
} from './heterogeneity';
export { type ModelData, interceptOnlyData } from './weighted-least-squares';
export { type MantelHaenszelMeasure, type MantelHaenszelResult, mantelHaenszel } from './mantel-haenszel';
export {
  type SubgroupAnalysisResult,
  type SubgroupDifferencesTest,
  type SubgroupEstimate,
  subgroupAnalysis,
  subgroupDifferences,
} from './subgroups';
export {
  type MetaRegressionOptions,
  type MetaRegressionPrediction,
  type MetaRegressionResult,
  type RegressionCoefficient,
  metaRegression,
} from './meta-regression';
export { cumulative, leaveOneOut } from './sensitivity';
export { type ContrastEstimate, type IndirectComparison, bucherIndirectComparison } from './indirect-comparison';
export { criticalValue } from './distributions';
export { ConvergenceError, InvalidInputError, MetaAnalysisError, NotEstimableError } from './errors';
export * from './effect-recovery';
export * from './bayesian';
export { type EggerTestResult, eggerTest } from './egger-test';
export { standardNormalQuantile } from './distributions';
