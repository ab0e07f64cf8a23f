/**
 * Dose-response in real Chromium: bubbles for the trials with a dose, hollow where there is no
 * CI, the phase confounding stated, and the summary following the RR filter.
 */
import { describe, expect, it } from 'vitest';
import { startBrowserAndServer } from './support';

const env = startBrowserAndServer();

describe('Dose-response view (Chromium, production build)', () => {
  it('draws one point per IVIG arm with a dose and follows the phase filter', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${env.url}#/dose-response?outcome=annualized-relapse-rate`);
    const table = page.getByRole('table').filter({ hasText: 'Dose arithmetic' });
    await table.waitFor();
    // AIMS (0.175, with CI), Achiron 1998 (0.2, no SD: hollow), Lewańska's two arms (0.2 and 0.4, no
    // SD: hollow), ESIMS (1.0, no SD: hollow). Hidden symbols (the dose-range layer's) are not points.
    expect(await table.getByRole('rowheader').allTextContents()).toEqual(['Fazekas 1997 (AIMS)', 'Achiron 1998', 'Lewańska 2002', 'Lewańska 2002', 'Hommes 2004 (ESIMS)']);
    expect(await page.locator('.recharts-scatter-symbol:visible').count()).toBe(5);
    const summary = page.locator('.regression-summary');
    expect(await summary.textContent()).toBe('A meta-regression is not estimable: 1 comparison with a CI (at least 3 are needed; a line through two points has no residual to estimate τ² from).');
    expect(await page.locator('.confounding').textContent()).toContain('RR at 0.175–0.4, SP at 1 g/kg/month do not overlap');

    await page.getByRole('button', { name: 'RR', exact: true }).click();
    await expect.poll(() => table.getByRole('rowheader').allTextContents()).toEqual(['Fazekas 1997 (AIMS)', 'Achiron 1998', 'Lewańska 2002', 'Lewańska 2002']);
    expect(await page.locator('.confounding').count()).toBe(0);
    expect(page.url()).toContain('phase=RR');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the dose axis has round ticks (1-2-5 on the log axis, even steps on the linear one), and phase as a moderator is disabled with its reason when no regression is estimable', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${env.url}#/dose-response?dose-outcome=annualized-relapse-rate&logdose=1`);
    await page.locator('.recharts-scatter-symbol:visible').first().waitFor();
    // Doses 0.175 (AIMS), 0.2 (Achiron, Lewańska), 0.4 (Lewańska), 1 (ESIMS): the axis spans 0.1 to 2.
    // recharts 3 draws tick labels in a layer of their own: the x axis's are the centred ones.
    await expect.poll(() => page.locator('svg.recharts-surface text.recharts-cartesian-axis-tick-value[text-anchor="middle"]').allTextContents()).toEqual(['0.1', '0.2', '0.5', '1', '2']);
    // The linear axis has evenly spaced round ticks (recharts' own ended on the domain's 1.1: 0 0.3 0.6 0.9 1.1).
    await page.goto(`${env.url}#/dose-response?dose-outcome=annualized-relapse-rate`);
    await expect.poll(() => page.locator('svg.recharts-surface text.recharts-cartesian-axis-tick-value[text-anchor="middle"]').allTextContents()).toEqual(['0', '0.2', '0.4', '0.6', '0.8', '1']);
    // One comparison with a CI: nothing to fit, so no second moderator either.
    const moderator = page.getByRole('checkbox', { name: /^Phase as a second moderator/ });
    expect(await moderator.isDisabled()).toBe(true);
    expect(await moderator.isChecked()).toBe(false);
    const why = await moderator.getAttribute('aria-describedby');
    expect(await page.locator(`#${why}`).textContent()).toBe('no meta-regression is estimable with these data');
    await page.close();
  });
});
