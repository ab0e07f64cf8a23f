import { useEffect, useRef } from 'react';
import { useLocation, useSearchParams } from '../components/router';
import { useAppStore, useAppStoreApi } from '../store/store-context';
import { readViewAddress, writeViewAddress } from '../model/view-address';

/**
 * The URL is how a view is shared and survives a reload. Two directions:
 * - an address the app did not write itself (first load, a pasted link, a link inside the app
 *   such as a phase-comparison cell, Back/Forward) is read into the store; bad or unknown
 *   parameters are dropped with a notice and the rest is kept (model/view-address.ts);
 * - every change in the store is written back (replace, not push, so that Back leaves the app
 *   rather than stepping through filter clicks).
 * The store is read with getState() when writing, so that an address read in the same commit is
 * never overwritten by the render's older values.
 */
export function UrlSync() {
  const [params, setParams] = useSearchParams();
  const { pathname } = useLocation();
  const store = useAppStoreApi();
  // Subscriptions only to re-run the writer when the user's intent changes.
  const filters = useAppStore((s) => s.filters);
  const selectedStudyId = useAppStore((s) => s.selectedStudyId);
  const analysis = useAppStore((s) => s.analysis);
  const excluded = useAppStore((s) => s.excludedStudyIds);
  const summary = useAppStore((s) => s.summary);
  /** The query string the app last wrote (or read); anything else came from outside. */
  const synced = useRef<string | null>(null);

  useEffect(() => {
    const current = params.toString();
    if (current === synced.current) return;
    synced.current = current;
    // The path matters only for addresses written before the plotted outcome had its own parameter.
    const address = readViewAddress(params, pathname);
    const state = store.getState();
    state.setFilters(address.filters);
    state.selectStudy(address.study);
    state.setAnalysis(address.settings);
    state.setExcludedStudyIds(address.excluded);
    if (address.summary) state.setSummaryFromLink(address.summary);
    if (address.problems.length) state.addNotices([`Some link settings were not understood and were reset: ${address.problems.join(' ')}`]);
  }, [params, pathname, store]);

  useEffect(() => {
    if (synced.current === null) return;
    const next = writeViewAddress(store.getState());
    const text = next.toString();
    if (text !== params.toString()) {
      synced.current = text;
      setParams(next, { replace: true });
    }
  }, [filters, selectedStudyId, analysis, excluded, summary, params, setParams, store]);

  return null;
}
