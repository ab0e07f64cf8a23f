import { useEffect, useRef, useState } from 'react';
import { isDefaultSummary, type SummarySettings } from '../model/summary-of-findings/summary-params';
import { loadSummary, saveSummary, setAsideSummary, summaryDifferences } from '../store/summary-persistence';
import { useAppStore, useAppStoreApi } from '../store/store-context';

const storage = (): Storage | null => {
  try {
    return typeof window !== 'undefined' ? window.localStorage : null;
  } catch {
    return null;
  }
};

/**
 * A shared link brought judgments that differ from the ones stored in this browser. Until the user
 * chooses, the link's are shown and nothing is written (the stored ones stay as they were); a
 * choice sets the other set aside in the browser (never deletes it), and can be swapped back.
 */
interface LinkChoice {
  differences: string[];
  /** null: not chosen yet. */
  decided: 'link' | 'mine' | null;
  /** The judgments not in use: the user's own until they choose the link's, then whichever they did not keep. */
  other: SummarySettings;
}

/**
 * Keeps the Summary of Findings' judgments in the browser: restored once when the address brings
 * none, saved on every change. When the address brings judgments and the browser holds different
 * ones, the user is told and chooses (keep the link's / restore mine); nothing is lost either way.
 * Mounted after UrlSync has read the address.
 */
export function SummaryPersistence() {
  const store = useAppStoreApi();
  const summary = useAppStore((s) => s.summary);
  const linkSerial = useAppStore((s) => s.summaryLinkSerial);
  const restored = useRef(false);
  const seenLink = useRef(0);
  const [choice, setChoice] = useState<LinkChoice | null>(null);
  const undecided = choice !== null && choice.decided === null;
  useEffect(() => {
    // In an effect, not on the first render: UrlSync's effect (an earlier sibling) has put the
    // address in the store by now, even when the evidence is already cached and this mounts at once.
    if (!restored.current) {
      restored.current = true;
      const loaded = loadSummary(storage());
      if (loaded.problems.length) store.getState().addNotices(loaded.problems);
      if (isDefaultSummary(store.getState().summary) && loaded.summary && !isDefaultSummary(loaded.summary)) {
        store.getState().setSummary(loaded.summary);
        return;
      }
    }
    if (linkSerial !== seenLink.current) {
      // An address brought judgments (on opening the app, or a link pasted into the open app):
      // if the browser holds different ones, show the link's and ask; write nothing until then.
      seenLink.current = linkSerial;
      const current = store.getState().summary;
      const stored = loadSummary(storage()).summary;
      const differences = stored && !isDefaultSummary(stored) && !isDefaultSummary(current) ? summaryDifferences(current, stored) : [];
      if (differences.length) {
        // eslint-disable-next-line react-hooks/set-state-in-effect -- once per link, from an external system (localStorage)
        setChoice({ differences, decided: null, other: stored! });
        return;
      }
    }
    if (undecided) return;
    const problem = saveSummary(storage(), store.getState().summary);
    if (problem) store.getState().addNotices([problem]);
  }, [summary, store, undecided, linkSerial]);

  if (!choice) return null;
  /** Use the judgments not in use now, and set the ones in use aside (the effect then saves the chosen ones). */
  const swap = (decided: 'link' | 'mine') => {
    const inUse = store.getState().summary;
    const problem = setAsideSummary(storage(), decided === 'link' && choice.decided === null ? choice.other : inUse);
    if (problem) store.getState().addNotices([problem]);
    if (decided === 'link' && choice.decided === null) {
      // The link's are in use already: keep them, set the user's own aside.
      setChoice({ ...choice, decided, other: choice.other });
      return;
    }
    store.getState().setSummary(choice.other);
    setChoice({ ...choice, decided, other: inUse });
  };
  return (
    <section className="notice summary-link-choice" aria-label="Judgments from the link">
      {choice.decided === null ? (
        <>
          <p role="status">
            This link brings its own Summary of Findings judgments, and they are shown now. This browser holds different ones you saved
            earlier ({choice.differences.join('; ')}); they stay as they were until you choose.
          </p>
          <button type="button" onClick={() => swap('link')}>Keep the link’s judgments (set mine aside)</button>{' '}
          <button type="button" onClick={() => swap('mine')}>Restore my judgments (set the link’s aside)</button>
        </>
      ) : (
        <>
          <p role="status">
            {choice.decided === 'link'
              ? 'The link’s judgments are kept in this browser now; yours are set aside, not deleted.'
              : 'Your judgments are restored; the link’s are set aside in this browser.'}
          </p>
          <button type="button" onClick={() => swap(choice.decided === 'link' ? 'mine' : 'link')}>
            {choice.decided === 'link' ? 'Restore my judgments' : 'Use the link’s judgments again'}
          </button>{' '}
          <button type="button" onClick={() => setChoice(null)}>Close</button>
        </>
      )}
    </section>
  );
}
