/**
 * Exports in real Chromium: the forest plot's SVG parses and holds the study labels and the
 * pooled estimate text, the PNG decodes at the asked size and is not blank, the CSV's pooled row
 * equals the plot's; the evidence map exports as SVG too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/evidence/csv';
import { darkShare, renderWith } from '../support/svg-render';
import { startBrowserAndServer } from './support';

const env = startBrowserAndServer();

async function downloadOf(page: Page, click: () => Promise<void>): Promise<{ name: string; data: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download') as Promise<Download>, click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), data: readFileSync(path!) };
}

describe('Exports (Chromium, production build)', () => {
  it('forest plot: SVG, PNG 2× and CSV', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${env.url}#/forest?outcome=relapse-free&measure=OR`);
    const menu = page.getByRole('group', { name: 'Export forest plot' });
    await menu.waitFor();
    const pooledText = (await page.locator('svg.forest-svg text', { hasText: /^\d+\.\d\d \[/ }).last().textContent())!;

    const bundledVersion = JSON.parse(readFileSync(join(process.cwd(), 'dist/data/evidence.json'), 'utf8')).version;
    const svg = await downloadOf(page, () => menu.getByRole('button', { name: 'SVG' }).click());
    const today = new Date().toISOString().slice(0, 10);
    expect(svg.name).toBe(`ivig-ms_forest_relapse-free_OR_REML_${today}.svg`);
    const svgText = svg.data.toString('utf8');
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return { error: doc.querySelector('parsererror')?.textContent ?? null, root: doc.documentElement.nodeName, width: doc.documentElement.getAttribute('width') };
    }, svgText);
    expect(parsed).toEqual({ error: null, root: 'svg', width: expect.stringMatching(/^\d+$/) });
    for (const label of ['Fazekas 1997 (AIMS)', 'Achiron 1998', 'Fazekas 2008 (PRIVIG)', pooledText, 'Favours IVIG', `Evidence set ${bundledVersion}`]) expect(svgText).toContain(label);

    const png = await downloadOf(page, () => menu.getByRole('button', { name: 'PNG 2×' }).click());
    expect(png.name).toBe(`ivig-ms_forest_relapse-free_OR_REML_${today}@2x.png`);
    const svgWidth = Number(parsed.width);
    const decoded = await page.evaluate(async (b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 128) dark++;
      return { width: bitmap.width, height: bitmap.height, dark, corner: Array.from(data.slice(0, 4)) };
    }, png.data.toString('base64'));
    expect(decoded.width).toBe(svgWidth * 2);
    expect(decoded.corner).toEqual([255, 255, 255, 255]);
    expect(decoded.dark).toBeGreaterThan(1000);

    const csv = await downloadOf(page, () => menu.getByRole('button', { name: 'CSV' }).click());
    const rows = parseCsv(csv.data.toString('utf8'));
    const header = rows[0]!;
    const pooled = rows.find((r) => r[0] === 'pooled' && r[4] === 'overall')!;
    const effect = Number(pooled[header.indexOf('effect')]);
    const lo = Number(pooled[header.indexOf('ci_lower')]);
    const hi = Number(pooled[header.indexOf('ci_upper')]);
    expect(`${effect.toFixed(2)} [${lo.toFixed(2)}, ${hi.toFixed(2)}]`).toBe(pooledText);
    expect(rows.filter((r) => r[0] === 'study').map((r) => r[2])).toEqual(['Fazekas 1997 (AIMS)', 'Achiron 1998', 'Fazekas 2008 (PRIVIG)']);

    const r = await downloadOf(page, () => menu.getByRole('button', { name: 'R script' }).click());
    expect(r.data.toString('utf8')).toContain('fit <- function(d) rma(yi, vi, data = d, method = "REML", test = "z", slab = study, control = list(threshold = 1e-12, tol = 1e-12, maxiter = 1000))');
    await page.close();
  });

  it('evidence map: SVG with every trial', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${env.url}#/evidence`);
    const menu = page.getByRole('group', { name: 'Export evidence map' });
    await menu.waitFor();
    const svg = await downloadOf(page, () => menu.getByRole('button', { name: 'SVG' }).click());
    const text = svg.data.toString('utf8');
    expect(text).toContain('Hommes 2004 (ESIMS)');
    expect(text).toContain('Arm-level data');
    const error = await page.evaluate((t) => new DOMParser().parseFromString(t, 'image/svg+xml').querySelector('parsererror')?.textContent ?? null, text);
    expect(error).toBeNull();
    await page.close();
  });

  // Issue 12, items 18 and 19: the files as Chromium exports them from the live charts.
  const CHARTS = [
    { chart: 'forest plot', hash: '#/forest?outcome=relapse-free&measure=OR&test=knha', menu: 'Export forest plot' },
    { chart: 'dose-response chart', hash: '#/dose-response?outcome=annualized-relapse-rate', menu: 'Export dose-response chart' },
    { chart: 'phase panel', hash: '#/phases', menu: /^Export .* panel$/ },
    { chart: 'evidence map', hash: '#/evidence', menu: 'Export evidence map' },
  ];

  async function exportedSvg(chart: (typeof CHARTS)[number]): Promise<{ page: Page; svg: string }> {
    const page = await env.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${env.url}${chart.hash}`);
    const menu = page.getByRole('group', { name: chart.menu }).first();
    await menu.waitFor();
    const file = await downloadOf(page, () => menu.getByRole('button', { name: 'SVG' }).click());
    return { page, svg: file.data.toString('utf8') };
  }

  it.each(CHARTS)('$chart: SVG 1.1 opaque paint only, no interaction scaffolding', async (chart) => {
    const { page, svg } = await exportedSvg(chart);
    for (const pattern of [/transparent/, /rgba?\(/, /hsla?\(/, /opacity/, /\sstyle=/, /\sclass=/, /tabindex/, /\srole=/, /aria-/, /data-/, /clip-path/, /url\(/]) {
      expect(svg, String(pattern)).not.toMatch(pattern);
    }
    for (const paint of svg.matchAll(/\s(?:fill|stroke)="([^"]*)"/g)) expect(paint[1]).toMatch(/^(none|#[0-9a-f]{6})$/);
    // ImageMagick draws a tspan that has no x of its own at the start of its text (a † over the label).
    expect(svg.match(/<tspan(?![^>]*\sx=)[^>]*>/g) ?? []).toEqual([]);
    await page.close();
  });

  it('forest plot: the exported SVG draws its study rows on white in librsvg and ImageMagick', async () => {
    const { page, svg } = await exportedSvg(CHARTS[0]!);
    // Row bands, in the file's own coordinates, from where Chromium lays out each study label.
    const bands = await page.evaluate((text) => {
      const host = document.createElement('div');
      host.innerHTML = text.replace(/^<\?xml[^>]*>/, '');
      document.body.appendChild(host);
      const root = host.querySelector('svg')!;
      const rows = Array.from(root.querySelectorAll('text')).filter((t) => /^(Fazekas 1997|Achiron 1998)/.test(t.textContent ?? ''));
      const top = root.getBoundingClientRect().top;
      const out = rows.map((t) => { const b = t.getBoundingClientRect(); return { y0: Math.floor(b.top - top - 4), y1: Math.ceil(b.bottom - top + 4) }; });
      host.remove();
      return { bands: out, width: Number(root.getAttribute('width')) };
    }, svg);
    expect(bands.bands).toHaveLength(2);
    for (const renderer of ['rsvg', 'imagemagick'] as const) {
      const img = renderWith(renderer, svg, 'forest-e2e');
      for (const b of bands.bands) expect(darkShare(img, 0, bands.width, b.y0, b.y1), renderer).toBeLessThan(0.15);
    }
    await page.close();
  });

  it.each(CHARTS)('$chart: every text box of the exported SVG lies inside the image', async (chart) => {
    const { page, svg } = await exportedSvg(chart);
    const outside = await page.evaluate((text) => {
      const host = document.createElement('div');
      host.innerHTML = text.replace(/^<\?xml[^>]*>/, '');
      document.body.appendChild(host);
      const root = host.querySelector('svg')!;
      const [vx, vy, vw, vh] = root.getAttribute('viewBox')!.split(/\s+/).map(Number) as [number, number, number, number];
      const scale = root.getBoundingClientRect().width / vw;
      const origin = root.getBoundingClientRect();
      const bad: string[] = [];
      for (const t of Array.from(root.querySelectorAll('text'))) {
        // getBBox is in the text's own user space: the screen box carries every transform (rotations too).
        const b = t.getBoundingClientRect();
        if (b.width === 0 && b.height === 0) continue;
        const x0 = vx + (b.left - origin.left) / scale;
        const y0 = vy + (b.top - origin.top) / scale;
        const x1 = x0 + b.width / scale;
        const y1 = y0 + b.height / scale;
        if (x0 < vx - 0.5 || y0 < vy - 0.5 || x1 > vx + vw + 0.5 || y1 > vy + vh + 0.5) bad.push(`"${t.textContent}" [${x0.toFixed(0)}, ${y0.toFixed(0)}, ${x1.toFixed(0)}, ${y1.toFixed(0)}] outside ${vw}×${vh}`);
      }
      host.remove();
      return bad;
    }, svg);
    expect(outside).toEqual([]);
    await page.close();
  });
});
