import { useEffect, useRef } from 'react';
import { isDefaultSummary } from '../model/summary-of-findings/summary-params';
import { loadSummary, saveSummary } from '../store/summary-persistence';
import { useAppStore, useAppStoreApi } from '../store/store-context';

const storage = (): Storage | null => {
  try {
    return typeof window !== 'undefined' ? window.localStorage : null;
  } catch {
    return null;
  }
};

/**
 * Keeps the Summary of Findings' judgments in the browser: restored once when the address brings
 * none (a shared link's judgments win, and are then the ones kept), saved on every change.
 * Mounted after UrlSync has read the address.
 */
export function SummaryPersistence() {
  const store = useAppStoreApi();
  const summary = useAppStore((s) => s.summary);
  const restored = useRef(false);
  useEffect(() => {
    if (!restored.current) {
      restored.current = true;
      if (isDefaultSummary(store.getState().summary)) {
        const loaded = loadSummary(storage());
        if (loaded.problems.length) store.getState().addNotices(loaded.problems);
        if (loaded.summary && !isDefaultSummary(loaded.summary)) {
          store.getState().setSummary(loaded.summary);
          return;
        }
      }
    }
    const problem = saveSummary(storage(), store.getState().summary);
    if (problem) store.getState().addNotices([problem]);
  }, [summary, store]);
  return null;
}
