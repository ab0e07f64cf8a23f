/**
 * The whole app in jsdom, as the integration tests render it: the Shell inside a memory router, a
 * fresh store and a fresh query client (retry off) seeded with an evidence set, so that no test
 * fetches. `bundledEvidence()` is public/data/evidence.json, parsed once per test file.
 */
import { readFileSync } from 'node:fs';
import type { ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { Shell, views } from '../app/App';
import { createQueryClient } from '../app/query-client';
import { MemoryRouter } from '../components/router';
import { evidenceQueryOptions } from '../evidence/evidence-query';
import { parseEvidenceText } from '../evidence/parse-evidence';
import type { EvidenceSet } from '../evidence/schema';
import { createAppStore } from '../store/app-store';
import { AppStoreProvider } from '../store/store-context';

let bundled: EvidenceSet | undefined;
export function bundledEvidence(): EvidenceSet {
  bundled ??= parseEvidenceText(readFileSync('public/data/evidence.json', 'utf8'));
  return bundled;
}

/** Every lazy view loaded, as the app starts loading them before its first render (call in beforeAll). */
export const preloadViews = () => Promise.all(Object.values(views).map((view) => view.preload()));

/**
 * Renders the app at `url` on `evidence` (null: nothing seeded, the query fetches), with `children`
 * inside the router (a location probe). Returns the store.
 */
export function renderApp(url: string, evidence: EvidenceSet | null, children?: ReactNode) {
  const queryClient = createQueryClient();
  if (evidence) queryClient.setQueryData(evidenceQueryOptions.queryKey, evidence);
  const store = createAppStore();
  render(
    <QueryClientProvider client={queryClient}>
      <AppStoreProvider store={store}>
        <MemoryRouter initialEntries={[url]}>
          <Shell />
          {children}
        </MemoryRouter>
      </AppStoreProvider>
    </QueryClientProvider>,
  );
  return store;
}
