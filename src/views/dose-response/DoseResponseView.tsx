import { ScrollRegion } from '../../components/ScrollRegion';
import { useEffect, useMemo, useRef } from 'react';
import { ExportMenu } from '../../export/ExportMenu';
import { captionLines } from '../../export/caption';
import { doseToCsv, doseToR } from '../../export/dose-exports';
import { exportFileName } from '../../export/file-name';
import { useShallow } from 'zustand/react/shallow';
import { AnalysisControls } from '../../components/AnalysisControls';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { FilterBar } from '../../components/FilterBar';
import type { OutcomeKind } from '../../evidence/schema';
import { availableMeasures, type AnalysisMeasure } from '../../evidence/to-effect-inputs';
import { OUTCOME_INFO, PHASE_LABEL, PHASE_SHORT_LABEL } from '../../evidence/vocabulary';
import { toDoseResponseModel } from '../../model/dose-response-model';
import { markNames, markSymbols } from '../../evidence/recovered-effects/recovery-mark';
import { recoveryText } from '../../evidence/recovered-effects/recovery-settings';
import { filterStudies } from '../../model/study-filter';
import { testSuffix } from '../../model/analysis-params';
import { useAppStore, useEvidence } from '../../store/store-context';
import { DoseResponseChart, PHASE_STYLE } from './DoseResponseChart';
import { useContentWidth } from '../../components/use-layout-size';
import { CHART_TARGET } from '../../components/SkipLinks';

const DEFAULT_OUTCOME: OutcomeKind = 'annualized-relapse-rate';
/** The chart's size on a wide screen; narrower boxes get a narrower chart, never a cut one. */
const CHART_WIDTH = 880;
const CHART_HEIGHT = 460;
/** Below this the plotting area (width minus the axes' margins) is too narrow to read. */
const MIN_CHART_WIDTH = 280;

export function DoseResponseView() {
  const evidence = useEvidence();
  const { filters, analysis, excluded } = useAppStore(
    useShallow((s) => ({ filters: s.filters, analysis: s.analysis, excluded: s.excludedStudyIds })),
  );
  const setAnalysis = useAppStore((s) => s.setAnalysis);
  // What to plot is this view's choice; the filters (the "Outcome reported" one too) choose the trials.
  const outcome = analysis.doseOutcome ?? DEFAULT_OUTCOME;
  const studies = useMemo(() => (evidence ? filterStudies(evidence.studies, filters) : []), [evidence, filters]);
  const outcomeOptions = useMemo(() => {
    const kinds = new Set(studies.filter((s) => s.kind === 'ivig-rct').flatMap((s) => s.outcomes.map((o) => o.kind)));
    return (Object.keys(OUTCOME_INFO) as OutcomeKind[]).filter((k) => kinds.has(k) || k === outcome);
  }, [studies, outcome]);
  const measures = useMemo(() => availableMeasures(studies.filter((s) => s.kind === 'ivig-rct'), outcome, analysis.recovery), [studies, outcome, analysis.recovery]);
  const measure: AnalysisMeasure = analysis.measure && measures.includes(analysis.measure) ? analysis.measure : (measures[0] ?? 'MD');
  const choices = useMemo(() => ({
    outcome, measure, tau2Method: analysis.tau2Method, test: analysis.test, useDerived: analysis.useDerived,
    includeLoading: analysis.includeLoading, phaseModerator: analysis.phaseModerator, excludedStudyIds: excluded, recovery: analysis.recovery,
  }), [outcome, measure, analysis, excluded]);
  const model = useMemo(() => toDoseResponseModel(studies, choices), [studies, choices]);
  // What the fit used: an unavailable moderator is not applied (model.phaseModeratorUnavailable).
  const phaseApplied = analysis.phaseModerator && model.phaseModeratorUnavailable === null;
  const chartRef = useRef<HTMLDivElement>(null);
  const boxWidth = useContentWidth(chartRef, model.points.length > 0);
  const chartWidth = Math.max(MIN_CHART_WIDTH, Math.min(CHART_WIDTH, boxWidth ?? CHART_WIDTH));
  // The wide chart's proportions, but not flatter than 300 px: the CIs need the height.
  const chartHeight = Math.round(Math.max(300, (CHART_HEIGHT * chartWidth) / CHART_WIDTH));
  const toggleStudyExcluded = useAppStore((s) => s.toggleStudyExcluded);
  const toggledOut = useMemo(() => studies.filter((s) => excluded.includes(s.id) && s.outcomes.some((o) => o.kind === outcome)), [studies, excluded, outcome]);
  useEffect(() => {
    requestAnimationFrame(() => performance.mark('dose-response-painted'));
  }, [model]);

  const phases = [...new Set(model.points.map((p) => p.phase))];
  const version = evidence?.version ?? 'unknown';
  return (
    <div className="dose-view">
      <FilterBar />
      {analysis.model === 'bayes' && (
        <p className="note" role="note">The Bayesian model applies to the forest plot and the method-sensitivity panels: meta-regression with a τ prior is not offered here, so this fit is the frequentist mixed-effects one ({analysis.tau2Method}{testSuffix(analysis.test)}).</p>
      )}
      <AnalysisControls picker={{ outcome, outcomeOptions, measure, measures, onOutcomeChange: (o) => setAnalysis({ doseOutcome: o }) }} show={['tau2', 'knha', 'adhoc', 'derived', 'loading', 'logDose', 'phaseModerator', 'asOf2003', 'recoveryPerArm']} unavailable={model.phaseModeratorUnavailable ? { phaseModerator: model.phaseModeratorUnavailable } : {}} />
      <ErrorBoundary name="The dose-response chart">
        <figure className="dose-figure" aria-labelledby="dose-caption">
          <figcaption id="dose-caption">
            <strong>{model.outcomeLabel}</strong> — {model.measureLabel} against monthly IVIG dose, one point per IVIG arm
            <br /><span className="recovery-caption">{recoveryText(analysis.recovery)}</span>
          </figcaption>
          {model.points.length === 0 ? (
            <p className="empty" role="status">No IVIG arm with a dose gives an effect for {model.outcomeLabel.toLowerCase()} with these filters.</p>
          ) : (
            <>
              <ExportMenu
                label="dose-response chart"
                spec={{
                  svg: () => chartRef.current?.querySelector('svg.recharts-surface') ?? null,
                  title: `${model.outcomeLabel}: ${model.measureLabel} against monthly IVIG dose`,
                  captionLines: captionLines({
                    what: `${model.outcomeLabel}: IVIG vs placebo by dose`,
                    settings: `${model.measureLabel}; ${model.xLabel}; ${recoveryText(analysis.recovery)}; meta-regression ${analysis.tau2Method}${testSuffix(analysis.test)}${phaseApplied ? ', phase as moderator' : ''}`,
                    filters, excluded, evidenceVersion: version, date: new Date(),
                    note: model.regression ? model.regression.text : (model.regressionNote ?? undefined),
                  }),
                  legend: [
                    ...phases.map((p) => ({ label: PHASE_LABEL[p], colour: PHASE_STYLE[p].colour, shape: PHASE_STYLE[p].shape })),
                    ...(model.points.some((p) => p.hollow) ? [{ label: 'no CI (not in regression)', colour: '#555555', shape: 'circle' as const, hollow: true }] : []),
                    ...(model.regression ? [{ label: 'meta-regression', colour: '#111111', shape: 'line' as const }, { label: '95% CI', colour: '#555555', shape: 'band' as const }, { label: 'prediction interval', colour: '#9e9e9e', shape: 'band' as const }] : []),
                  ],
                  fileName: (ext) => exportFileName(['dose-response', outcome, measure, analysis.tau2Method, analysis.includeLoading ? 'incl-loading' : null], new Date(), ext),
                  csv: () => doseToCsv(model),
                  r: model.regression ? () => doseToR(model, { ...choices, phaseModerator: phaseApplied }, { evidenceVersion: version, date: new Date().toISOString().slice(0, 10) }) : undefined,
                }}
              />
              <div ref={chartRef} className="chart-scroll" tabIndex={-1} {...CHART_TARGET} role="img" aria-label={`Dose-response chart: ${model.points.length} comparisons. ${model.regression ? model.regression.text : (model.regressionNote ?? '')}`}>
                <DoseResponseChart model={model} logDose={analysis.logDose} width={chartWidth} height={chartHeight} />
              </div>
              <ul className="phase-legend" aria-label="Legend">
                {phases.map((p) => (
                  <li key={p}><svg width="16" height="16" aria-hidden="true"><circle cx="8" cy="8" r="6" fill={PHASE_STYLE[p].colour} /></svg> {PHASE_LABEL[p]} ({PHASE_STYLE[p].shape})</li>
                ))}
                <li>Hollow: no CI (not in the regression) · area ∝ weight · whiskers: 95% CI · dark band: CI of the line · light band: prediction interval{model.points.some((p) => p.doseRange) && ' · horizontal bar: the dose range the trial reports (point at its midpoint)'}</li>
              </ul>
            </>
          )}
          <p className="regression-summary" role="status">{model.regression ? model.regression.text : model.regressionNote}</p>
          {model.confounding && <p className="confounding"><strong>Caution:</strong> {model.confounding}</p>}
          <p className="note">{model.controlHandling}</p>
        </figure>
      </ErrorBoundary>

      {model.points.length > 0 && (
        <section aria-labelledby="dose-table-title">
          <h2 id="dose-table-title">Comparisons in the chart</h2>
          <ScrollRegion label="Comparisons table">
            <table>
              <thead>
                <tr><th scope="col">Include</th><th scope="col">Trial</th><th scope="col">IVIG arm</th><th scope="col">Phase</th><th scope="col">Dose</th><th scope="col">Dose arithmetic</th><th scope="col">{model.measureLabel} [95% CI]</th><th scope="col">Weight</th></tr>
              </thead>
              <tbody>
                {model.points.map((p) => (
                  <tr key={p.key}>
                    <td><input type="checkbox" checked onChange={() => toggleStudyExcluded(p.studyId)} aria-label={`Include ${p.label}, ${p.armLabel}`} /></td>
                    <th scope="row">{p.label}{p.recoveries.length > 0 && <span className="recovery-marks"> {markSymbols(p.recoveries)} <span className="recovery-names">{markNames(p.recoveries)}</span></span>}{p.caveats.map((c) => <div key={c} className="recovery-caveat">{c}</div>)}</th>
                    <td>{p.armLabel}</td>
                    <td>{PHASE_SHORT_LABEL[p.phase]}</td>
                    <td>{p.doseText}{p.doseStatus !== 'reported' && <span className="status-derived"> †</span>}{p.doseRange && <div className="note">range {p.doseRange.text}</div>}</td>
                    <td className="note">{p.doseFormula ?? 'as reported'}{p.recoveries.map((m, i) => <div key={i}>{m.symbol} {m.name}: {m.formula}</div>)}</td>
                    <td className="num">{p.effectText}</td>
                    <td className="num">{p.weightPercent === null ? (p.hollow ? 'not in regression' : '—') : `${p.weightPercent.toFixed(1)}%`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </section>
      )}

      {toggledOut.length > 0 && (
        <section aria-labelledby="dose-out-title">
          <h2 id="dose-out-title">Toggled out ({toggledOut.length})</h2>
          <ul>
            {toggledOut.map((s) => (
              <li key={s.id}>{s.label} <button type="button" onClick={() => toggleStudyExcluded(s.id)}>Include again</button></li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="dose-missing-title" className="non-estimable">
        <h2 id="dose-missing-title">Not in the chart ({model.withoutDose.length + model.nonEstimable.length})</h2>
        <ul>
          {model.withoutDose.map((w) => <li key={w.label}><strong>{w.label}</strong>: {w.reason}</li>)}
          {model.nonEstimable.map((n) => <li key={n.studyId}><strong>{n.label}</strong>: {n.reason}{n.includedBy && <span className="included-by"> — {n.includedBy}</span>}</li>)}
        </ul>
      </section>
    </div>
  );
}
