/**
 * Skip links and landmarks in real Chromium against the production build: the first Tab stop of
 * every view is a skip link, visible while focused; Enter moves the focus into the chart (or the
 * main content), so that the next Tab reaches the chart's own controls instead of the header, the
 * filters and the analysis settings; the page has a banner, a navigation and one main landmark.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startBrowserAndServer } from './support';

const env = startBrowserAndServer();

const VIEWS = [
  { route: '#/forest?forest-outcome=relapse-free', ready: 'svg.forest-svg', link: 'Skip to the chart', target: '.forest-figure', nextTab: 'g.forest-row' },
  { route: '#/dose-response?dose-outcome=annualized-relapse-rate', ready: '.recharts-surface', link: 'Skip to the chart', target: '.dose-figure', nextTab: null },
  { route: '#/phases', ready: '.phase-panel svg', link: 'Skip to the chart', target: '.phase-panel', nextTab: 'g.phase-cell' },
  { route: '#/evidence', ready: 'table', link: 'Skip to main content', target: 'main', nextTab: null },
];

/** What has the focus: its tag, its name or text, whether `container` holds it, whether it is in sight. */
const focused = (page: Page, container: string) => page.evaluate((container) => {
  const el = document.activeElement as HTMLElement | null;
  const box = el?.getBoundingClientRect();
  return {
    text: el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '',
    inside: !!el && !!el.closest(container),
    // In sight: inside the viewport and not clipped to nothing.
    visible: !!box && box.width > 1 && box.height > 1 && box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth,
    tag: el?.tagName.toLowerCase() ?? null,
  };
}, container);

describe('Skip links and landmarks (Chromium, production build)', () => {
  for (const size of [{ width: 1400, height: 900 }, { width: 390, height: 844 }]) {
    it(`${size.width} px: the first Tab stop is a skip link, visible on focus, and Enter moves the focus into the chart or the main content`, async () => {
      for (const v of VIEWS) {
        // A fresh load each time: a hash change within one page keeps the focus where it was.
        const page = await env.browser.newPage({ viewport: size });
        await page.goto(env.url + v.route);
        await page.locator(v.ready).first().waitFor();
        await page.keyboard.press('Tab');
        const first = await focused(page, 'body');
        expect(first.tag, v.route).toBe('a');
        expect(first.text, v.route).toBe(v.link);
        expect(first.visible, `${v.route}: the focused skip link is in sight`).toBe(true);
        await page.keyboard.press('Enter');
        await expect.poll(async () => (await focused(page, v.target)).inside, { message: `${v.route}: the focus is in ${v.target}` }).toBe(true);
        // The address is unchanged: a skip link is not a route.
        expect(page.url()).toBe(env.url + v.route);
        if (v.nextTab) {
          await page.keyboard.press('Tab');
          expect(await page.evaluate((sel) => !!document.activeElement?.matches(sel), v.nextTab), `${v.route}: the next Tab reaches ${v.nextTab}`).toBe(true);
        }
        await page.close();
      }
      // On a chart view the second stop skips to the main content.
      const page = await env.browser.newPage({ viewport: size });
      await page.goto(env.url + VIEWS[0].route);
      await page.locator(VIEWS[0].ready).waitFor();
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      expect((await focused(page, 'body')).text).toBe('Skip to main content');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('MAIN');
      await page.close();
    });
  }

  it('landmarks: one banner with the title, the views navigation, one main', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(env.url + '#/forest?outcome=relapse-free');
    await page.locator('svg.forest-svg').waitFor();
    expect(await page.getByRole('banner').count()).toBe(1);
    expect(await page.getByRole('banner').getByRole('heading', { level: 1 }).textContent()).toContain('IVIG in multiple sclerosis');
    expect(await page.getByRole('banner').getByRole('navigation', { name: 'Views' }).count()).toBe(1);
    expect(await page.getByRole('main').count()).toBe(1);
    expect(await page.getByRole('main').getByRole('form', { name: 'Filters' }).count()).toBe(1);
    expect(await page.getByRole('main').getByRole('region', { name: 'Forest plot' }).count()).toBe(1);
    await page.close();
  });
});
