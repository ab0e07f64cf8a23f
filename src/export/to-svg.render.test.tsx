/**
 * The exported SVG rendered outside a browser, by librsvg (`rsvg-convert`, Debian librsvg2-bin)
 * and by ImageMagick's own renderer (`convert MSVG:`, Debian imagemagick), the two renderers
 * behind most document tools. Both must be installed (scripts/ensure-chromium.sh installs them
 * with Chromium); a missing renderer fails the test, it is never skipped.
 *
 * ImageMagick paints an invisible `fill="transparent"` / `rgba()` / `fill-opacity` rectangle solid
 * black: the forest's study rows came out as black bands. Here each study row's band must be
 * mostly white in both renderings, and the two renderings must agree.
 */
import { describe, expect, it } from 'vitest';
import { exportedDoseChart, exportedForest } from '../test-support/export-fixtures';
import { darkShare, differentShare, renderWith } from '../../tests/support/svg-render';

describe.each(['rsvg', 'imagemagick'] as const)('the forest SVG rendered by %s', { timeout: 30_000 }, (renderer) => {
  const { svg, width } = exportedForest();
  const img = renderWith(renderer, svg, 'forest');
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  // Study label texts sit at x = 16 of the chart, which is drawn 28 px below the export's title.
  const labels = Array.from(doc.querySelectorAll('text')).filter((t) => /^Trial \d+$/.test(t.textContent ?? '') && t.getAttribute('x') === '16');
  it('draws every study row on white (not as a black band)', () => {
    expect(labels).toHaveLength(13);
    for (const t of labels) {
      const baseline = 28 + Number(t.getAttribute('y'));
      // The row's band: 22 px high around the label's baseline, across the whole width.
      expect(darkShare(img, 0, width, baseline - 15, baseline + 6), `row "${t.textContent}"`).toBeLessThan(0.15);
    }
  });
  it('still draws the marks: text, CI lines and squares are there', () => {
    const t = labels[0]!;
    const baseline = 28 + Number(t.getAttribute('y'));
    expect(darkShare(img, 0, width, baseline - 15, baseline + 6)).toBeGreaterThan(0.01);
  });
});

describe('librsvg and ImageMagick draw the same exported charts', { timeout: 30_000 }, () => {
  it('the forest plot', () => {
    const { svg } = exportedForest();
    expect(differentShare(renderWith('rsvg', svg, 'forest-a', 1 / 8), renderWith('imagemagick', svg, 'forest-b', 1 / 8))).toBeLessThan(0.02);
  });
  it('the dose-response chart (recharts; translucent bands flattened, no clip paths)', () => {
    const { svg } = exportedDoseChart();
    expect(differentShare(renderWith('rsvg', svg, 'dose-a', 1 / 8), renderWith('imagemagick', svg, 'dose-b', 1 / 8))).toBeLessThan(0.02);
  });
});
