import { useCallback, useEffect, useRef, useState } from 'react';
import { download } from '../export/to-svg';
import { MAX_SET_ASIDE, hasSavedState, listSetAside, readSetAside, removeSetAside, saveState, type SetAsideEntry } from '../store/persistence';
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
 * against it), then saves every change. Problems become notices; nothing is thrown. Saved data
 * that cannot be used is set aside, each time as its own copy, and listed here for download.
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
  const [setAsideEntries, setSetAsideEntries] = useState<SetAsideEntry[]>(() => listSetAside(storage()));
  // Unreadable text that the storage had no room to keep: offered for download from memory.
  const [unkept, setUnkept] = useState<{ entry: SetAsideEntry; text: string }[]>([]);

  useEffect(() => {
    if (!bundled || restored || started.current) return;
    started.current = true;
    void Promise.all([import('../store/saved-state'), import('../evidence/import-evidence')]).then(
      ([{ loadSavedState, setAsideWithNotice }, { validateImports }]) => {
        const now = new Date();
        const loaded = loadSavedState(storage(), now);
        const { valid, invalid } = validateImports(bundled, loaded.imports);
        const state = store.getState();
        const notices = loaded.notice ? [loaded.notice] : [];
        const kept: { entry: SetAsideEntry; text: string }[] = loaded.unkept ? [{ entry: inMemory('saved imports', loaded.unkept, now), text: loaded.unkept }] : [];
        // A saved file that no longer fits is set aside too: saving the others would drop it.
        const where = storage();
        for (const i of invalid) {
          const text = JSON.stringify({ version: 1, imports: [i.file] });
          const what = `The saved import "${i.file.fileName}" no longer fits the evidence set ${bundled.version}; it was not loaded`;
          const r = where ? setAsideWithNotice(where, text, what, i.problems[0] ?? 'unknown problem', now) : { notice: `${what}: ${i.problems[0]}`, unkept: text };
          notices.push(r.notice);
          if (r.unkept) kept.push({ entry: inMemory(i.file.fileName, text, now), text });
        }
        // Files imported while the saved ones were being read are kept after them.
        state.setImports([...valid, ...state.imports.filter((f) => !valid.some((v) => v.id === f.id))]);
        state.addNotices(notices);
        setUnkept(kept);
        setSetAsideEntries(listSetAside(storage()));
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

  const remove = useCallback((key: string) => {
    removeSetAside(storage(), key);
    setSetAsideEntries(listSetAside(storage()));
    setUnkept((u) => u.filter((x) => x.entry.key !== key));
  }, []);
  const entries = [...unkept, ...setAsideEntries.map((entry) => ({ entry, text: null }))];
  if (entries.length === 0) return null;
  return (
    <section className="notice set-aside" aria-label="Set-aside data">
      <p>
        <strong>Set-aside data.</strong> Saved data that this page could not read is kept here, so that nothing is lost (the newest {MAX_SET_ASIDE}, in this
        browser): download it to repair it or import it again, then delete it.
      </p>
      <ul>
        {entries.map(({ entry, text }) => {
          const when = entry.savedAt ? `${entry.savedAt.slice(0, 16).replace('T', ' ')} UTC` : 'an earlier visit';
          return (
            <li key={entry.key}>
              {when}: {entry.reason} ({formatChars(entry.chars)}{text !== null ? ', not kept after this visit' : ''})
              {' '}<button type="button" aria-label={`Download the set-aside data from ${when}`} onClick={() => {
                const content = text ?? readSetAside(storage(), entry.key);
                if (content !== null) download(content, `ivig-ms_set-aside_${(entry.savedAt ?? 'earlier').slice(0, 19).replace(/:/g, '-')}${entry.savedAt ? 'Z' : ''}.json`, 'application/json');
              }}>Download the set-aside data</button>
              {' '}<button type="button" aria-label={`Delete the set-aside data from ${when}`} onClick={() => remove(entry.key)}>Delete</button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

const formatChars = (n: number) => (n < 1000 ? `${n} characters` : `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)} thousand characters`);

function inMemory(what: string, text: string, now: Date): SetAsideEntry {
  return { key: `memory:${what}:${now.toISOString()}`, savedAt: now.toISOString(), reason: `${what}, too large to keep in this browser`, chars: text.length };
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
