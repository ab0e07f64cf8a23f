/** Published pooled results as rows for display beside our own analyses. */
import type { MaybeNumber, PooledResult, Synthesis } from '../evidence/schema';
import { OUTCOME_INFO } from '../evidence/vocabulary';

export interface PublishedResultRow {
  synthesisId: string;
  synthesis: string;
  citation: string;
  outcome: string;
  phase: string;
  measure: string;
  /** "OR 1.693 [1.205, 2.380]; p = 0.0001", with "not reported" where a part is missing. */
  result: string;
  scope: string;
  quote: string | null;
  notes: string[];
}

/** The number as the source prints it ("-0.00" stays "-0.00"), else its value. */
const text = (v: MaybeNumber) => (v.value === null ? null : v.valueText && /^[-−]?\d|x|×/.test(v.valueText) ? v.valueText : String(v.value));

const RATIO_NAME: Partial<Record<PooledResult['measure'], string>> = { OR: 'an odds ratio', RR: 'a risk ratio' };
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * What is impossible about a published result as printed: a ratio that is not above 0, an estimate
 * outside its own CI, a CI with one limit missing. The numbers are never changed (they are the
 * source's); the result is marked instead, and not drawn on an axis.
 */
export function printedResultProblems(r: PooledResult, { withReasons = false } = {}): string[] {
  const problems: string[] = [];
  const [est, lo, hi] = [r.estimate.value, r.ciLower.value, r.ciUpper.value];
  const ratio = RATIO_NAME[r.measure];
  if (ratio && [est, lo, hi].some((v) => v !== null && v <= 0)) problems.push(`not a valid ${r.measure}: ${ratio} is always above 0`);
  if (lo !== null && hi !== null && lo > hi) problems.push('its CI limits are in the wrong order');
  else if (est !== null && ((lo !== null && est < lo) || (hi !== null && est > hi))) problems.push('the estimate lies outside its CI');
  if (est !== null && (lo === null) !== (hi === null)) {
    const missing = lo === null ? r.ciLower : r.ciUpper;
    problems.push(`${lo === null ? 'lower' : 'upper'} CI limit missing${withReasons && missing.value === null ? ` (${lowerFirst(missing.reason).replace(/\.$/, '')})` : ''}`);
  }
  return problems;
}

/** "as printed; not a valid OR: …", or null for a result that is possible as printed. Short
 * unless `withReasons` (the source's reason for a missing limit), to fit a chart's line. */
export function printedResultCaveat(r: PooledResult, options: { withReasons?: boolean } = {}): string | null {
  const problems = printedResultProblems(r, options);
  return problems.length ? `as printed; ${problems.join('; ')}` : null;
}

export function formatPublishedResult(r: PooledResult): string {
  const est = text(r.estimate);
  const lo = text(r.ciLower);
  const hi = text(r.ciUpper);
  const p = text(r.pValue);
  let out = `${r.measure === 'unspecified' ? '' : `${r.measure} `}${est ?? 'estimate not reported'}`;
  if (lo !== null || hi !== null) out += ` [${lo ?? 'not given'}, ${hi ?? 'not given'}]`;
  else out += ' (CI not reported)';
  if (p !== null) out += `; p = ${p}`;
  const caveat = printedResultCaveat(r, { withReasons: true });
  if (caveat) out += ` (${caveat})`;
  return out;
}

export function toPublishedResultRows(syntheses: readonly Synthesis[]): PublishedResultRow[] {
  return syntheses.flatMap((s) =>
    s.pooledResults.map((r) => {
      const trials = r.trials.value;
      const participants = r.participants.value;
      const scope = [trials !== null ? `${trials} trials` : null, participants !== null ? `${participants} participants` : null].filter(Boolean).join(', ');
      const quoted = [r.estimate, r.pValue, r.ciLower].find((v) => v.value !== null);
      return {
        synthesisId: s.id,
        synthesis: s.label,
        citation: s.citation,
        outcome: `${OUTCOME_INFO[r.kind].label}${r.label ? ` — ${r.label}` : ''}`,
        phase: r.phase,
        measure: r.measure,
        result: formatPublishedResult(r),
        scope: scope || 'not reported',
        quote: quoted && quoted.value !== null ? quoted.quote : null,
        notes: r.notes,
      };
    }),
  );
}
