/**
 * Layout in real Chromium against the production build, at a desktop width (1400 px), on a phone
 * (390 × 844) and at 200% zoom (a 700 px wide CSS viewport at device scale 2, which is what a
 * 1400 px window zoomed to 200% lays out): no view scrolls the page sideways, every chart fits its
 * container or sits in a labelled scroll region whose hint is visible, the filters fold away on
 * small screens, the analysis selects show their whole option text, and axe-core still finds no
 * serious or critical violation on a phone.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startBrowserAndServer } from './support';

const env = startBrowserAndServer();
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const VIEWPORTS = {
  desktop: { viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  zoom200: { viewport: { width: 700, height: 450 }, deviceScaleFactor: 2 },
} as const;

async function open(page: Page, route: string, ready: string) {
  await page.goto(env.url + route);
  await page.locator(ready).first().waitFor();
  await page.waitForTimeout(200);
}

/** Dark pixel columns of an element's screenshot: [count of dark pixels per column]. */
async function darkColumns(page: Page, target: Locator): Promise<number[]> {
  const png = await target.screenshot({ animations: 'disabled' });
  return page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const { data, width, height } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    const cols: number[] = [];
    // Skip the border rows and columns: the text and the arrow are inside them.
    for (let x = 2; x < width - 2; x++) {
      let n = 0;
      for (let y = 2; y < height - 2; y++) {
        const i = (y * width + x) * 4;
        if (0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2] < 150) n++;
      }
      cols.push(n);
    }
    return cols;
  }, png.toString('base64'));
}

/** Runs of columns with dark pixels, as [first, last] column. */
function clusters(cols: number[]): [number, number][] {
  const out: [number, number][] = [];
  let start = -1;
  cols.forEach((n, x) => {
    if (n > 0 && start < 0) start = x;
    if (n === 0 && start >= 0) { out.push([start, x - 1]); start = -1; }
  });
  if (start >= 0) out.push([start, cols.length - 1]);
  return out;
}

/**
 * Whether a select draws its chosen option's whole text, clear of its drop-down arrow: the same
 * select made 40 px wider (so that nothing can be cut) draws no more text pixels, and the arrow
 * starts after a gap.
 */
async function selectTextIsWhole(page: Page, select: Locator): Promise<string | null> {
  const natural = await darkColumns(page, select);
  await select.evaluate((s: HTMLSelectElement) => { s.style.width = `${s.offsetWidth + 40}px`; });
  const wide = await darkColumns(page, select);
  await select.evaluate((s: HTMLSelectElement) => { s.style.width = ''; });
  // In the wide one the arrow is far right, apart from the text: the text is every cluster before it.
  const wideClusters = clusters(wide);
  const textEnd = wideClusters[wideClusters.length - 2]?.[1];
  if (textEnd === undefined) return 'no text found';
  const naturalClusters = clusters(natural);
  const arrowStart = naturalClusters[naturalClusters.length - 1][0];
  const sum = (c: number[]) => c.slice(0, textEnd + 1).reduce((a, b) => a + b, 0);
  // The text keeps clear of the arrow (the filter bar's selects keep 6 px padding and more than 8 px
  // clear): a select with no room to spare cuts the last glyph as soon as a font draws wider.
  if (arrowStart - textEnd - 1 < 8) return `text runs into the arrow: text ends at ${textEnd} px, arrow starts at ${arrowStart} px`;
  // (More dark pixels is the arrow's anti-aliased edge; fewer is a cut glyph.)
  if (sum(natural) < sum(wide)) return `text cut: ${sum(natural)} of ${sum(wide)} text pixels drawn`;
  return null;
}

/** The value of the select's option whose label is widest in the select's own font. */
function widestOption(select: Locator): Promise<string> {
  return select.evaluate((s: HTMLSelectElement) => {
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.font = getComputedStyle(s).font;
    return [...s.options].reduce((a, o) => (ctx.measureText(o.text).width > ctx.measureText(a.text).width ? o : a)).value;
  });
}

describe('Layout (Chromium, production build)', () => {
  it('every analysis select shows its longest option whole, at 1400 px and at 390 px', async () => {
    // Hinted glyphs, as a desktop Chromium on Linux draws them (headless draws them unhinted, a
    // little narrower): a select sized to its widest option with no room to spare cuts them.
    const hinted = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--font-render-hinting=full'], headless: true });
    for (const size of ['desktop', 'phone'] as const) {
      // Device scale 1 and no mobile emulation (its element screenshots are offset).
      const context = await hinted.newContext({ viewport: VIEWPORTS[size].viewport, deviceScaleFactor: 1 });
      const page = await context.newPage();
      const problems: string[] = [];
      for (const [route, ready] of [['#/forest?outcome=relapse-free', 'svg.forest-svg'], ['#/forest?outcome=relapse-free&model=bayes', 'svg.forest-svg'], ['#/phases', '.phase-panel svg']] as const) {
        await open(page, route, ready);
        // Folded panels (effect recovery) are opened, so that their selects are checked too.
        await page.evaluate(() => document.querySelectorAll<HTMLDetailsElement>('.analysis-bar details').forEach((d) => { d.open = true; }));
        const selects = page.locator('.analysis-bar select');
        for (let i = 0; i < (await selects.count()); i++) {
          const select = selects.nth(i);
          // A choice made above can disable a later select (common effect: no τ² estimator).
          if (await select.isDisabled()) continue;
          // The τ prior select is sized to the priors the app assigns (the relapse outcomes' Turner
          // type shows whole, app.css); Turner's longest outcome type is cut when closed, and named
          // in full by the source line under the selects, which is checked instead.
          if ((await select.getAttribute('aria-describedby')) === 'tau-prior-source') {
            const widest = await widestOption(select);
            await select.selectOption(widest);
            await page.waitForTimeout(100);
            const source = await page.locator('#tau-prior-source').textContent();
            if (!source?.includes('N(-3.71, 1.74²)') || !source.includes('cause-specific mortality')) problems.push(`${route} ${size}: the τ prior's source line does not name "${widest}" in full: ${source}`);
            await select.selectOption('turner-signs-symptoms-reflecting-continuation-end-of-condition');
            await page.waitForTimeout(100);
            const problem = await selectTextIsWhole(page, select);
            if (problem) problems.push(`${route} ${size}: τ prior = the relapse outcomes' Turner type: ${problem}`);
            continue;
          }
          const longest = await widestOption(select);
          await select.selectOption(longest);
          await page.waitForTimeout(100);
          const name = `${route} ${size}: ${await select.evaluate((s: HTMLSelectElement) => `${s.labels[0]?.firstChild?.textContent} = "${s.selectedOptions[0].text}"`)}`;
          const problem = await selectTextIsWhole(page, select);
          if (problem) problems.push(`${name}: ${problem}`);
        }
      }
      expect(problems).toEqual([]);
      await context.close();
    }
    await hinted.close();
  });

  const VIEWS = [
    { name: 'Evidence', route: '#/evidence', charts: '.evidence-view table' },
    { name: 'Forest plot', route: '#/forest?outcome=relapse-free', charts: 'svg.forest-svg' },
    { name: 'Dose-response', route: '#/dose-response?outcome=annualized-relapse-rate', charts: 'svg.recharts-surface' },
    { name: 'Phase comparison', route: '#/phases', charts: '.phase-panel svg, .comparator table' },
    // Under the Bayesian model: the forest with its Bayesian row, the posterior plot and the
    // method-sensitivity panel; the Summary of Findings with credible intervals.
    { name: 'Forest plot, Bayesian', route: '#/forest?outcome=relapse-free&model=bayes', charts: 'svg.forest-svg, svg.posterior-svg, svg.sensitivity-svg' },
    { name: 'Summary, Bayesian', route: '#/summary?model=bayes', charts: 'table.sof-table' },
  ];

  for (const size of ['desktop', 'phone', 'zoom200'] as const) {
    it(`${size}: no view scrolls the page sideways, and every chart fits the screen or sits in a labelled scroll region whose hint is visible`, async () => {
      const context = await env.browser.newContext(VIEWPORTS[size]);
      const page = await context.newPage();
      const { width, height } = VIEWPORTS[size].viewport;
      const problems: string[] = [];
      for (const v of VIEWS) {
        await open(page, v.route, v.charts);
        const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        if (pageWidth > width) problems.push(`${v.name}: the page is ${pageWidth} px wide in a ${width} px viewport`);
        const charts = await page.evaluate((selector) => [...document.querySelectorAll(selector)].map((chart) => {
          const box = chart.getBoundingClientRect();
          const what = `${chart.tagName.toLowerCase()} ${Math.round(box.left)}–${Math.round(box.right)} px`;
          if (box.left >= 0 && box.right <= window.innerWidth + 0.5) return { what, fits: true, problem: null };
          const region = chart.closest<HTMLElement>('[role="region"][aria-label]');
          if (!region) return { what, fits: false, problem: 'overflows, and is in no labelled region' };
          const regionBox = region.getBoundingClientRect();
          if (!['auto', 'scroll'].includes(getComputedStyle(region).overflowX)) return { what, fits: false, problem: `region "${region.getAttribute('aria-label')}" does not scroll` };
          if (regionBox.left < 0 || regionBox.right > window.innerWidth + 0.5) return { what, fits: false, problem: `region "${region.getAttribute('aria-label')}" is wider than the screen` };
          const hint = document.getElementById(region.getAttribute('aria-describedby') ?? '');
          const hintBox = hint?.getBoundingClientRect();
          if (!hint || !hintBox || !/scroll sideways/i.test(hint.textContent ?? '') || !hint.checkVisibility() || hintBox.height === 0 || hintBox.right > window.innerWidth + 0.5) {
            return { what, fits: false, problem: `region "${region.getAttribute('aria-label')}" has no visible hint that it scrolls` };
          }
          if (region.tabIndex !== 0) return { what, fits: false, problem: `region "${region.getAttribute('aria-label')}" cannot be reached by Tab to scroll it` };
          return { what, fits: false, problem: null };
        }), v.charts);
        expect(charts.length, v.name).toBeGreaterThan(0);
        problems.push(...charts.filter((c) => c.problem).map((c) => `${v.name}: ${c.what}: ${c.problem}`));
        // A hint only where something scrolls: on a wide screen the forest plot fits and says nothing.
        if (size === 'desktop' && v.name === 'Forest plot') {
          expect(charts[0].fits).toBe(true);
          expect(await page.locator('.forest-figure .scroll-hint').count()).toBe(0);
        }
        if (size === 'phone') {
          // The first chart starts within the first one and a half screens.
          const top = await page.locator(v.charts).first().evaluate((chart) => chart.getBoundingClientRect().top + window.scrollY);
          if (top > 1.5 * height) problems.push(`${v.name}: the first chart starts at ${Math.round(top)} px, below ${1.5 * height} px`);
        }
      }
      // The dose-response chart is drawn to its box, not cut or scrolled (only the forest plot and
      // the phase panels, whose columns must stay legible, scroll).
      if (size !== 'desktop') {
        await open(page, VIEWS[2].route, VIEWS[2].charts);
        const [chartWidth, boxWidth] = await page.locator('.dose-figure .chart-scroll').evaluate((box) => [box.querySelector('svg.recharts-surface')!.getBoundingClientRect().width, box.clientWidth]);
        if (chartWidth > boxWidth || chartWidth < boxWidth - 40) problems.push(`Dose-response: the chart is ${chartWidth} px wide in a ${boxWidth} px box`);
      }
      // A trial's detail panel (tables of values with their verbatim quotes) keeps the page within the screen too.
      await open(page, VIEWS[0].route, VIEWS[0].charts);
      await page.getByRole('button', { name: 'Fazekas 1997 (AIMS)', exact: true }).first().click();
      await page.getByRole('heading', { name: 'Fazekas 1997 (AIMS)', level: 2 }).waitFor();
      const detailWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      if (detailWidth > width) problems.push(`Trial detail: the page is ${detailWidth} px wide in a ${width} px viewport`);
      expect(problems).toEqual([]);
      await context.close();
    });
  }

  it('the filters (and the summary\'s analysis settings) fold behind a button: closed on a phone and at 200% zoom, open on a wide screen, operable by keyboard', async () => {
    for (const size of ['desktop', 'phone', 'zoom200'] as const) {
      const context = await env.browser.newContext(VIEWPORTS[size]);
      const page = await context.newPage();
      await open(page, '#/evidence', 'table');
      const toggle = page.getByRole('button', { name: 'Filters (0 active)' });
      const wide = size === 'desktop';
      expect(await toggle.getAttribute('aria-expanded'), size).toBe(String(wide));
      const form = page.locator(`#${await toggle.getAttribute('aria-controls')}`);
      expect(await form.getAttribute('aria-label')).toBe('Filters');
      expect(await form.isVisible(), size).toBe(wide);
      // Folded filters are out of the Tab order and the accessibility tree, not just out of sight.
      expect(await page.getByRole('button', { name: 'RR', exact: true }).count(), size).toBe(wide ? 1 : 0);

      if (!wide) {
        await toggle.focus();
        await page.keyboard.press('Enter');
        await expect.poll(() => form.isVisible()).toBe(true);
        expect(await toggle.getAttribute('aria-expanded')).toBe('true');
        await page.getByRole('button', { name: 'RR', exact: true }).click();
        await page.getByRole('spinbutton', { name: 'To year' }).fill('2003');
        // The button counts the filters (phase, years), and still does when they are folded again.
        const counted = page.getByRole('button', { name: 'Filters (2 active)' });
        await counted.waitFor();
        await counted.focus();
        await page.keyboard.press('Space');
        await expect.poll(() => form.isVisible()).toBe(false);
        expect(await counted.getAttribute('aria-expanded')).toBe('false');
        expect(await page.locator('.summary').textContent()).toMatch(/^\d+ of \d+ studies shown/);
        expect(page.url()).toContain('phase=RR');
      }

      // The summary's analysis settings fold the same way (on a phone they and the priors filled the
      // first one and a half screens before the first table); the note under them says what is in effect.
      await open(page, '#/summary?model=bayes', 'table.sof-table');
      const settings = page.getByRole('button', { name: 'Analysis settings' });
      expect(await settings.getAttribute('aria-expanded'), size).toBe(String(wide));
      const model = page.getByRole('combobox', { name: 'Model' });
      expect(await model.count(), size).toBe(wide ? 1 : 0);
      expect(await page.locator('.summary-view > p.note').first().textContent()).toContain('Bayesian random-effects model, τ ~ half-normal(0.5)');
      if (!wide) {
        await settings.focus();
        await page.keyboard.press('Enter');
        await model.waitFor();
        await model.selectOption('common');
        await expect.poll(() => page.locator('.summary-view > p.note').first().textContent()).toContain('common-effect');
        expect(page.url()).toContain('model=common');
      }
      await context.close();
    }
  });

  it('phone: axe-core finds no serious or critical violation with the filters folded and the charts scrolling', async () => {
    // axe is injected by evaluation, which the page's CSP would refuse as an inline script.
    const context = await env.browser.newContext({ ...VIEWPORTS.phone, bypassCSP: true });
    const page = await context.newPage();
    const found: string[] = [];
    for (const v of VIEWS) {
      await open(page, v.route, v.charts);
      await page.evaluate(axeSource);
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
        const r = await axe.run({ resultTypes: ['violations'] });
        return r.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical').map((x) => `${x.id} (${x.impact}): ${x.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      });
      found.push(...violations.map((x) => `${v.name}: ${x}`));
    }
    expect(found).toEqual([]);
    await context.close();
  });
});
