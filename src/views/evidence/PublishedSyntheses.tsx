import { ScrollRegion } from '../../components/ScrollRegion';
import { useMemo } from 'react';
import type { Synthesis } from '../../evidence/schema';
import { toPublishedResultRows } from '../../model/syntheses-model';

/** Published pooled results, as printed, with their caveats: for comparison, never pooled. */
export function PublishedSyntheses({ syntheses, hiddenNote = null }: { syntheses: readonly Synthesis[]; hiddenNote?: string | null }) {
  const rows = useMemo(() => toPublishedResultRows(syntheses), [syntheses]);
  if (rows.length === 0 && !hiddenNote) return null;
  return (
    <section className="published" aria-labelledby="published-title">
      <h2 id="published-title">Published syntheses (as printed)</h2>
      <p className="legend">Pooled results from published meta-analyses and reviews, shown as their sources print them. Their trial sets and effect measures differ from each other and from ours; read the notes before comparing.</p>
      {hiddenNote && <p className="note">{hiddenNote}</p>}
      <ScrollRegion label="Published syntheses table">
        <table>
          <thead>
            <tr><th scope="col">Synthesis</th><th scope="col">Outcome</th><th scope="col">Phase</th><th scope="col">Result</th><th scope="col">Scope</th><th scope="col">Source quote and caveats</th></tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={`${r.synthesisId}-${i}`}>
                <th scope="row" title={r.citation}>{r.synthesis}</th>
                <td>{r.outcome}</td>
                <td>{r.phase}</td>
                <td className="num">{r.result}</td>
                <td>{r.scope}</td>
                <td>
                  <details>
                    <summary>Quote{r.notes.length > 0 ? ` and ${r.notes.length} caveat${r.notes.length > 1 ? 's' : ''}` : ''}</summary>
                    {r.quote && <blockquote>“{r.quote}”</blockquote>}
                    {r.notes.length > 0 && <ul className="note">{r.notes.map((n) => <li key={n}>{n}</li>)}</ul>}
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}
