/**
 * The forest plot's layout in Chromium (issue 12, item 21): with Knapp-Hartung the method
 * sub-header is long; no two header texts may overlap, and a pooled diamond cut at the axis edge
 * carries an arrow on each cut side.
 */
import { describe, expect, it } from 'vitest';
import { startBrowserAndServer } from './support';

const env = startBrowserAndServer();

describe('Forest plot layout (Chromium, production build)', () => {
  it.each(['z', 'knha'])('no two header texts overlap (test = %s)', async (test) => {
    const page = await env.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${env.url}#/forest?outcome=relapse-free&measure=OR&test=${test}`);
    const svg = page.locator('svg.forest-svg');
    await svg.waitFor();
    const overlaps = await svg.evaluate((root) => {
      // Header texts: those above the rule under the header (the first full-width line).
      const rule = Array.from(root.querySelectorAll('line')).find((l) => Number(l.getAttribute('x2')) - Number(l.getAttribute('x1')) > 900)!;
      const ruleY = rule.getBoundingClientRect().top;
      const boxes = Array.from(root.querySelectorAll('text'))
        .map((t) => ({ text: t.textContent ?? '', b: t.getBoundingClientRect() }))
        .filter((x) => x.b.bottom <= ruleY + 1 && x.b.width > 0);
      const out: string[] = [];
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i]!.b, boxes[j]!.b];
          const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (w > 0.5 && h > 0.5) out.push(`"${boxes[i]!.text}" × "${boxes[j]!.text}"`);
        }
      }
      return { count: boxes.length, out };
    });
    expect(overlaps.count).toBeGreaterThanOrEqual(10);
    expect(overlaps.out).toEqual([]);
    await page.close();
  });

  it('a pooled diamond cut at the axis edge has an arrow on each cut side', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    // AIMS and Achiron alone (PRIVIG toggled out): Knapp-Hartung on k = 2 gives a CI far beyond the axis.
    await page.goto(`${env.url}#/forest?outcome=relapse-free&measure=OR&test=knha&off=fazekas-2008-privig`);
    const pooled = page.locator('svg.forest-svg g.forest-pooled');
    await pooled.first().waitFor();
    await expect(pooled.first().locator('text', { hasText: '3.76 [<0.01, 901901.99]' }).count()).resolves.toBe(1);
    expect(await pooled.first().locator('polygon.forest-arrow').count()).toBe(2);
    await page.close();
  });
});
