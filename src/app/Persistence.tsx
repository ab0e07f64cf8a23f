import { useEffect, useRef, useState } from 'react';
import { hasSavedState, saveState } from '../store/persistence';
import { useAppStore, useAppStoreApi } from '../store/store-context';

const storage = (): Storage | null => {
  try {
    return typeof window !== 'undefined' ? window.localStorage : null;
  } catch {
    return null;
  }
};

/**
 * Restores the user's imports from the browser once the bundled set is loaded (re-validated
 * against it), then saves every change. Problems become notices; nothing is thrown.
 *
 * The checker is loaded only when something was saved. Saving starts once restoring is over,
 * so that an empty list never overwrites saved imports that are still being read.
 */
export function Persistence() {
  const store = useAppStoreApi();
  const bundled = useAppStore((s) => s.evidence);
  const imports = useAppStore((s) => s.imports);
  const started = useRef(false);
  const [restored, setRestored] = useState(() => !hasSavedState(storage()));

  useEffect(() => {
    if (!bundled || restored || started.current) return;
    started.current = true;
    void Promise.all([import('../store/saved-state'), import('../evidence/import-evidence')]).then(
      ([{ loadSavedState }, { validateImports }]) => {
        const loaded = loadSavedState(storage());
        const { valid, invalid } = validateImports(bundled, loaded.imports);
        const state = store.getState();
        // Files imported while the saved ones were being read are kept after them.
        state.setImports([...valid, ...state.imports.filter((f) => !valid.some((v) => v.id === f.id))]);
        state.addNotices([
          ...(loaded.notice ? [loaded.notice] : []),
          ...invalid.map((i) => `The saved import "${i.file.fileName}" no longer fits the evidence set ${bundled.version} and was not loaded: ${i.problems[0]}`),
        ]);
        setRestored(true);
      },
      (error: unknown) => {
        // The checker's code could not be fetched (offline): keep what is saved untouched and say so.
        store.getState().addNotices([`Saved imports could not be restored (${error instanceof Error ? error.message : String(error)}); they are kept in this browser for the next visit.`]);
      },
    );
  }, [bundled, restored, store]);

  useEffect(() => {
    if (!restored) return;
    const problem = saveState(storage(), imports);
    if (problem) store.getState().addNotices([problem]);
  }, [imports, restored, store]);

  return null;
}

/** Notices from the store, above the views. */
export function Notices() {
  const notices = useAppStore((s) => s.notices);
  const dismiss = useAppStore((s) => s.dismissNotices);
  if (notices.length === 0) return null;
  return (
    <div role="status" className="notice">
      <ul>{notices.map((n) => <li key={n}>{n}</li>)}</ul>
      <button type="button" onClick={dismiss}>Dismiss</button>
    </div>
  );
}
