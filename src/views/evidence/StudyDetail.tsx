import { useEffect, useMemo, useRef } from 'react';
import type { Source, Study } from '../../evidence/schema';
import { PHASE_LABEL, SETTING_LABEL, STATUS_LABEL } from '../../evidence/vocabulary';
import { ScrollRegion } from '../../components/ScrollRegion';
import { studyKindText, studyLinks, toStudyDetail, type DetailValue } from '../../model/study-detail-model';

function ValueRow({ v }: { v: DetailValue }) {
  if (v.value === null) {
    return (
      <tr className={v.none ? undefined : 'absent'}>
        <th scope="row">{v.label}</th>
        <td>{v.none ? 'none' : 'not reported'}</td>
        <td colSpan={2}>{v.reason}</td>
      </tr>
    );
  }
  return (
    <tr>
      <th scope="row">{v.label}</th>
      <td className="num">
        {v.value}
        {v.status !== 'reported' && <span className={`status status-${v.status}`}> {v.status === 'derived' ? '†' : '‡'}</span>}
      </td>
      <td>
        <span className={`status status-${v.status}`}>{v.status ? STATUS_LABEL[v.status] : ''}</span>
        {v.formula && <div className="formula">formula: {v.formula}</div>}
      </td>
      <td>
        <blockquote>“{v.quote}”</blockquote>
        {v.note && <div className="note">{v.note}</div>}
        {v.source && (
          <cite>
            {v.source.url ? <a href={v.source.url} target="_blank" rel="noreferrer noopener">{v.source.title}</a> : v.source.title}
          </cite>
        )}
      </td>
    </tr>
  );
}

/**
 * The detail panel sits below the whole table (and can open 2,000 px down): opening it, or another
 * trial in it, scrolls it into view and moves focus to its heading, so that neither a sighted nor a
 * screen-reader user has to look for it. Close and Escape return focus to the trial's row.
 */
export function StudyDetail({ study, sources, studies = [], onClose }: { study: Study; sources: readonly Source[]; studies?: readonly Study[]; onClose: () => void }) {
  const sections = useMemo(() => toStudyDetail(study, sources, studies), [study, sources, studies]);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const h = heading.current;
    if (!h) return;
    // Instant, not smooth: the heading is where focus is, and must be on screen when it gets there.
    h.scrollIntoView?.({ block: 'start' });
    h.focus({ preventScroll: true });
  }, [study.id]);
  return (
    <section
      className="study-detail"
      aria-labelledby="study-detail-title"
      onKeyDown={(e) => { if (e.key === 'Escape') { e.stopPropagation(); onClose(); } }}
    >
      <header>
        <h2 id="study-detail-title" ref={heading} tabIndex={-1}>{study.label}</h2>
        <button type="button" onClick={onClose} aria-label="Close study detail and go back to the trial table">Close</button>
      </header>
      <p className="citation">{study.citation}{!study.citationVerified && <strong> (citation not verified)</strong>}</p>
      <p>
        {studyKindText(study)} · {PHASE_LABEL[study.phase]} · {SETTING_LABEL[study.setting]} · {study.year ?? 'year not reported'}
        {study.yearNote && <> ({study.yearNote})</>}
      </p>
      <p className="links">
        {studyLinks(study).map((l) => <a key={l.url} href={l.url} target="_blank" rel="noreferrer noopener">{l.label}</a>)}
      </p>
      {study.flags.length > 0 && (
        <ul className="flags" aria-label="Flags">
          {study.flags.map((f) => <li key={f.code + f.text}><strong>{f.code.replace(/-/g, ' ')}:</strong> {f.text}</li>)}
        </ul>
      )}
      <p className="legend">† derived by arithmetic (formula shown) · ‡ from a secondary source (not confirmed in a report of the trial)</p>
      {sections.map((section) => (
        <section key={section.title} className="detail-section">
          <h3>{section.title}{section.subtitle && <small> — {section.subtitle}</small>}</h3>
          {section.notes.map((n) => <p key={n} className="note">{n}</p>)}
          {section.values.length > 0 && (
            <ScrollRegion label={`${section.title}: values and their sources`}>
              <table>
                <thead><tr><th scope="col">Value</th><th scope="col">Number</th><th scope="col">Status</th><th scope="col">Verbatim source</th></tr></thead>
                <tbody>{section.values.map((v) => <ValueRow key={v.label} v={v} />)}</tbody>
              </table>
            </ScrollRegion>
          )}
        </section>
      ))}
      {study.notReported.length > 0 && (
        <section className="detail-section">
          <h3>Not reported in the available sources</h3>
          <ul>{study.notReported.map((m) => <li key={m.kind}><strong>{m.kind.replace(/-/g, ' ')}</strong>: {m.reason}</li>)}</ul>
        </section>
      )}
      {study.notes.length > 0 && (
        <section className="detail-section">
          <h3>Notes</h3>
          <ul>{study.notes.map((n) => <li key={n}>{n}</li>)}</ul>
        </section>
      )}
    </section>
  );
}
