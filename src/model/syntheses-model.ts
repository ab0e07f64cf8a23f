/** Published pooled results as rows for display beside our own analyses. */
import type { MaybeNumber, Synthesis } from '../evidence/schema';
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

const text = (v: MaybeNumber) => (v.value === null ? null : v.valueText && /x|×/.test(v.valueText) ? v.valueText : String(v.value));

export function formatPublishedResult(r: Synthesis['pooledResults'][number]): string {
  const est = text(r.estimate);
  const lo = text(r.ciLower);
  const hi = text(r.ciUpper);
  const p = text(r.pValue);
  let out = `${r.measure === 'unspecified' ? '' : `${r.measure} `}${est ?? 'estimate not reported'}`;
  if (lo !== null || hi !== null) out += ` [${lo ?? '?'}, ${hi ?? '?'}]`;
  else out += ' (CI not reported)';
  if (p !== null) out += `; p = ${p}`;
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
