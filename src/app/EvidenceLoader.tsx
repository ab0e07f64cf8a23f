import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { evidenceQueryOptions } from '../evidence/evidence-query';
import { useAppStore } from '../store/store-context';

/**
 * Fetches and validates the bundled evidence once, then hands it to the store. `alsoWaitFor`
 * holds the children back until it settles too, either way (a chunk that failed to load is the
 * view's error boundary's business, not the loader's).
 */
export function EvidenceLoader({ children, alsoWaitFor }: { children: ReactNode; alsoWaitFor?: Promise<unknown> }) {
  const query = useQuery(evidenceQueryOptions);
  const [waited, setWaited] = useState(alsoWaitFor === undefined);
  useEffect(() => {
    if (!alsoWaitFor) return;
    let live = true;
    const done = () => {
      if (live) setWaited(true);
    };
    alsoWaitFor.then(done, done);
    return () => {
      live = false;
    };
  }, [alsoWaitFor]);
  const setEvidence = useAppStore((s) => s.setEvidence);
  const loaded = useAppStore((s) => s.evidence !== null);
  useEffect(() => {
    if (query.data) {
      performance.mark('evidence-loaded');
      setEvidence(query.data);
    }
  }, [query.data, setEvidence]);

  if (query.isError) {
    return (
      <div role="alert" className="error-panel">
        <h2>The evidence set could not be loaded</h2>
        <pre>{query.error.message}</pre>
        <p>Nothing was changed. Fix the file (the path above names the failing place) and reload.</p>
      </div>
    );
  }
  if (!loaded || !waited) return <p role="status" className="loading">Loading the evidence set…</p>;
  return <>{children}</>;
}
