import { useState, type RefObject } from 'react';
import { download, fitToText, serializeChartSvg, svgToPng, type LegendItem } from './to-svg';

export interface ExportSpec {
  /** The chart's SVG element (the forest SVG, or the recharts surface inside a container)… */
  svg?: RefObject<SVGSVGElement | null> | (() => SVGSVGElement | null);
  /** …or a ready SVG document built from the view model (the evidence map). */
  render?: () => { svg: string; width: number; height: number };
  title: string;
  captionLines: readonly string[];
  legend?: readonly LegendItem[];
  /** File name without extension. */
  fileName: (extension: string) => string;
  csv?: () => string;
  r?: () => string;
}

/** SVG, PNG at 1×/2×/3×, CSV and R for one chart. Errors are shown, never swallowed. */
export function ExportMenu({ spec, label }: { spec: ExportSpec; label: string }) {
  const [message, setMessage] = useState<string | null>(null);
  const element = () => (typeof spec.svg === 'function' ? spec.svg() : (spec.svg?.current ?? null));
  const serialize = () => {
    if (spec.render) {
      const ready = spec.render();
      return fitToText(ready.svg, ready.width, ready.height);
    }
    const el = element();
    if (!el) throw new Error('the chart is not on the page');
    return serializeChartSvg(el, { title: spec.title, captionLines: spec.captionLines, legend: spec.legend });
  };
  const run = async (what: string, action: () => Promise<void> | void) => {
    try {
      await action();
      setMessage(`${what} saved.`);
    } catch (e) {
      setMessage(`${what} failed: ${(e as Error).message}`);
    }
  };
  return (
    <div className="export-menu" role="group" aria-label={`Export ${label}`}>
      <span className="export-label">Export:</span>
      <button type="button" onClick={() => run('SVG', () => download(serialize().svg, spec.fileName('svg'), 'image/svg+xml;charset=utf-8'))}>SVG</button>
      {[1, 2, 3].map((scale) => (
        <button key={scale} type="button" onClick={() => run(`PNG ${scale}×`, async () => {
          const s = serialize();
          download(await svgToPng(s.svg, s.width, s.height, scale), spec.fileName(scale === 1 ? 'png' : `${scale}x.png`).replace(/\.(\d)xpng$/, '@$1x.png'));
        })}>PNG {scale}×</button>
      ))}
      {spec.csv && <button type="button" onClick={() => run('CSV', () => download(spec.csv!(), spec.fileName('csv'), 'text/csv;charset=utf-8'))}>CSV</button>}
      {spec.r && <button type="button" onClick={() => run('R script', () => download(spec.r!(), spec.fileName('R'), 'text/plain;charset=utf-8'))}>R script</button>}
      <span className="export-status" role="status" aria-live="polite">{message}</span>
    </div>
  );
}
