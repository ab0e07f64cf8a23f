import { useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { FilterBar } from '../../components/FilterBar';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import type { OutcomeKind } from '../../evidence/schema';
import { MEASURE_LABEL, availableMeasures, type AnalysisMeasure } from '../../evidence/to-effect-inputs';
import { OUTCOME_INFO } from '../../evidence/vocabulary';
import { MEASURES, TAU2_METHODS } from '../../model/analysis-params';
import { toForestModel, type ForestModel, type ForestSort, type SubgroupBy, type ForestMode } from '../../model/forest-model';
import { filterStudies } from '../../model/study-filter';
import { useAppStore } from '../../store/store-context';
import { ForestPlot } from './ForestPlot';
import { ForestTable } from './ForestTable';

const DEFAULT_OUTCOME: OutcomeKind = 'relapse-free';
/** The seed review (Sorensen, J Neurol Sci 2003): "as of 2003" keeps what it could have seen. */
const SEED_REVIEW_YEAR = 2003;

export function ForestView() {
  const { evidence, filters, analysis, excluded } = useAppStore(
    useShallow((s) => ({ evidence: s.evidence, filters: s.filters, analysis: s.analysis, excluded: s.excludedStudyIds })),
  );
  const { setAnalysis, setOutcome, toggleStudyExcluded, setYearRange } = useAppStore(
    useShallow((s) => ({ setAnalysis: s.setAnalysis, setOutcome: s.setOutcome, toggleStudyExcluded: s.toggleStudyExcluded, setYearRange: s.setYearRange })),
  );
  const [focused, setFocused] = useState<string | null>(null);
  const svgRef = useRef<SVGSVGElement>(null);

  const outcome = filters.outcome ?? DEFAULT_OUTCOME;
  // The outcome filter picks the analysis outcome here; the other filters choose the studies.
  const studies = useMemo(() => (evidence ? filterStudies(evidence.studies, { ...filters, outcome: null }) : []), [evidence, filters]);
  const outcomeOptions = useMemo(() => {
    const kinds = new Set((evidence?.studies ?? []).filter((s) => s.kind !== 'comparator-rct').flatMap((s) => s.outcomes.map((o) => o.kind)));
    return (Object.keys(OUTCOME_INFO) as OutcomeKind[]).filter((k) => kinds.has(k) || k === outcome);
  }, [evidence, outcome]);
  const measures = useMemo(() => availableMeasures(studies.filter((s) => s.kind === 'ivig-rct'), outcome), [studies, outcome]);
  const measure: AnalysisMeasure = analysis.measure && measures.includes(analysis.measure) ? analysis.measure : (measures[0] ?? 'RR');

  const model: ForestModel | null = useMemo(() => {
    if (!evidence) return null;
    return toForestModel(studies, evidence.syntheses, { ...analysis, outcome, measure, excludedStudyIds: excluded, level: 95 });
  }, [evidence, studies, analysis, outcome, measure, excluded]);

  useEffect(() => {
    // The bench measures navigation start → first forest plot painted.
    if (model) requestAnimationFrame(() => performance.mark('forest-painted'));
  }, [model]);

  if (!evidence || !model) return null;
  const estimable = model.studyCount > 0;
  const title = `${model.outcomeLabel}: IVIG vs placebo — ${model.header}`;
  const summary = model.overall
    ? `Forest plot of ${model.studyCount} ${model.studyCount === 1 ? 'study' : 'studies'}; pooled ${model.measureLabel.toLowerCase()} ${model.overall.effectText}. ${model.overall.overallEffectText}.`
    : `Forest plot of ${model.studyCount} studies; no pooled estimate.`;
  const asOf2003 = filters.yearTo === SEED_REVIEW_YEAR && filters.yearFrom === null;

  return (
    <div className="forest-view">
      <FilterBar />
      <form className="analysis-bar" aria-label="Analysis settings" onSubmit={(e) => e.preventDefault()}>
        <label>
          Outcome
          <select value={outcome} onChange={(e) => setOutcome(e.target.value as OutcomeKind)}>
            {outcomeOptions.map((k) => <option key={k} value={k}>{OUTCOME_INFO[k].label}</option>)}
          </select>
        </label>
        <label>
          Effect measure
          <select value={measure} onChange={(e) => setAnalysis({ measure: e.target.value as AnalysisMeasure })} disabled={measures.length === 0}>
            {(measures.length ? measures : MEASURES).map((m) => <option key={m} value={m}>{MEASURE_LABEL[m]}</option>)}
          </select>
        </label>
        <label>
          Model
          <select value={analysis.model} onChange={(e) => setAnalysis({ model: e.target.value as 'common' | 'random' })}>
            <option value="random">Random effects</option>
            <option value="common">Common (fixed) effect</option>
          </select>
        </label>
        <label>
          τ² estimator
          <select value={analysis.tau2Method} disabled={analysis.model === 'common'} onChange={(e) => setAnalysis({ tau2Method: e.target.value as typeof analysis.tau2Method })}>
            {TAU2_METHODS.map((m) => <option key={m} value={m}>{m}</option>)}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={analysis.test === 'knha'} onChange={(e) => setAnalysis({ test: e.target.checked ? 'knha' : 'z' })} />
          Knapp-Hartung
        </label>
        <label className="check">
          <input type="checkbox" checked={analysis.mantelHaenszel} onChange={(e) => setAnalysis({ mantelHaenszel: e.target.checked })} />
          Mantel-Haenszel (binary, common effect)
        </label>
        <label className="check">
          <input type="checkbox" checked={analysis.useDerived} onChange={(e) => setAnalysis({ useDerived: e.target.checked })} />
          Use derived values †
        </label>
        <label>
          Subgroups
          <select value={analysis.subgroupBy} onChange={(e) => setAnalysis({ subgroupBy: e.target.value as SubgroupBy })}>
            <option value="none">None</option>
            <option value="phase">By MS phase</option>
            <option value="setting">By setting</option>
          </select>
        </label>
        <label>
          Mode
          <select value={analysis.mode} onChange={(e) => setAnalysis({ mode: e.target.value as ForestMode })}>
            <option value="standard">Standard</option>
            <option value="leave-one-out">Leave-one-out</option>
            <option value="cumulative">Cumulative by year</option>
          </select>
        </label>
        <label>
          Sort by
          <select value={analysis.sort} onChange={(e) => setAnalysis({ sort: e.target.value as ForestSort })}>
            <option value="year">Year</option>
            <option value="effect">Effect</option>
            <option value="weight">Weight</option>
            <option value="label">Label</option>
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={analysis.flipDirection} onChange={(e) => setAnalysis({ flipDirection: e.target.checked })} />
          Swap sides (placebo vs IVIG)
        </label>
        <label className="check">
          <input type="checkbox" checked={asOf2003} onChange={(e) => setYearRange(null, e.target.checked ? SEED_REVIEW_YEAR : null)} />
          As of 2003 (seed review)
        </label>
      </form>

      <ErrorBoundary name="The forest plot">
        <figure className="forest-figure">
          <figcaption>
            <strong>{model.outcomeLabel}</strong> — {model.header}
            {asOf2003 && ' — trials published by 2003 only'}
          </figcaption>
          {estimable ? (
            <div className="svg-scroll">
              <ForestPlot ref={svgRef} model={model} title={title} summary={summary} onToggleStudy={toggleStudyExcluded} onFocusStudy={setFocused} />
            </div>
          ) : (
            <p className="empty" role="status">
              No study gives an estimable effect for {model.outcomeLabel.toLowerCase()} with these filters. The studies that report it, and why they cannot be pooled, are listed below.
            </p>
          )}
          {model.piNote && <p className="note">{model.piNote}</p>}
          {model.notes.map((n) => <p key={n} className="note">{n}</p>)}
        </figure>
      </ErrorBoundary>

      {estimable && (
        <ErrorBoundary name="The study table">
          <ForestTable model={model} focused={focused} onToggle={toggleStudyExcluded} onFocus={setFocused} sources={evidence.sources} />
        </ErrorBoundary>
      )}

      <section aria-labelledby="non-estimable-title" className="non-estimable">
        <h2 id="non-estimable-title">Not in the plot ({model.nonEstimable.length})</h2>
        {model.nonEstimable.length === 0 ? (
          <p>Every study that passes the filters is in the plot.</p>
        ) : (
          <ul>
            {model.nonEstimable.map((n) => (
              <li key={n.studyId}><strong>{n.label}</strong>: {n.reason}</li>
            ))}
          </ul>
        )}
      </section>

      {model.published.length > 0 && (
        <section aria-labelledby="published-forest-title" className="published">
          <h2 id="published-forest-title">Published pooled results for this outcome</h2>
          <ul>
            {model.published.map((p, i) => (
              <li key={i}>
                <strong>{p.synthesis}</strong>: {p.text}
                {p.notes.length > 0 && <ul className="note">{p.notes.map((n) => <li key={n}>{n}</li>)}</ul>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
