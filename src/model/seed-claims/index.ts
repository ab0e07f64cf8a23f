/** The seed review's claims checked against the evidence (pure; the view is views/summary/SeedClaims). */
export { toSeedClaims, monthlyDoseFoldRange, seedFourTrials, rrPlaceboTrials, studiesInScope, SEED_REVIEW_YEAR, SEED_REVIEW_ID, CLAIMED_FOLD } from './seed-claims';
export type { SeedClaim, SeedClaimsModel, ClaimAssessment, ClaimPart, Scope, DoseFoldRange, ArmDose } from './seed-claims';
export { VERDICTS, VERDICT_RULE, verdictOf, type Verdict, type PartFinding, type EffectSignal } from './verdict';
export type { EvidenceLine, LineGroup, Quote, StudyRef } from './evidence-lines';
