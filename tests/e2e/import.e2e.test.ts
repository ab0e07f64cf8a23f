/**
 * Import in real Chromium: a CSV from a "full text" adds a study that the forest plot re-pools
 * with, marked user-supplied; it survives a reload and can be removed. A hostile file is refused
 * with a message; a corrupt saved state falls back with a notice.
 */
import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { importEvidenceFile } from '../../src/evidence/import-evidence';
import { CSV_TEMPLATE } from '../../src/evidence/imported-file';
import { parseEvidenceText } from '../../src/evidence/parse-evidence';
import { bcgCsv } from '../../src/test-support/bcg';
import { startBrowserAndServer } from './support';

const env = startBrowserAndServer();

const importFile = (page: Page, name: string, content: string | Buffer) =>
  page.locator('input[type=file]').setInputFiles({ name, mimeType: name.endsWith('.csv') ? 'text/csv' : 'application/json', buffer: typeof content === 'string' ? Buffer.from(content) : content });

/** A CSV as European Excel saves it: UTF-8 with a byte-order mark, ";" between fields, decimal commas, CRLF. */
const EUROPEAN_CSV = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from([
  'study_id;label;year;phase;setting;outcome;timepoint;arm;arm_role;events;total;mean;sd;n;monthly_dose_g_per_kg;source_url;source_title;quote',
  'muller-2019;Müller 2019;2019;RR;relapse-prevention;relapse-free;2 years;ivig;ivig;30;50;;;;0,4;https://example.org/m;Müller 2019;"30 von 50; 20 von 50"',
  'muller-2019;Müller 2019;2019;RR;relapse-prevention;relapse-free;2 years;placebo;placebo;20;50;;;;;https://example.org/m;Müller 2019;"30 von 50; 20 von 50"',
  'muller-2019;Müller 2019;2019;RR;relapse-prevention;edss-change;2 years;ivig;ivig;;;-0,25;0,8;50;0,4;https://example.org/m;Müller 2019;EDSS -0,25 (0,8) vs 0,1 (0,75)',
  'muller-2019;Müller 2019;2019;RR;relapse-prevention;edss-change;2 years;placebo;placebo;;;0,1;0,75;50;;https://example.org/m;Müller 2019;EDSS -0,25 (0,8) vs 0,1 (0,75)',
].join('\r\n') + '\r\n', 'utf8')]);

describe('Import (Chromium, production build)', () => {
  it('adds a study from a CSV, re-pools, survives a reload, and can be removed', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    await page.goto(`${env.url}#/forest?outcome=relapse-free&measure=OR`);
    const figure = page.getByRole('figure');
    await figure.waitFor();
    const before = await figure.textContent();

    await page.getByRole('link', { name: 'Evidence' }).click();
    await importFile(page, 'smith.csv', CSV_TEMPLATE);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'smith.csv: 1 new study' }).count()).toBe(1);
    expect(await page.getByRole('table', { name: /Trials of IVIG/ }).getByRole('rowheader', { name: /Smith 2024/ }).textContent()).toContain('user-supplied');

    await page.getByRole('link', { name: 'Forest plot' }).click();
    await figure.waitFor();
    await expect.poll(() => figure.textContent()).toContain('Smith 2024 (user)');
    expect(await figure.textContent()).not.toBe(before);
    expect(await figure.textContent()).toContain('30/50');

    await page.reload();
    await figure.waitFor();
    await expect.poll(() => figure.textContent()).toContain('Smith 2024 (user)');

    await page.getByRole('link', { name: 'Evidence' }).click();
    await page.getByRole('button', { name: 'Remove smith.csv' }).click();
    await page.getByRole('link', { name: 'Forest plot' }).click();
    await expect.poll(() => figure.textContent()).toBe(before);
    await context.close();
  });

  it('refuses a hostile file with a clear message and changes nothing', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${env.url}#/evidence`);
    await page.getByRole('heading', { name: 'Add data from full texts' }).waitFor();
    const rowsBefore = await page.getByRole('table', { name: /Trials of IVIG/ }).getByRole('row').count();
    await importFile(page, 'evil.json', '{"__proto__": {"polluted": true}, "studies": []}');
    const alert = page.getByRole('alert').filter({ hasText: 'evil.json was not imported' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('the key "__proto__" is not allowed (prototype pollution)');
    expect(await page.evaluate(() => (({}) as Record<string, unknown>).polluted)).toBeUndefined();
    expect(await page.getByRole('table', { name: /Trials of IVIG/ }).getByRole('row').count()).toBe(rowsBefore);
    await context.close();
  });

  it('falls back from a corrupt saved state with a notice, keeps each set-aside copy and offers it for download', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${env.url}#/evidence`);
    await page.getByRole('heading', { name: 'Add data from full texts' }).waitFor();
    const corrupt = ['{"version":1,"imports":[{', '{"version":1,"imports":[{"id":""}]}'];
    for (const text of corrupt) {
      await page.evaluate((t) => window.localStorage.setItem('ivig-ms-explorer:v1', t), text);
      await page.reload();
      await page.getByRole('status').filter({ hasText: 'Saved imports could not be read' }).waitFor();
      expect(await page.getByRole('table', { name: /Trials of IVIG/ }).getByRole('rowheader', { name: /Fazekas 1997/ }).count()).toBe(1);
    }
    // The second failure did not overwrite the first: both are listed, newest first, and download as saved.
    const list = page.getByRole('region', { name: 'Set-aside data' });
    const buttons = list.getByRole('button', { name: /^Download the set-aside data/ });
    expect(await buttons.count()).toBe(2);
    const texts: string[] = [];
    for (const i of [0, 1]) {
      const [download] = await Promise.all([page.waitForEvent('download') as Promise<Download>, buttons.nth(i).click()]);
      expect(download.suggestedFilename()).toMatch(/^ivig-ms_set-aside_\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.json$/);
      texts.push(readFileSync((await download.path())!, 'utf8'));
    }
    expect(texts).toEqual([corrupt[1], corrupt[0]]);
    // Deleting one keeps the other, across a reload.
    await list.getByRole('button', { name: /^Delete the set-aside data/ }).first().click();
    await page.reload();
    await list.waitFor();
    expect(await buttons.count()).toBe(1);
    await context.close();
  });

  it('sets aside a saved import that no longer fits the evidence set, instead of dropping it at the next save', async () => {
    const bundled = parseEvidenceText(readFileSync('public/data/evidence.json', 'utf8'));
    const good = importEvidenceFile('smith.csv', CSV_TEMPLATE, bundled);
    if (!good.ok) throw new Error(good.problems.join('\n'));
    const study = structuredClone(good.file.studies[0]!);
    study.id = 'other-2020';
    const data = study.outcomes[0]!.data;
    if (data.form === 'counts') data.arms[0]!.arm = 'ghost';
    const broken = { ...good.file, id: 'import-broken', fileName: 'broken.csv', studies: [study] };
    const saved = JSON.stringify({ version: 1, imports: [good.file, broken] });
    const context = await env.browser.newContext({ viewport: { width: 1400, height: 1000 } });
    await context.addInitScript((t) => { if (!sessionStorage.getItem('seeded')) { localStorage.setItem('ivig-ms-explorer:v1', t); sessionStorage.setItem('seeded', '1'); } }, saved);
    const page = await context.newPage();
    await page.goto(`${env.url}#/evidence`);
    await page.getByRole('status').filter({ hasText: 'The saved import "broken.csv" no longer fits' }).waitFor();
    expect(await page.getByRole('table', { name: /Trials of IVIG/ }).getByRole('rowheader', { name: /Smith 2024/ }).count()).toBe(1);
    await page.reload();
    const list = page.getByRole('region', { name: 'Set-aside data' });
    await list.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download') as Promise<Download>, list.getByRole('button', { name: /^Download the set-aside data/ }).click()]);
    expect(JSON.parse(readFileSync((await download.path())!, 'utf8'))).toEqual({ version: 1, imports: [broken] });
    await context.close();
  });

  it('imports a European Excel CSV (";", decimal commas, CRLF, BOM) through the file input, with the CSV parser loaded only then', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const scripts: { url: string; body: Promise<string> }[] = [];
    page.on('response', (r) => { if (r.url().endsWith('.js')) scripts.push({ url: r.url(), body: r.text() }); });
    const withCsvParser = async () => (await Promise.all(scripts.map(async (s) => ((await s.body).includes('delimitersToGuess') ? s.url : null)))).filter(Boolean);

    await page.goto(`${env.url}#/evidence`);
    await page.getByRole('heading', { name: 'Add data from full texts' }).waitFor();
    // papaparse is not part of the first load: it comes with the importer.
    expect(await withCsvParser()).toEqual([]);

    await importFile(page, 'muller.csv', EUROPEAN_CSV);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'muller.csv: 1 new study' }).count()).toBe(1);
    expect(await withCsvParser()).toHaveLength(1);
    const row = page.getByRole('table', { name: /Trials of IVIG/ }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: /Müller 2019/ }) });
    expect(await row.textContent()).toContain('0.4 g/kg/month');
    // The file says nothing about the design: nothing is said about it.
    expect(await row.getByRole('cell').nth(3).textContent()).toBe('design not stated');
    await row.getByRole('button', { name: 'Müller 2019' }).click();
    const detail = page.getByRole('region', { name: 'Müller 2019' });
    await detail.waitFor();
    expect(await detail.textContent()).toContain('IVIG trial, randomisation not stated');
    expect(await detail.textContent()).toContain('Design: design not stated');
    expect(await detail.textContent()).not.toMatch(/randomised trial|placebo-controlled|parallel/);
    const edss = detail.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'ivig: mean' }) });
    expect(await edss.getByRole('cell').first().textContent()).toBe('-0.25');
    await context.close();
  });

  it('shows dat.bcg\'s allocation as the file states it: six trials not randomised, listed but not pooled', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    await page.goto(`${env.url}#/evidence`);
    await page.getByRole('heading', { name: 'Add data from full texts' }).waitFor();
    await importFile(page, 'bcg.csv', bcgCsv({ extra: { allocation: (t) => t.alloc } }));
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'bcg.csv: 13 new studies' }).count()).toBe(1);
    const table = page.getByRole('table', { name: /Trials of IVIG/ });
    const designOf = (label: string) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(label) }) }).getByRole('cell').nth(3).textContent();
    expect(await designOf('Aronson 1948')).toBe('randomised; parallel or crossover, blinding and control not stated');
    expect(await designOf('Stein & Aronson 1953')).toBe('not randomised (alternate allocation); parallel or crossover, blinding and control not stated');
    expect(await designOf('Comstock et al 1976')).toBe('not randomised (systematic allocation); parallel or crossover, blinding and control not stated');
    expect(await table.getByRole('rowheader', { name: /not randomised/ }).filter({ hasText: 'user-supplied' }).count()).toBe(6);

    // The same trials again under another name: updated, not new, and listed once.
    await importFile(page, 'bcg (1).csv', bcgCsv({ extra: { allocation: (t) => t.alloc } }));
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'bcg (1).csv: 0 new studies, 13 updated (already imported from bcg.csv), 13 outcomes.' }).count()).toBe(1);
    expect(await page.getByRole('list', { name: 'Imported files' }).getByRole('listitem').allTextContents()).toEqual([expect.stringMatching(/^bcg \(1\)\.csv — 13 studies, imported /)]);
    expect(await table.getByRole('rowheader', { name: /Aronson 1948/ }).count()).toBe(1);
    await page.goto(`${env.url}#/forest?outcome=new-relapse&measure=RR`);
    const figure = page.getByRole('figure');
    await figure.waitFor();
    await expect.poll(() => figure.textContent()).toContain('Aronson 1948');
    expect(await page.locator('main').textContent()).toMatch(/Stein & Aronson 1953[^]*not randomised: not pooled/);
    await context.close();
  });
});
