import { useEffect, useMemo, useRef } from 'react';
import { ExportMenu } from '../../export/ExportMenu';
import { exportFileName } from '../../export/file-name';
import { toCsv } from '../../export/to-csv';
import { useNavigate } from '../../components/router';
import { useShallow } from 'zustand/react/shallow';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { ScrollRegion } from '../../components/ScrollRegion';
import { FilterBar } from '../../components/FilterBar';
import { AnalysisControls } from '../../components/AnalysisControls';
import { forestAxis } from '../../model/forest-axis';
import {
  PHASE_ROWS,
  PHASE_ROW_LABEL,
  relapseRateReductions,
  toPhaseComparison,
  type PhasePanel,
  type PhaseRow,
} from '../../model/phase-comparison-model';
import { filterStudies, filterSyntheses } from '../../model/study-filter';
import { captionLines } from '../../export/caption';
import { useAppStore, useAppStoreApi, useEvidence } from '../../store/store-context';
import { writeViewAddress } from '../../model/view-address';
import { frequentistModel, testSuffix } from '../../model/analysis-params';
import type { OutcomeKind } from '../../evidence/schema';
import type { AnalysisMeasure } from '../../evidence/to-effect-inputs';
import type { Study } from '../../evidence/schema';
import type { AnalysisChoices } from '../../model/forest-model';
import { PhaseSensitivityDetails } from '../../components/method-sensitivity/PhaseSensitivityDetails';

const ROW_H = 26;
const PLOT_X = 430;
const PLOT_W = 260;
const WIDTH = PLOT_X + PLOT_W + 20;

function panelCsv(panel: PhasePanel): string {
  return toCsv(
    ['outcome', 'measure', 'phase', 'k', 'participants', 'estimate', 'ci_lower', 'ci_upper', 'I2_percent', 'I2_basis', 'studies', 'empty_reason', 'subgroup_Q', 'subgroup_df', 'subgroup_p'],
    panel.cells.map((c) => [panel.outcomeLabel, panel.measureLabel, PHASE_ROW_LABEL[c.row], c.k, c.participants, c.estimate, c.ciLower, c.ciUpper, c.I2, c.I2Basis ?? '', c.studies.join('; '), c.emptyReason, panel.subgroupTest?.Q ?? null, panel.subgroupTest?.df ?? null, panel.subgroupTest?.pValue ?? null]),
  );
}

function Panel({ panel, onOpen, caption, studies, choices }: { panel: PhasePanel; onOpen: (row: PhaseRow) => void; caption: readonly string[]; studies: readonly Study[]; choices: Partial<Omit<AnalysisChoices, 'outcome' | 'measure'>> }) {
  const svgRef = useRef<SVGSVGElement>(null);
  const ys = panel.cells.flatMap((c) => (c.yiLower !== null && c.yiUpper !== null ? [c.yiLower, c.yiUpper] : []));
  const axis = forestAxis(panel.isRatio, ys.length ? [Math.min(...ys), Math.max(...ys)] : null, ys.length ? [Math.min(...ys), Math.max(...ys)] : null);
  const sx = (v: number) => PLOT_X + ((Math.min(axis.max, Math.max(axis.min, v)) - axis.min) / (axis.max - axis.min)) * PLOT_W;
  const height = 30 + panel.cells.length * ROW_H + 44;
  return (
    <section className="phase-panel" aria-labelledby={`panel-${panel.outcome}`}>
      <h2 id={`panel-${panel.outcome}`}>{panel.outcomeLabel} <small>— {panel.measureLabel}</small></h2>
      <ExportMenu
        label={`${panel.outcomeLabel} panel`}
        spec={{
          svg: svgRef,
          title: `${panel.outcomeLabel} by MS phase — ${panel.measureLabel}`,
          // Whole: the export wraps caption lines to the panel's width.
          captionLines: [...caption, panel.sentence],
          fileName: (ext) => exportFileName(['phases', panel.outcome, panel.measure], new Date(), ext),
          csv: () => panelCsv(panel),
        }}
      />
      <ScrollRegion label={`Plot: ${panel.outcomeLabel} by MS phase`} className="svg-scroll" hint="Scroll sideways for the plot →" chart>
      <svg ref={svgRef} width={WIDTH} height={height} viewBox={`0 0 ${WIDTH} ${height}`} role="group" aria-label={`${panel.outcomeLabel} by phase. ${panel.sentence}`} fontFamily="'DejaVu Sans', Arial, sans-serif" fontSize={12}>
        <rect width={WIDTH} height={height} fill="#fff" />
        <g fontWeight={700}>
          <text x={8} y={18}>Phase</text>
          <text x={150} y={18} textAnchor="end">k</text>
          <text x={210} y={18} textAnchor="end">n</text>
          <text x={250} y={18} textAnchor="end">I²</text>
          <text x={262} y={18}>Effect [95% CI]</text>
        </g>
        <line x1={sx(0)} x2={sx(0)} y1={24} y2={30 + panel.cells.length * ROW_H} stroke="#000" strokeWidth={0.8} />
        {panel.cells.map((c, i) => {
          const y = 30 + i * ROW_H + ROW_H / 2;
          const hasEstimate = c.yi !== null && c.yiLower !== null && c.yiUpper !== null;
          return (
            <g
              key={c.row}
              className="phase-cell"
              role="link"
              tabIndex={0}
              aria-label={`${PHASE_ROW_LABEL[c.row]}: ${hasEstimate ? c.text : c.emptyReason}. Open the forest plot.`}
              onClick={() => onOpen(c.row)}
              onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onOpen(c.row); } }}
            >
              <rect x={0} y={y - ROW_H / 2} width={WIDTH} height={ROW_H} fill="transparent" />
              <text x={8} y={y + 4} fontWeight={600}>{PHASE_ROW_LABEL[c.row]}</text>
              <text x={150} y={y + 4} textAnchor="end">{c.k}</text>
              <text x={210} y={y + 4} textAnchor="end">{c.participants ?? (c.k ? 'n/r' : '')}</text>
              <text x={250} y={y + 4} textAnchor="end">{c.I2 === null ? '' : `${Math.round(c.I2)}%`}</text>
              {hasEstimate ? (
                <>
                  <text x={262} y={y + 4}>{c.text}</text>
                  <line x1={sx(c.yiLower!)} x2={sx(c.yiUpper!)} y1={y} y2={y} stroke="#1f4e9c" strokeWidth={1.5} />
                  {c.k > 1 ? (
                    <polygon points={`${sx(c.yiLower!)},${y} ${sx(c.yi!)},${y - 6} ${sx(c.yiUpper!)},${y} ${sx(c.yi!)},${y + 6}`} fill="#1f4e9c" />
                  ) : (
                    <rect x={sx(c.yi!) - 5} y={y - 5} width={10} height={10} fill="#1f4e9c" />
                  )}
                </>
              ) : (
                // The full reason is in the sentence under the panel; the cell must not run under the axis.
                <text x={262} y={y + 4} fill="#777" fontStyle="italic">{shortReason(c.emptyReason ?? '')}</text>
              )}
            </g>
          );
        })}
        <g transform={`translate(0, ${30 + panel.cells.length * ROW_H})`}>
          <line x1={PLOT_X} x2={PLOT_X + PLOT_W} y1={0} y2={0} stroke="#000" />
          {axis.ticks.map((t) => (
            <g key={t.at} transform={`translate(${sx(t.at)}, 0)`}>
              <line y2={4} stroke="#000" />
              <text y={16} textAnchor="middle" fontSize={11}>{t.label}</text>
            </g>
          ))}
          <text x={PLOT_X} y={34} fontSize={11} fontWeight={600}>{panel.favoursLeft}</text>
          <text x={PLOT_X + PLOT_W} y={34} fontSize={11} fontWeight={600} textAnchor="end">{panel.favoursRight}</text>
        </g>
      </svg>
      </ScrollRegion>
      <p className="phase-sentence">{panel.sentence}</p>
      {panel.measure && panel.cells.some((c) => c.k > 0) && (
        <PhaseSensitivityDetails
          studies={studies} outcome={panel.outcome} outcomeLabel={panel.outcomeLabel} measure={panel.measure}
          rows={panel.cells.filter((c) => c.k > 0).map((c) => c.row)} choices={choices} captionLines={caption}
          fileName={(row, ext) => exportFileName(['method-sensitivity', panel.outcome, panel.measure, row], new Date(), ext)}
        />
      )}
      {panel.published.length > 0 && (
        <details>
          <summary>Published syntheses for this outcome ({panel.published.length})</summary>
          <ul className="note">
            {panel.published.map((p, i) => (
              <li key={i}><strong>{p.synthesis}</strong> ({p.phase}): {p.text}{p.notes.length > 0 && <> — {p.notes.join(' ')}</>}</li>
            ))}
          </ul>
          <p className="note">Published syntheses pooled other trial sets with other measures (e.g. SMD or OR for relapsing rather than relapse-free); their numbers differ from ours for those reasons, not only for differences in data.</p>
        </details>
      )}
    </section>
  );
}

/** A few words for the cell; the sentence under the panel gives the whole reason. */
function shortReason(reason: string): string {
  if (reason.startsWith('no trial reports')) return 'no trial reports it';
  if (reason.startsWith('no randomised IVIG trial')) return 'no randomised trial';
  if (reason.startsWith('reported but not estimable')) return 'reported, not estimable';
  if (reason.includes('only as p-values or statements')) return 'p-values or words only';
  return reason.length > 24 ? `${reason.slice(0, 23)}…` : reason;
}

export function PhaseComparisonView() {
  const evidence = useEvidence();
  const { filters, analysis, excluded } = useAppStore(
    useShallow((s) => ({ filters: s.filters, analysis: s.analysis, excluded: s.excludedStudyIds })),
  );
  const setAnalysis = useAppStore((s) => s.setAnalysis);
  const store = useAppStoreApi();
  const navigate = useNavigate();
  const studies = useMemo(() => (evidence ? filterStudies(evidence.studies, { ...filters, outcome: null, phases: [], kinds: ['ivig-rct', 'ivig-non-randomised', 'ivig-active-comparator-rct', 'comparator-rct'] }) : []), [evidence, filters]);
  const panels = useMemo(
    () => toPhaseComparison(studies, filterSyntheses(evidence?.syntheses ?? [], filters).shown, {
      rows: analysis.comparePhases, model: frequentistModel(analysis.model), tau2Method: analysis.tau2Method, test: analysis.test,
      useDerived: analysis.useDerived, excludedStudyIds: excluded, i2Basis: analysis.i2Basis, recovery: analysis.recovery,
    }),
    [studies, evidence, filters, analysis, excluded],
  );
  const reductions = useMemo(() => relapseRateReductions(studies), [studies]);
  // The cells' trials as their forests pool them (the same settings and toggles).
  // Under model=bayes a cell's forest (and its sensitivity panel's) carries the Bayesian row too.
  const cellChoices = useMemo(() => ({ ...analysis, excludedStudyIds: excluded, level: 95 }), [analysis, excluded]);
  useEffect(() => {
    requestAnimationFrame(() => performance.mark('phase-comparison-painted'));
  }, [panels]);

  const toggleRow = (row: PhaseRow) => {
    const has = analysis.comparePhases.includes(row);
    const next = has ? analysis.comparePhases.filter((r) => r !== row) : PHASE_ROWS.filter((r) => r === row || analysis.comparePhases.includes(r));
    if (next.length) setAnalysis({ comparePhases: next });
  };
  // The cell's forest: this view's address (the user's filters and model settings, unchanged) plus
  // what the forest is to plot and the row it is to show. No filter is added: the row is the
  // forest's own choice, shown there as a removable chip.
  const openForest = (outcome: OutcomeKind, row: PhaseRow, measure: AnalysisMeasure | null) => {
    const p = writeViewAddress({ ...store.getState(), analysis: { ...analysis, forestOutcome: outcome, forestPhase: row, ...(measure ? { measure } : {}) } });
    navigate(`/forest?${p.toString()}`);
  };

  return (
    <div className="phase-view">
      <FilterBar />
      <AnalysisControls label="Comparison settings" show={['model', 'tau2', 'i2', 'knha', 'adhoc', 'derived', 'recovery']}>
        <fieldset>
          <legend>Compare</legend>
          <div className="toggle-group">
            {PHASE_ROWS.map((r) => (
              <button key={r} type="button" aria-pressed={analysis.comparePhases.includes(r)} onClick={() => toggleRow(r)}>{PHASE_ROW_LABEL[r]}</button>
            ))}
          </div>
        </fieldset>
      </AnalysisControls>
      {analysis.model === 'bayes' && (
        <p className="note" role="note">Bayesian model: the cells below are pooled by frequentist random effects ({analysis.tau2Method}{testSuffix(analysis.test)}); the Bayesian fits of each cell, with three τ priors, are in “How much does the method matter?” under each panel, and a cell’s forest shows its Bayesian row.</p>
      )}
      <p className="note">The MS-phase and “Outcome reported” filters above do not apply here: the rows are the phases compared, the panels the outcomes. Click a row to open its forest plot (the filters stay as they are).</p>
      {panels.length === 0 && <p className="empty" role="status">No outcome is reported in the compared phases with these filters.</p>}
      {panels.map((p) => (
        <ErrorBoundary key={p.outcome} name={`The ${p.outcomeLabel} panel`}>
          <Panel panel={p} studies={studies} choices={cellChoices} onOpen={(row) => openForest(p.outcome, row, p.measure)} caption={captionLines({ what: 'IVIG vs placebo by MS phase', settings: `${analysis.model === 'common' ? 'common effect' : `random effects (${analysis.tau2Method}${testSuffix(analysis.test)})`}; phases ${analysis.comparePhases.join(' vs ')}`, filters, excluded, evidenceVersion: evidence?.version ?? 'unknown', date: new Date() })} />
        </ErrorBoundary>
      ))}
      <ErrorBoundary name="The comparator panel">
        <section className="comparator" aria-labelledby="comparator-title">
          <h2 id="comparator-title">Relapse-rate reduction beside interferon-beta and glatiramer acetate — indirect, not head-to-head</h2>
          <p className="note">Relative reduction of the annualized relapse rate against each trial’s own placebo, 1 − rate(treatment) / rate(placebo), derived from the reported rates. Placebo rates, relapse definitions, populations and eras differ between these trials, so this is context, not a comparison of efficacy: the AIMS authors called IVIG “comparable”, and the 2002 meta-analysis noted that the IVIG trials “were smaller than the pivotal trials of interferon-beta and glatiramer acetate”.</p>
          {reductions.length === 0 ? <p className="empty">No trial with annualized relapse rates passes the filters.</p> : (
            <ScrollRegion label="Relapse-rate reductions table">
            <table>
              <thead><tr><th scope="col">Trial</th><th scope="col">Treatment</th><th scope="col">Rate: treatment vs placebo</th><th scope="col">Reduction</th><th scope="col" aria-hidden="true"></th><th scope="col">Source</th></tr></thead>
              <tbody>
                {reductions.map((r) => (
                  <tr key={`${r.studyId}-${r.treatment}`} className={r.kind === 'comparator-rct' ? 'comparator-row' : 'ivig-row'}>
                    <th scope="row">{r.label}{r.kind === 'comparator-rct' && <span className="badge">comparator</span>}</th>
                    <td>{r.treatment}</td>
                    <td className="num">{r.treatmentRate} vs {r.controlRate}</td>
                    <td className="num" title={`derived: ${r.formula}`}>{r.reductionPercent.toFixed(0)}% †</td>
                    <td aria-hidden="true"><span className="bar" style={{ width: `${Math.max(0, Math.min(100, r.reductionPercent)) * 1.6}px` }} /></td>
                    <td className="quote-cell">
                      <details>
                        <summary>quote{r.derived ? ' (rates partly derived)' : ''}</summary>
                        {r.quotes.map((q) => <blockquote key={q}>“{q}”</blockquote>)}
                      </details>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            </ScrollRegion>
          )}
        </section>
      </ErrorBoundary>
    </div>
  );
}
