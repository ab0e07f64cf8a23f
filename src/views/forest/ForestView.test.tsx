/**
 * The forest view on metafor's dat.bcg: the rendered pooled text equals metafor's REML result
 * (exp of −0.7145 [−1.0669, −0.3622] = 0.49 [0.34, 0.70]), and the controls re-pool.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from '../../components/router';
import { beforeAll, describe, expect, it } from 'vitest';
import rma from '../../../tests/reference/fixtures/rma.json';
import rmaMh from '../../../tests/reference/fixtures/rma-mh.json';
import { Shell, views } from '../../app/App';
import { createQueryClient } from '../../app/query-client';
import { evidenceQueryOptions } from '../../evidence/evidence-query';
import { createAppStore } from '../../store/app-store';
import { AppStoreProvider } from '../../store/store-context';
import { evidenceFromBinaryRows } from '../../test-support/evidence-from-rows';

// The views' code is loaded before the tests, as the app starts loading it before its first render.
beforeAll(() => Promise.all(Object.values(views).map((view) => view.preload())));

const mh = rmaMh.cases.find((c) => c.name === 'bcg-MH-RR')!;
const reml = rma.fits.find((f) => f.name === 'bcg-RR/REML/z')!.expected;
const dl = rma.fits.find((f) => f.name === 'bcg-RR/DL/z')!.expected;
const text = (e: { estimate: number; ciLower: number; ciUpper: number }) =>
  `${Math.exp(e.estimate).toFixed(2)} [${Math.exp(e.ciLower).toFixed(2)}, ${Math.exp(e.ciUpper).toFixed(2)}]`;

function renderForest(url: string) {
  const queryClient = createQueryClient();
  queryClient.setQueryData(evidenceQueryOptions.queryKey, evidenceFromBinaryRows(mh.rows));
  render(
    <QueryClientProvider client={queryClient}>
      <AppStoreProvider store={createAppStore()}>
        <MemoryRouter initialEntries={[url]}>
          <Shell />
        </MemoryRouter>
      </AppStoreProvider>
    </QueryClientProvider>,
  );
}

describe('Forest plot view on dat.bcg', () => {
  // Three renders of the whole view with ten fits each: 2–3 s alone, past vitest's 5 s default when the
  // suite runs beside other sessions on the shared 2-core machine (as the summary view's tests allow).
  it('shows metafor’s pooled risk ratio and re-pools with another τ² estimator and without a study', { timeout: 30_000 }, async () => {
    const user = userEvent.setup();
    renderForest('/forest?outcome=new-relapse&measure=RR');
    const figure = await screen.findByRole('figure');
    expect(text(reml)).toBe('0.49 [0.34, 0.70]');
    expect(within(figure).getByRole('group', { name: /Patients with a new relapse/ })).toHaveTextContent(`Total (95% CI)100.0%${text(reml)}`);
    expect(figure).toHaveTextContent('Risk ratio, IV, Random (REML), 95% CI');

    await user.selectOptions(screen.getByRole('combobox', { name: 'τ² estimator' }), 'DL');
    expect(within(figure).getByRole('group', { name: /Patients with a new relapse/ })).toHaveTextContent(`Total (95% CI)100.0%${text(dl)}`);

    await user.click(screen.getByRole('checkbox', { name: 'Include Trial 1' }));
    expect(within(figure).getByRole('group', { name: /Patients with a new relapse/ })).not.toHaveTextContent(`Total (95% CI)100.0%${text(dl)}`);
    expect(screen.getByRole('row', { name: /^Include Trial 1 Trial 1 / })).toHaveTextContent('excluded');
  });

  it('says which I² the heterogeneity line prints, and switches to RevMan’s Q-based one', async () => {
    const user = userEvent.setup();
    renderForest('/forest?outcome=new-relapse&measure=RR&tau2=HS');
    const figure = await screen.findByRole('figure');
    // metafor, HS on dat.bcg: I² 89.63% from τ²; RevMan (Q − df)/Q = (152.23 − 12)/152.23 = 92%.
    expect(figure).toHaveTextContent('Chi² = 152.23, df = 12 (P < 0.00001); I² = 90% (τ²-based, as metafor)');
    await user.selectOptions(screen.getByRole('combobox', { name: 'I² beside Chi²' }), 'Q');
    expect(figure).toHaveTextContent('Chi² = 152.23, df = 12 (P < 0.00001); I² = 92% (Q-based, as RevMan)');
  });

  it('offers the Knapp-Hartung ad hoc correction once Knapp-Hartung is on, and pools as metafor test = "adhoc"', async () => {
    const user = userEvent.setup();
    renderForest('/forest?outcome=new-relapse&measure=RR');
    const figure = await screen.findByRole('figure');
    const adhoc = screen.getByRole('checkbox', { name: 'ad hoc: s² ≥ 1' });
    expect(adhoc).toBeDisabled();
    expect(adhoc).toHaveAccessibleDescription('with Knapp-Hartung only (it floors its factor s² at 1)');
    await user.click(screen.getByRole('checkbox', { name: 'Knapp-Hartung' }));
    expect(adhoc).toBeEnabled();
    await user.click(adhoc);
    expect(figure).toHaveTextContent('Risk ratio, IV, Random (REML, Knapp-Hartung ad hoc), 95% CI');
    // dat.bcg has s² > 1, so the ad hoc fit equals the Knapp-Hartung one (metafor's numbers).
    const e = rma.fits.find((f) => f.name === 'bcg-RR/REML/adhoc')!.expected;
    expect(within(figure).getByRole('group', { name: /Patients with a new relapse/ })).toHaveTextContent(`Total (95% CI)100.0%${text(e)}`);
    expect(within(figure).getByRole('group', { name: /Patients with a new relapse/ })).toHaveTextContent('Test for overall effect: t(12) =');
  });

  it('disables a control that does nothing for the current model and says why on screen', async () => {
    const user = userEvent.setup();
    renderForest('/forest?outcome=new-relapse&measure=RR');
    const figure = await screen.findByRole('figure');
    // Random effects (the default): Mantel-Haenszel has no effect, so it is off, disabled and explained.
    const mhBox = screen.getByRole('checkbox', { name: 'Mantel-Haenszel (binary, common effect)' });
    expect(mhBox).toBeDisabled();
    expect(mhBox).not.toBeChecked();
    expect(mhBox).toHaveAccessibleDescription('common-effect model only (random effects are inverse-variance here)');
    expect(screen.getByText('common-effect model only (random effects are inverse-variance here)')).toBeVisible();

    // Common effect: M-H pools (the RevMan default), and Knapp-Hartung, which rma.mh lacks, is disabled.
    await user.selectOptions(screen.getByRole('combobox', { name: 'Model' }), 'common');
    expect(figure).toHaveTextContent('Risk ratio, M-H, Fixed, 95% CI');
    expect(mhBox).toBeEnabled();
    expect(mhBox).toBeChecked();
    const kh = screen.getByRole('checkbox', { name: 'Knapp-Hartung' });
    expect(kh).toBeDisabled();
    expect(kh).toHaveAccessibleDescription('not with Mantel-Haenszel (z test only, as rma.mh)');
    expect(screen.getByRole('combobox', { name: 'τ² estimator' })).toHaveAccessibleDescription('random effects only');

    // Inverse variance: Knapp-Hartung applies (metafor: method = "FE", test = "knha") and the header says so.
    await user.click(mhBox);
    expect(kh).toBeEnabled();
    await user.click(kh);
    expect(figure).toHaveTextContent('Risk ratio, IV, Fixed, Knapp-Hartung, 95% CI');
    expect(within(figure).getByRole('group', { name: /Patients with a new relapse/ })).toHaveTextContent('Test for overall effect: t(12) =');
  });

  it('draws the arm counts as entered in the SVG and the table (141/27338, 499/88391)', async () => {
    renderForest('/forest?outcome=new-relapse&measure=RR');
    const figure = await screen.findByRole('figure');
    const svgTexts = [...figure.querySelectorAll('svg.forest-svg text')].map((t) => t.textContent);
    expect(svgTexts).toEqual(expect.arrayContaining(['141/27338', '499/88391', '186/50634', '505/88391']));
    expect(screen.getByRole('row', { name: /^Include Trial 11 / })).toHaveTextContent('141/27338');
  });

  it('says there is no estimable study instead of drawing an empty axis', async () => {
    renderForest('/forest?outcome=relapse-free');
    expect(await screen.findByText(/No study gives an estimable effect for relapse-free patients/)).toBeInTheDocument();
    expect(document.querySelector('svg.forest-svg')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Not in the plot (13)' })).toBeInTheDocument();
  });
});
