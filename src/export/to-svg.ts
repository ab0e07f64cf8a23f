/**
 * A chart's SVG as a self-contained file: namespace, explicit size, white background, fonts that
 * exist everywhere (DejaVu Sans / Arial / sans-serif) copied onto the root, computed styles of the
 * marks inlined (a serialised SVG loses the page's CSS), and a caption line under the chart that
 * names the outcome, the model settings, the filters, the evidence-set version and the date.
 */
const SVG_NS = 'http://www.w3.org/2000/svg';
const FONT = "'DejaVu Sans', Arial, Helvetica, sans-serif";
/** Presentation properties worth copying from computed style (recharts styles some by CSS). */
const STYLE_PROPS = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'opacity', 'font-size', 'font-weight', 'font-style', 'text-anchor'] as const;

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
  const fill = item.hollow ? '#ffffff' : item.colour;
  const s = `fill="${fill}" stroke="${item.colour}" stroke-width="1.5"`;
  switch (item.shape) {
    case 'square': return `<rect x="${x - 5}" y="${y - 5}" width="10" height="10" ${s}/>`;
    case 'triangle': return `<polygon points="${x},${y - 6} ${x - 6},${y + 5} ${x + 6},${y + 5}" ${s}/>`;
    case 'diamond': return `<polygon points="${x},${y - 6} ${x + 6},${y} ${x},${y + 6} ${x - 6},${y}" ${s}/>`;
    case 'cross': return `<path d="M${x - 5},${y - 5}L${x + 5},${y + 5}M${x - 5},${y + 5}L${x + 5},${y - 5}" stroke="${item.colour}" stroke-width="2.5"/>`;
    case 'star': return `<polygon points="${x},${y - 6} ${x + 2},${y - 2} ${x + 6},${y - 2} ${x + 3},${y + 1} ${x + 4},${y + 6} ${x},${y + 3} ${x - 4},${y + 6} ${x - 3},${y + 1} ${x - 6},${y - 2} ${x - 2},${y - 2}" ${s}/>`;
    case 'line': return `<line x1="${x - 8}" x2="${x + 8}" y1="${y}" y2="${y}" stroke="${item.colour}" stroke-width="2"/>`;
    case 'band': return `<rect x="${x - 8}" y="${y - 5}" width="16" height="10" fill="${item.colour}" fill-opacity="0.3"/>`;
    default: return `<circle cx="${x}" cy="${y}" r="5" ${s}/>`;
  }
}

const escapeXml = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function serializeChartSvg(source: SVGSVGElement, options: SvgExportOptions): { svg: string; width: number; height: number } {
  const box = source.viewBox.baseVal;
  const width = Math.ceil(box && box.width ? box.width : source.width.baseVal.value || source.getBoundingClientRect().width);
  const chartHeight = Math.ceil(box && box.height ? box.height : source.height.baseVal.value || source.getBoundingClientRect().height);
  const clone = source.cloneNode(true) as SVGSVGElement;
  inlineStyles(source, clone);
  // Interactive-only attributes mean nothing in a file.
  clone.querySelectorAll('[tabindex]').forEach((el) => el.removeAttribute('tabindex'));
  clone.querySelectorAll('[role="button"],[role="link"]').forEach((el) => el.removeAttribute('role'));
  const legend = options.legend ?? [];
  const legendHeight = legend.length ? 24 : 0;
  const captionHeight = options.captionLines.length * 16 + 12;
  const height = chartHeight + legendHeight + captionHeight + 28;
  const root = document.createElementNS(SVG_NS, 'svg');
  root.setAttribute('xmlns', SVG_NS);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  root.setAttribute('font-family', FONT);
  root.setAttribute('font-size', '12');
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', String(width));
  bg.setAttribute('height', String(height));
  bg.setAttribute('fill', '#ffffff');
  root.appendChild(bg);
  const title = document.createElementNS(SVG_NS, 'text');
  title.setAttribute('x', '8');
  title.setAttribute('y', '18');
  title.setAttribute('font-size', '14');
  title.setAttribute('font-weight', '700');
  title.textContent = options.title;
  root.appendChild(title);
  const chart = document.createElementNS(SVG_NS, 'g');
  chart.setAttribute('transform', 'translate(0, 28)');
  // Keep the chart's own title/desc for accessibility; move its children into the group.
  clone.removeAttribute('width');
  clone.removeAttribute('height');
  const inner = document.createElementNS(SVG_NS, 'svg');
  inner.setAttribute('width', String(width));
  inner.setAttribute('height', String(chartHeight));
  inner.setAttribute('viewBox', clone.getAttribute('viewBox') ?? `0 0 ${width} ${chartHeight}`);
  while (clone.firstChild) inner.appendChild(clone.firstChild);
  chart.appendChild(inner);
  root.appendChild(chart);
  if (legend.length) {
    const g = document.createElementNS(SVG_NS, 'g');
    let x = 16;
    const y = 28 + chartHeight + 12;
    const parts: string[] = [];
    for (const item of legend) {
      parts.push(legendSymbol(item, x, y), `<text x="${x + 12}" y="${y + 4}" font-size="11">${escapeXml(item.label)}</text>`);
      x += 24 + item.label.length * 6.4;
    }
    g.innerHTML = parts.join('');
    root.appendChild(g);
  }
  options.captionLines.forEach((line, i) => {
    const t = document.createElementNS(SVG_NS, 'text');
    t.setAttribute('x', '8');
    t.setAttribute('y', String(28 + chartHeight + legendHeight + 18 + i * 16));
    t.setAttribute('font-size', '11');
    t.setAttribute('fill', '#444444');
    t.textContent = line;
    root.appendChild(t);
  });
  const svg = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}`;
  return { svg, width, height };
}

function inlineStyles(from: Element, to: Element): void {
  const computed = getComputedStyle(from);
  const style: string[] = [];
  for (const prop of STYLE_PROPS) {
    const value = computed.getPropertyValue(prop);
    if (value && value !== 'normal' && value !== 'none' && !(prop === 'opacity' && value === '1')) style.push(`${prop}:${value}`);
  }
  if (from instanceof SVGTextElement || from instanceof SVGTSpanElement) style.push(`font-family:${FONT}`);
  if (style.length) to.setAttribute('style', `${style.join(';')};${to.getAttribute('style') ?? ''}`);
  for (let i = 0; i < from.children.length; i++) {
    const a = from.children[i];
    const b = to.children[i];
    if (a && b) inlineStyles(a, b);
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
