/**
 * The Summary of Findings in real Chromium against the production build: the relapsing-remitting
 * table's relapse-free row has the forest plot's relative effect, a risk per 1,000 and a certainty;
 * every export decodes (CSV row, SVG parsed and rendered by librsvg, PNG pixels, HTML table); a
 * judgment survives a reload and travels in the link; an imported dat.bcg gets its own table with a
 * funnel plot and Egger's test; printing keeps the tables and footnotes and drops the controls.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import fixtures from '../reference/fixtures/summary-of-findings.json';
import { parseCsv } from '../../src/evidence/csv';
import { parseEvidenceText } from '../../src/evidence/parse-evidence';
import { bcgCsv } from '../../src/test-support/bcg';
import { darkShare, renderWith } from '../support/svg-render';
import { startBrowserAndServer } from './support';

const env = startBrowserAndServer();
const bundledEvidence = parseEvidenceText(readFileSync('public/data/evidence.json', 'utf8'));
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function downloadOf(page: Page, click: () => Promise<void>): Promise<{ name: string; data: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download') as Promise<Download>, click()]);
  return { name: download.suggestedFilename(), data: readFileSync((await download.path())!) };
}

const rfRow = (page: Page) => page.getByRole('table', { name: /relapsing-remitting MS/ }).getByRole('row', { name: /^Relapse-free patients/ });

describe('Summary of findings (Chromium, production build)', () => {
  it('relapse-free in RR: the forest plot’s relative effect, a risk per 1,000 and a certainty', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${env.url}#/forest?forest-outcome=relapse-free&focus=RR`);
    const total = page.locator('svg.forest-svg g.forest-pooled', { hasText: 'Total (95% CI)' });
    await total.waitFor();
    const pooled = (await total.locator('text').allTextContents()).find((t) => /^\d+\.\d\d \[\d+\.\d\d, \d+\.\d\d\]$/.test(t));
    expect(pooled).toBeDefined();

    await page.getByRole('link', { name: 'Summary' }).click();
    await rfRow(page).waitFor();
    const row = (await rfRow(page).textContent())!;
    expect(row).toContain(`RR ${pooled}`);
    expect(row).toMatch(/\d+ per 1,000 \(median of the included trials\)/);
    expect(row).toMatch(/(more|fewer) per 1,000 \(from \d+ (more|fewer) to \d+ (more|fewer)\)/);
    expect(row).toMatch(/(HIGH|MODERATE|LOW|VERY LOW)/);
    expect(row).toContain('provisional');
    // Chromium draws the certainty symbols.
    expect(await rfRow(page).locator('.sof-symbols').textContent()).toMatch(/^[⊕◯]{4}$/);
    // The seed review's claims: the fold range of monthly doses, computed here from the bundled file
    // (IVIG arms of the randomised IVIG trials published by 2003, an earlier report of the same trial
    // once, a dose range by its bounds).
    const claims = page.getByRole('region', { name: 'The seed review’s claims, checked' });
    await claims.waitFor();
    const doses = bundledEvidence.studies
      .filter((s) => s.kind === 'ivig-rct' && s.year !== null && s.year <= 2003 && !s.sameTrialAs)
      .flatMap((s) => s.arms.filter((a) => a.role === 'ivig'))
      .flatMap((a) => (a.monthlyDoseRangeGPerKg ? [a.monthlyDoseRangeGPerKg.lower.value, a.monthlyDoseRangeGPerKg.upper.value] : a.monthlyDoseGPerKg.value === null ? [] : [a.monthlyDoseGPerKg.value]));
    const fold = Math.max(...doses) / Math.min(...doses);
    expect(fold).toBeGreaterThan(10);
    expect(await claims.textContent()).toContain(`${fold.toFixed(1)}-fold`);
    await page.close();
  });

  it('model=bayes: the relapse-free row is the forest plot’s Bayesian row, with P(benefit) and the prior named', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${env.url}#/forest?forest-outcome=relapse-free&model=bayes`);
    const figure = page.getByRole('figure');
    await figure.waitFor();
    // The forest's Bayesian row: "Bayesian (95% CrI)" then its posterior median [CrI].
    await expect.poll(() => figure.textContent()).toContain('Bayesian (95% CrI)');
    const bayesRow = (await figure.textContent())!.match(/Bayesian \(95% CrI\)(\d+\.\d\d \[\d+\.\d\d, \d+\.\d\d\])/)![1]!;
    const benefit = (await page.locator('section.bayes-summary').textContent())!.match(/Probability of benefit: (P\(RR > 1\) = \d\.\d{3})/)![1]!;
    const frequentistTotal = (await figure.textContent())!.match(/Total \(95% CI\)[\d.]+%(\d+\.\d\d \[\d+\.\d\d, \d+\.\d\d\])/)![1]!;
    expect(bayesRow).not.toBe(frequentistTotal);

    await page.goto(`${env.url}#/summary?model=bayes`);
    await rfRow(page).waitFor();
    const relative = (await rfRow(page).locator('td.num').textContent())!;
    expect(relative).toBe(`RR ${bayesRow}; P(benefit): ${benefit}`);
    const row = (await rfRow(page).textContent())!;
    expect(row).toContain('Risk ratio, Bayesian random effects (τ ~ half-normal(0.5), μ ~ flat), posterior median, 95% CrI');
    expect(row).toMatch(/NNT[BH] \d+ \(95% CrI /);
    expect(await page.getByRole('table', { name: /relapsing-remitting MS/ }).getByRole('columnheader', { name: 'Relative effect (95% CrI)' }).count()).toBe(1);
    expect(await page.locator('.summary-view > p.note').first().textContent()).toContain('Bayesian random-effects model, τ ~ half-normal(0.5), μ ~ flat');
    // The CSV carries the prior and the posterior's numbers.
    const csv = await downloadOf(page, () => page.getByRole('group', { name: 'Export summary of findings' }).getByRole('button', { name: 'CSV' }).click());
    const rows = parseCsv(csv.data.toString('utf8'));
    const rf = rows.find((r) => r[0] === 'Relapsing-remitting' && r[1] === 'Relapse-free patients')!;
    expect(rf[rows[0]!.indexOf('relative_effect')]).toBe(relative);
    expect(rf[rows[0]!.indexOf('interval')]).toBe('CrI');
    expect(rf[rows[0]!.indexOf('prior')]).toBe('τ ~ half-normal(0.5), μ ~ flat');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('exports CSV, SVG, PNG and a self-contained HTML table with the same numbers', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${env.url}#/summary`);
    await rfRow(page).waitFor();
    const relative = (await rfRow(page).locator('td.num').textContent())!;
    const menu = page.getByRole('group', { name: 'Export summary of findings' });
    const today = new Date().toISOString().slice(0, 10);

    const csv = await downloadOf(page, () => menu.getByRole('button', { name: 'CSV' }).click());
    expect(csv.name).toBe(`ivig-ms_summary-of-findings_${today}.csv`);
    const rows = parseCsv(csv.data.toString('utf8'));
    const header = rows[0]!;
    const rf = rows.find((r) => r[0] === 'Relapsing-remitting' && r[1] === 'Relapse-free patients')!;
    expect(rf[header.indexOf('relative_effect')]).toBe(relative);
    expect(rf[header.indexOf('risk-of-bias_status')]).toBe('not-assessed');
    expect(rf[header.indexOf('risk_of_bias_judgments')]).toMatch(/Fazekas 1997 \(AIMS\): not assessed/);

    const svg = await downloadOf(page, () => menu.getByRole('button', { name: 'SVG' }).click());
    const svgText = svg.data.toString('utf8');
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return { error: doc.querySelector('parsererror')?.textContent ?? null, root: doc.documentElement.nodeName, texts: [...doc.querySelectorAll('text')].map((t) => t.textContent).join(' ') };
    }, svgText);
    expect(parsed.error).toBeNull();
    expect(parsed.root).toBe('svg');
    for (const s of [relative, 'IVIG compared with placebo for relapsing-remitting MS', 'Relapse-free patients']) expect(parsed.texts).toContain(s);
    const rendered = renderWith('rsvg', svgText, 'summary');
    expect(darkShare(rendered, 0, rendered.width, 0, rendered.height)).toBeGreaterThan(0.005);

    const png = await downloadOf(page, () => menu.getByRole('button', { name: 'PNG 1×' }).click());
    const decoded = await page.evaluate(async (b64) => {
      const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'image/png' }));
      const ctx = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 128) dark++;
      return { width: bitmap.width, dark, corner: Array.from(data.slice(0, 4)) };
    }, png.data.toString('base64'));
    expect(decoded.width).toBeGreaterThan(900);
    expect(decoded.corner).toEqual([255, 255, 255, 255]);
    expect(decoded.dark).toBeGreaterThan(2000);

    const html = await downloadOf(page, () => page.getByRole('button', { name: 'HTML table (for a word processor)' }).click());
    expect(html.name).toBe(`ivig-ms_summary-of-findings_${today}.html`);
    const htmlText = html.data.toString('utf8');
    // Self-contained: no script, no stylesheet link, no external resource.
    expect(htmlText).not.toMatch(/<script|<link|src=|url\(/i);
    const other = await env.browser.newPage();
    await other.setContent(htmlText);
    const cells = await other.getByRole('table', { name: /relapsing-remitting MS/ }).getByRole('row', { name: /^Relapse-free patients/ }).getByRole('cell').allTextContents();
    expect(cells).toContain(relative);
    expect(await other.locator('ol li').first().textContent()).toMatch(/^Risk of bias: /);
    await other.close();
    await page.close();
  });

  it('a judgment stays in the browser and travels in the link; a plain address does not erase it', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    await page.goto(`${env.url}#/summary`);
    await rfRow(page).waitFor();
    const select = page.getByRole('combobox', { name: 'Risk of bias, Fazekas 1997 (AIMS)', exact: true });
    await select.selectOption('some');
    const reason = page.getByRole('combobox', { name: 'Risk of bias reason, Fazekas 1997 (AIMS)' });
    await reason.fill('conflicting reports of the same trial');
    await reason.press('Enter');
    await page.waitForFunction(() => window.location.hash.includes('rob=fazekas-1997-aims'));
    const link = page.url();
    expect(decodeURIComponent(decodeURIComponent(link))).toContain('rob=fazekas-1997-aims:s:conflicting reports of the same trial');
    await page.reload();
    await rfRow(page).waitFor();
    expect(await page.getByRole('combobox', { name: 'Risk of bias, Fazekas 1997 (AIMS)', exact: true }).inputValue()).toBe('some');
    // A fresh browser from the link alone.
    const fresh = await env.browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const other = await fresh.newPage();
    await other.goto(link);
    await rfRow(other).waitFor();
    expect(await other.getByRole('combobox', { name: 'Risk of bias, Fazekas 1997 (AIMS)', exact: true }).inputValue()).toBe('some');
    expect(await other.getByRole('list', { name: 'Footnotes, Relapsing-remitting' }).textContent()).toContain('no judgment yet for Achiron 1998');
    await fresh.close();
    // Back in the first browser without the parameters: restored from the browser's storage.
    await page.goto(`${env.url}#/evidence`);
    await page.getByRole('link', { name: 'Summary' }).click();
    await rfRow(page).waitFor();
    expect(await page.getByRole('combobox', { name: 'Risk of bias, Fazekas 1997 (AIMS)', exact: true }).inputValue()).toBe('some');
    // A colleague's link that judges AIMS "high", opened in this browser: the link's are shown, the
    // stored ones are kept until the user chooses, and "Restore my judgments" brings them back.
    const stored = await page.evaluate(() => localStorage.getItem('ivig-ms-explorer:v1:summary'));
    const colleague = await context.newPage();
    await colleague.goto(`${env.url}#/summary?rob=fazekas-1997-aims:h:alternation`);
    await rfRow(colleague).waitFor();
    const choice = colleague.getByRole('region', { name: 'Judgments from the link' });
    await choice.waitFor();
    expect(await choice.textContent()).toContain('risk-of-bias judgments for 1 trial');
    expect(await colleague.getByRole('combobox', { name: 'Risk of bias, Fazekas 1997 (AIMS)', exact: true }).inputValue()).toBe('high');
    expect(await colleague.evaluate(() => localStorage.getItem('ivig-ms-explorer:v1:summary'))).toBe(stored);
    await choice.getByRole('button', { name: 'Restore my judgments (set the link’s aside)' }).click();
    await expect.poll(() => colleague.getByRole('combobox', { name: 'Risk of bias, Fazekas 1997 (AIMS)', exact: true }).inputValue()).toBe('some');
    expect(await colleague.evaluate(() => localStorage.getItem('ivig-ms-explorer:v1:summary'))).toBe(stored);
    expect(await colleague.evaluate(() => localStorage.getItem('ivig-ms-explorer:v1:summary-set-aside'))).toContain('fazekas-1997-aims');
    await context.close();
  });

  it('an imported dat.bcg gets its own table, with a funnel plot and metafor’s Egger test', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${env.url}#/evidence`);
    await page.getByRole('heading', { name: 'Add data from full texts' }).waitFor();
    await page.locator('input[type=file]').setInputFiles({ name: 'bcg.csv', mimeType: 'text/csv', buffer: Buffer.from(bcgCsv()) });
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'bcg.csv: 13 new studies' }).count()).toBe(1);
    await page.getByRole('link', { name: 'Summary' }).click();
    const table = page.getByRole('table', { name: /patients whose MS course is not specified/ });
    const row = table.getByRole('row', { name: /^Patients with a new relapse/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('(13 RCTs)');
    await page.getByText('Certainty step by step: Patients with a new relapse').click();
    const ref = fixtures.egger.find((e) => e.measure === 'RR')!;
    const funnel = page.getByRole('img', { name: /^Funnel plot of 13 trials/ });
    expect(await funnel.getAttribute('aria-label')).toContain(`t(${ref.df}) = ${ref.statistic.toFixed(2)}, p = ${ref.pValue.toFixed(3)}`);
    expect(await funnel.locator('circle').count()).toBe(13);
    await page.close();
  });

  it('axe-core: no serious or critical violation with every step-by-step panel open (override forms, risk inputs, funnel plot)', async () => {
    const context = await env.browser.newContext({ bypassCSP: true, viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    await page.goto(`${env.url}#/evidence`);
    await page.getByRole('heading', { name: 'Add data from full texts' }).waitFor();
    await page.locator('input[type=file]').setInputFiles({ name: 'bcg.csv', mimeType: 'text/csv', buffer: Buffer.from(bcgCsv()) });
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'bcg.csv: 13 new studies' }).count()).toBe(1);
    await page.getByRole('link', { name: 'Summary' }).click();
    await page.locator('table.sof-table').first().waitFor();
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
      const r = await axe.run({ resultTypes: ['violations'] });
      return r.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical').map((x) => `${x.id}: ${x.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    });
    expect(violations).toEqual([]);
    await context.close();
  });

  it('prints the tables with their footnotes, without the controls', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${env.url}#/summary`);
    await rfRow(page).waitFor();
    await page.emulateMedia({ media: 'print' });
    expect(await rfRow(page).isVisible()).toBe(true);
    expect(await page.getByRole('list', { name: 'Footnotes, Relapsing-remitting' }).isVisible()).toBe(true);
    expect(await page.getByRole('group', { name: 'Export summary of findings' }).isVisible()).toBe(false);
    expect(await page.getByRole('form', { name: 'Thresholds of importance' }).isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4', landscape: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
  });
});
