import { QueryClientProvider } from '@tanstack/react-query';
import { Suspense, useState, type ReactNode } from 'react';
import { HashRouter, NavLink, Navigate, Route, Routes, useLocation } from '../components/router';
import { createAppStore } from '../store/app-store';
import { AppStoreProvider } from '../store/store-context';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { CopyLinkButton } from '../components/CopyLinkButton';
import { MAIN_CONTENT_ID, SkipLinks } from '../components/SkipLinks';
import { preloadableView } from './preloadable-view';
import { viewForHash, viewChunks } from './view-chunks';
import { createQueryClient } from './query-client';
import { evidenceQueryOptions } from '../evidence/evidence-query';
import { EvidenceLoader } from './EvidenceLoader';
import { UrlSync } from './UrlSync';
import { Notices, Persistence } from './Persistence';
import { SummaryPersistence } from './SummaryPersistence';

// Every view on demand: the engine and recharts are not needed to browse trials, nor the table to see a chart.
const forest = preloadableView(viewChunks.forest, (m) => m.ForestView);
const doseResponse = preloadableView(viewChunks.doseResponse, (m) => m.DoseResponseView);
const phaseComparison = preloadableView(viewChunks.phaseComparison, (m) => m.PhaseComparisonView);
const evidenceView = preloadableView(viewChunks.evidence, (m) => m.EvidenceView);
const summaryView = preloadableView(viewChunks.summary, (m) => m.SummaryView);
export const views = { evidence: evidenceView, forest, doseResponse, phaseComparison, summary: summaryView };
const SummaryView = summaryView.View;
const EvidenceView = evidenceView.View;
const ForestView = forest.View;
const DoseResponseView = doseResponse.View;
const PhaseComparisonView = phaseComparison.View;


/** Keeps the filters when the user moves between views. */
function ViewLink({ to, children }: { to: string; children: string }) {
  const { search } = useLocation();
  return <NavLink to={{ pathname: to, search }}>{children}</NavLink>;
}

function View({ name, children }: { name: string; children: ReactNode }) {
  return (
    <ErrorBoundary name={name}>
      <Suspense fallback={<p role="status" className="loading">Loading {name.replace(/^The /, 'the ')}…</p>}>{children}</Suspense>
    </ErrorBoundary>
  );
}

function RedirectKeepingSearch({ to }: { to: string }) {
  const { search } = useLocation();
  return <Navigate to={{ pathname: to, search }} replace />;
}

/**
 * `firstViewCode`: the chunk of the view the page was opened on, while it is being fetched. The
 * loading message stays until that has settled too, so that the view then renders at once: the
 * evidence file often arrives first, and a view that suspends after it would flash a fallback
 * that React holds for 300 ms (see preloadable-view.tsx).
 */
export function Shell({ firstViewCode }: { firstViewCode?: Promise<unknown> }) {
  return (
    <div className="shell">
      <SkipLinks />
      <header className="app-header">
        <h1>IVIG in multiple sclerosis <span>randomized-trial evidence explorer</span></h1>
        <nav aria-label="Views">
          <ViewLink to="/evidence">Evidence</ViewLink>
          <ViewLink to="/forest">Forest plot</ViewLink>
          <ViewLink to="/dose-response">Dose-response</ViewLink>
          <ViewLink to="/phases">Phase comparison</ViewLink>
          <ViewLink to="/summary">Summary</ViewLink>
        </nav>
        <CopyLinkButton />
      </header>
      {/* tabIndex -1: the skip link moves the focus here (a Tab then goes on from the top of the view). */}
      <main id={MAIN_CONTENT_ID} tabIndex={-1}>
        {/* Outside the loader: the address is read into the store while the evidence loads, so
            the first view renders once, with the linked filters, not with defaults and again. */}
        <UrlSync />
        <EvidenceLoader alsoWaitFor={firstViewCode}>
          <Persistence />
          <SummaryPersistence />
          <Notices />
          <Routes>
            <Route path="/evidence" element={<View name="The evidence view"><EvidenceView /></View>} />
 <Route path="/phases" element={<View name="The phase comparison view"><PhaseComparisonView /></View>} />
            <Route path="/dose-response" element={<View name="The dose-response view"><DoseResponseView /></View>} />
            <Route path="/forest" element={<View name="The forest plot view"><ForestView /></View>} />
            <Route path="/summary" element={<View name="The summary of findings view"><SummaryView /></View>} />
            <Route path="*" element={<RedirectKeepingSearch to="/evidence" />} />
          </Routes>
        </EvidenceLoader>
      </main>
    </div>
  );
}

export function App() {
  const [{ queryClient, firstViewCode }] = useState(() => {
    const client = createQueryClient();
    // Fetch the evidence while React renders the shell, not after.
    void client.prefetchQuery(evidenceQueryOptions);
    // The first view's chunk is already on its way (view-chunks.ts); this remembers the module.
    return { queryClient: client, firstViewCode: typeof window === 'undefined' ? undefined : views[viewForHash(window.location.hash)].preload() };
  });
  const [store] = useState(() => createAppStore());
  return (
    <QueryClientProvider client={queryClient}>
      <AppStoreProvider store={store}>
        <HashRouter>
          <ErrorBoundary name="The application">
            <Shell firstViewCode={firstViewCode} />
          </ErrorBoundary>
        </HashRouter>
      </AppStoreProvider>
    </QueryClientProvider>
  );
}
