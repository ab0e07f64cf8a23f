/**
 * Effect recovery in real Chromium against the production build: `recover=all` in the address
 * brings the recovered trials into the relapse-free forest plot, each marked with its method, and
 * gives the dose-response meta-regression its slope. The numbers are R's (fixtures/recovery-ivig.json,
 * tests/reference/make-recovered-effects-fixtures.R: base R arithmetic for the recovery, metafor's rma()).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBrowserAndServer } from './support';

interface Row { id: string; label: string; rr: number; ciLower: number; ciUpper: number; armsCombined: number; crossover: boolean }
const fixture = JSON.parse(readFileSync(join(process.cwd(), 'tests/reference/fixtures/recovery-ivig.json'), 'utf8'));
const all = fixture.relapseFree.recoverAll as { k: number; studies: Row[]; estimate: number; ciLower: number; ciUpper: number };
const dose = fixture.doseRelapseFree.recoverAll as { k: number; slope: number; slopeCiLower: number; slopeCiUpper: number; points: { doseLower?: number }[] };
const fmt = (x: number) => x.toFixed(2);
const sig3 = (x: number) => String(Number(x.toPrecision(3)));

const env = startBrowserAndServer();

describe('Effect recovery (Chromium, production build)', () => {
  it('#/forest?outcome=relapse-free&recover=all: the recovered trials are rows, marked with their method, pooled as in R', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${env.url}#/forest?outcome=relapse-free&recover=all`);
    const figure = page.getByRole('figure');
    await figure.waitFor();
    expect(await figure.locator('figcaption').textContent()).toContain('Effect recovery (all recoverable evidence): SE from CI, SE from p, IVIG arms combined, crossover as parallel, mean/SD from median, SD imputed (largest SD)');
    const pooled = `${fmt(all.estimate)} [${fmt(all.ciLower)}, ${fmt(all.ciUpper)}]`;
    await expect.poll(() => figure.textContent()).toContain(`Total (95% CI)100.0%${pooled}`);

    const table = page.getByRole('table').filter({ hasText: 'Uncheck a study to re-pool without it' });
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(all.k);
    for (const s of all.studies) {
      const row = rows.filter({ has: page.getByRole('checkbox', { name: `Include ${s.label}` }) });
      expect(await row.locator('td.num').first().textContent()).toBe(`${fmt(s.rr)} [${fmt(s.ciLower)}, ${fmt(s.ciUpper)}]`);
      const head = await row.getByRole('rowheader').textContent();
      if (s.armsCombined > 1) expect(head).toContain('⊕ IVIG arms combined');
      if (s.crossover) {
        expect(head).toContain('⇄');
        expect(head).toContain('Crossover analysed as if parallel: ignores the within-patient correlation');
      }
    }
    // The row details give the formula.
    const combined = all.studies.find((s) => s.armsCombined > 1);
    if (combined) {
      await rows.filter({ has: page.getByRole('checkbox', { name: `Include ${combined.label}` }) }).getByRole('button', { name: 'Sources' }).click();
      expect(await page.getByRole('region', { name: `Sources for ${combined.label}` }).textContent()).toMatch(/⊕ IVIG arms combined: \d+ IVIG arms combined: events/);
    }
    // Switching the crossover back off takes the crossover out, and the list says which switch would include it.
    const crossover = all.studies.find((s) => s.crossover);
    if (crossover) {
      await page.locator('.recovery-controls summary').click();
      await page.getByRole('checkbox', { name: /crossover as parallel/ }).uncheck();
      await expect.poll(() => rows.count()).toBe(all.k - 1);
      const notInPlot = await page.getByRole('region', { name: /Not in the plot/ }).textContent();
      expect(notInPlot).toContain(`${crossover.label}: crossover: within-patient data (needs a paired analysis) — would be included with “crossover as parallel” (crossover=parallel)`);
      // Written the shorter way: the switches that differ from the defaults, crossover no longer among them.
      expect(page.url()).toContain('medians=1&impute-sd=largest');
      expect(page.url()).not.toContain('crossover');
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('#/dose-response?outcome=relapse-free&recover=all: a meta-regression with the slope of R, its CI and PI band, and the dose ranges as bars', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${env.url}#/dose-response?outcome=relapse-free&recover=all`);
    const summary = page.locator('.regression-summary');
    await summary.waitFor();
    expect(dose.k).toBeGreaterThanOrEqual(3);
    const slope = `Slope: risk ratio × ${sig3(Math.exp(dose.slope))} per g/kg/month [${sig3(Math.exp(dose.slopeCiLower))}, ${sig3(Math.exp(dose.slopeCiUpper))}]`;
    await expect.poll(() => summary.textContent()).toContain(slope);
    expect(await summary.textContent()).toContain(`k = ${dose.k}`);
    const table = page.getByRole('table').filter({ hasText: 'Dose arithmetic' });
    expect(await table.locator('tbody tr').count()).toBe(dose.k);
    // The CI band and the prediction band are drawn (two areas), and one bar per dose range.
    expect(await page.locator('.recharts-area').count()).toBe(2);
    const ranged = dose.points.filter((p) => p.doseLower !== undefined).length;
    expect(await page.locator('.recharts-errorBar').count()).toBeGreaterThanOrEqual(dose.k + ranged);
    if (ranged > 0) expect(await page.locator('.phase-legend').textContent()).toContain('horizontal bar: the dose range the trial reports');
    expect(errors).toEqual([]);
    await page.close();
  });
});
