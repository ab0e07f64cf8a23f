/**
 * One failing chart leaves the rest working: the evidence map is made to throw, and the trial
 * table beside it still renders, with the map's failure named in an alert.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from '../components/router';
import { beforeAll, afterEach, describe, expect, it, vi } from 'vitest';
import { evidenceQueryOptions } from '../evidence/evidence-query';
import { createAppStore } from '../store/app-store';
import { AppStoreProvider } from '../store/store-context';
import { miniEvidence } from '../test-support/mini-evidence';
import { Shell, views } from './App';
import { createQueryClient } from './query-client';

// The views' code is loaded before the tests, as the app starts loading it before its first render.
beforeAll(() => Promise.all(Object.values(views).map((view) => view.preload())));

let fail = true;
vi.mock('../views/evidence/EvidenceMap', () => ({
  EvidenceMap: () => {
    if (fail) throw new Error('map exploded: cell 3 has no level');
    return <p>map is back</p>;
  },
}));

afterEach(() => {
  fail = true;
});

describe('error boundaries', () => {
  it('keep the other parts of a view working when one chart fails, and offer a retry', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const queryClient = createQueryClient();
    queryClient.setQueryData(evidenceQueryOptions.queryKey, miniEvidence());
    render(
      <QueryClientProvider client={queryClient}>
        <AppStoreProvider store={createAppStore()}>
          <MemoryRouter initialEntries={['/evidence']}>
            <Shell />
          </MemoryRouter>
        </AppStoreProvider>
      </QueryClientProvider>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The evidence map could not be shown');
    expect(alert).toHaveTextContent('map exploded: cell 3 has no level');
    expect(screen.getByRole('table', { name: /Trials of IVIG/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Alpha 1997' })).toBeInTheDocument();
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(screen.getByText('map is back')).toBeInTheDocument();
  });
});
