/**
 * The Summary view in jsdom on metafor's dat.bcg: the row shows the forest's pooled risk ratio
 * (metafor's REML 0.49 [0.34, 0.70]), follows the analysis settings (DL: 0.47 [0.33, 0.68]), and an
 * override of a domain changes the certainty and the statement, and is shown with its reason.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import bayesFixtures from '../../../tests/reference/fixtures/bayes-sensitivity.json';
import rma from '../../../tests/reference/fixtures/rma.json';
import rmaMh from '../../../tests/reference/fixtures/rma-mh.json';
import { Shell, views } from '../../app/App';
import { createQueryClient } from '../../app/query-client';
import { MemoryRouter } from '../../components/router';
import { evidenceQueryOptions } from '../../evidence/evidence-query';
import { createAppStore } from '../../store/app-store';
import { AppStoreProvider } from '../../store/store-context';
import { evidenceFromBinaryRows } from '../../test-support/evidence-from-rows';

beforeAll(() => Promise.all(Object.values(views).map((view) => view.preload())));
// Judgments persist in localStorage: each test starts from a browser with none.
beforeEach(() => window.localStorage.clear());

const rows = rmaMh.cases.find((c) => c.name === 'bcg-MH-RR')!.rows;
const text = (name: string) => {
  const e = rma.fits.find((f) => f.name === name)!.expected;
  return `${Math.exp(e.estimate).toFixed(2)} [${Math.exp(e.ciLower).toFixed(2)}, ${Math.exp(e.ciUpper).toFixed(2)}]`;
};

function renderSummary(url: string) {
  const queryClient = createQueryClient();
  queryClient.setQueryData(evidenceQueryOptions.queryKey, evidenceFromBinaryRows(rows));
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

describe('Summary view on dat.bcg', () => {
  it('shows the forest plot’s relative effect and follows the analysis settings', { timeout: 30_000 }, async () => {
    const user = userEvent.setup();
    renderSummary('/summary');
    const table = await screen.findByRole('table', { name: /Summary of findings: IVIG compared with placebo for relapsing-remitting MS/ });
    const row = () => within(table).getByRole('row', { name: /Patients with a new relapse/ });
    expect(text('bcg-RR/REML/z')).toBe('0.49 [0.34, 0.70]');
    expect(row()).toHaveTextContent(`RR ${text('bcg-RR/REML/z')}`);
    expect(row()).toHaveTextContent('13 RCTs');
    expect(row()).toHaveTextContent(/per 1,000/);
    await user.selectOptions(screen.getByRole('combobox', { name: 'τ² estimator' }), 'DL');
    expect(row()).toHaveTextContent(`RR ${text('bcg-RR/DL/z')}`);
    expect(row()).toHaveTextContent('Risk ratio, IV, Random (DL), 95% CI');
  });

  it('switching to the Bayesian model puts the posterior in the table (base-R fixture, τ ~ half-normal(0.5))', { timeout: 30_000 }, async () => {
    const user = userEvent.setup();
    renderSummary('/summary');
    const table = await screen.findByRole('table', { name: /relapsing-remitting MS/ });
    const row = () => within(table).getByRole('row', { name: /Patients with a new relapse/ });
    expect(row()).toHaveTextContent(`RR ${text('bcg-RR/REML/z')}`);
    const before = row().textContent;
    await user.selectOptions(screen.getByRole('combobox', { name: 'Model' }), 'bayes');
    const f = bayesFixtures.cases.find((c) => c.dataset === 'bcg-RR' && c.tauPrior === 'half-normal-0.5')!;
    const rr = (x: number) => Math.exp(x).toFixed(2);
    const posterior = `RR ${rr(f.muMedian)} [${rr(f.muLower)}, ${rr(f.muUpper)}]; P(benefit): P(RR < 1) = ${f.probabilityBelow0.toFixed(3)}`;
    expect(row()).toHaveTextContent(posterior);
    expect(row().textContent).not.toBe(before);
    expect(row()).toHaveTextContent('Risk ratio, Bayesian random effects (τ ~ half-normal(0.5), μ ~ flat), posterior median, 95% CrI');
    expect(row()).toHaveTextContent(/\d+ fewer per 1,000 \(from \d+ fewer to \d+ fewer\)/);
    expect(within(table).getByRole('columnheader', { name: 'Relative effect (95% CrI)' })).toBeInTheDocument();
    expect(screen.getByText(/Analysis \(as the forest plot\): Bayesian random-effects model, τ ~ half-normal\(0\.5\), μ ~ flat/)).toBeInTheDocument();
  });

  it('an override of a domain changes the certainty and the statement, and shows its reason', { timeout: 30_000 }, async () => {
    const user = userEvent.setup();
    const store = renderSummary('/summary');
    const table = await screen.findByRole('table', { name: /relapsing-remitting/ });
    const row = () => within(table).getByRole('row', { name: /Patients with a new relapse/ });
    const before = row().textContent!;
    // dat.bcg: I² 92% with estimates on both sides → inconsistency −2 by the rule; 357,347 patients
    // meet the OIS and the CI is narrow (imprecision 0); Egger p = 0.19 (publication bias 0).
    expect(before).toContain('⊕⊕◯◯ LOW');
    expect(before).toContain('IVIG may reduce new relapses.');
    await user.click(screen.getByText(/^Certainty step by step: Patients with a new relapse/));
    const form = await screen.findByRole('form', { name: 'Override: Inconsistency, Patients with a new relapse' });
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Rate down' }), '0');
    await user.type(within(form).getByRole('textbox', { name: 'because' }), 'explained by latitude');
    await user.click(within(form).getByRole('button', { name: 'Override' }));
    expect(row().textContent).not.toBe(before);
    expect(row()).toHaveTextContent('⊕⊕⊕⊕ HIGH');
    expect(row()).toHaveTextContent('provisional');
    expect(row()).toHaveTextContent('IVIG reduces new relapses.');
    expect(screen.getByRole('list', { name: 'Footnotes, Relapsing-remitting' })).toHaveTextContent('Overridden by the user: rated down 0 (the rule suggested 2), because: explained by latitude.');
    expect(store.getState().summary.overrides).toEqual({ 'RR.new-relapse.inc': { downgrade: 0, reason: 'explained by latitude' } });
  });

  it('says "risk of bias not assessed" until a trial is judged, and takes a judgment with a reason', { timeout: 30_000 }, async () => {
    const user = userEvent.setup();
    const store = renderSummary('/summary');
    const notes = await screen.findByRole('list', { name: 'Footnotes, Relapsing-remitting' });
    expect(notes).toHaveTextContent('Risk of bias not assessed: no judgment yet for Trial 1, Trial 2');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Risk of bias, Trial 1' }), 'high');
    await user.type(screen.getByRole('combobox', { name: 'Risk of bias reason, Trial 1' }), 'alternate allocation{Enter}');
    expect(store.getState().summary.riskOfBias['trial-1']).toEqual({ level: 'high', reason: 'alternate allocation' });
    expect(screen.getByRole('list', { name: 'Footnotes, Relapsing-remitting' })).toHaveTextContent('Risk of bias not assessed: no judgment yet for Trial 2, Trial 3');
  });

  it('refines a trial’s risk of bias for one outcome, in the store under trial.outcome, and the footnote says so', { timeout: 30_000 }, async () => {
    const user = userEvent.setup();
    const store = renderSummary('/summary');
    await screen.findByRole('table', { name: /relapsing-remitting/ });
    await user.click(screen.getByText(/^Certainty step by step: Patients with a new relapse/));
    await user.click(await screen.findByText('Refine a trial’s risk of bias for patients with a new relapse'));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Risk of bias for this outcome, Trial 1, Patients with a new relapse' }), 'high');
    expect(store.getState().summary.riskOfBias).toEqual({ 'trial-1.new-relapse': { level: 'high', reason: '' } });
    // Trial 1 counts as judged for this row (by its refinement); the others are not yet.
    expect(screen.getByRole('list', { name: 'Footnotes, Relapsing-remitting' })).toHaveTextContent('Risk of bias not assessed: no judgment yet for Trial 2, Trial 3');
  });
});
