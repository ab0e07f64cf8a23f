/**
 * The views on the bundled evidence file (public/data/evidence.json), in jsdom: what a reader of
 * the real trials and syntheses sees after following a link or operating a control.
 */
import { readFileSync } from 'node:fs';
import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { MemoryRouter } from '../components/router';
import { evidenceQueryOptions } from '../evidence/evidence-query';
import { parseEvidenceText } from '../evidence/parse-evidence';
import { createAppStore } from '../store/app-store';
import { AppStoreProvider } from '../store/store-context';
import { Shell, views } from './App';
import { createQueryClient } from './query-client';

beforeAll(() => Promise.all(Object.values(views).map((view) => view.preload())));

const evidence = parseEvidenceText(readFileSync('public/data/evidence.json', 'utf8'));

function renderApp(url: string) {
  const queryClient = createQueryClient();
  queryClient.setQueryData(evidenceQueryOptions.queryKey, evidence);
  const store = createAppStore();
  render(
    <QueryClientProvider client={queryClient}>
      <AppStoreProvider store={store}>
        <MemoryRouter initialEntries={[url]}>
          <Shell />
        </MemoryRouter>
      </AppStoreProvider>
    </QueryClientProvider>,
  );
  return store;
}

describe('"As of 2003" and the published syntheses', () => {
  it('the forest lists only syntheses published by 2003, and says which it leaves out', async () => {
    renderApp('/forest?outcome=relapse-free&measure=OR&to=2003');
    const published = await screen.findByRole('region', { name: 'Published pooled results for this outcome' });
    expect(published).toHaveTextContent('Cochrane CD002936');
    expect(within(published).queryByText(/^Olyaeemanesh 2016/)).toBeNull();
    expect(within(published).queryByText(/^Wu 2008/)).toBeNull();
    expect(published).toHaveTextContent(/Not shown \(year filter to 2003\): 3 syntheses published after 2003 or undated — CRD\/DARE record[^;]*; Wu 2008[^;]*; Olyaeemanesh 2016/);
    expect(screen.getByRole('figure')).not.toHaveTextContent('Olyaeemanesh');
  });

  it('the Evidence view’s table of syntheses leaves out the later ones too', async () => {
    renderApp('/evidence?to=2003');
    const region = await screen.findByRole('region', { name: 'Published syntheses (as printed)' });
    const names = within(region).getAllByRole('rowheader').map((h) => h.textContent);
    expect(names).toContain('Cochrane CD002936 (Gray 2003; updated version)');
    expect(names).not.toContain('Olyaeemanesh 2016 meta-analysis (RRMS)');
    expect(names).not.toContain('Wu 2008 (IVIG dose systematic review, RRMS)');
    expect(region).toHaveTextContent('Not shown (year filter to 2003): 5 syntheses published after 2003 or undated');
  });
});

describe('Published results impossible as printed, beside the forest plot', () => {
  it('Wu 2008’s "OR -0.00 [-0.36, 0.36]" and Olyaeemanesh’s truncated CI are shown as printed and marked, in the plot and the list', async () => {
    renderApp('/forest?outcome=annualized-relapse-rate');
    const figure = await screen.findByRole('figure');
    const svg = figure.querySelector('svg.forest-svg')!;
    expect(svg).toHaveTextContent('↳ as printed; not a valid OR: an odds ratio is always above 0');
    expect(svg).toHaveTextContent('↳ as printed; upper CI limit missing');
    const list = screen.getByRole('region', { name: 'Published pooled results for this outcome' });
    expect(list).toHaveTextContent('Wu 2008 (IVIG dose systematic review, RRMS): OR -0.00 [-0.36, 0.36]; p = 0.98 (as printed; not a valid OR: an odds ratio is always above 0)');
    expect(list).toHaveTextContent('SMD -0.218 [-0.412, not given] (as printed; upper CI limit missing (upper confidence bound not available');
  });
});
