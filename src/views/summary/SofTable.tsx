import { ScrollRegion } from '../../components/ScrollRegion';
import { noPosteriorNotes, sofColumns, sofCells, tableHeading } from '../../model/summary-of-findings/sof-cells';
import type { SofRow, SofTable } from '../../model/summary-of-findings/summary-of-findings';
import { CertaintySteps } from './CertaintySteps';

const slug = (s: string) => s.replace(/[^A-Za-z0-9]+/g, '-');

function CertaintyCell({ row, tableId }: { row: SofRow; tableId: string }) {
  const c = row.certainty;
  if (!c) return <>—</>;
  const numbers = [...new Set(row.footnotes.map((f) => f.number))];
  return (
    <>
      <span className="sof-symbols" aria-hidden="true">{c.symbols}</span>{' '}
      <strong>{c.label}</strong>
      {numbers.length > 0 && (
        <sup>
          {numbers.map((n, i) => (
            <span key={n}>{i > 0 && ','}<a href={`#${tableId}-fn-${n}`} aria-label={`footnote ${n}`} onClick={(e) => { e.preventDefault(); document.getElementById(`${tableId}-fn-${n}`)?.scrollIntoView({ block: 'center' }); }}>{n}</a></span>
          ))}
        </sup>
      )}
      {c.provisional && <span className="sof-provisional"> provisional</span>}
    </>
  );
}

export function SofTableSection({ table, interval }: { table: SofTable; interval: 'CI' | 'CrI' }) {
  const id = `sof-${slug(table.population)}`;
  const heading = tableHeading(table.label);
  const notes = [...new Map(table.rows.flatMap((r) => r.footnotes).map((f) => [f.number, f.text])).entries()].sort(([a], [b]) => a - b);
  return (
    <section className="sof-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{heading}</h2>
      <p className="note">
        Patients: {table.label.toLowerCase()} ({table.trials} placebo-controlled {table.trials === 1 ? 'trial' : 'trials'} pass the filters). Intervention: IVIG. Comparison: placebo.
      </p>
      <ScrollRegion label={`Summary of findings, ${table.label}`}>
        <table className="sof-table">
          <caption className="visually-hidden">{`Summary of findings: ${heading}`}</caption>
          <thead>
            <tr>
              {sofColumns(interval).map((c) => <th key={c.key} scope="col">{c.label}</th>)}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r) => {
              const cells = sofCells(r);
              return (
                <tr key={r.key} data-row={r.key} className={r.notEstimable ? 'sof-empty' : undefined}>
                  <th scope="row">
                    {r.outcomeLabel} <span className="sof-importance">({r.importance})</span>
                    {r.method && <span className="sof-method">{r.method}</span>}
                  </th>
                  <td>{cells.participants}</td>
                  <td className="sof-certainty"><CertaintyCell row={r} tableId={id} /></td>
                  {r.notEstimable !== null ? (
                    <td colSpan={5}>{cells.statement}</td>
                  ) : (
                    <>
                      <td className="num">{cells.relative}</td>
                      <td>{cells.riskWithPlacebo}</td>
                      <td>{cells.riskDifference}</td>
                      <td>{cells.nnt}</td>
                      <td>{cells.statement}</td>
                    </>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
      {notes.length > 0 && (
        <ol className="sof-footnotes" aria-label={`Footnotes, ${table.label}`}>
          {notes.map(([n, text]) => <li key={n} id={`${id}-fn-${n}`} value={n}>{text}</li>)}
        </ol>
      )}
      {noPosteriorNotes(table).map((n) => <p key={n} className="note">{n}</p>)}
      {table.leftOut.length > 0 && <p className="note">Also reported, beyond the seven outcomes a table holds (GRADE): {table.leftOut.join(', ')}.</p>}
      {table.rows.filter((r) => r.certainty).map((r) => <CertaintySteps key={r.key} row={r} />)}
    </section>
  );
}
