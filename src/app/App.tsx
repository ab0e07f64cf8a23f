import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { HashRouter, NavLink, Navigate, Route, Routes, useLocation } from 'react-router';
import { createAppStore } from '../store/app-store';
import { AppStoreProvider } from '../store/store-context';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { CopyLinkButton } from '../components/CopyLinkButton';
import { EvidenceView } from '../views/evidence/EvidenceView';
import { ForestView } from '../views/forest/ForestView';
import { DoseResponseView } from '../views/dose-response/DoseResponseView';
import { PhaseComparisonView } from '../views/phase-comparison/PhaseComparisonView';
import { createQueryClient } from './query-client';
import { EvidenceLoader } from './EvidenceLoader';
import { UrlSync } from './UrlSync';
import { Notices, Persistence } from './Persistence';

/** Keeps the filters when the user moves between views. */
function ViewLink({ to, children }: { to: string; children: string }) {
  const { search } = useLocation();
  return <NavLink to={{ pathname: to, search }}>{children}</NavLink>;
}

function RedirectKeepingSearch({ to }: { to: string }) {
  const { search } = useLocation();
  return <Navigate to={{ pathname: to, search }} replace />;
}

export function Shell() {
  return (
    <div className="shell">
      <header className="app-header">
        <h1>IVIG in multiple sclerosis <span>randomized-trial evidence explorer</span></h1>
        <nav aria-label="Views">
          <ViewLink to="/evidence">Evidence</ViewLink>
          <ViewLink to="/forest">Forest plot</ViewLink>
          <ViewLink to="/dose-response">Dose-response</ViewLink>
          <ViewLink to="/phases">Phase comparison</ViewLink>
        </nav>
        <CopyLinkButton />
      </header>
      <main>
        <EvidenceLoader>
          <UrlSync />
          <Persistence />
          <Notices />
          <Routes>
            <Route path="/evidence" element={<ErrorBoundary name="The evidence view"><EvidenceView /></ErrorBoundary>} />
 <Route path="/phases" element={<ErrorBoundary name="The phase comparison view"><PhaseComparisonView /></ErrorBoundary>} />
            <Route path="/dose-response" element={<ErrorBoundary name="The dose-response view"><DoseResponseView /></ErrorBoundary>} />
            <Route path="/forest" element={<ErrorBoundary name="The forest plot view"><ForestView /></ErrorBoundary>} />
            <Route path="*" element={<RedirectKeepingSearch to="/evidence" />} />
          </Routes>
        </EvidenceLoader>
      </main>
    </div>
  );
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [store] = useState(() => createAppStore());
  return (
    <QueryClientProvider client={queryClient}>
      <AppStoreProvider store={store}>
        <HashRouter>
          <ErrorBoundary name="The application">
            <Shell />
          </ErrorBoundary>
        </HashRouter>
      </AppStoreProvider>
    </QueryClientProvider>
  );
}
