/**
 * A chart's SVG as a self-contained file: namespace, explicit size, white background, fonts that
 * exist everywhere (DejaVu Sans / Arial / sans-serif) on the root, and a caption line under the
 * chart that names the outcome, the model settings, the filters, the evidence-set version and
 * the date.
 *
 * The file is rebuilt from the live chart rather than cloned from it: it keeps the drawn marks
 * and their geometry, and leaves out what only the live app needs (invisible hit rectangles,
 * classes, inline styles, tabindex, role, aria-*, event handlers). Paint is SVG 1.1 and opaque:
 * colours as #rrggbb or none, opacity flattened onto the white background. ImageMagick's
 * renderer ignores opacity and paints `transparent`, `rgba()` and `fill-opacity` invisible
 * rectangles solid black; librsvg, Inkscape and office tools differ in what else they accept.
 */
const SVG_NS = 'http://www.w3.org/2000/svg';
/** Unquoted: ImageMagick reads a quoted family name as a different font (CSS allows both). */
export const EXPORT_FONT = 'DejaVu Sans, Arial, Helvetica, sans-serif';

/**
 * The elements an exported chart may contain and, per element, the SVG 1.1 geometry attributes
 * kept as written (plus transform). Anything else is left out: the live app's tabindex,
 * role, aria-*, class and handlers, and the props recharts leaks onto its marks (angle,
 * orientation, x on a line, offset on a group), which ImageMagick refuses as drawing primitives.
 * Clip paths are left out too: ImageMagick inverts them (it paints outside the clip region), and
 * every chart's axis domain already contains all of its marks.
 */
const GEOMETRY: Record<string, readonly string[]> = {
  svg: ['x', 'y', 'width', 'height', 'viewBox', 'preserveAspectRatio'],
  g: [],
  rect: ['x', 'y', 'width', 'height', 'rx', 'ry'],
  circle: ['cx', 'cy', 'r'],
  ellipse: ['cx', 'cy', 'rx', 'ry'],
  line: ['x1', 'y1', 'x2', 'y2'],
  polyline: ['points'],
  polygon: ['points'],
  path: ['d'],
  text: ['x', 'y', 'dx', 'dy'],
  tspan: ['x', 'y', 'dx', 'dy'],
  title: [],
  desc: [],
};
const SHAPES = new Set(['rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'path']);
/** Presentation properties kept as written (from the attribute or the element's inline style). */
const KEPT_PROPERTIES = ['stroke-width', 'stroke-dasharray', 'stroke-linecap', 'stroke-linejoin', 'font-size', 'font-weight', 'font-style', 'font-family', 'text-anchor', 'text-decoration', 'dominant-baseline'] as const;

interface Rgba { r: number; g: number; b: number; a: number }
const NAMED: Record<string, Rgba> = {
  black: { r: 0, g: 0, b: 0, a: 1 }, white: { r: 255, g: 255, b: 255, a: 1 }, red: { r: 255, g: 0, b: 0, a: 1 },
  green: { r: 0, g: 128, b: 0, a: 1 }, blue: { r: 0, g: 0, b: 255, a: 1 }, grey: { r: 128, g: 128, b: 128, a: 1 }, gray: { r: 128, g: 128, b: 128, a: 1 },
  transparent: { r: 0, g: 0, b: 0, a: 0 },
};

/** A CSS colour as RGBA; null for none, url(…) and anything unparsed (then treated as no paint). */
export function parseColour(value: string): Rgba | null {
  const v = value.trim().toLowerCase();
  if (v in NAMED) return NAMED[v]!;
  let m = /^#([0-9a-f]{3,8})$/.exec(v);
  if (m) {
    const h = m[1]!;
    const full = h.length <= 4 ? [...h].map((c) => c + c).join('') : h;
    if (full.length !== 6 && full.length !== 8) return null;
    const n = (i: number) => parseInt(full.slice(i, i + 2), 16);
    return { r: n(0), g: n(2), b: n(4), a: full.length === 8 ? n(6) / 255 : 1 };
  }
  m = /^rgba?\(([^)]*)\)$/.exec(v);
  if (m) {
    const parts = m[1]!.split(/[\s,/]+/).filter(Boolean);
    const ch = (p: string) => (p.endsWith('%') ? (parseFloat(p) * 255) / 100 : parseFloat(p));
    const alpha = parts[3] === undefined ? 1 : parts[3].endsWith('%') ? parseFloat(parts[3]) / 100 : parseFloat(parts[3]);
    if (parts.length < 3 || [ch(parts[0]!), ch(parts[1]!), ch(parts[2]!), alpha].some(Number.isNaN)) return null;
    return { r: ch(parts[0]!), g: ch(parts[1]!), b: ch(parts[2]!), a: alpha };
  }
  return null;
}

/** Opaque #rrggbb of `c` at `alpha` over white (the export's background); none when invisible. */
export function flattenOnWhite(c: Rgba | null, alpha: number): string {
  const a = c ? c.a * alpha : 0;
  if (!c || a <= 0.001) return 'none';
  const mix = (x: number) => Math.round(Math.min(255, Math.max(0, x * a + 255 * (1 - a)))).toString(16).padStart(2, '0');
  return `#${mix(c.r)}${mix(c.g)}${mix(c.b)}`;
}

/** What an element inherits: paint as written (before opacity) and the product of the group opacities. */
interface Inherited { fill: string; stroke: string; color: string; fillOpacity: number; strokeOpacity: number; groupOpacity: number; emittedFill: string; emittedStroke: string }

/** The element's own value of a property: inline style first (it wins in CSS), then the attribute. */
function own(el: Element, prop: string): string | null {
  const styled = (el as SVGElement).style?.getPropertyValue(prop);
  if (styled) return styled.trim();
  const attr = el.getAttribute(prop);
  return attr === null ? null : attr.trim();
}

const number = (v: string | null, fallback: number) => {
  if (v === null) return fallback;
  const x = v.endsWith('%') ? parseFloat(v) / 100 : parseFloat(v);
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : fallback;
};

/** Paint servers (gradients, patterns) are not exported: url(…) resolves as no paint. */
function resolvePaint(value: string, color: string): Rgba | null {
  if (value === 'none' || value.startsWith('url(')) return null;
  return parseColour(value === 'currentColor' || value === 'currentcolor' ? color : value);
}

/**
 * Copies the drawn part of a live SVG subtree into `doc` as export markup (see the file's TSDoc);
 * null when the element draws nothing.
 */
function exportElement(el: Element, inh: Inherited, doc: Document): Element | null {
  const tag = el.localName;
  const geometry = GEOMETRY[tag];
  if (!geometry) return null;
  if (own(el, 'display') === 'none' || own(el, 'visibility') === 'hidden') return null;
  const groupOpacity = inh.groupOpacity * number(own(el, 'opacity'), 1);
  if (groupOpacity <= 0.001) return null;
  const color = own(el, 'color') ?? inh.color;
  const fill = own(el, 'fill') ?? inh.fill;
  const stroke = own(el, 'stroke') ?? inh.stroke;
  const fillOpacity = number(own(el, 'fill-opacity'), inh.fillOpacity);
  const strokeOpacity = number(own(el, 'stroke-opacity'), inh.strokeOpacity);
  const f = resolvePaint(fill, color);
  const s = resolvePaint(stroke, color);
  const emittedFill = flattenOnWhite(f, fillOpacity * groupOpacity);
  const emittedStroke = flattenOnWhite(s, strokeOpacity * groupOpacity);
  const strokeWidth = own(el, 'stroke-width');
  const strokes = emittedStroke !== 'none' && (strokeWidth === null || parseFloat(strokeWidth) > 0);
  // A shape that paints nothing is interaction scaffolding (a hit area) or dead weight.
  if (SHAPES.has(tag) && (tag === 'line' || tag === 'polyline' ? !strokes : emittedFill === 'none' && !strokes)) return null;
  if ((tag === 'text' || tag === 'tspan') && emittedFill === 'none' && !strokes) return null;

  const out = doc.createElementNS(SVG_NS, tag);
  for (const { name, value } of Array.from(el.attributes)) {
    if (geometry.includes(name) || name === 'transform') out.setAttribute(name, value);
  }
  // A tspan that flows on from the text before it (a label's † mark) gets the x where the browser
  // laid it out: ImageMagick's renderer draws a tspan without its own x at the start of the text,
  // over the label. getStartPositionOfChar is in the text's user space, as the x attribute is.
  if (tag === 'tspan' && !el.hasAttribute('x')) {
    const live = el as SVGTextContentElement;
    if (typeof live.getStartPositionOfChar === 'function' && live.getNumberOfChars() > 0) {
      out.setAttribute('x', String(Math.round(live.getStartPositionOfChar(0).x * 100) / 100));
    }
  }
  for (const prop of KEPT_PROPERTIES) {
    const v = own(el, prop);
    if (v === null || v === '') continue;
    out.setAttribute(prop, prop === 'font-size' || prop === 'stroke-width' ? v.replace(/px$/, '') : prop === 'font-family' ? v.replace(/["']/g, '') : v);
  }
  // rotate(a, cx, cy) as translate(cx, cy) rotate(a) about a text at (0, 0): the same transform,
  // in the one form ImageMagick draws (it drops text under the three-argument rotate).
  const rotation = /^rotate\(\s*(-?[\d.]+)[\s,]+(-?[\d.]+)[\s,]+(-?[\d.]+)\s*\)$/.exec(el.getAttribute('transform') ?? '');
  let shift: ((node: Element) => void) | null = null;
  if (tag === 'text' && rotation) {
    const [, angle, cx, cy] = rotation.map(Number) as [number, number, number, number];
    out.setAttribute('transform', `translate(${cx}, ${cy}) rotate(${angle})`);
    shift = (node: Element) => {
      for (const [a, by] of [['x', cx], ['y', cy]] as const) {
        const v = node.getAttribute(a);
        if (v !== null && /^-?[\d.]+$/.test(v.trim())) node.setAttribute(a, String(Number(v) - by));
      }
    };
    shift(out);
  }
  if (emittedFill !== inh.emittedFill) out.setAttribute('fill', emittedFill);
  if (emittedStroke !== inh.emittedStroke) out.setAttribute('stroke', emittedStroke);
  const next: Inherited = { fill, stroke, color, fillOpacity, strokeOpacity, groupOpacity, emittedFill, emittedStroke };
  for (const child of Array.from(el.childNodes)) {
    if (child.nodeType === 3) out.appendChild(doc.createTextNode(child.textContent ?? ''));
    else if (child.nodeType === 1) {
      const c = exportElement(child as Element, next, doc);
      if (c) out.appendChild(c);
    }
  }
  if (shift) out.querySelectorAll('tspan').forEach(shift);
  if (tag === 'g' && !out.hasChildNodes()) return null;
  return out;
}

/** The root's defaults as SVG specifies them (fill black, no stroke, opaque). */
const ROOT_PAINT: Inherited = { fill: 'black', stroke: 'none', color: 'black', fillOpacity: 1, strokeOpacity: 1, groupOpacity: 1, emittedFill: '#000000', emittedStroke: 'none' };

export interface LegendItem {
  label: string;
  colour: string;
  shape: 'circle' | 'square' | 'triangle' | 'diamond' | 'cross' | 'star' | 'line' | 'band';
  hollow?: boolean;
}

export interface SvgExportOptions {
  title: string;
  captionLines: readonly string[];
  /** Drawn under the chart: HTML legends (recharts') are not part of the chart's SVG. */
  legend?: readonly LegendItem[];
}

function legendSymbol(item: LegendItem, x: number, y: number): string {
  const colour = flattenOnWhite(parseColour(item.colour), 1);
  const fill = item.hollow ? '#ffffff' : colour;
  const s = `fill="${fill}" stroke="${colour}" stroke-width="1.5"`;
  switch (item.shape) {
    case 'square': return `<rect x="${x - 5}" y="${y - 5}" width="10" height="10" ${s}/>`;
    case 'triangle': return `<polygon points="${x},${y - 6} ${x - 6},${y + 5} ${x + 6},${y + 5}" ${s}/>`;
    case 'diamond': return `<polygon points="${x},${y - 6} ${x + 6},${y} ${x},${y + 6} ${x - 6},${y}" ${s}/>`;
    case 'cross': return `<path d="M${x - 5},${y - 5}L${x + 5},${y + 5}M${x - 5},${y + 5}L${x + 5},${y - 5}" stroke="${colour}" stroke-width="2.5"/>`;
    case 'star': return `<polygon points="${x},${y - 6} ${x + 2},${y - 2} ${x + 6},${y - 2} ${x + 3},${y + 1} ${x + 4},${y + 6} ${x},${y + 3} ${x - 4},${y + 6} ${x - 3},${y + 1} ${x - 6},${y - 2} ${x - 2},${y - 2}" ${s}/>`;
    case 'line': return `<line x1="${x - 8}" x2="${x + 8}" y1="${y}" y2="${y}" stroke="${colour}" stroke-width="2"/>`;
    case 'band': return `<rect x="${x - 8}" y="${y - 5}" width="16" height="10" fill="${flattenOnWhite(parseColour(item.colour), 0.3)}"/>`;
    default: return `<circle cx="${x}" cy="${y}" r="5" ${s}/>`;
  }
}

const escapeXml = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Measures text as the export will set it (the export font, in the browser's layout); where the
 * environment lays out no text (jsdom), estimates 0.62 em a character, DejaVu Sans's average.
 */
function textMeasurer(): { width: (text: string, fontSize: number, bold?: boolean) => number; done: () => void } {
  const probe = document.createElementNS(SVG_NS, 'svg');
  probe.setAttribute('width', '0');
  probe.setAttribute('height', '0');
  probe.setAttribute('aria-hidden', 'true');
  probe.style.position = 'absolute';
  probe.style.visibility = 'hidden';
  document.body.appendChild(probe);
  const text = document.createElementNS(SVG_NS, 'text') as SVGTextElement;
  text.setAttribute('font-family', EXPORT_FONT);
  probe.appendChild(text);
  return {
    width: (value, fontSize, bold = false) => {
      text.setAttribute('font-size', String(fontSize));
      text.setAttribute('font-weight', bold ? '700' : '400');
      text.textContent = value;
      const measured = typeof text.getComputedTextLength === 'function' ? text.getComputedTextLength() : 0;
      return measured > 0 ? measured : value.length * fontSize * (bold ? 0.68 : 0.62);
    },
    done: () => probe.remove(),
  };
}

/** Greedy word wrap of `line` into lines no wider than `max` (a single long word stays whole). */
function wrapText(line: string, max: number, width: (t: string) => number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    const next = current ? `${current} ${word}` : word;
    if (current && width(next) > max) {
      out.push(current);
      current = word;
    } else current = next;
  }
  if (current) out.push(current);
  return out;
}

export function serializeChartSvg(source: SVGSVGElement, options: SvgExportOptions): { svg: string; width: number; height: number } {
  const box = source.viewBox.baseVal;
  const width = Math.ceil(box && box.width ? box.width : source.width.baseVal.value || source.getBoundingClientRect().width);
  const chartHeight = Math.ceil(box && box.height ? box.height : source.height.baseVal.value || source.getBoundingClientRect().height);
  const clone = exportElement(source, ROOT_PAINT, document) as SVGSVGElement;
  const measure = textMeasurer();
  // Text is measured before the canvas is sized: the legend and the caption wrap to the chart's width.
  const legend = options.legend ?? [];
  const legendRows: { item: LegendItem; x: number }[][] = [];
  let x = 16;
  for (const item of legend) {
    const w = 24 + measure.width(item.label, 11);
    if (!legendRows.length || (x + w > width - 8 && x > 16)) {
      legendRows.push([]);
      x = 16;
    }
    legendRows[legendRows.length - 1]!.push({ item, x });
    x += w;
  }
  const captionLines = options.captionLines.flatMap((line) => wrapText(line, width - 16, (t) => measure.width(t, 11)));
  const titleLines = wrapText(options.title, width - 16, (t) => measure.width(t, 14, true));
  measure.done();
  const titleHeight = 10 + titleLines.length * 18;
  const legendHeight = legendRows.length * 20 + (legendRows.length ? 4 : 0);
  const captionHeight = captionLines.length * 16 + 12;
  const height = titleHeight + chartHeight + legendHeight + captionHeight;
  const root = document.createElementNS(SVG_NS, 'svg');
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  root.setAttribute('font-family', EXPORT_FONT);
  // SVG's initial paint, spelled out: ImageMagick otherwise outlines unstroked shapes in black.
  root.setAttribute('fill', '#000000');
  root.setAttribute('stroke', 'none');
  root.setAttribute('font-size', '12');
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', String(width));
  bg.setAttribute('height', String(height));
  bg.setAttribute('fill', '#ffffff');
  root.appendChild(bg);
  titleLines.forEach((line, i) => {
    const title = document.createElementNS(SVG_NS, 'text');
    title.setAttribute('x', '8');
    title.setAttribute('y', String(18 + i * 18));
    title.setAttribute('font-size', '14');
    title.setAttribute('font-weight', '700');
    title.textContent = line;
    root.appendChild(title);
  });
  // The chart as a group, not a nested <svg>: a nested viewport clips what crosses its edge, and
  // ImageMagick restarts its defaults inside one.
  const vb = clone.getAttribute('viewBox')?.split(/[\s,]+/).map(Number);
  const [vx, vy, vw, vh] = vb && vb.length === 4 && vb.every(Number.isFinite) ? (vb as [number, number, number, number]) : [0, 0, width, chartHeight];
  const chart = document.createElementNS(SVG_NS, 'g');
  const scale = vw === width && vh === chartHeight ? '' : ` scale(${width / vw}, ${chartHeight / vh})`;
  chart.setAttribute('transform', `translate(0, ${titleHeight})${scale}${vx || vy ? ` translate(${-vx}, ${-vy})` : ''}`);
  // The chart's own text defaults (font size, family) are the group's, as on screen.
  for (const prop of KEPT_PROPERTIES) {
    const v = clone.getAttribute(prop);
    if (v !== null) chart.setAttribute(prop, v);
  }
  while (clone.firstChild) chart.appendChild(clone.firstChild);
  root.appendChild(chart);
  const legendTop = titleHeight + chartHeight + 12;
  if (legendRows.length) {
    const g = document.createElementNS(SVG_NS, 'g');
    const parts: string[] = [];
    legendRows.forEach((row, r) => {
      const y = legendTop + r * 20;
      for (const { item, x: at } of row) parts.push(legendSymbol(item, at, y), `<text x="${at + 12}" y="${y + 4}" font-size="11">${escapeXml(item.label)}</text>`);
    });
    g.innerHTML = parts.join('');
    root.appendChild(g);
  }
  captionLines.forEach((line, i) => {
    const t = document.createElementNS(SVG_NS, 'text');
    t.setAttribute('x', '8');
    t.setAttribute('y', String(titleHeight + chartHeight + legendHeight + 18 + i * 16));
    t.setAttribute('font-size', '11');
    t.setAttribute('fill', '#444444');
    t.textContent = line;
    root.appendChild(t);
  });
  const svg = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}`;
  return fitToText(svg, width, height);
}

/**
 * Grows an export's canvas (viewBox, width, height and background) until it contains the box of
 * every text element as the browser lays it out, transforms included: a tick label, a rotated
 * column header or a long sentence is never cut at the image edge. Where no layout is available
 * (jsdom), the file is returned as it is.
 */
export function fitToText(svg: string, width: number, height: number): { svg: string; width: number; height: number } {
  const doc = new DOMParser().parseFromString(svg.replace(/^<\?xml[^>]*>\s*/, ''), 'image/svg+xml');
  const root = doc.documentElement;
  if (root.localName !== 'svg') return { svg, width, height };
  const host = document.createElement('div');
  host.style.position = 'absolute';
  host.style.left = '-100000px';
  host.style.top = '0';
  host.style.visibility = 'hidden';
  const live = document.importNode(root, true) as unknown as SVGSVGElement;
  host.appendChild(live);
  document.body.appendChild(host);
  try {
    const origin = live.getBoundingClientRect();
    if (!(origin.width > 0)) return { svg, width, height };
    const k = width / origin.width;
    let [x0, y0, x1, y1] = [0, 0, width, height];
    for (const t of Array.from(live.querySelectorAll('text'))) {
      const b = t.getBoundingClientRect();
      if (b.width === 0 && b.height === 0) continue;
      x0 = Math.min(x0, (b.left - origin.left) * k - 4);
      y0 = Math.min(y0, (b.top - origin.top) * k - 4);
      x1 = Math.max(x1, (b.right - origin.left) * k + 4);
      y1 = Math.max(y1, (b.bottom - origin.top) * k + 4);
    }
    if (x0 === 0 && y0 === 0 && x1 === width && y1 === height) return { svg, width, height };
    const [fx, fy] = [Math.floor(x0), Math.floor(y0)];
    const [fw, fh] = [Math.ceil(x1) - fx, Math.ceil(y1) - fy];
    root.setAttribute('viewBox', `${fx} ${fy} ${fw} ${fh}`);
    root.setAttribute('width', String(fw));
    root.setAttribute('height', String(fh));
    const bg = root.querySelector('rect');
    if (bg && !bg.hasAttribute('x') && !bg.hasAttribute('y')) {
      bg.setAttribute('x', String(fx));
      bg.setAttribute('y', String(fy));
      bg.setAttribute('width', String(fw));
      bg.setAttribute('height', String(fh));
    }
    return { svg: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}`, width: fw, height: fh };
  } finally {
    host.remove();
  }
}

/** Rasterises an SVG string at `scale` × its size, on white, through the browser's canvas. */
export async function svgToPng(svg: string, width: number, height: number, scale: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = new Image();
    img.decoding = 'sync';
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the SVG could not be rasterised'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas in this browser');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function download(content: Blob | string, fileName: string, type = 'text/plain;charset=utf-8'): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
