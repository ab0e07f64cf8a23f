/**
 * The Bayesian model's exports and phase cells in real Chromium against the production build, on
 * the bundled relapse-free trials, against base-R integrate() fixtures:
 * - the forest's CSV, decoded, has the Bayesian row of bayes-sensitivity.json (AIMS, Achiron,
 *   PRIVIG; log OR; τ ~ half-normal(0.5), flat μ); its SVG caption names the prior; its R script
 *   carries the prior for bayesmeta and for the base-R check;
 * - with PRIVIG toggled out, the phase comparison's RR cell is the posterior of AIMS + Achiron (log
 *   RR, bayes-quadrature.json), its details give τ and P(benefit), its CSV the same numbers, and
 *   the forest the cell opens shows the same Bayesian row.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/evidence/csv';
import { startBrowserAndServer } from './support';

const read = (f: string) => JSON.parse(readFileSync(join(process.cwd(), 'tests/reference/fixtures', f), 'utf8'));
const sensitivity = read('bayes-sensitivity.json');
const quadrature = read('bayes-quadrature.json');
const hnOrK3 = sensitivity.cases.find((c: { dataset: string; tauPrior: string }) => c.dataset === 'ivig-relapse-free-OR-k3' && c.tauPrior === 'half-normal-0.5');
const hnRrK2 = quadrature.cases.find((c: { data: string; tauPrior: { name: string }; muPrior: { name: string }; level: number }) =>
  c.data.startsWith('IVIG relapse-free log RR') && c.tauPrior.name === 'halfNormal' && c.muPrior.name === 'flat' && c.level === 95);
const rel = (x: number, y: number) => Math.abs(x - y) / Math.max(Math.abs(y), 1e-12);
const two = (x: number) => x.toFixed(2);
const ratioText = (est: number, lo: number, hi: number) => `${two(Math.exp(est))} [${two(Math.exp(lo))}, ${two(Math.exp(hi))}]`;

const env = startBrowserAndServer();

async function downloadOf(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download') as Promise<Download>, click()]);
  return { name: download.suggestedFilename(), text: readFileSync((await download.path())!, 'utf8') };
}

describe('Bayesian exports and phase cells (Chromium, production build)', () => {
  it('forest: the decoded CSV’s Bayesian row, the SVG caption and the R script carry the fixture’s posterior and the prior', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${env.url}#/forest?forest-outcome=relapse-free&measure=OR&model=bayes&beyond=1.5`);
    const menu = page.getByRole('group', { name: 'Export forest plot' });
    await menu.waitFor();
    await expect.poll(() => page.getByRole('figure').textContent()).toContain(`Bayesian (95% CrI)${ratioText(hnOrK3.muMedian, hnOrK3.muLower, hnOrK3.muUpper)}`);

    const csv = await downloadOf(page, () => menu.getByRole('button', { name: 'CSV' }).click());
    const rows = parseCsv(csv.text);
    const header = rows[0]!;
    const bayes = rows.filter((r) => r[0] === 'bayesian');
    expect(bayes).toHaveLength(1);
    const value = (name: string) => Number(bayes[0]![header.indexOf(name)]);
    expect(rel(value('yi'), hnOrK3.muMedian)).toBeLessThan(1e-6);
    expect(rel(Math.log(value('ci_lower')), hnOrK3.muLower)).toBeLessThan(1e-6);
    expect(rel(Math.log(value('ci_upper')), hnOrK3.muUpper)).toBeLessThan(1e-6);
    expect(rel(Math.log(value('pi_lower')), hnOrK3.predictionLower)).toBeLessThan(1e-6);
    expect(rel(Math.log(value('pi_upper')), hnOrK3.predictionUpper)).toBeLessThan(1e-6);
    expect(rel(value('tau_median'), hnOrK3.tauMedian)).toBeLessThan(1e-6);
    expect(rel(value('tau_upper'), hnOrK3.tauUpper)).toBeLessThan(1e-6);
    // Relapse-free: an OR above 1 favours IVIG.
    expect(rel(value('p_benefit'), 1 - hnOrK3.probabilityBelow0)).toBeLessThan(1e-6);
    expect(value('threshold')).toBe(1.5);
    expect(bayes[0]![header.indexOf('prior')]).toBe('τ ~ half-normal(0.5), μ ~ flat');
    expect(value('k')).toBe(3);

    const svg = await downloadOf(page, () => menu.getByRole('button', { name: 'SVG' }).click());
    // The caption is wrapped into lines of <text>: read them back as one text.
    const svgWords = await page.evaluate((t) => [...new DOMParser().parseFromString(t, 'image/svg+xml').querySelectorAll('text')].map((x) => x.textContent).join(' '), svg.text);
    expect(svgWords).toContain('Bayesian row: τ ~ half-normal(0.5), μ ~ flat (Friede et al. 2017');
    expect(svgWords).toContain(`P(OR > 1) = ${(1 - hnOrK3.probabilityBelow0).toFixed(3)}`);

    const r = await downloadOf(page, () => menu.getByRole('button', { name: 'R script' }).click());
    expect(r.text).toContain('tau.prior = function(t) dhalfnormal(t, scale = 0.5),');
    expect(r.text).toContain('tau_prior <- function(t) 2 * dnorm(t, 0, 0.5)  # a half-normal density on tau');
    expect(r.text).toContain('p_threshold = 1 - post$mu_cdf(log(1.5))  # P(OR > 1.5)');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('phase comparison: the RR cell is the posterior of its trials, in the cell, its details, its CSV and the forest it opens', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${env.url}#/phases?model=bayes&off=fazekas-2008-privig`);
    const panel = page.locator('section.phase-panel', { has: page.getByRole('heading', { name: /^Relapse-free patients/ }) });
    await panel.waitFor();
    const expected = ratioText(hnRrK2.mu.median, hnRrK2.mu.lower, hnRrK2.mu.upper);
    const cell = panel.getByRole('link', { name: /^RR: / });
    const label = (await cell.getAttribute('aria-label'))!;
    expect(label).toContain(`RR: ${expected} (posterior median, 95% CrI); τ ${two(hnRrK2.tau.median)} [${two(hnRrK2.tau.lower)}, ${two(hnRrK2.tau.upper)}]`);
    const pBenefit = 1 - hnRrK2.probabilityBelow.find((p: { x: number }) => p.x === 0).p;
    expect(label).toContain(`P(RR > 1) = ${pBenefit.toFixed(3)}`);
    expect(await panel.locator('svg text', { hasText: expected }).count()).toBe(1);
    expect(await panel.locator('.phase-bayes-details li[data-row="RR"]').textContent()).toContain(`τ ${two(hnRrK2.tau.median)}`);
    expect(await page.getByRole('note').first().textContent()).toContain('each cell shows the posterior median');

    // The panel's SVG export: the Bayesian cell and its column heading, as drawn marks only.
    const svg = await downloadOf(page, () => panel.getByRole('group', { name: /^Export / }).getByRole('button', { name: 'SVG' }).click());
    const svgDoc = await page.evaluate((t) => {
      const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
      return { error: doc.querySelector('parsererror')?.textContent ?? null, words: [...doc.querySelectorAll('text')].map((x) => x.textContent).join(' ') };
    }, svg.text);
    expect(svgDoc.error).toBeNull();
    expect(svgDoc.words).toContain('Posterior median [95% CrI]');
    expect(svgDoc.words).toContain(expected);
    expect(svgDoc.words).toContain('Bayesian random effects (τ ~ half-normal(0.5), μ ~ flat)');
    for (const pattern of [/aria-/, /\srole=/, /\sclass=/, /transparent/]) expect(svg.text, String(pattern)).not.toMatch(pattern);

    const csv = await downloadOf(page, () => panel.getByRole('group', { name: /^Export / }).getByRole('button', { name: 'CSV' }).click());
    const rows = parseCsv(csv.text);
    const col = (n: string) => rows[0]!.indexOf(n);
    const rr = rows.find((r) => r[col('phase')] === 'RR')!;
    expect(rel(Math.log(Number(rr[col('estimate')])), hnRrK2.mu.median)).toBeLessThan(1e-6);
    expect(rel(Math.log(Number(rr[col('ci_upper')])), hnRrK2.mu.upper)).toBeLessThan(1e-6);
    expect(rel(Number(rr[col('tau_median')]), hnRrK2.tau.median)).toBeLessThan(1e-6);
    expect(rel(Number(rr[col('p_benefit')]), pBenefit)).toBeLessThan(1e-6);
    expect(rr[col('interval')]).toBe('95% CrI (posterior median)');

    await cell.click();
    await page.waitForURL(/#\/forest\?/);
    const figure = page.getByRole('figure');
    await expect.poll(() => figure.textContent()).toContain(`Bayesian (95% CrI)${expected}`);
    expect(await page.locator('section.bayes-summary').textContent()).toContain(`P(RR > 1) = ${pBenefit.toFixed(3)}`);
    expect(errors).toEqual([]);
    await page.close();
  });
});
