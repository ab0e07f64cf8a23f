import { ScrollRegion } from '../../components/ScrollRegion';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { FilterBar } from '../../components/FilterBar';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import type { OutcomeKind } from '../../evidence/schema';
import { availableMeasures, type AnalysisMeasure } from '../../evidence/to-effect-inputs';
import { AnalysisControls, SEED_REVIEW_YEAR } from '../../components/AnalysisControls';
import { OUTCOME_INFO } from '../../evidence/vocabulary';
import { toForestModel, type ForestModel } from '../../model/forest-model';
import { PHASE_ROW_LABEL, phaseRowOf } from '../../model/phase-rows';
import { BayesianSummary } from '../../components/bayesian/BayesianSummary';
import { filterStudies, filterSyntheses, hiddenSynthesesNote } from '../../model/study-filter';
import { useAppStore, useEvidence } from '../../store/store-context';
import { ForestPlot } from './ForestPlot';
import { ForestTable } from './ForestTable';
import { SensitivitySection } from './SensitivitySection';
import { ExportMenu } from '../../export/ExportMenu';
import { captionLines } from '../../export/caption';
import { exportFileName } from '../../export/file-name';
import { forestToCsv, forestToR } from '../../export/forest-exports';

const DEFAULT_OUTCOME: OutcomeKind = 'relapse-free';
/** Above this many studies the data table waits for a click: the SVG already lists every row. */
const LARGE_TABLE = 100;

export function ForestView() {
  const evidence = useEvidence();
  const { filters, analysis, excluded } = useAppStore(
    useShallow((s) => ({ filters: s.filters, analysis: s.analysis, excluded: s.excludedStudyIds })),
  );
  const toggleStudyExcluded = useAppStore((s) => s.toggleStudyExcluded);
  const [focused, setFocused] = useState<string | null>(null);
  const [showTable, setShowTable] = useState(false);
  const svgRef = useRef<SVGSVGElement>(null);

  const setAnalysis = useAppStore((s) => s.setAnalysis);
  // What to plot is this view's choice; which trials, the user's filters (and, when opened from a
  // phase-comparison cell, that cell's row, shown as a removable chip).
  const outcome = analysis.forestOutcome ?? DEFAULT_OUTCOME;
  const phaseRow = analysis.forestPhase;
  // A phase-comparison row is that cell's trials: the comparison ignores the MS-phase and
  // "Outcome reported" filters (its rows are the phases), so the forest of a cell does too, or a
  // global SP filter would empty the forest of an RR cell and its Total would differ from the cell.
  const appliedFilters = useMemo(() => (phaseRow === null ? filters : { ...filters, outcome: null, phases: [] }), [filters, phaseRow]);
  const passing = useMemo(() => (evidence ? filterStudies(evidence.studies, appliedFilters) : []), [evidence, appliedFilters]);
  const studies = useMemo(() => (phaseRow === null ? passing : passing.filter((s) => phaseRowOf(s) === phaseRow)), [passing, phaseRow]);
  const outcomeOptions = useMemo(() => {
    const kinds = new Set((evidence?.studies ?? []).filter((s) => s.kind !== 'comparator-rct').flatMap((s) => s.outcomes.map((o) => o.kind)));
    return (Object.keys(OUTCOME_INFO) as OutcomeKind[]).filter((k) => kinds.has(k) || k === outcome);
  }, [evidence, outcome]);
  const measures = useMemo(() => availableMeasures(studies.filter((s) => s.kind === 'ivig-rct'), outcome, analysis.recovery), [studies, outcome, analysis.recovery]);
  const measure: AnalysisMeasure = analysis.measure && measures.includes(analysis.measure) ? analysis.measure : (measures[0] ?? 'RR');

  // A phase-comparison row's forest borrows an imputed SD from every compared trial, as its cell does.
  const choices = useMemo(() => ({ ...analysis, outcome, measure, excludedStudyIds: excluded, level: 95, sdDonorStudies: phaseRow === null ? undefined : passing }), [analysis, outcome, measure, excluded, phaseRow, passing]);
  const syntheses = useMemo(() => filterSyntheses(evidence?.syntheses ?? [], filters), [evidence, filters]);
  const hiddenHere = syntheses.hidden.filter((s) => s.pooledResults.some((r) => r.kind === outcome));
  // Under model=bayes the forest model carries the Bayesian row itself (or why there is none).
  const model: ForestModel | null = useMemo(() => {
    if (!evidence) return null;
    return toForestModel(studies, syntheses.shown, choices);
  }, [evidence, studies, syntheses, choices]);

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
      <AnalysisControls
        picker={{ outcome, outcomeOptions, measure, measures, onOutcomeChange: (o) => setAnalysis({ forestOutcome: o }) }}
        mantelHaenszelInEffect={model.mantelHaenszel}
        show={['model', 'tau2', 'i2', 'knha', 'adhoc', 'mh', 'derived', 'subgroups', 'mode', 'sort', 'flip', 'asOf2003', 'recovery']}
        bayesDetails
      />

      {phaseRow !== null && (
        <p className="chip" role="status">
          <span>Phase-comparison row: <strong>{PHASE_ROW_LABEL[phaseRow]}</strong> trials only ({studies.filter((s) => s.kind === 'ivig-rct').length} randomised trials; the MS-phase and “Outcome reported” filters do not apply while it is shown, as in the phase comparison; the others do).</span>{' '}
          <button type="button" onClick={() => setAnalysis({ forestPhase: null })} aria-label={`Show every phase (remove the ${PHASE_ROW_LABEL[phaseRow]} row)`}>Show every phase ×</button>
        </p>
      )}
      <ErrorBoundary name="The forest plot">
        <figure className="forest-figure">
          <figcaption>
            <strong>{model.outcomeLabel}</strong> — {model.header}
            {asOf2003 && ' — trials and syntheses published by 2003 only'}
            <br /><span className="recovery-caption">{model.recoveryText}</span>
          </figcaption>
          {estimable && (
            <ExportMenu
              label="forest plot"
              spec={{
                svg: svgRef,
                title,
                captionLines: captionLines({
                  what: `${model.outcomeLabel}: IVIG vs placebo`,
                  settings: model.header + `; ${model.recoveryText}` + (model.bayesian ? `; Bayesian row: ${model.bayesian.priorText} (${model.bayesian.priorSource}), ${model.bayesian.level}% CrI, ${model.bayesian.benefitText}` : '') + (phaseRow !== null ? `; ${PHASE_ROW_LABEL[phaseRow]} trials only (phase-comparison row)` : '') + (analysis.subgroupBy !== 'none' ? `; subgroups by ${analysis.subgroupBy}` : '') + (analysis.mode !== 'standard' ? `; ${analysis.mode}` : '') + (analysis.useDerived ? '' : '; derived values off'),
                  filters: appliedFilters, excluded, evidenceVersion: evidence.version, date: new Date(),
                  note: model.piNote ?? undefined,
                }),
                fileName: (ext) => exportFileName(['forest', outcome, measure, analysis.model === 'common' ? (model.mantelHaenszel ? 'MH' : 'FE') : analysis.tau2Method, analysis.test !== 'z' && !model.mantelHaenszel ? (analysis.test === 'adhoc' ? 'KH-adhoc' : 'KH') : null], new Date(), ext),
                csv: () => forestToCsv(model),
                r: () => forestToR(model, choices, { evidenceVersion: evidence.version, date: new Date().toISOString().slice(0, 10) }),
              }}
            />
          )}
          {estimable ? (
            <ScrollRegion label="Forest plot" className="svg-scroll" hint="Scroll sideways for the plot →" chart>
              <ForestPlot ref={svgRef} model={model} title={title} summary={summary} onToggleStudy={toggleStudyExcluded} onFocusStudy={setFocused} shrinkage={analysis.shrinkage} />
            </ScrollRegion>
          ) : (
            <p className="empty" role="status">
              No study gives an estimable effect for {model.outcomeLabel.toLowerCase()} with these filters. The studies that report it, and why they cannot be pooled, are listed below.
            </p>
          )}
          {model.piNote && <p className="note">{model.piNote}</p>}
          {model.bayesianReason !== null && <p className="note" role="status">No Bayesian row: {model.bayesianReason.replace(/\.$/, '')}.</p>}
          {model.notes.map((n) => <p key={n} className="note">{n}</p>)}
        </figure>
      </ErrorBoundary>

      {model.bayesian && (
        <ErrorBoundary name="The posterior plot">
          <BayesianSummary
            row={model.bayesian}
            isRatio={model.isRatio}
            favoursIvigLabel="Favours IVIG"
            title={`${model.outcomeLabel}: posterior of μ and τ (${model.bayesian.priorText})`}
            captionLines={captionLines({
              what: `${model.outcomeLabel}: IVIG vs placebo, Bayesian random effects`,
              settings: `${model.measureLabel}; ${model.bayesian.priorText} (${model.bayesian.priorSource}); ${model.bayesian.k} ${model.bayesian.k === 1 ? 'study' : 'studies'}`,
              filters: appliedFilters, excluded, evidenceVersion: evidence.version, date: new Date(),
              note: `${model.bayesian.benefitText}${model.bayesian.threshold ? `; ${model.bayesian.threshold.text}` : ''}`,
            })}
            fileName={(ext) => exportFileName(['posterior', outcome, measure, analysis.tauPrior], new Date(), ext)}
          />
        </ErrorBoundary>
      )}

      {/* The same study effects as the forest, pooled by every method, a frame after the forest. */}
      <SensitivitySection
        model={model} flipDirection={choices.flipDirection} level={choices.level} outcome={outcome} measure={measure}
        phaseLabel={phaseRow !== null ? PHASE_ROW_LABEL[phaseRow] : null} useDerived={analysis.useDerived}
        filters={appliedFilters} excluded={excluded} evidenceVersion={evidence.version}
      />

      {estimable && (
        <ErrorBoundary name="The study table">
          {model.studyCount <= LARGE_TABLE || showTable ? (
            <ForestTable model={model} focused={focused} onToggle={toggleStudyExcluded} onFocus={setFocused} sources={evidence.sources} />
          ) : (
            <p className="note">
              {model.studyCount} studies: the table of studies (with the include checkboxes and the source quotes) is not drawn until asked, to keep the plot fast.{' '}
              <button type="button" onClick={() => setShowTable(true)}>Show the table of {model.studyCount} studies</button>
            </p>
          )}
        </ErrorBoundary>
      )}

      <section aria-labelledby="non-estimable-title" className="non-estimable">
        <h2 id="non-estimable-title">Not in the plot ({model.nonEstimable.length})</h2>
        {model.nonEstimable.length === 0 ? (
          <p>Every study that passes the filters is in the plot.</p>
        ) : (
          <ul>
            {model.nonEstimable.map((n) => (
              <li key={n.studyId}><strong>{n.label}</strong>: {n.reason}{n.includedBy && <span className="included-by"> — {n.includedBy}</span>}</li>
            ))}
          </ul>
        )}
      </section>

      {(model.published.length > 0 || hiddenHere.length > 0) && (
        <section aria-labelledby="published-forest-title" className="published">
          <h2 id="published-forest-title">Published pooled results for this outcome</h2>
          {hiddenHere.length > 0 && <p className="note">{hiddenSynthesesNote(hiddenHere, filters.yearTo)}</p>}
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
