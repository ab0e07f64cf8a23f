import { useId, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ExportMenu } from '../../export/ExportMenu';
import { toCsv } from '../../export/to-csv';
import type { BayesianForestRow } from '../../model/bayesian/bayesian-forest';
import { toPosteriorPlot, type DensityPanel } from '../../model/bayesian/posterior-plot';
import { useAppStore } from '../../store/store-context';
import { ScrollRegion } from '../ScrollRegion';
import { useSmallScreen } from '../use-layout-size';

/**
 * Under the forest, for the Bayesian model: the probability statements (P(benefit), P(effect
 * beyond the threshold)) and the posterior plot — μ's and τ's posterior densities, each prior
 * drawn beside it (dashed), P(benefit) shaded under μ's curve. Exports like every chart.
 */
const PANEL_W = 360;
const PANEL_H = 160;
const PAD = { left: 40, top: 24, bottom: 36 };
const BAYES = '#7b3294';

function path(points: readonly [number, number][], sx: (x: number) => number, sy: (y: number) => number): string {
  return points.filter(([, y]) => Number.isFinite(y)).map(([x, y], i) => `${i ? 'L' : 'M'}${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join(' ');
}

function Density({ panel, x0, y0, label, shade }: { panel: DensityPanel; x0: number; y0: number; label: string; shade?: [number, number][] }) {
  const w = PANEL_W - PAD.left - 12;
  const h = PANEL_H - PAD.top - PAD.bottom;
  const sx = (x: number) => x0 + PAD.left + ((x - panel.xMin) / (panel.xMax - panel.xMin)) * w;
  const sy = (y: number) => y0 + PAD.top + h - (Math.min(y, panel.yMax) / panel.yMax) * h;
  const base = y0 + PAD.top + h;
  return (
    <g>
      <text x={x0 + PAD.left} y={y0 + 14} fontWeight={700}>{label}</text>
      {shade && shade.length > 1 && (
        <path d={`${path(shade, sx, sy)} L${sx(shade[shade.length - 1]![0]).toFixed(1)},${base} L${sx(shade[0]![0]).toFixed(1)},${base} Z`} fill="#d9c3e6" stroke="none" />
      )}
      {panel.prior && <path d={path(panel.prior, sx, sy)} fill="none" stroke="#777" strokeWidth={1.5} strokeDasharray="5 3" />}
      <path d={path(panel.posterior, sx, sy)} fill="none" stroke={BAYES} strokeWidth={2} />
      <line x1={x0 + PAD.left} x2={x0 + PAD.left + w} y1={base} y2={base} stroke="#000" />
      {panel.ticks.filter((t) => t.at >= panel.xMin && t.at <= panel.xMax).map((t) => (
        <g key={t.at} transform={`translate(${sx(t.at)}, ${base})`}>
          <line y2={4} stroke="#000" />
          <text y={16} textAnchor="middle" fontSize={11}>{t.label}</text>
        </g>
      ))}
    </g>
  );
}

export function BayesianSummary({ row, isRatio, title, captionLines, fileName }: {
  row: BayesianForestRow;
  isRatio: boolean;
  favoursIvigLabel: string;
  title: string;
  captionLines: readonly string[];
  fileName: (extension: string) => string;
}) {
  const { tauPrior, muPrior } = useAppStore(useShallow((s) => ({ tauPrior: s.analysis.tauPrior, muPrior: s.analysis.muPrior })));
  const plot = useMemo(() => toPosteriorPlot(row, tauPrior, muPrior, isRatio), [row, tauPrior, muPrior, isRatio]);
  const svgRef = useRef<SVGSVGElement>(null);
  const headingId = useId();
  const narrow = useSmallScreen();
  const width = narrow ? PANEL_W : 2 * PANEL_W + 20;
  const height = (narrow ? 2 * PANEL_H : PANEL_H) + 40;
  const tauX = narrow ? 0 : PANEL_W + 20;
  const tauY = narrow ? PANEL_H : 0;
  const csv = () => toCsv(
    ['quantity', 'x_analysis_scale', 'posterior_density', 'prior_density'],
    [
      ...plot.mu.posterior.map(([x, y], i) => ['mu', x, y, plot.mu.prior?.[i]?.[1] ?? null]),
      ...plot.tau.posterior.map(([x, y], i) => ['tau', x, y, plot.tau.prior?.[i]?.[1] ?? null]),
    ],
  );
  return (
    <section className="bayes-summary" aria-labelledby={headingId}>
      <h2 id={headingId}>Bayesian random effects: probabilities and posterior</h2>
      <ul className="bayes-probabilities" aria-label="Probability statements">
        <li>Probability of benefit: <strong>{row.benefitText}</strong> (the posterior probability that the pooled effect μ is on the “favours IVIG” side of no effect).</li>
        {row.threshold
          ? <li>Beyond the threshold: <strong>{row.threshold.text}</strong>.</li>
          : <li className="note">Set a threshold under “Bayesian priors” (e.g. {isRatio ? '0.8 for a ratio below 0.8' : 'a difference'}) for P(effect beyond it).</li>}
        <li>μ: {row.summaryText}. Prior: {row.priorText} ({row.priorSource}).</li>
      </ul>
      <ExportMenu label="posterior plot" spec={{ svg: svgRef, title, captionLines, fileName, csv }} />
      <ScrollRegion label={`Plot: ${title}`} className="svg-scroll" hint="Scroll sideways for the plot →" chart>
        <svg ref={svgRef} className="posterior-svg" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${title}. ${row.benefitText}.`} fontFamily="'DejaVu Sans', Arial, sans-serif" fontSize={12}>
          <rect width={width} height={height} fill="#fff" />
          <Density panel={plot.mu} x0={0} y0={0} label={plot.muLabel} shade={plot.mu.benefit} />
          <Density panel={plot.tau} x0={tauX} y0={tauY} label="τ (between-study SD)" />
          <g transform={`translate(8, ${height - 14})`} fontSize={11}>
            <line x1={0} x2={18} y1={-4} y2={-4} stroke={BAYES} strokeWidth={2} />
            <text x={22} y={0}>posterior</text>
            <line x1={92} x2={110} y1={-4} y2={-4} stroke="#777" strokeWidth={1.5} strokeDasharray="5 3" />
            <text x={114} y={0}>{plot.flatMu ? 'prior (μ: flat, not drawn)' : 'prior'}</text>
            <rect x={narrow ? 8 : 290} y={narrow ? -26 : -10} width={12} height={10} fill="#d9c3e6" />
            <text x={narrow ? 24 : 306} y={narrow ? -17 : 0}>shaded: {row.benefitText}</text>
          </g>
        </svg>
      </ScrollRegion>
    </section>
  );
}
