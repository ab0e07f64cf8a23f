/**
 * The seed review's claims, checked (issue 15, part 3): each claim of Sorensen 2003 quoted (or, where
 * the evidence set does not quote it, marked as issue 15's wording), its parts with what the data
 * show, and the verdict "as of 2003" and "now" side by side. Every number comes from the pure model
 * (src/model/seed-claims), computed from the working evidence set with the forest plot's settings;
 * this component only draws it.
 */
import { useLayoutEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { EvidenceSet, Source } from '../../evidence/schema';
import type { AnalysisSettings } from '../../model/analysis-params';
import { STATUS_LABEL } from '../../evidence/vocabulary';
import { SEED_REVIEW_YEAR, VERDICT_RULE, toSeedClaims, type ClaimAssessment, type EvidenceLine, type Quote, type SeedClaim } from '../../model/seed-claims';
import { useAppStore, useEvidence } from '../../store/store-context';
import { timed, useComputedAfterPaint } from './after-paint';
import './seed-claims.css';

const slug = (s: string) => s.replace(/\s+/g, '-');
const studyHref = (id: string) => `#/evidence?study=${encodeURIComponent(id)}`;

function QuoteList({ quotes, sources }: { quotes: readonly Quote[]; sources: ReadonlyMap<string, Source> }) {
  if (quotes.length === 0) return null;
  return (
    <details className="claim-quotes">
      <summary>{quotes.length === 1 ? 'quote' : `${quotes.length} quotes`}</summary>
      {quotes.map((q, i) => {
        const src = sources.get(q.source);
        return (
          <blockquote key={i}>
            “{q.text}” <span className="note">({STATUS_LABEL[q.status]}{q.formula ? `: ${q.formula}` : ''}{src ? <>; {src.url ? <a href={src.url} target="_blank" rel="noreferrer noopener">{src.title}</a> : src.title}</> : null})</span>
          </blockquote>
        );
      })}
    </details>
  );
}

function Line({ line, sources }: { line: EvidenceLine; sources: ReadonlyMap<string, Source> }) {
  const subjectIsStudy = line.studies.length === 1 && line.subject === line.studies[0]!.label;
  return (
    <li>
      {subjectIsStudy ? <a href={studyHref(line.studies[0]!.id)}>{line.subject}</a> : <strong>{line.subject}</strong>}: {line.text}
      {!subjectIsStudy && line.studies.length > 0 && (
        <> (trial details: {line.studies.map((s, i) => <span key={s.id}>{i > 0 && ', '}<a href={studyHref(s.id)}>{s.label}</a></span>)})</>
      )}
      <QuoteList quotes={line.quotes} sources={sources} />
    </li>
  );
}

function ScopeColumn({ claimId, a, sources }: { claimId: string; a: ClaimAssessment; sources: ReadonlyMap<string, Source> }) {
  const id = `seed-claim-${claimId}-${slug(a.scope)}`;
  return (
    // Named with its claim too, so that the twelve columns are twelve distinct landmarks.
    <section className="claim-scope" aria-labelledby={`${id} seed-claim-${claimId}`}>
      <h4 id={id}>{a.scope === 'now' ? 'Now (all evidence)' : `As of ${SEED_REVIEW_YEAR}`}</h4>
      <dl>
        <dt>Verdict</dt>
        <dd><strong className={`verdict verdict-${slug(a.verdict)}`}>{a.verdict}</strong></dd>
        {a.parts.map((p) => (
          <div key={p.label}>
            <dt>{p.label}</dt>
            <dd><span className="finding">{p.finding}</span> — {p.reason}</dd>
          </div>
        ))}
      </dl>
      {a.notes.map((n) => <p key={n} className="note">{n}</p>)}
      {a.evidence.map((g) => (
        <details key={g.heading}>
          <summary>{g.heading} ({g.lines.length})</summary>
          <ul>{g.lines.map((l, i) => <Line key={i} line={l} sources={sources} />)}</ul>
        </details>
      ))}
    </section>
  );
}

function Claim({ claim, sources, index }: { claim: SeedClaim; sources: ReadonlyMap<string, Source>; index: number }) {
  const id = `seed-claim-${claim.id}`;
  const src = claim.quote ? sources.get(claim.quote.source) : undefined;
  return (
    <article className="seed-claim" aria-labelledby={id}>
      <h3 id={id}>{index + 1}. {claim.title}</h3>
      {claim.quote ? (
        <blockquote>
          “{claim.quote.text}” <span className="note">(abstract, {STATUS_LABEL[claim.quote.status]}{src ? <>; {src.url ? <a href={src.url} target="_blank" rel="noreferrer noopener">{src.title}</a> : src.title}</> : null})</span>
        </blockquote>
      ) : (
        <p className="note">{claim.quoteNote} Issue 15’s wording: <q>{claim.wording}</q>.</p>
      )}
      <p className="claim-rule"><strong>How it is judged:</strong> {claim.rule}</p>
      <div className="claim-scopes">
        <ScopeColumn claimId={claim.id} a={claim.asOf2003} sources={sources} />
        <ScopeColumn claimId={claim.id} a={claim.now} sources={sources} />
      </div>
    </article>
  );
}

const claimsOf = ({ evidence, analysis, excluded }: { evidence: EvidenceSet | null; analysis: AnalysisSettings; excluded: readonly string[] }) =>
  evidence ? timed('claims-compute', () => toSeedClaims(evidence.studies, evidence.syntheses, analysis, excluded)) : null;

export function SeedClaims() {
  const evidence = useEvidence();
  const current = useAppStore(useShallow((s) => ({ analysis: s.analysis, excluded: s.excludedStudyIds })));
  // The claims re-pool a dozen forests (15–25 ms on the bundled set): they follow the frame that
  // repaints the Summary of Findings tables above them (after-paint.ts).
  const input = useMemo(() => ({ evidence, ...current }), [evidence, current]);
  // The text below describes the settings the shown claims were computed with.
  const { value: model, input: { excluded }, pending } = useComputedAfterPaint(input, claimsOf);
  useLayoutEffect(() => {
    // For the bench: the frame that paints these claims (summaryClaimsRecomputeMs).
    if (model) requestAnimationFrame(() => performance.mark('claims-painted'));
  }, [model]);
  const sources = useMemo(() => new Map((evidence?.sources ?? []).map((s) => [s.id, s] as const)), [evidence]);
  if (!model) return null;
  return (
    <section className="seed-claims" aria-labelledby="seed-claims-title" aria-busy={pending}>
      <h2 id="seed-claims-title">The seed review’s claims, checked</h2>
      <p>
        {model.seedReview ? model.seedReview.citation : 'The seed review (Sorensen, J Neurol Sci 2003) is not in the working evidence set.'}{' '}
        Each claim of its abstract against the evidence: <strong>as of {SEED_REVIEW_YEAR}</strong> (studies published by {SEED_REVIEW_YEAR}, the app’s “as of 2003” year filter) and <strong>now</strong> (every study in the working set, imports included).
        The filters above do not apply here (each claim names its population); pooled estimates are the forest plot’s, with its analysis settings, and leave out the {excluded.length === 0 ? 'studies toggled out (none now)' : `${excluded.length} ${excluded.length === 1 ? 'study' : 'studies'} toggled out`}.
      </p>
      <p className="note"><strong>Verdicts</strong> (consistent, partly consistent, not assessable, contradicted): {VERDICT_RULE}</p>
      <table className="seed-claims-overview">
        <caption>Verdicts at a glance</caption>
        <thead><tr><th scope="col">Claim</th><th scope="col">As of {SEED_REVIEW_YEAR}</th><th scope="col">Now</th></tr></thead>
        <tbody>
          {model.claims.map((c, i) => (
            <tr key={c.id}>
              <th scope="row"><a href={`#seed-claim-${c.id}`} onClick={(e) => { e.preventDefault(); document.getElementById(`seed-claim-${c.id}`)?.scrollIntoView(); }}>{i + 1}. {c.title}</a></th>
              <td><span className={`verdict verdict-${slug(c.asOf2003.verdict)}`}>{c.asOf2003.verdict}</span></td>
              <td><span className={`verdict verdict-${slug(c.now.verdict)}`}>{c.now.verdict}</span></td>
            </tr>
          ))}
        </tbody>
      </table>
      {model.claims.map((c, i) => <Claim key={c.id} claim={c} sources={sources} index={i} />)}
    </section>
  );
}
