import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { FilterBar } from '../../components/FilterBar';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { filterStudies, filterSyntheses, hiddenSynthesesNote } from '../../model/study-filter';
import { useAppStore, useEvidence } from '../../store/store-context';
import { EvidenceTable } from './EvidenceTable';
import { EvidenceMap } from './EvidenceMap';
import { StudyDetail } from './StudyDetail';
import { PublishedSyntheses } from './PublishedSyntheses';
import { ImportPanel } from './ImportPanel';
import { captionLines } from '../../export/caption';

export function EvidenceView() {
  const evidence = useEvidence();
  const { filters, selectedStudyId } = useAppStore(
    useShallow((s) => ({ filters: s.filters, selectedStudyId: s.selectedStudyId })),
  );
  const studies = useMemo(() => (evidence ? filterStudies(evidence.studies, filters) : []), [evidence, filters]);
  const syntheses = useMemo(() => filterSyntheses(evidence?.syntheses ?? [], filters), [evidence, filters]);
  const selectStudy = useAppStore((s) => s.selectStudy);
  /** Back to where the reader came from: the trial's row in the table, in view and focused. */
  const closeStudy = (studyId: string) => {
    selectStudy(null);
    const row = [...document.querySelectorAll<HTMLButtonElement>('.evidence-table button[data-study-id]')].find((b) => b.dataset.studyId === studyId);
    row?.scrollIntoView?.({ block: 'center' });
    row?.focus({ preventScroll: true });
  };
  const selected = evidence?.studies.find((s) => s.id === selectedStudyId) ?? null;
  if (!evidence) return null;
  return (
    <div className="evidence-view">
      <FilterBar />
      <p className="summary" role="status" aria-live="polite">
        {studies.length} of {evidence.studies.length} studies shown · evidence set {evidence.version} ({evidence.updated})
      </p>
      <ErrorBoundary name="The trial table">
        <EvidenceTable studies={studies} allStudies={evidence.studies} />
      </ErrorBoundary>
      {selected && (
        <ErrorBoundary name="The study detail">
          <StudyDetail study={selected} sources={evidence.sources} studies={evidence.studies} onClose={() => closeStudy(selected.id)} />
        </ErrorBoundary>
      )}
      <ErrorBoundary name="The evidence map">
        <EvidenceMap studies={studies} allStudies={evidence.studies} captionLines={captionLines({ what: 'Randomized trials of IVIG in MS', settings: `${studies.length} studies`, filters, excluded: [], evidenceVersion: evidence.version, date: new Date() })} />
      </ErrorBoundary>
      <ErrorBoundary name="The import panel">
        <ImportPanel />
      </ErrorBoundary>
      <ErrorBoundary name="The published syntheses">
        <PublishedSyntheses syntheses={syntheses.shown} hiddenNote={hiddenSynthesesNote(syntheses.hidden, filters.yearTo)} />
      </ErrorBoundary>
    </div>
  );
}
