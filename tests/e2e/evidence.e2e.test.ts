/**
 * The Evidence view in real Chromium against the production build: load, see the trials, filter
 * to RR, check that the URL and the table follow, reload with the filter kept, open a trial and
 * see a number with its verbatim quote; a malformed evidence file gives a readable error.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { serveDist, startBrowserAndServer } from './support';

const env = startBrowserAndServer();

async function openPage(url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await env.browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  return { page, errors };
}

const trialTable = (page: Page) => page.getByRole('table', { name: /Trials of IVIG/ });
const trialNames = (page: Page) => trialTable(page).getByRole('rowheader').getByRole('button').allTextContents();

describe('Evidence view (Chromium, production build)', () => {
  it('Back and Forward move between views; filter clicks replace the entry instead of adding one', async () => {
    const { page, errors } = await openPage(`${env.url}#/evidence`);
    await trialTable(page).waitFor();
    await page.getByRole('link', { name: 'Forest plot' }).click();
    await page.locator('svg.forest-svg').waitFor();
    await page.getByRole('button', { name: 'RR', exact: true }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/forest?phase=RR');
    await page.goBack();
    await trialTable(page).waitFor();
    expect(new URL(page.url()).hash).toBe('#/evidence');
    expect(await page.locator('nav a[aria-current="page"]').textContent()).toBe('Evidence');
    // The evidence view's own address has no phase: the filter is not carried back.
    expect(await page.getByRole('button', { name: 'RR', exact: true }).getAttribute('aria-pressed')).toBe('false');
    await page.goForward();
    await page.locator('svg.forest-svg').waitFor();
    expect(new URL(page.url()).hash).toBe('#/forest?phase=RR');
    expect(await page.getByRole('button', { name: 'RR', exact: true }).getAttribute('aria-pressed')).toBe('true');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('loads the bundled trials, filters to RR, keeps the filter in the URL and across a reload', async () => {
    const { page, errors } = await openPage(`${env.url}#/evidence`);
    await trialTable(page).waitFor();
    const all = await trialNames(page);
    expect(all).toContain('Fazekas 1997 (AIMS)');
    expect(all).toContain('Hommes 2004 (ESIMS)');

    await page.getByRole('button', { name: 'RR', exact: true }).click();
    await expect.poll(() => page.url()).toContain('phase=RR');
    const rr = await trialNames(page);
    expect(rr).toContain('Fazekas 1997 (AIMS)');
    expect(rr).toContain('Achiron 1998');
    expect(rr).not.toContain('Hommes 2004 (ESIMS)');
    expect(rr.length).toBeLessThan(all.length);

    await page.reload();
    await trialTable(page).waitFor();
    expect(await page.getByRole('button', { name: 'RR', exact: true }).getAttribute('aria-pressed')).toBe('true');
    expect(await trialNames(page)).toEqual(rr);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens a trial and shows a number with its status and verbatim quote', async () => {
    const { page, errors } = await openPage(`${env.url}#/evidence?q=AIMS`);
    await page.getByRole('button', { name: 'Fazekas 1997 (AIMS)' }).click();
    const detail = page.getByRole('region', { name: 'Fazekas 1997 (AIMS)' });
    await detail.waitFor();
    const nRow = detail.getByRole('row', { name: /^n analysed/ }).first();
    expect(await nRow.textContent()).toContain('75');
    expect(await nRow.textContent()).toContain('so there were 75 patients in the IVIg group and 73 in the placebo group');
    expect(page.url()).toContain('study=fazekas-1997-aims');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a click in the trial table brings the detail into view with focus on its heading; Escape returns to the row', async () => {
    const { page, errors } = await openPage(`${env.url}#/evidence`);
    await trialTable(page).waitFor();
    // The last trial of the table: its detail opens below the whole table and the evidence map.
    const names = await trialNames(page);
    const last = names[names.length - 1]!;
    await trialTable(page).getByRole('button', { name: last, exact: true }).click();
    const heading = page.getByRole('heading', { level: 2, name: last, exact: true });
    await heading.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName + ' ' + document.activeElement?.textContent)).toBe(`H2 ${last}`);
    const box = (await heading.boundingBox())!;
    const viewport = page.viewportSize()!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);

    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('heading', { level: 2, name: last, exact: true }).count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(last);
    const row = (await trialTable(page).getByRole('button', { name: last, exact: true }).boundingBox())!;
    expect(row.y).toBeGreaterThanOrEqual(0);
    expect(row.y + row.height).toBeLessThanOrEqual(viewport.height);
    expect(page.url()).not.toContain('study=');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the failing path of a malformed evidence file instead of a blank page', async () => {
    const evidence = JSON.parse(readFileSync(join(process.cwd(), 'dist/data/evidence.json'), 'utf8'));
    evidence.studies[0].arms[0].nAnalysed = { value: 'seventy-five', source: 'x', quote: 'x', status: 'reported' };
    const broken = await serveDist(undefined, { '/data/evidence.json': JSON.stringify(evidence) });
    try {
      const { page } = await openPage(`${broken.url}#/evidence`);
      const alert = page.getByRole('alert');
      await alert.waitFor();
      const text = await alert.textContent();
      expect(text).toContain('The evidence set could not be loaded');
      expect(text).toContain(`studies[0].arms[0].nAnalysed`);
      expect(text).toContain(`(study "${evidence.studies[0].id}")`);
      await page.close();
    } finally {
      await broken.close();
    }
  });
});
