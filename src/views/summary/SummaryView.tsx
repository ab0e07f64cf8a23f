import { useEffect, useId, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { AnalysisControls } from '../../components/AnalysisControls';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { FilterBar } from '../../components/FilterBar';
import { useFoldedOnSmallScreen } from '../../components/use-layout-size';
import { ExportMenu } from '../../export/ExportMenu';
import { captionLines } from '../../export/caption';
import { exportFileName } from '../../export/file-name';
import { summaryToCsv, summaryToHtml, summaryToSvg } from '../../export/summary-exports';
import { download } from '../../export/to-svg';
import { toSummaryOfFindings } from '../../model/summary-of-findings/summary-of-findings';
import { analysisLine } from '../../model/summary-of-findings/sof-cells';
import { filterStudies, filterSyntheses } from '../../model/study-filter';
import { useAppStore, useEvidence } from '../../store/store-context';
import { timed, useAfterPaint } from './after-paint';
import { JudgmentsPanel } from './JudgmentsPanel';
import { SeedClaims } from './SeedClaims';
import { SofTableSection } from './SofTable';
import { ThresholdsForm } from './ThresholdsForm';
import './summary.css';

/**
 * The Summary of Findings view: one GRADE table per population, computed live from the same
 * pooled analyses as the forest plot, with the certainty rated step by step and the user's
 * judgments (risk of bias, indirectness, overrides) kept in the store, the link and the browser.
 */
export function SummaryView() {
  const evidence = useEvidence();
  const { filters, analysis, excluded, summary } = useAppStore(
    useShallow((s) => ({ filters: s.filters, analysis: s.analysis, excluded: s.excludedStudyIds, summary: s.summary })),
  );
  // The tables are the populations: the MS-phase and "Outcome reported" filters do not apply (as
  // on a phase-comparison row's forest plot); the others (years, search, kinds) do.
  const appliedFilters = useMemo(() => ({ ...filters, outcome: null, phases: [] }), [filters]);
  const studies = useMemo(() => (evidence ? filterStudies(evidence.studies, appliedFilters) : []), [evidence, appliedFilters]);
  const syntheses = useMemo(() => filterSyntheses(evidence?.syntheses ?? [], filters).shown, [evidence, filters]);
  // On a phone the settings (and, under the Bayesian model, the priors) filled the first one and a
  // half screens before the first table: folded there, as the filters are; the note under them
  // says what is in effect.
  const settings = useFoldedOnSmallScreen();
  const settingsId = useId();
  // A cold load draws the first table alone (what the page shows above the fold); once it is
  // painted, every table; once those are painted, the seed review's claims (after-paint.ts; measured
  // before/after in README's Speed section). Later changes compute every table at once.
  const allTables = useAfterPaint(evidence !== null);
  const claims = useAfterPaint(allTables);
  const model = useMemo(
    // Timed for the bench: the first table alone on a cold load, then every table.
    () => (evidence ? timed(allTables ? 'summary-compute' : 'summary-compute-first-table', () => toSummaryOfFindings({ studies, syntheses, analysis, excludedStudyIds: excluded, summary, maxTables: allTables ? Infinity : 1 })) : null),
    [evidence, studies, syntheses, analysis, excluded, summary, allTables],
  );

  useEffect(() => {
    // The bench measures navigation start → the first painted table, and a setting change → repaint.
    if (model) requestAnimationFrame(() => performance.mark('summary-painted'));
  }, [model]);

  if (!evidence || !model) return null;
  const title = 'Summary of findings: IVIG compared with placebo in multiple sclerosis';
  const caption = () => captionLines({
    what: 'Summary of findings (GRADE): IVIG vs placebo',
    settings: `${model.settingsText}; thresholds of importance RR ${summary.thresholdLow} and ${summary.thresholdHigh}`,
    filters: appliedFilters, excluded, evidenceVersion: evidence.version, date: new Date(),
    note: 'Certainty ratings follow stated rules; risk-of-bias and indirectness judgments and every override are the user\'s.',
  });
  const fileName = (ext: string) => exportFileName(['summary-of-findings'], new Date(), ext);
  const phaseFilterNote = filters.phases.length > 0 || filters.outcome !== null;

  return (
    <div className="summary-view">
      <FilterBar />
      <div className="settings-fold">
        <button type="button" className="filters-toggle" aria-expanded={settings.open} aria-controls={settingsId} onClick={settings.toggle}>
          Analysis settings
        </button>
      </div>
      <div id={settingsId} hidden={!settings.open}>
        <AnalysisControls show={['model', 'tau2', 'i2', 'knha', 'adhoc', 'mh', 'derived', 'asOf2003', 'recovery']} label="Analysis settings (the same as the forest plot's)" />
        <ThresholdsForm />
      </div>
      <p className="note">
        {analysisLine(model)} Each row's relative effect is the forest plot's {model.interval === 'CrI' ? 'Bayesian row (posterior median, 95% CrI)' : 'pooled result'} for that outcome and population.
        {phaseFilterNote && ' The MS-phase and “Outcome reported” filters do not apply here: each table is one population.'}
      </p>

      <ErrorBoundary name="The summary of findings tables">
        <div className="sof-export">
          <ExportMenu
            label="summary of findings"
            spec={{ render: () => summaryToSvg(model, title, caption()), title, captionLines: caption(), fileName, csv: () => summaryToCsv(model, summary, caption()) }}
          />
          <button type="button" className="sof-html" onClick={() => download(summaryToHtml(model, title, caption()), fileName('html'), 'text/html;charset=utf-8')}>
            HTML table (for a word processor)
          </button>
        </div>
        {!allTables && <p className="note" role="status">Computing the other populations’ tables…</p>}
        {model.tables.length === 0 ? (
          <p className="empty" role="status">No IVIG-vs-placebo trial passes the filters: there is nothing to summarise.</p>
        ) : (
          model.tables.map((t) => <SofTableSection key={t.population} table={t} interval={model.interval} />)
        )}
      </ErrorBoundary>

      <ErrorBoundary name="The judgments panel">
        <JudgmentsPanel trials={model.trials} />
      </ErrorBoundary>

      {claims ? (
        <ErrorBoundary name="The seed review's claims">
          <SeedClaims />
        </ErrorBoundary>
      ) : (
        <p className="note" role="status">Checking the seed review’s claims…</p>
      )}
    </div>
  );
}
