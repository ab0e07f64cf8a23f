import { useId, useRef } from 'react';
import { ExportMenu } from '../../export/ExportMenu';
import { toCsv } from '../../export/to-csv';
import { forestAxis } from '../../model/forest-axis';
import type { MethodSensitivityModel, SensitivityRow } from '../../model/method-sensitivity/method-sensitivity';
import { formatEffectValue } from '../../model/effect-format';
import { ScrollRegion } from '../ScrollRegion';
import { useSmallScreen } from '../use-layout-size';

/**
 * The method-sensitivity panel: a small forest, one row per method (diamond = estimate and its
 * CI or CrI, thin bar = prediction interval), the τ of each, and the sentence generated from the
 * numbers. Shared by the forest view and the phase comparison (one cell's trials). On a narrow
 * screen each method takes two lines (name above, numbers and marks below) instead of scrolling.
 */

const FONT = 12;
const WIDE = { width: 980, row: 24, label: 8, effect: 300, tau: 516, pi: 530, plot: 700, plotW: 260 };
const NARROW = { width: 360, row: 38, label: 8, effect: 8, tau: 186, pi: 0, plot: 198, plotW: 152 };
const COLOR = { frequentist: '#1f4e9c', bayesian: '#7b3294', pi: '#8a8a8a' };

export function sensitivityCsv(model: MethodSensitivityModel): string {
  return toCsv(
    ['method', 'family', 'call', 'estimate', 'lower', 'upper', 'interval', 'level_percent', 'tau', 'pi_lower', 'pi_upper', 'p_benefit', 'note'],
    model.rows.map((r) => [r.label, r.family, r.call, r.estimate, r.lower, r.upper, r.intervalKind, model.level, r.tau, r.piLower, r.piUpper, r.probabilityOfBenefit, r.note]),
  );
}

const scaleOf = (m: MethodSensitivityModel): 'ratio' | 'difference' => (m.isRatio ? 'ratio' : 'difference');
const piText = (m: MethodSensitivityModel, r: SensitivityRow) =>
  r.piLower === null || r.piUpper === null ? '' : `[${formatEffectValue(r.piLower, scaleOf(m))}, ${formatEffectValue(r.piUpper, scaleOf(m))}]`;

export function MethodSensitivityPanel({ model, title, captionLines, fileName, favoursLeft, favoursRight, headingLevel = 2 }: {
  model: MethodSensitivityModel;
  /** "Relapse-free patients: how much does the method matter?" */
  title: string;
  captionLines: readonly string[];
  fileName: (extension: string) => string;
  favoursLeft: string;
  favoursRight: string;
  headingLevel?: 2 | 3;
}) {
  const svgRef = useRef<SVGSVGElement>(null);
  const headingId = useId();
  const narrow = useSmallScreen();
  const L = narrow ? NARROW : WIDE;
  // The axis fits the intervals but not at any price: with k = 2, Knapp-Hartung's t(1) interval
  // can span a millionfold, which would squash every other row to a point. Ratios: at most
  // 100-fold (forestAxis's cap); differences: the z-based rows. Ends beyond the axis get an arrow.
  const fits = model.rows.filter((r) => model.isRatio || !r.key.startsWith('REML-KH'));
  const ends = fits.flatMap((r) => (r.yiLower !== null && r.yiUpper !== null ? [r.yiLower, r.yiUpper] : []));
  const axis = forestAxis(model.isRatio, ends.length ? [Math.min(...ends), Math.max(...ends)] : null, null);
  const clip = (v: number) => Math.min(axis.max, Math.max(axis.min, v));
  const sx = (v: number) => L.plot + ((clip(v) - axis.min) / (axis.max - axis.min)) * L.plotW;
  const arrow = (v: number, y: number, color: string) =>
    v > axis.max ? <polygon points={`${sx(v)},${y} ${sx(v) - 6},${y - 4} ${sx(v) - 6},${y + 4}`} fill={color} />
      : v < axis.min ? <polygon points={`${sx(v)},${y} ${sx(v) + 6},${y - 4} ${sx(v) + 6},${y + 4}`} fill={color} /> : null;
  const top = 30;
  const bodyH = model.rows.length * L.row;
  const height = top + bodyH + 46;
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const interval = model.rows.some((r) => r.intervalKind === 'CrI') ? 'CI or CrI' : 'CI';
  return (
    <section className="method-sensitivity" aria-labelledby={headingId}>
      <H id={headingId}>{title}</H>
      <ExportMenu label="method sensitivity panel" spec={{ svg: svgRef, title, captionLines: [...captionLines, model.sentence], fileName, csv: () => sensitivityCsv(model) }} />
      <ScrollRegion label={`Plot: ${title}`} className="svg-scroll" hint="Scroll sideways for the plot →" chart>
        <svg ref={svgRef} className="sensitivity-svg" width={L.width} height={height} viewBox={`0 0 ${L.width} ${height}`} role="img" aria-label={`${title}. ${model.sentence}`} fontFamily="'DejaVu Sans', Arial, sans-serif" fontSize={FONT}>
          <rect width={L.width} height={height} fill="#fff" />
          <g fontWeight={700}>
            <text x={L.label} y={18}>Method</text>
            {!narrow && <text x={L.effect} y={18}>Estimate [{model.level}% {interval}]</text>}
            <text x={L.tau} y={18} textAnchor="end">τ</text>
            {!narrow && <text x={L.pi} y={18}>{model.level}% PI</text>}
          </g>
          <line x1={sx(0)} x2={sx(0)} y1={top - 6} y2={top + bodyH} stroke="#000" strokeWidth={0.8} />
          {model.rows.map((r, i) => {
            const y0 = top + i * L.row;
            const yMark = narrow ? y0 + 27 : y0 + L.row / 2;
            const yText = narrow ? y0 + 31 : y0 + L.row / 2 + 4;
            const color = COLOR[r.family];
            const has = r.yi !== null && r.yiLower !== null && r.yiUpper !== null;
            return (
              <g key={r.key} className="sensitivity-row" data-method={r.key}>
                <title>{`${r.label}: ${r.text}${r.tau !== null ? `; τ ${r.tau.toFixed(2)}` : ''}${piText(model, r) ? `; PI ${piText(model, r)}` : ''}${r.note ? ` (${r.note})` : ''}. ${r.call}`}</title>
                <text x={L.label} y={narrow ? y0 + 13 : yText} fontWeight={600} fill={r.family === 'bayesian' ? COLOR.bayesian : '#000'}>{narrow ? r.shortLabel.charAt(0).toUpperCase() + r.shortLabel.slice(1) : r.label}</text>
                <text x={L.effect} y={yText} fontSize={narrow ? 11 : FONT}>{r.text}</text>
                <text x={L.tau} y={narrow ? y0 + 13 : yText} textAnchor="end">{r.tau === null ? '—' : r.tau.toFixed(2)}</text>
                {!narrow && <text x={L.pi} y={yText}>{piText(model, r)}</text>}
                {has && (
                  <>
                    {r.yiPiLower !== null && r.yiPiUpper !== null && (
                      <g stroke={COLOR.pi} strokeWidth={1.5}>
                        <line x1={sx(r.yiPiLower)} x2={sx(r.yiPiUpper)} y1={yMark} y2={yMark} />
                        {clip(r.yiPiLower) === r.yiPiLower && <line x1={sx(r.yiPiLower)} x2={sx(r.yiPiLower)} y1={yMark - 3} y2={yMark + 3} />}
                        {clip(r.yiPiUpper) === r.yiPiUpper && <line x1={sx(r.yiPiUpper)} x2={sx(r.yiPiUpper)} y1={yMark - 3} y2={yMark + 3} />}
                      </g>
                    )}
                    {r.yiPiLower !== null && arrow(r.yiPiLower, yMark, COLOR.pi)}
                    {r.yiPiUpper !== null && arrow(r.yiPiUpper, yMark, COLOR.pi)}
                    <polygon points={`${sx(r.yiLower!)},${yMark} ${sx(r.yi!)},${yMark - 6} ${sx(r.yiUpper!)},${yMark} ${sx(r.yi!)},${yMark + 6}`} fill={color} />
                    {arrow(r.yiLower!, yMark, color)}
                    {arrow(r.yiUpper!, yMark, color)}
                  </>
                )}
              </g>
            );
          })}
          <g transform={`translate(0, ${top + bodyH})`}>
            <line x1={L.plot} x2={L.plot + L.plotW} y1={0} y2={0} stroke="#000" />
            {axis.ticks.map((t) => (
              <g key={t.at} transform={`translate(${sx(t.at)}, 0)`}>
                <line y2={4} stroke="#000" />
                <text y={16} textAnchor="middle" fontSize={11}>{t.label}</text>
              </g>
            ))}
            <text x={sx(0) - 4} y={34} fontSize={11} fontWeight={600} textAnchor="end">{favoursLeft}</text>
            <text x={sx(0) + 4} y={34} fontSize={11} fontWeight={600}>{favoursRight}</text>
            {narrow && <text x={L.label} y={16} fontSize={10} fill="#555">◆ {interval}; bar: PI</text>}
          </g>
        </svg>
      </ScrollRegion>
      <p className="sensitivity-sentence">{model.sentence}</p>
    </section>
  );
}
