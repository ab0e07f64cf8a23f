import { ScrollRegion } from '../../components/ScrollRegion';
import type { Source } from '../../evidence/schema';
import { STATUS_LABEL } from '../../evidence/vocabulary';
import type { ForestModel, ForestStudyRow } from '../../model/forest-model';
import { markLines, markNames, markSymbols } from '../../evidence/recovered-effects/recovery-mark';

interface Props {
  model: ForestModel;
  focused: string | null;
  onToggle: (studyId: string) => void;
  onFocus: (studyId: string | null) => void;
  sources: readonly Source[];
}

/** The plot's rows as a table: for screen readers, for keyboard toggling, and for the details. */
export function ForestTable({ model, focused, onToggle, onFocus, sources }: Props) {
  const rows = model.groups.flatMap((g) => g.rows);
  const focusedRow = rows.find((r) => r.studyId === focused) ?? null;
  return (
    <section className="forest-table" aria-labelledby="forest-table-title">
      <h2 id="forest-table-title">Studies in the plot</h2>
      <ScrollRegion label="Studies in the plot table">
        <table>
          <caption>{model.outcomeLabel} — {model.header}. Uncheck a study to re-pool without it.</caption>
          <thead>
            <tr>
              <th scope="col">Include</th>
              <th scope="col">Study</th>
              <th scope="col">IVIG</th>
              <th scope="col">Placebo</th>
              <th scope="col">{model.measureLabel} [95% CI]</th>
              <th scope="col">Weight</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} className={r.excluded ? 'excluded' : undefined} aria-selected={r.studyId === focused}>
                <td>
                  <input type="checkbox" checked={!r.excluded} onChange={() => onToggle(r.studyId)} aria-label={`Include ${r.label}`} />
                </td>
                <th scope="row">
                  {r.label}{r.derived && <span className="status-derived" title="uses a derived value"> †</span>}{r.secondary && <span className="status-secondary" title="uses a secondary-source value"> ‡</span>}
                  {r.recoveries.length > 0 && <span className="recovery-marks"> {markSymbols(r.recoveries)} <span className="recovery-names">{markNames(r.recoveries)}</span></span>}
                  {r.input.caveats.map((c) => <div key={c} className="recovery-caveat">{c}</div>)}
                </th>
                <td>{r.treatmentData ?? '—'}</td>
                <td>{r.controlData ?? '—'}</td>
                <td className="num">{r.effectText}</td>
                <td className="num">{r.weightPercent === null ? (r.excluded ? 'excluded' : '—') : `${r.weightPercent.toFixed(1)}%`}</td>
                <td><button type="button" className="link" onClick={() => onFocus(r.studyId === focused ? null : r.studyId)} aria-expanded={r.studyId === focused}>Sources</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {focusedRow && <RowDetail row={focusedRow} sources={sources} />}
    </section>
  );
}

function RowDetail({ row, sources }: { row: ForestStudyRow; sources: readonly Source[] }) {
  const byId = new Map(sources.map((s) => [s.id, s]));
  return (
    <div className="row-detail" role="region" aria-label={`Sources for ${row.label}`}>
      <h3>{row.label} — {row.input.outcomeLabel} ({row.input.timepoint})</h3>
      {row.input.regimens.length > 0 && (
        <ul className="regimens">{row.input.regimens.map((r) => <li key={r.arm}><strong>{r.arm}:</strong> “{r.text}”</li>)}</ul>
      )}
      {row.input.pmid && <p><a href={`https://pubmed.ncbi.nlm.nih.gov/${encodeURIComponent(row.input.pmid)}/`} target="_blank" rel="noreferrer noopener">PubMed {row.input.pmid}</a></p>}
      {row.derivations.length > 0 && (
        <ul className="note">{row.derivations.map((d) => <li key={d}>{d}</li>)}</ul>
      )}
      {row.recoveries.length > 0 && (
        <>
          <h4>Recovered values (our arithmetic on what the source reports)</h4>
          <ul className="note recovery-formulas">{markLines(row.recoveries).map((d, i) => <li key={i}>{d} <span className="muted">({row.recoveries[i]!.reference})</span></li>)}</ul>
        </>
      )}
      <table>
        <thead><tr><th scope="col">Value</th><th scope="col">Number</th><th scope="col">Status</th><th scope="col">Verbatim source</th></tr></thead>
        <tbody>
          {row.input.provenance.map((p, i) => {
            const src = byId.get(p.source);
            return (
              <tr key={i}>
                <th scope="row">{p.label}</th>
                <td className="num">{p.value}</td>
                <td>{STATUS_LABEL[p.status]}{p.formula && <div className="formula">formula: {p.formula}</div>}</td>
                <td>
                  <blockquote>“{p.quote}”</blockquote>
                  {src && <cite>{src.url ? <a href={src.url} target="_blank" rel="noreferrer noopener">{src.title}</a> : src.title}</cite>}
                  {src?.pmid && <> · <a href={`https://pubmed.ncbi.nlm.nih.gov/${src.pmid}/`} target="_blank" rel="noreferrer noopener">PubMed {src.pmid}</a></>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
