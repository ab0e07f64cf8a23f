/**
 * The seed-claims section on the bundled evidence file, in jsdom: what a reader sees, and that it
 * follows the analysis settings and the study toggles.
 */
import { readFileSync } from 'node:fs';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { parseEvidenceText } from '../../evidence/parse-evidence';
import { createAppStore } from '../../store/app-store';
import { AppStoreProvider } from '../../store/store-context';
import { SeedClaims } from './SeedClaims';

// Role queries over the whole section are slow in jsdom, and the machine is shared: room to run.
vi.setConfig({ testTimeout: 30_000 });

const raw = readFileSync('public/data/evidence.json', 'utf8');
const evidence = parseEvidenceText(raw);

function renderClaims() {
  const store = createAppStore({ evidence });
  render(<AppStoreProvider store={store}><SeedClaims /></AppStoreProvider>);
  return store;
}

/** The fold range of the file's RR IVIG-arm monthly doses, read from the raw JSON (bounds of a range; an earlier report of a listed trial not again). */
function foldFromFile(yearTo: number | null): number {
  const file = JSON.parse(raw) as { studies: { id: string; kind: string; phase: string; year: number | null; sameTrialAs?: { study: string }; arms: { role: string; monthlyDoseGPerKg: { value: number | null }; monthlyDoseRangeGPerKg?: { lower: { value: number }; upper: { value: number } } }[] }[] };
  const listed = file.studies.filter((s) => s.kind === 'ivig-rct' && s.phase === 'RR' && (yearTo === null || (s.year !== null && s.year <= yearTo)));
  const ids = new Set(listed.map((s) => s.id));
  const doses = listed
    .filter((s) => !(s.sameTrialAs && ids.has(s.sameTrialAs.study)))
    .flatMap((s) => s.arms.filter((a) => a.role === 'ivig'))
    .flatMap((a) => (a.monthlyDoseRangeGPerKg ? [a.monthlyDoseRangeGPerKg.lower.value, a.monthlyDoseRangeGPerKg.upper.value] : a.monthlyDoseGPerKg.value !== null ? [a.monthlyDoseGPerKg.value] : []));
  return Math.max(...doses) / Math.min(...doses);
}

const overviewRow = (name: RegExp) => within(screen.getByRole('table', { name: 'Verdicts at a glance' })).getByRole('row', { name });

describe('SeedClaims on the bundled evidence', () => {
  it('quotes the abstract, checks each claim as of 2003 and now, and links every trial to its detail', () => {
    renderClaims();
    const section = screen.getByRole('region', { name: 'The seed review’s claims, checked' });
    expect(within(section).getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual([
      '1. Four double-blind trials in relapsing-remitting MS',
      '2. Comparable to interferon-beta and glatiramer acetate',
      '3. Doses varied 10-fold',
      '4. Established deficits: none could confirm a benefit',
      '5. Secondary progressive MS: without beneficial effects',
      '6. Conclusion: a valuable alternative; more studies needed',
    ]);
    const first = screen.getByRole('article', { name: '1. Four double-blind trials in relapsing-remitting MS' });
    expect(first).toHaveTextContent('“Four double-blind trials in relapsing-remitting MS have demonstrated that IVIG reduces the relapse rate and the number of gadolinium enhancing lesions”');
    const asOf = within(first).getByRole('region', { name: /^As of 2003 / });
    expect(asOf).toHaveTextContent('The data hold 4 such trials: Fazekas 1997 (AIMS), Achiron 1998, Sorensen 1998 (crossover), Lewańska 2002.');
    expect(within(asOf).getAllByRole('link', { name: 'Fazekas 1997 (AIMS)' })[0]).toHaveAttribute('href', '#/evidence?study=fazekas-1997-aims');
    expect(within(first).getByRole('region', { name: /^Now \(all evidence\) / })).toBeInTheDocument();
    // A claim the evidence set does not quote says so instead of quoting.
    expect(screen.getByRole('article', { name: '2. Comparable to interferon-beta and glatiramer acetate' })).toHaveTextContent('is not in the evidence set or its sources');
  });

  it('names the fold range of monthly doses that the file’s doses give', () => {
    renderClaims();
    const dose = screen.getByRole('article', { name: '3. Doses varied 10-fold' });
    const asOf = within(dose).getByRole('region', { name: /^As of 2003 / });
    expect(asOf).toHaveTextContent(`${foldFromFile(2003).toFixed(1)}-fold: highest 2 g/kg/month (Sorensen 1998 (crossover)`);
    expect(within(dose).getByRole('region', { name: /^Now \(all evidence\) / })).toHaveTextContent(`${foldFromFile(null).toFixed(1)}-fold`);
  });

  it('follows the analysis settings: under a common-effect model claim 1 is borne out as of 2003', async () => {
    const store = renderClaims();
    expect(overviewRow(/^1\. Four double-blind/)).toHaveTextContent('partly consistent');
    act(() => store.getState().setAnalysis({ model: 'common' }));
    await waitFor(() => expect(within(overviewRow(/^1\. Four double-blind/)).getAllByRole('cell')[0]).toHaveTextContent(/^consistent$/));
    expect(screen.getByRole('article', { name: '1. Four double-blind trials in relapsing-remitting MS' })).toHaveTextContent('Relapse-free patients, Risk ratio, M-H, Fixed, 95% CI');
  });

  it('follows the study toggles: without AIMS no annualized relapse rate is estimable', async () => {
    const store = renderClaims();
    act(() => store.getState().toggleStudyExcluded('fazekas-1997-aims'));
    await waitFor(() => expect(screen.getByRole('region', { name: 'The seed review’s claims, checked' })).toHaveTextContent('leave out the 1 study toggled out'));
    const asOf = within(screen.getByRole('article', { name: '1. Four double-blind trials in relapsing-remitting MS' })).getByRole('region', { name: /^As of 2003 / });
    expect(asOf).toHaveTextContent('Annualized relapse rate: no estimable effect');
    expect(screen.getByRole('region', { name: 'The seed review’s claims, checked' })).toHaveTextContent('leave out the 1 study toggled out');
  });
});
