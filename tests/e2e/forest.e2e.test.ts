/**
 * The forest plot in real Chromium against the production build, on the bundled evidence:
 * the pooled estimate equals metafor's (fixtures from tests/reference/make-fixtures.R), a study
 * toggled out re-pools, and a phase filter changes the rows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBrowserAndServer } from './support';

const fixtures = JSON.parse(readFileSync(join(process.cwd(), 'tests/reference/fixtures/rma.json'), 'utf8'));
const ivig = JSON.parse(readFileSync(join(process.cwd(), 'tests/reference/fixtures/ivig-aims.json'), 'utf8'));
const reml3 = fixtures.fits.find((f: { name: string }) => f.name === 'ivig-relapse-free-OR-k3/REML/z').expected;
const reml = fixtures.fits.find((f: { name: string }) => f.name === 'ivig-relapse-free-OR-k2/REML/z').expected;
const aims = ivig.effects.find((e: { name: string }) => e.name === 'AIMS relapse-free OR');
const fmt = (x: number) => x.toFixed(2);
const orText = (est: number, lo: number, hi: number) => `${fmt(Math.exp(est))} [${fmt(Math.exp(lo))}, ${fmt(Math.exp(hi))}]`;

const env = startBrowserAndServer();

describe('Forest plot (Chromium, production build)', () => {
  it('shows metafor’s pooled odds ratio, re-pools when a study is toggled out, and follows the phase filter', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${env.url}#/forest?outcome=relapse-free&measure=OR`);
    const figure = page.getByRole('figure');
    await figure.waitFor();
    // metafor rma(method = "REML") on AIMS 40/75 vs 26/73, Achiron 6/20 vs 0/20 and PRIVIG's two
    // IVIG arms combined, 50/86 vs 28/41.
    await expect.poll(() => figure.textContent()).toContain(`Total (95% CI)100.0%${orText(reml3.estimate, reml3.ciLower, reml3.ciUpper)}`);
    expect(await figure.textContent()).toContain('Odds ratio, IV, Random (REML), 95% CI');

    // Without PRIVIG: AIMS and Achiron alone.
    await page.getByRole('checkbox', { name: 'Include Fazekas 2008 (PRIVIG)' }).uncheck();
    const pooled = orText(reml.estimate, reml.ciLower, reml.ciUpper);
    await expect.poll(() => figure.textContent()).toContain(`Total (95% CI)100.0%${pooled}`);

    await page.getByRole('checkbox', { name: 'Include Achiron 1998' }).uncheck();
    const aimsAlone = orText(aims.yi, aims.yi - 1.959963984540054 * Math.sqrt(aims.vi), aims.yi + 1.959963984540054 * Math.sqrt(aims.vi));
    await expect.poll(() => figure.textContent()).toContain(`Total (95% CI)100.0%${aimsAlone}`);
    expect(decodeURIComponent(page.url())).toMatch(/off=[^&]*achiron-1998-rrms/);

    await page.getByRole('button', { name: 'SP', exact: true }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'No study gives an estimable effect' }).count()).toBe(1);
    const notInPlot = await page.getByRole('region', { name: /Not in the plot/ }).textContent();
    expect(notInPlot).toContain('Hommes 2004 (ESIMS)');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('choosing the forest’s outcome filters nothing: the Evidence view then lists every study', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${env.url}#/evidence`);
    const summary = page.getByRole('status').filter({ hasText: 'studies shown' });
    await summary.waitFor();
    const before = await summary.textContent();
    expect(before).toMatch(/^\d+ of \d+ studies shown/);
    await page.getByRole('link', { name: 'Forest plot' }).click();
    await page.getByRole('combobox', { name: 'Outcome', exact: true }).selectOption('edss-worsened');
    await expect.poll(() => page.getByRole('figure').locator('figcaption').textContent()).toContain('Worsened on EDSS');
    expect(await page.getByRole('combobox', { name: 'Outcome reported' }).inputValue()).toBe('');
    await page.getByRole('link', { name: 'Evidence' }).click();
    await expect.poll(() => summary.textContent()).toBe(before);
    // The choice is in the link: a reload restores the forest exactly.
    await page.getByRole('link', { name: 'Forest plot' }).click();
    expect(page.url()).toContain('forest-outcome=edss-worsened');
    await page.reload();
    await expect.poll(() => page.getByRole('figure').locator('figcaption').textContent()).toContain('Worsened on EDSS');
    await page.close();
  });

  it('draws the ESIMS hazard ratio with IVIG favoured on the left', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${env.url}#/forest?outcome=time-to-confirmed-progression`);
    const svg = page.locator('svg.forest-svg');
    await svg.waitFor();
    const text = await svg.textContent();
    expect(text).toContain('1.11 [0.80, 1.53]');
    expect(text).toContain('Hazard ratio');
    const left = await svg.getByText('Favours IVIG').boundingBox();
    const right = await svg.getByText('Favours placebo').boundingBox();
    expect(left!.x).toBeLessThan(right!.x);
    await page.close();
  });
});
