/**
 * Phase comparison in real Chromium: the annualized relapse rate panel has RR and SP rows (RR
 * estimable from AIMS, SP reported by ESIMS without SD, so not estimable and saying so), and a
 * row opens the forest plot for that outcome and row without setting a filter (a removable chip says so).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBrowserAndServer } from './support';

const ivig = JSON.parse(readFileSync(join(process.cwd(), 'tests/reference/fixtures/ivig-aims.json'), 'utf8'));
const arr = ivig.effects.find((e: { name: string }) => e.name === 'annualized relapse rate MD');
const z = 1.959963984540054;
const arrText = [arr.yi, arr.yi - z * Math.sqrt(arr.vi), arr.yi + z * Math.sqrt(arr.vi)].map((x: number) => x.toFixed(2));

const env = startBrowserAndServer();

describe('Phase comparison (Chromium, production build)', () => {
  it('shows RR and SP rows of the relapse panel and follows a row to the forest plot', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${env.url}#/phases`);
    const panel = page.getByRole('region', { name: /^Annualized relapse rate/ });
    await panel.waitFor();
    const rr = panel.getByRole('link', { name: /^RR: / });
    const sp = panel.getByRole('link', { name: /^SP: / });
    // AIMS: MD 0.52 − 1.26 = −0.74, SE √(0.85²/75 + 2.2²/73) (metafor escalc "MD").
    expect(await rr.getAttribute('aria-label')).toBe(`RR: ${arrText[0]} [${arrText[1]}, ${arrText[2]}]. Open the forest plot.`);
    expect(arrText).toEqual(['-0.74', '-1.28', '-0.20']);
    expect(await sp.getAttribute('aria-label')).toMatch(/^SP: reported but not estimable: Hommes 2004 \(ESIMS\): SD not reported/);
    expect(await panel.locator('.phase-sentence').textContent()).toContain('No test for subgroup differences: fewer than two phases have an estimate.');

    await rr.click();
    await expect.poll(() => page.url()).toContain('#/forest?');
    expect(page.url()).toContain('forest-outcome=annualized-relapse-rate');
    expect(page.url()).toContain('focus=RR');
    expect(page.url()).not.toContain('phase=');
    const figure = page.getByRole('figure');
    await figure.waitFor();
    // The link's outcome and row are applied, not overwritten by the previous view's state, and
    // the forest's Total is the cell's estimate (same trials, same model).
    await expect.poll(() => figure.locator('figcaption').textContent()).toContain('Annualized relapse rate');
    expect(await figure.textContent()).toContain('Fazekas 1997 (AIMS)');
    expect(await figure.textContent()).toContain(`Total (95% CI)100.0%${arrText[0]} [${arrText[1]}, ${arrText[2]}]`);
    // No global phase filter: the row is the forest's own, shown as a chip that removes it.
    for (const phase of ['CIS', 'RR', 'SP', 'PP']) expect(await page.getByRole('button', { name: phase, exact: true }).getAttribute('aria-pressed')).toBe('false');
    await expect.poll(() => page.getByText(/^Phase-comparison row:/).textContent()).toContain('RR trials only');
    await page.getByRole('link', { name: 'Evidence' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'studies shown' }).textContent()).toMatch(/^(\d+) of \d+ studies shown/);
    const shown = (await page.getByRole('status').filter({ hasText: 'studies shown' }).textContent())!.match(/^(\d+) of/)![1];
    expect(Number(shown)).toBe(await page.getByRole('table', { name: /Trials of IVIG/ }).locator('tbody tr').count());
    expect(Number(shown)).toBeGreaterThan(15);
    await page.goBack();
    await page.getByRole('button', { name: /^Show every phase/ }).click();
    await expect.poll(() => page.getByText(/^Phase-comparison row:/).count()).toBe(0);
    expect(page.url()).not.toContain('focus=');

    // A pasted link in the same tab (hash change, no reload) is applied too; one written before
    // the plotted outcome had its own parameter (outcome=) is read as the forest's outcome.
    await page.goto(`${env.url}#/forest?outcome=time-to-confirmed-progression&phase=SP`);
    await expect.poll(() => figure.locator('figcaption').textContent()).toContain('Time to confirmed progression');
    expect(await page.getByRole('button', { name: 'SP', exact: true }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByRole('combobox', { name: 'Outcome reported' }).inputValue()).toBe('');
    expect(errors).toEqual([]);
    await page.close();
  });
});
