import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from '../components/router';
import { beforeAll, afterEach, describe, expect, it, vi } from 'vitest';
import { miniEvidence } from '../test-support/mini-evidence';
import { preloadViews, renderApp as renderAppOn } from '../test-support/render-app';

// The views' code is loaded before the tests, as the app starts loading it before its first render.
beforeAll(preloadViews);

function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{location.pathname + location.search}</output>;
}

const renderApp = (url: string, seed = true) => renderAppOn(url, seed ? miniEvidence() : null, <LocationProbe />);

const trialNames = () => within(screen.getByRole('table', { name: /Trials of IVIG/ })).getAllByRole('rowheader').map((h) => within(h).getByRole('button').textContent);

afterEach(() => vi.unstubAllGlobals());

describe('Evidence view', () => {
  it('restores the phase filter from the link and shows only matching trials', async () => {
    renderApp('/evidence?phase=SP');
    expect(await screen.findByRole('button', { name: 'SP', pressed: true })).toBeInTheDocument();
    expect(trialNames()).toEqual(['Beta 2004', 'Gamma 2006']);
    expect(screen.getByText(/2 of 4 studies shown/)).toBeInTheDocument();
  });

  it('follows a filter click in the table and the URL', async () => {
    const user = userEvent.setup();
    renderApp('/evidence');
    expect(trialNames()).toEqual(['Alpha 1997', 'Beta 2004', 'Gamma 2006']);
    await user.click(screen.getByRole('button', { name: 'RR' }));
    expect(trialNames()).toEqual(['Alpha 1997']);
    expect(screen.getByTestId('location')).toHaveTextContent('/evidence?phase=RR');
    await user.click(screen.getByRole('checkbox', { name: /Comparator trial/ }));
    expect(trialNames()).toEqual(['Delta 1995', 'Alpha 1997']);
  });

  it('opens a trial with every number, its status and its quote', async () => {
    const user = userEvent.setup();
    renderApp('/evidence');
    await user.click(screen.getByRole('button', { name: 'Alpha 1997' }));
    const detail = screen.getByRole('region', { name: 'Alpha 1997' });
    const row = within(detail).getByRole('row', { name: /placebo: events/ });
    expect(row).toHaveTextContent('10');
    expect(row).toHaveTextContent('derived');
    expect(row).toHaveTextContent('formula: test formula');
    expect(row).toHaveTextContent('“value 10”');
    expect(screen.getByTestId('location')).toHaveTextContent('study=rr-1997');
  });

  it('shows the evidence map with absences named', async () => {
    renderApp('/evidence');
    expect(screen.getByRole('cell', { name: /Alpha 1997, Relapse-free patients: Arm-level data \(includes derived/ })).toHaveTextContent('●*');
    expect(screen.getByRole('cell', { name: /Alpha 1997, Time to confirmed progression: Not reported/ })).toHaveTextContent('—');
  });

  it('says which link parameters it ignored', async () => {
    renderApp('/evidence?phase=ZZ');
    expect(await screen.findByText(/Some link settings were not understood and were reset: Ignored phase="ZZ" \(expected one of CIS, RR, SP, PP, unspecified\)\./)).toBeInTheDocument();
    expect(trialNames()).toHaveLength(3);
  });

  it('shows a readable error, not a blank page, for a malformed evidence file', async () => {
    const bad = miniEvidence() as unknown as { studies: { arms: { nAnalysed: { value: number } }[] }[] };
    bad.studies[0]!.arms[0]!.nAnalysed.value = -5;
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(bad), { status: 200 })));
    renderApp('/evidence', false);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The evidence set could not be loaded');
    expect(alert).toHaveTextContent('studies[0].arms[0].nAnalysed.value (study "rr-1997"): expected a positive integer, got -5');
  });
});
