/**
 * The Evidence view on the bundled file, for the forms the additions brought (SOURCES-ADDITIONS.md):
 * medians with ranges, event totals, p-values with the comparison they test, an overall result, a
 * dose range, the same-trial link, an outcome kept only as a conflicting report, and the
 * active-comparator kind — each as a reader sees it, with the source's numbers.
 */
import { screen, within } from '@testing-library/react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { bundledEvidence, preloadViews, renderApp as renderAppOn } from '../../test-support/render-app';

vi.setConfig({ testTimeout: 60_000 });
beforeAll(preloadViews);

const evidence = bundledEvidence();
const renderApp = (url: string) => renderAppOn(url, evidence);

const detailOf = (name: string) => screen.findByRole('region', { name });
const section = (detail: HTMLElement, heading: RegExp) => within(detail).getByRole('heading', { name: heading }).closest('section') as HTMLElement;

describe('the study detail shows the new forms with their numbers', () => {
  it('Sorensen 1998: Gd lesions as medians with ranges, the p-value with its comparison, the earlier report named', async () => {
    renderApp('/evidence?study=sorensen-1998-crossover');
    const detail = await detailOf('Sorensen 1998 (crossover)');
    const gd = section(detail, /^Enhancing lesions per patient per scan/);
    expect(gd).toHaveTextContent('IVIG 1 g/kg/day on 2 consecutive days every month (crossover period): median 0.4 (range 0–9.3), n not stated');
    expect(gd).toHaveTextContent('Placebo (crossover period): median 1.3 (range 0.2–25.7), n not stated');
    const p = within(gd).getByRole('row', { name: /^p — between arms/ });
    expect(p).toHaveTextContent(/^p — between arms: IVIG 1 g\/kg\/day on 2 consecutive days every month \(crossover period\) vs Placebo \(crossover period\); test not stated0\.03/);
    const ex = section(detail, /^Total number of exacerbations/);
    expect(ex).toHaveTextContent('Events counted without a patient denominator (one patient may have several): IVIG 1 g/kg/day on 2 consecutive days every month (crossover period) 11 vs Placebo (crossover period) 19.');
    expect(section(detail, /^Same trial$/)).toHaveTextContent('Also reported as Sorensen 1997 (preliminary report of the 1998 crossover) (the same trial): that report is not pooled; this entry is the analysed one.');
  });

  it('Sorensen 1997: an earlier report of the same trial, not pooled twice (detail and table)', async () => {
    renderApp('/evidence?study=sorensen-1997-prelim');
    const detail = await detailOf('Sorensen 1997 (preliminary report of the 1998 crossover)');
    expect(section(detail, /^Same trial$/)).toHaveTextContent(/^Same trialThis entry is an earlier report of Sorensen 1998 \(crossover\), not pooled twice: listed and mapped, never pooled\./);
    const table = screen.getByRole('table', { name: /trial/i });
    const row = within(table).getByRole('button', { name: 'Sorensen 1997 (preliminary report of the 1998 crossover)' }).closest('tr')!;
    expect(row).toHaveTextContent('earlier report of Sorensen 1998 (crossover), not pooled twice');
  });

  it('AIMS: the reported dose range with its derived midpoint, event totals, and the 17% kept as not analysed', async () => {
    renderApp('/evidence?study=fazekas-1997-aims');
    const detail = await detailOf('Fazekas 1997 (AIMS)');
    expect(within(detail).getByRole('row', { name: /^Monthly dose, reported range, lower bound/ })).toHaveTextContent(/^Monthly dose, reported range, lower bound0\.15 g\/kg\/monthreported/);
    expect(within(detail).getByRole('row', { name: /^Monthly dose, reported range, upper bound/ })).toHaveTextContent(/^Monthly dose, reported range, upper bound0\.2 g\/kg\/monthreported/);
    expect(within(detail).getAllByRole('row', { name: /^Monthly-equivalent maintenance dose/ })[0]).toHaveTextContent(/0\.175 g\/kg\/month †derivedformula: midpoint of the reported monthly range 0\.15–0\.20 g\/kg: \(0\.15 \+ 0\.20\) \/ 2/);
    expect(section(detail, /^Confirmed relapses/)).toHaveTextContent('IVIg 0.15–0.2 g/kg monthly 62 vs Placebo 116.');
    const worse = section(detail, /^Worse clinical disability \(secondary summary\) — not analysed/);
    expect(worse).toHaveTextContent('Not analysed: conflicting report: the secondary summary\'s 17% "worse" on placebo conflicts with the Lancet abstract\'s 17 of 73 (23%); the Lancet counts are the analysed values. Shown and flagged, never pooled.');
    const table = screen.getByRole('table', { name: /trial/i });
    expect(within(table).getByRole('button', { name: 'Fazekas 1997 (AIMS)' }).closest('tr')).toHaveTextContent('0.15–0.2 (midpoint 0.175) g/kg/month (derived)');
  });

  it('Lewańska 2002: P = 0.0117 says that its comparison is not stated', async () => {
    renderApp('/evidence?study=lewanska-2002');
    const detail = await detailOf('Lewańska 2002');
    const edss = section(detail, /^EDSS change from baseline to study conclusion/);
    expect(within(edss).getByRole('row', { name: /^p — comparison not stated; test not stated/ })).toHaveTextContent(/0\.0117/);
  });

  it('PRIVIG: the commentary as the overall result, secondary, no difference', async () => {
    renderApp('/evidence?study=fazekas-2008-privig');
    const detail = await detailOf('Fazekas 2008 (PRIVIG)');
    const overall = section(detail, /^Overall result/);
    expect(overall).toHaveTextContent('Overall result — no difference · secondary source');
    expect(overall).toHaveTextContent('“Fazekas et al. recently reported the results of a multinational, randomized, double-blind, placebo-controlled phase II trial of a new preparation of IVIg in 127 participants with RRMS.');
  });
});

describe('the table and the map mark what is not pooled', () => {
  it('the IVIG vs interferon trial is an active comparator in the table and the map; Kocer 2004 names its analysed report', async () => {
    renderApp('/evidence');
    const table = await screen.findByRole('table', { name: /trial/i });
    const iran = within(table).getByRole('button', { name: 'IVIG vs interferon beta-1a (Iran, single-blind)' }).closest('th')!;
    expect(iran).toHaveTextContent('active comparator');
    const kocer = within(table).getByRole('button', { name: 'Kocer 2004' }).closest('th')!;
    expect(kocer).toHaveTextContent('other report of Neuroradiology 2000 (13 patients) (probably the same trial), not pooled twice');
    const map = screen.getByRole('region', { name: 'Evidence map table' });
    const mapRow = within(map).getByRole('rowheader', { name: /^IVIG vs interferon beta-1a/ });
    expect(mapRow).toHaveTextContent('IVIG vs interferon beta-1a (Iran, single-blind)active comparator');
    expect(within(map).getByRole('rowheader', { name: /^Sorensen 1997/ })).toHaveTextContent('earlier report of Sorensen 1998 (crossover), not pooled twice');
  });
});
