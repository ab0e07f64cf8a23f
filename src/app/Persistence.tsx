import { useEffect, useRef } from 'react';
import { validateImports } from '../evidence/import-evidence';
import { loadSavedState, saveState } from '../store/persistence';
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
 */
export function Persistence() {
  const store = useAppStoreApi();
  const bundled = useAppStore((s) => s.evidence);
  const imports = useAppStore((s) => s.imports);
  const restored = useRef(false);

  useEffect(() => {
    if (!bundled || restored.current) return;
    restored.current = true;
    const loaded = loadSavedState(storage());
    const { valid, invalid } = validateImports(bundled, loaded.imports);
    const state = store.getState();
    state.setImports(valid);
    state.addNotices([
      ...(loaded.notice ? [loaded.notice] : []),
      ...invalid.map((i) => `The saved import "${i.file.fileName}" no longer fits the evidence set ${bundled.version} and was not loaded: ${i.problems[0]}`),
    ]);
  }, [bundled, store]);

  useEffect(() => {
    if (!restored.current) return;
    const problem = saveState(storage(), imports);
    if (problem) store.getState().addNotices([problem]);
  }, [imports, store]);

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
