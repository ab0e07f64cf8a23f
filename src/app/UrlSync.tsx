import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useAppStore, useAppStoreApi } from '../store/store-context';
import { filtersFromSearchParams, filtersToSearchParams } from '../model/filters';
import { settingsFromSearchParams, settingsToSearchParams } from '../model/analysis-params';

/**
 * The URL is how a view is shared and survives a reload: read it once into the store (bad
 * parameters are dropped with a notice), then write every change back (replace, not push,
 * so Back leaves the app rather than stepping through filter clicks).
 */
export function UrlSync() {
  const [params, setParams] = useSearchParams();
  const store = useAppStoreApi();
  const filters = useAppStore((s) => s.filters);
  const selectedStudyId = useAppStore((s) => s.selectedStudyId);
  const analysis = useAppStore((s) => s.analysis);
  const excluded = useAppStore((s) => s.excludedStudyIds);
  const [problems, setProblems] = useState<string[]>([]);
  const readOnce = useRef(false);

  useEffect(() => {
    if (readOnce.current) return;
    readOnce.current = true;
    const parsed = filtersFromSearchParams(params);
    const settings = settingsFromSearchParams(params);
    const state = store.getState();
    state.setFilters(parsed.filters);
    state.selectStudy(params.get('study'));
    state.setAnalysis(settings.settings);
    state.setExcludedStudyIds(settings.excluded);
    setProblems([...parsed.problems, ...settings.problems]);
  }, [params, store]);

  useEffect(() => {
    if (!readOnce.current) return;
    const next = settingsToSearchParams(analysis, excluded, filtersToSearchParams(filters, params));
    if (selectedStudyId) next.set('study', selectedStudyId);
    else next.delete('study');
    if (next.toString() !== params.toString()) setParams(next, { replace: true });
  }, [filters, selectedStudyId, analysis, excluded, params, setParams]);

  if (problems.length === 0) return null;
  return (
    <div role="status" className="notice">
      <strong>Some link settings were not understood and were reset:</strong>
      <ul>{problems.map((p) => <li key={p}>{p}</li>)}</ul>
      <button type="button" onClick={() => setProblems([])}>Dismiss</button>
    </div>
  );
}
