import { useQuery } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { evidenceQueryOptions } from '../evidence/evidence-query';
import { useAppStore } from '../store/store-context';

/** Fetches and validates the bundled evidence once, then hands it to the store. */
export function EvidenceLoader({ children }: { children: ReactNode }) {
  const query = useQuery(evidenceQueryOptions);
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
  if (!loaded) return <p role="status" className="loading">Loading the evidence set…</p>;
  return <>{children}</>;
}
