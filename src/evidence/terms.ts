/**
 * The controlled vocabularies whose lists the interface needs at run time (filter buttons, URL
 * checks). They live apart from schema.ts so that drawing a filter bar does not load zod: the
 * schema builds its enums from these same lists, so the two cannot drift.
 */
export const MS_PHASES = ['CIS', 'RR', 'SP', 'PP', 'PP+SP', 'unspecified'] as const;

export const SETTINGS = [
  'relapse-prevention',
  'progression',
  'acute-relapse',
  'established-deficit',
  'postpartum',
  'first-event',
] as const;

export const OUTCOME_KINDS = [
  'annualized-relapse-rate',
  'relapse-free',
  'relapse-count',
  'new-relapse',
  'time-to-first-relapse',
  'edss-change',
  'edss-score',
  'edss-improved',
  'edss-worsened',
  'sustained-progression',
  'time-to-confirmed-progression',
  'conversion-to-cdms',
  'mri-gd-lesions',
  'mri-t2-lesions',
  'mri-lesion-decrease',
  'mri-total-lesion-score',
  'mri-brain-volume',
  'mri-magnetization-transfer',
  'targeted-deficit-score',
  'impairment-scale',
  'visual-function',
  'muscle-strength',
  'motor-conduction',
  'adverse-events',
  'thromboembolic-events',
  'treatment-discontinued',
] as const;
