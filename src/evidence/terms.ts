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

/**
 * The publication years a study or synthesis may carry: from 1900 (controlled trials that
 * reviewers still pool go back to the 1930s–40s: metafor's dat.bcg starts in 1948) to next year
 * (a report in press). Anything outside is taken for a typo. One range for the schema, the CSV
 * import and the year filters, so that a study that can be imported can also be filtered.
 */
export const EARLIEST_YEAR = 1900;
export const latestYear = (now: Date = new Date()): number => now.getUTCFullYear() + 1;
export const isPlausibleYear = (n: number, now?: Date): boolean => Number.isInteger(n) && n >= EARLIEST_YEAR && n <= latestYear(now);
/** "a year from 1900 to 2027", for messages. */
export const yearRangeText = (now?: Date): string => `a year from ${EARLIEST_YEAR} to ${latestYear(now)}`;
