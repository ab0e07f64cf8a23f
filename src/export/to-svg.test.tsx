/**
 * The export SVG holds the drawn marks only, in SVG 1.1 paint, and renders the same outside a
 * browser: checked on the text of the file here, and by rendering it with librsvg and ImageMagick
 * (to-svg.render.test.tsx).
 */
import { describe, expect, it } from 'vitest';
import { FORBIDDEN_IN_EXPORT, exportedDoseChart, exportedForest } from '../test-support/export-fixtures';
import { flattenOnWhite, parseColour, serializeChartSvg } from './to-svg';

describe('serializeChartSvg', () => {
  it.each([['forest plot', exportedForest], ['dose-response chart', exportedDoseChart]])('writes no interaction scaffolding and only SVG 1.1 opaque paint: %s', (_, exported) => {
    const { svg } = exported();
    for (const pattern of FORBIDDEN_IN_EXPORT) expect(svg).not.toMatch(pattern);
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    // Every fill and stroke is none or #rrggbb.
    for (const el of Array.from(doc.querySelectorAll('[fill],[stroke]'))) {
      for (const a of ['fill', 'stroke']) if (el.hasAttribute(a)) expect(el.getAttribute(a)).toMatch(/^(none|#[0-9a-f]{6})$/);
    }
  });
  it('keeps the drawn marks: one square per included study, none of the invisible row rectangles', () => {
    const { svg } = exportedForest();
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    const rects = Array.from(doc.querySelectorAll('rect'));
    // The background, the chart's own white background, 12 included squares, 1 hollow square
    // (Trial 3, toggled out) and the legend swatch; no full-width row rectangles.
    const fullWidth = rects.filter((r) => Number(r.getAttribute('height')) === 22);
    expect(fullWidth).toHaveLength(0);
    expect(rects.filter((r) => r.getAttribute('fill') === '#1f4e9c')).toHaveLength(12);
    expect(svg).toContain('Trial 13');
    expect(svg).toContain('text-decoration="line-through"');
  });
  it('flattens translucent paint onto white', () => {
    expect(flattenOnWhite(parseColour('rgba(0, 0, 0, 0)'), 1)).toBe('none');
    expect(flattenOnWhite(parseColour('transparent'), 1)).toBe('none');
    expect(flattenOnWhite(parseColour('#0000ff'), 0.3)).toBe('#b3b3ff');
    expect(flattenOnWhite(parseColour('rgb(31, 78, 156)'), 1)).toBe('#1f4e9c');
    expect(flattenOnWhite(parseColour('#555'), 0.3)).toBe('#cccccc');
  });
});

describe('text is measured before the canvas is sized', () => {
  it('wraps a caption longer than the chart instead of running past the edge', () => {
    const svgEl = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svgEl.setAttribute('width', '300');
    svgEl.setAttribute('height', '100');
    svgEl.setAttribute('viewBox', '0 0 300 100');
    document.body.appendChild(svgEl);
    const sentence = 'RR: risk ratio 2.76 [0.41, 18.65] from 2 trials; the CI includes no effect. SP: no estimable evidence (no trial reports relapse-free patients in SP).';
    const { svg, width } = serializeChartSvg(svgEl, { title: 'T', captionLines: [sentence] });
    svgEl.remove();
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    const lines = Array.from(doc.querySelectorAll('text')).map((t) => t.textContent ?? '').filter((t) => t !== 'T');
    expect(lines.join(' ')).toBe(sentence);
    expect(lines.length).toBeGreaterThan(1);
    // 11 px at DejaVu Sans's 0.62 em a character (the estimate used where nothing lays out text).
    for (const line of lines) expect(line.length * 11 * 0.62).toBeLessThanOrEqual(width - 16);
  });
});
