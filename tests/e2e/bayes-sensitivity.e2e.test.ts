/**
 * The Bayesian model and the method-sensitivity panel in real Chromium against the production
 * build, on the bundled relapse-free trials (AIMS 40/75 vs 26/73, Achiron 6/20 vs 0/20, PRIVIG 50/86 vs 28/41; OR):
 * the Bayesian row, P(benefit) and every row of the sensitivity panel equal the fixtures —
 * metafor 3.8-1 for the frequentist rows (rma.json, rma-mh.json) and base-R integrate() for the
 * Bayesian ones (bayes-sensitivity.json, tests/reference/make-bayes-sensitivity-fixtures.R).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBrowserAndServer } from './support';

const read = (f: string) => JSON.parse(readFileSync(join(process.cwd(), 'tests/reference/fixtures', f), 'utf8'));
const rma = read('rma.json');
const rmaMh = read('rma-mh.json');
const bayes = read('bayes-sensitivity.json');
// Evidence 2026.12.01-2: AIMS, Achiron and PRIVIG (50/86 vs 28/41).
const DATA = 'ivig-relapse-free-OR-k3';
const fit = (method: string, test: string) => rma.fits.find((f: { name: string }) => f.name === `${DATA}/${method}/${test}`).expected;
const mh = rmaMh.cases.find((c: { name: string }) => c.name === 'ivig-relapse-free-k3-MH-OR').expected;
const posterior = (prior: string) => bayes.cases.find((c: { dataset: string; tauPrior: string }) => c.dataset === DATA && c.tauPrior === prior);
const two = (x: number) => (x > 0 && x < 0.005 ? '<0.01' : x.toFixed(2));
const orText = (est: number, lo: number, hi: number) => `${two(Math.exp(est))} [${two(Math.exp(lo))}, ${two(Math.exp(hi))}]`;

const env = startBrowserAndServer();

describe('Bayesian model and method sensitivity (Chromium, production build)', () => {
  it('the forest for relapse-free shows the Bayesian row, P(benefit) and the sensitivity panel, all equal to the fixtures', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${env.url}#/forest?forest-outcome=relapse-free&measure=OR&model=bayes&beyond=1.5`);
    const figure = page.getByRole('figure');
    await figure.waitFor();

    // Bayesian row: τ ~ half-normal(0.5) (the default), flat μ; posterior median and 95% CrI.
    const hn = posterior('half-normal-0.5');
    await expect.poll(() => figure.textContent()).toContain(`Bayesian (95% CrI)${orText(hn.muMedian, hn.muLower, hn.muUpper)}`);
    // The frequentist Total stays beside it (metafor REML).
    const reml = fit('REML', 'z');
    expect(await figure.textContent()).toContain(`Total (95% CI)100.0%${orText(reml.estimate, reml.ciLower, reml.ciUpper)}`);

    // P(benefit): relapse-free, so an OR above 1 favours IVIG.
    const summary = page.locator('section.bayes-summary');
    expect(await summary.textContent()).toContain(`Probability of benefit: P(OR > 1) = ${(1 - hn.probabilityBelow0).toFixed(3)}`);
    expect(await summary.textContent()).toContain('Beyond the threshold: P(OR > 1.5) = ');
    await expect.poll(() => page.locator('svg.posterior-svg path').count()).toBeGreaterThan(2);

    // The sensitivity panel: one row per method, each with the fixture's numbers.
    const panel = page.locator('section.method-sensitivity');
    const rowText = async (key: string) => (await panel.locator(`g.sensitivity-row[data-method="${key}"] text`).allTextContents()).join(' | ');
    const expected: [string, { estimate: number; ciLower: number; ciUpper: number }][] = [
      ['common-iv', fit('FE', 'z')], ['common-mh', mh], ['DL', fit('DL', 'z')], ['REML', reml],
      ['REML-KH', fit('REML', 'knha')], ['REML-KH-adhoc', fit('REML', 'adhoc')], ['PM', fit('PM', 'z')],
    ];
    for (const [key, e] of expected) expect(await rowText(key), key).toContain(orText(e.estimate, e.ciLower, e.ciUpper));
    expect(await rowText('REML')).toContain(Math.sqrt(reml.tau2).toFixed(2));
    const turner = posterior('turner-signs-symptoms-reflecting-continuation-end-of-condition');
    for (const [key, e] of [['bayes-half-normal-0.5', hn], ['bayes-half-normal-1.0', posterior('half-normal-1.0')], ['bayes-turner', turner]] as const) {
      expect(await rowText(key), key).toContain(orText(e.muMedian, e.muLower, e.muUpper));
      expect(await rowText(key), key).toContain(e.tauMedian.toFixed(2));
    }
    // The sentence counts what the rows show (an OR above 1 favours IVIG for relapse-free).
    const all = [...expected.map(([, e]) => [e.estimate, e.ciLower, e.ciUpper]), ...[hn, posterior('half-normal-1.0'), turner].map((e) => [e.muMedian, e.muLower, e.muUpper])];
    const includesNull = all.filter(([, lo, hi]) => lo! <= 0 && hi! >= 0).length;
    const ivigSide = all.filter(([est]) => est! > 0).length;
    const words = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
    const cap = (w: string) => w[0]!.toUpperCase() + w.slice(1);
    expect(await panel.textContent()).toContain(ivigSide === 10 ? 'All ten methods put the estimate on the IVIG side' : `${cap(words[ivigSide]!)} of ten methods put the estimate on the IVIG side`);
    expect(await panel.textContent()).toContain(includesNull === 10 ? 'all ten intervals include no effect' : `${words[includesNull]} of ten intervals include no effect`);

    // The prior is in the address and in the export caption.
    expect(page.url()).toContain('model=bayes');
    await page.getByRole('combobox', { name: 'τ prior' }).selectOption('half-normal-1.0');
    const hn1 = posterior('half-normal-1.0');
    await expect.poll(() => figure.textContent()).toContain(`Bayesian (95% CrI)${orText(hn1.muMedian, hn1.muLower, hn1.muUpper)}`);
    expect(page.url()).toContain('tau-prior=half-normal-1.0');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('on a phone the panel fits the screen (two lines per method, no sideways scroll)', async () => {
    const page = await env.browser.newPage({ viewport: { width: 390, height: 900 } });
    await page.goto(`${env.url}#/forest?forest-outcome=relapse-free&measure=OR`);
    const svg = page.locator('svg.sensitivity-svg');
    await svg.waitFor();
    const box = await svg.boundingBox();
    expect(box!.width).toBeLessThanOrEqual(390);
    const reml = fit('REML', 'z');
    expect((await page.locator('g.sensitivity-row[data-method="REML"] text').allTextContents()).join(' ')).toContain(orText(reml.estimate, reml.ciLower, reml.ciUpper));
    await page.close();
  });
});
