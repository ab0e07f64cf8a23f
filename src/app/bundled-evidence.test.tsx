/**
 * The views on the bundled evidence file (public/data/evidence.json), in jsdom: what a reader of
 * the real trials and syntheses sees after following a link or operating a control.
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { bundledEvidence, preloadViews, renderApp as renderAppOn } from '../test-support/render-app';

// The real file's table and detail are large for jsdom, and the machine is shared: room to render.
vi.setConfig({ testTimeout: 30_000 });

beforeAll(preloadViews);

const evidence = bundledEvidence();
const renderApp = (url: string) => renderAppOn(url, evidence);

describe('"As of 2003" and the published syntheses', () => {
  it('the forest lists only syntheses published by 2003, and says which it leaves out', async () => {
    renderApp('/forest?outcome=relapse-free&measure=OR&to=2003');
    const published = await screen.findByRole('region', { name: 'Published pooled results for this outcome' });
    expect(published).toHaveTextContent('Cochrane CD002936');
    expect(within(published).queryByText(/^Olyaeemanesh 2016/)).toBeNull();
    expect(within(published).queryByText(/^Wu 2008/)).toBeNull();
    expect(published).toHaveTextContent(/Not shown \(year filter to 2003\): 4 syntheses published after 2003 or undated — CRD\/DARE record[^;]*; Wu 2008[^;]*; Olyaeemanesh 2016[^;]*; Liu 2009/);
    expect(screen.getByRole('figure')).not.toHaveTextContent('Olyaeemanesh');
  });

  it('the Evidence view’s table of syntheses leaves out the later ones too', async () => {
    renderApp('/evidence?to=2003');
    const region = await screen.findByRole('region', { name: 'Published syntheses (as printed)' });
    const names = within(region).getAllByRole('rowheader').map((h) => h.textContent);
    expect(names).toContain('Cochrane CD002936 (Gray 2003; updated version)');
    expect(names).not.toContain('Olyaeemanesh 2016 meta-analysis (RRMS)');
    expect(names).not.toContain('Wu 2008 (IVIG dose systematic review, RRMS)');
    expect(region).toHaveTextContent('Not shown (year filter to 2003): 7 syntheses published after 2003 or undated');
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

describe('What to plot and which trials to list are separate', () => {
  const listed = evidence.studies.filter((s) => s.kind !== 'comparator-rct').length;

  it('choosing the forest’s outcome sets no filter: the Evidence view still lists every study', async () => {
    const user = userEvent.setup();
    renderApp('/forest');
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Outcome' }), 'edss-worsened');
    expect(screen.getByRole('figure')).toHaveTextContent('Worsened on EDSS');
    expect(screen.getByRole('combobox', { name: 'Outcome reported' })).toHaveValue('');
    await user.click(screen.getByRole('link', { name: 'Evidence' }));
    expect(await screen.findByText(new RegExp(`^${listed} of ${evidence.studies.length} studies shown`))).toBeInTheDocument();
  });

  it('a phase-comparison cell opens the forest for that row with no global phase filter, and a chip that removes the row', async () => {
    const user = userEvent.setup();
    renderApp('/phases');
    const panel = await screen.findByRole('region', { name: /^Annualized relapse rate/ });
    const rr = within(panel).getByRole('link', { name: /^RR: / });
    const cellText = rr.getAttribute('aria-label')!.replace(/^RR: /, '').replace(/\. Open the forest plot\.$/, '');
    await user.click(rr);
    const figure = await screen.findByRole('figure');
    expect(figure).toHaveTextContent('Annualized relapse rate');
    expect(figure).toHaveTextContent(`Total (95% CI)100.0%${cellText}`);
    for (const phase of ['CIS', 'RR', 'SP', 'PP']) expect(screen.getByRole('button', { name: phase })).toHaveAttribute('aria-pressed', 'false');
    expect(screen.getByText(/^Phase-comparison row:/)).toHaveTextContent('Phase-comparison row: RR trials only');
    await user.click(screen.getByRole('button', { name: /^Show every phase/ }));
    expect(screen.queryByText(/^Phase-comparison row:/)).toBeNull();
    await user.click(screen.getByRole('link', { name: 'Evidence' }));
    expect(await screen.findByText(new RegExp(`^${listed} of ${evidence.studies.length} studies shown`))).toBeInTheDocument();
  });

  it('with a global phase filter on, a cell of another phase still opens the forest of that cell (the comparison ignores the phase filter, so does its forest)', async () => {
    const user = userEvent.setup();
    renderApp('/phases?phase=SP');
    const panel = await screen.findByRole('region', { name: /^Annualized relapse rate/ });
    const rr = within(panel).getByRole('link', { name: /^RR: / });
    const cellText = rr.getAttribute('aria-label')!.replace(/^RR: /, '').replace(/\. Open the forest plot\.$/, '');
    expect(cellText).toBe('-0.74 [-1.28, -0.20]');
    await user.click(rr);
    const figure = await screen.findByRole('figure');
    expect(figure).toHaveTextContent(`Total (95% CI)100.0%${cellText}`);
    expect(screen.getByText(/^Phase-comparison row:/)).toHaveTextContent('the MS-phase and “Outcome reported” filters do not apply while it is shown, as in the phase comparison');
    // The user's SP filter is kept, and applies again once the row is removed.
    expect(screen.getByRole('button', { name: 'SP' })).toHaveAttribute('aria-pressed', 'true');
    await user.click(screen.getByRole('button', { name: /^Show every phase/ }));
    expect(await screen.findByRole('figure')).not.toHaveTextContent('Fazekas 1997 (AIMS)');
  });
});

describe('The study detail', () => {
  it('a regimen without a loading dose shows "none", not "not reported"; an unmentioned one stays "not reported"', async () => {
    renderApp('/evidence?study=fazekas-1997-aims');
    const detail = await screen.findByRole('region', { name: 'Fazekas 1997 (AIMS)' });
    const rows = within(detail).getAllByRole('row', { name: /^Loading dose/ });
    expect(rows[0]).toHaveTextContent(/^Loading dosenoneNo loading dose: the regimen is a monthly dose from the start\.$/);
  });

  it('Pöhlau: "no loading dose is mentioned" is not reported', async () => {
    renderApp('/evidence?study=pohlau-pp-sp');
    const detail = await screen.findByRole('region', { name: /Pöhlau|Pohlau/ });
    expect(within(detail).getAllByRole('row', { name: /^Loading dose/ })[0]).toHaveTextContent(/^Loading dosenot reportedNo loading dose is mentioned/);
  });
});

describe('One name for a trial whose MS course is not given', () => {
  it('the filter button, the table and the detail all say "MS course not specified"', async () => {
    const user = userEvent.setup();
    renderApp('/evidence');
    const button = await screen.findByRole('button', { name: 'MS course not specified' });
    expect(screen.queryByRole('button', { name: 'Other' })).toBeNull();
    await user.click(button);
    const table = screen.getByRole('table', { name: /Trials of IVIG/ });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.length).toBe(evidence.studies.filter((s) => s.phase === 'unspecified' && s.kind !== 'comparator-rct').length);
    for (const row of rows) expect(within(row).getAllByRole('cell')[1]).toHaveTextContent(/^MS course not specified$/);
    await user.click(within(rows[0]!).getByRole('button'));
    expect(await screen.findByRole('region', { name: within(rows[0]!).getByRole('button').textContent! })).toHaveTextContent(' · MS course not specified · ');
  });
});

describe('An inverted year range', () => {
  it('says why nothing matches and offers to swap the bounds', async () => {
    const user = userEvent.setup();
    renderApp('/evidence?from=2005&to=1997');
    const hint = await screen.findByText(/^“From” 2005 is after “To” 1997: no study can match\./);
    await user.click(within(hint).getByRole('button', { name: 'Swap to 1997–2005' }));
    expect(screen.getByRole('spinbutton', { name: 'From year' })).toHaveValue(1997);
    expect(screen.getByRole('spinbutton', { name: 'To year' })).toHaveValue(2005);
    const inRange = evidence.studies.filter((s) => s.kind !== 'comparator-rct' && s.year !== null && s.year >= 1997 && s.year <= 2005).length;
    expect(screen.getByText(new RegExp(`^${inRange} of ${evidence.studies.length} studies shown`))).toBeInTheDocument();
    expect(screen.queryByText(/is after “To”/)).toBeNull();
  });
});

describe('A link with a parameter the app does not have', () => {
  it('gets the notice the README promises, and the parameter is not written back', async () => {
    renderApp('/evidence?phase=RR&utm_source=newsletter');
    expect(await screen.findByText(/Some link settings were not understood and were reset: Ignored utm_source="newsletter" \(not a setting of this app\)\./)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'RR', pressed: true })).toBeInTheDocument();
  });
});
