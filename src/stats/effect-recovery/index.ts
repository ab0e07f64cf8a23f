/**
 * Effect recovery: the arithmetic reviewers do by hand to bring a reported number into a
 * meta-analysis (Cochrane Handbook v6.5 chapters 6 and 23; Wan et al. 2014; Luo et al. 2018).
 * Each function returns its value(s) with a `provenance` (method id, name, formula with the numbers,
 * reference, assumptions, notes) for the rows and exports that use it.
 */
export {
  type RecoveryMethodId,
  type RecoveryProvenance,
} from './provenance';
export {
  type RecoveredArmSd,
  type RecoveredStandardError,
  SMALL_ARM,
  sdFromArmCi,
  seFromDifferenceCi,
  seFromRatioCi,
} from './se-from-ci';
export { type PValueRelation, type RecoveredStandardErrorFromP, seFromEstimateAndP } from './se-from-p';
export { type ArmCounts, type ArmMeanSd, combineArmCounts, combineArmMeans, combineTwoGroupMeans } from './combine-arms';
export {
  type CrossoverMeanDifference,
  type PeriodSummary,
  crossoverAsParallel,
  crossoverPairedMeanDifference,
  crossoverPairedSmd,
} from './crossover';
export {
  type MedianScenario,
  type MedianSummary,
  LUO_2018,
  MEDIAN_MIN_N,
  WAN_2014,
  meanFromMedian,
  meanSdFromMedian,
  sdFromMedian,
  wanEta,
  wanXi,
} from './median-to-mean-sd';
export { type SdDonor, type SdImputationMethod, imputeMissingSd } from './impute-sd';
