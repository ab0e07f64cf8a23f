/**
 * The GRADE domains and the judgment words, apart from the rules (certainty.ts), so that the
 * address and the store (on the first load) read and write them without the rules' code.
 */
export type Domain = 'risk-of-bias' | 'inconsistency' | 'indirectness' | 'imprecision' | 'publication-bias';
export const DOMAINS: readonly Domain[] = ['risk-of-bias', 'inconsistency', 'indirectness', 'imprecision', 'publication-bias'];
export const DOMAIN_LABEL: Record<Domain, string> = {
  'risk-of-bias': 'Risk of bias',
  inconsistency: 'Inconsistency',
  indirectness: 'Indirectness',
  imprecision: 'Imprecision',
  'publication-bias': 'Publication bias',
};
/** Short codes for the address (`sof-ov=RR.relapse-free.imp:1:…`). */
export const DOMAIN_CODE: Record<Domain, string> = {
  'risk-of-bias': 'rob', inconsistency: 'inc', indirectness: 'ind', imprecision: 'imp', 'publication-bias': 'pub',
};

export type Downgrade = 0 | 1 | 2;
export type JudgmentLevel = 'low' | 'some' | 'high';
export const JUDGMENT_LABEL: Record<JudgmentLevel, string> = { low: 'low', some: 'some concerns', high: 'high' };

export interface TrialJudgment {
  level: JudgmentLevel;
  reason: string;
}

export interface DomainOverride {
  downgrade: Downgrade;
  reason: string;
}

