import { forwardRef } from 'react';
import { forestAxis } from '../../model/forest-axis';
import { estimateTextWidth, forestMethodHeaders } from '../../model/forest-layout';
import type { ForestModel, ForestStudyRow, PooledRow } from '../../model/forest-model';
import { markSymbols } from '../../evidence/recovered-effects/recovery-mark';
import type { BayesianForestRow } from '../../model/bayesian/bayesian-forest';

/**
 * The forest plot as plain SVG, in RevMan's anatomy: study columns on the left, the graph on the
 * right, squares sized by weight, diamonds for pooled estimates, a prediction-interval bar, the
 * null line, a log axis for ratios, "Favours" labels under the axis. Hand-drawn rather than
 * recharts because a forest plot is a table whose rows carry marks, which a chart library's
 * cartesian layout does not express; every number drawn comes from the view model.
 */

const ROW = 22;
const FONT = 12;
const X = { label: 8, treat: 330, control: 420, weight: 488, effect: 500, plot: 660 };
const PLOT_W = 300;
export const FOREST_WIDTH = X.plot + PLOT_W + 24;
/** Where each column's header text may run: the effect column ends where the graph begins. */
export const HEADER_WIDTHS = { effect: X.plot - X.effect - 8, plot: PLOT_W };
const HEADER_LINE = 14;
/** The Bayesian row and the shrunken estimates. */
const BAYES = '#7b3294';

type Line =
  | { kind: 'heading'; text: string }
  | { kind: 'study'; row: ForestStudyRow }
  | { kind: 'pooled'; row: PooledRow; total: boolean }
  | { kind: 'bayes'; row: BayesianForestRow }
  | { kind: 'text'; text: string; muted?: boolean }
  | { kind: 'published-heading' }
  | { kind: 'published'; label: string; text: string; estimate: number | null; lo: number | null; hi: number | null }
  | { kind: 'gap' };

function linesOf(model: ForestModel): Line[] {
  const lines: Line[] = [];
  for (const g of model.groups) {
    if (g.heading) lines.push({ kind: 'heading', text: g.heading });
    for (const r of g.rows) lines.push({ kind: 'study', row: r });
    if (g.note) lines.push({ kind: 'text', text: g.note, muted: true });
    if (g.pooled) {
      lines.push({ kind: 'pooled', row: g.pooled, total: false });
      if (g.pooled.heterogeneityText) lines.push({ kind: 'text', text: g.pooled.heterogeneityText });
      lines.push({ kind: 'text', text: g.pooled.overallEffectText });
    }
    for (const s of g.steps) lines.push({ kind: 'pooled', row: s, total: false });
    if (g.heading) lines.push({ kind: 'gap' });
  }
  if (model.overall) {
    lines.push({ kind: 'gap' });
    lines.push({ kind: 'pooled', row: model.overall, total: true });
    if (model.overall.heterogeneityText) lines.push({ kind: 'text', text: model.overall.heterogeneityText });
    lines.push({ kind: 'text', text: model.overall.overallEffectText });
  }
  if (model.bayesian) {
    lines.push({ kind: 'gap' });
    lines.push({ kind: 'bayes', row: model.bayesian });
    lines.push({ kind: 'text', text: `τ ${model.bayesian.tau.median.toFixed(2)} [${model.bayesian.tau.lower.toFixed(2)}, ${model.bayesian.tau.upper.toFixed(2)}] (posterior median, ${model.bayesian.level}% CrI); ${model.bayesian.benefitText}${model.bayesian.threshold ? `; ${model.bayesian.threshold.text}` : ''}` });
  }
  if (model.subgroupTestText) lines.push({ kind: 'text', text: model.subgroupTestText });
  const published = model.published;
  if (published.length) {
    lines.push({ kind: 'gap' });
    lines.push({ kind: 'published-heading' });
    for (const p of published) {
      lines.push({ kind: 'published', label: p.synthesis, text: p.text, estimate: p.estimate, lo: p.ciLower, hi: p.ciUpper });
      // The row's text is cut to fit its column: an impossible printed value gets its own line.
      if (p.caveat) lines.push({ kind: 'text', text: `    ↳ ${p.caveat}`, muted: true });
    }
  }
  return lines;
}

interface Props {
  model: ForestModel;
  title: string;
  /** One sentence for screen readers: what the plot shows and the pooled result. */
  summary: string;
  caption?: string;
  onToggleStudy?: (studyId: string) => void;
  onFocusStudy?: (studyId: string | null) => void;
  /** Bayesian model: draw the shrunken study estimates as a second mark per row. */
  shrinkage?: boolean;
}

export const ForestPlot = forwardRef<SVGSVGElement, Props>(function ForestPlot({ model, title, summary, caption, onToggleStudy, onFocusStudy, shrinkage = false }, ref) {
  const toAxis = (v: number) => (model.isRatio ? Math.log(v) : v);
  const needed: [number, number] | null = (() => {
    const ds = [model.overall, ...model.groups.map((g) => g.pooled), ...model.groups.flatMap((g) => g.steps)].filter((d): d is PooledRow => !!d);
    const b = model.bayesian;
    if (!ds.length && !b) return null;
    const t = (v: number) => (model.isRatio ? Math.log(v) : v);
    const lows = [...ds.map((d) => t(d.ciLower)), ...(b ? [b.yiLower] : [])];
    const highs = [...ds.map((d) => t(d.ciUpper)), ...(b ? [b.yiUpper] : [])];
    return [Math.min(...lows), Math.max(...highs)];
  })();
  const axis = forestAxis(model.isRatio, model.dataRange, needed);
  // The effect column is as wide as its widest estimate (a pooled row in bold can be
  // "3.76 [<0.01, 901901.99]"): the graph starts after it, never under it.
  const effectTexts = [
    ...model.groups.flatMap((g) => g.rows.map((r) => estimateTextWidth(r.effectText, FONT))),
    ...[model.overall, ...model.groups.map((g) => g.pooled), ...model.groups.flatMap((g) => g.steps)].filter((d): d is PooledRow => !!d).map((d) => estimateTextWidth(d.effectText, FONT, true)),
    ...(model.bayesian ? [estimateTextWidth(model.bayesian.effectText, FONT, true)] : []),
  ];
  const shrunken = new Map((shrinkage && model.bayesian ? model.bayesian.shrunken : []).map((s) => [s.studyId, s]));
  const shift = Math.max(0, Math.ceil(Math.max(0, ...effectTexts) + 12 - (X.plot - X.effect)));
  const plotX = X.plot + shift;
  const width = FOREST_WIDTH + shift;
  const sx = (a: number) => plotX + ((a - axis.min) / (axis.max - axis.min)) * PLOT_W;
  const clampX = (a: number) => Math.min(plotX + PLOT_W, Math.max(plotX, sx(a)));
  const lines = linesOf(model);
  // The method sub-header wraps inside its column (Knapp-Hartung makes it too long for one line).
  // The header is "<measure>, <method>, <level>% CI": the sub-header is all but the measure.
  const method = forestMethodHeaders(model.header.replace(`${model.measureLabel}, `, ''), { effect: HEADER_WIDTHS.effect + shift, plot: HEADER_WIDTHS.plot }, FONT);
  const extraHeader = (Math.max(method.effect.length, method.plot.length) - 1) * HEADER_LINE;
  const headerH = 44 + extraHeader;
  const bodyH = lines.length * ROW;
  const axisTop = headerH + bodyH + 8;
  const captionLines = caption ? 2 : 0;
  // The recovery symbols used in the rows, named once under the axis (as † and ‡).
  const used = model.groups.flatMap((g) => g.rows.flatMap((r) => r.recoveries));
  const recoveryLegend = used.length ? [...new Map(used.map((m) => [m.method, `${m.symbol} ${m.name}`])).values()].join('   ') : null;
  const height = axisTop + 56 + captionLines * 14 + (recoveryLegend ? 18 : 0);
  const maxWeight = Math.max(1, ...model.groups.flatMap((g) => g.rows.map((r) => r.weightPercent ?? 0)));
  const armHeading = model.measure === 'MD' || model.measure === 'SMD' ? 'Mean (SD) N' : model.measure === 'HR' || model.measure === 'RateRatio' ? '' : 'Events/Total';

  return (
    <svg
      ref={ref}
      xmlns="http://www.w3.org/2000/svg"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      // Interactive rows inside: a group, not an image (an image cannot contain controls).
      role={onToggleStudy ? 'group' : 'img'}
      aria-labelledby="forest-svg-title forest-svg-desc"
      fontFamily="'DejaVu Sans', Arial, Helvetica, sans-serif"
      fontSize={FONT}
      className="forest-svg"
    >
      <title id="forest-svg-title">{title}</title>
      <desc id="forest-svg-desc">{summary}</desc>
      <rect x={0} y={0} width={width} height={height} fill="#ffffff" />
      {/* Column headings */}
      <g fontWeight={700}>
        <text x={X.label} y={16}>Study or subgroup</text>
        <text x={X.treat} y={16} textAnchor="end">IVIG</text>
        <text x={X.control} y={16} textAnchor="end">Placebo</text>
        <text x={X.weight} y={16} textAnchor="end">Weight</text>
        <text x={X.effect} y={16}>{model.measureLabel}</text>
        <text x={plotX + PLOT_W / 2} y={16} textAnchor="middle">{model.measureLabel}</text>
      </g>
      <g fill="#444">
        <text x={X.treat} y={32} textAnchor="end">{armHeading}</text>
        <text x={X.control} y={32} textAnchor="end">{armHeading}</text>
        {method.effect.map((l, i) => <text key={`e${i}`} x={X.effect} y={32 + i * HEADER_LINE}>{l}</text>)}
        {method.plot.map((l, i) => <text key={`p${i}`} x={plotX + PLOT_W / 2} y={32 + i * HEADER_LINE} textAnchor="middle">{l}</text>)}
      </g>
      <line x1={X.label} x2={width - 8} y1={38 + extraHeader} y2={38 + extraHeader} stroke="#000" strokeWidth={0.8} />
      {/* Null line */}
      <line x1={sx(0)} x2={sx(0)} y1={headerH - 2} y2={axisTop} stroke="#000" strokeWidth={0.8} />

      {lines.map((line, i) => {
        const y = headerH + i * ROW + ROW / 2;
        const baseline = y + FONT / 2 - 2;
        switch (line.kind) {
          case 'gap':
            return null;
          case 'heading':
            return <text key={i} x={X.label} y={baseline} fontWeight={700}>{line.text}</text>;
          case 'text':
            return <text key={i} x={X.label} y={baseline} fill={line.muted ? '#777' : '#222'} fontSize={FONT - 1}>{line.text}</text>;
          case 'published-heading':
            return <text key={i} x={X.label} y={baseline} fontWeight={700} fill="#6a3d9a">Published syntheses (as printed; not our pooling)</text>;
          case 'published': {
            const drawable = line.estimate !== null && line.lo !== null && line.hi !== null;
            return (
              <g key={i} fill="#6a3d9a">
                <text x={X.label + 8} y={baseline}>{line.label}</text>
                <text x={X.effect} y={baseline}>{truncate(line.text, 30)}</text>
                {drawable && (
                  <g stroke="#6a3d9a" strokeWidth={1.2}>
                    <line x1={clampX(toAxis(line.lo!))} x2={clampX(toAxis(line.hi!))} y1={y} y2={y} />
                    <polygon points={diamond(sx(toAxis(line.estimate!)), y, clampX(toAxis(line.lo!)), clampX(toAxis(line.hi!)))} fill="none" />
                  </g>
                )}
              </g>
            );
          }
          case 'study': {
            const r = line.row;
            const lo = toAxis(r.ciLower);
            const hi = toAxis(r.ciUpper);
            // Square area proportional to the weight (side ∝ √weight), as RevMan draws it; a floor
            // keeps the smallest study visible.
            const size = r.weightPercent === null ? 4 : Math.max(3, 16 * Math.sqrt(r.weightPercent / maxWeight));
            const colour = r.excluded ? '#aaa' : '#1f4e9c';
            const mark = [r.derived ? '†' : r.secondary ? '‡' : '', markSymbols(r.recoveries)].filter(Boolean).join(' ');
            return (
              <g
                key={r.key}
                className="forest-row"
                tabIndex={onToggleStudy ? 0 : undefined}
                role={onToggleStudy ? 'button' : undefined}
                aria-pressed={onToggleStudy ? !r.excluded : undefined}
                aria-label={onToggleStudy ? `${r.label}: ${r.effectText}${r.excluded ? ' (toggled out)' : ''}. Press to ${r.excluded ? 'include' : 'exclude'}.` : undefined}
                onClick={onToggleStudy ? () => onToggleStudy(r.studyId) : undefined}
                onKeyDown={onToggleStudy ? (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onToggleStudy(r.studyId); } } : undefined}
                onMouseEnter={onFocusStudy ? () => onFocusStudy(r.studyId) : undefined}
                onFocus={onFocusStudy ? () => onFocusStudy(r.studyId) : undefined}
                fill={r.excluded ? '#999' : '#111'}
                textDecoration={r.excluded ? 'line-through' : undefined}
              >
                <rect x={0} y={y - ROW / 2} width={width} height={ROW} fill="transparent" />
                <text x={X.label + 8} y={baseline}>{truncate(r.label, r.input.userSupplied ? 28 : 34)}{r.input.userSupplied && <tspan fill="#6a3d9a"> (user)</tspan>}{mark && <tspan fill="#8a4b00" fontWeight={700}> {mark}</tspan>}</text>
                <text x={X.treat} y={baseline} textAnchor="end">{r.treatmentData ?? ''}</text>
                <text x={X.control} y={baseline} textAnchor="end">{r.controlData ?? ''}</text>
                <text x={X.weight} y={baseline} textAnchor="end">{r.weightPercent === null ? (r.excluded ? 'out' : '') : `${r.weightPercent.toFixed(1)}%`}</text>
                <text x={X.effect} y={baseline}>{r.effectText}</text>
                <g stroke={colour} strokeWidth={1.2}>
                  <line x1={clampX(lo)} x2={clampX(hi)} y1={y} y2={y} />
                  {lo < axis.min && <polygon points={arrow(plotX, y, -1)} fill={colour} />}
                  {hi > axis.max && <polygon points={arrow(plotX + PLOT_W, y, 1)} fill={colour} />}
                </g>
                {r.yi >= axis.min && r.yi <= axis.max && (
                  <rect x={sx(r.yi) - size / 2} y={y - size / 2} width={size} height={size} fill={r.excluded ? '#fff' : colour} stroke={colour} />
                )}
                {shrunken.has(r.studyId) && (() => {
                  // The shrunken estimate θᵢ | data (Bayesian model): a hollow circle and its CrI, just below the row's own mark.
                  const s = shrunken.get(r.studyId)!;
                  return (
                    <g className="forest-shrunken" stroke={BAYES} strokeWidth={1}>
                      <line x1={clampX(s.yiLower)} x2={clampX(s.yiUpper)} y1={y + 6} y2={y + 6} />
                      {s.yi >= axis.min && s.yi <= axis.max && <circle cx={sx(s.yi)} cy={y + 6} r={3} fill="#fff" />}
                    </g>
                  );
                })()}
              </g>
            );
          }
          case 'bayes': {
            const r = line.row;
            const [lo, hi] = [r.yiLower, r.yiUpper];
            return (
              <g key="bayes" className="forest-bayes" fontWeight={700} fill={BAYES}>
                <text x={X.label} y={baseline}>Bayesian ({r.level}% CrI)</text>
                <text x={X.effect} y={baseline}>{r.effectText}</text>
                <polygon points={diamond(clampX(r.yi), y, clampX(lo), clampX(hi))} fill={BAYES} />
                {lo < axis.min && <polygon className="forest-arrow" points={arrow(plotX - 1, y, -1)} fill={BAYES} />}
                {hi > axis.max && <polygon className="forest-arrow" points={arrow(plotX + PLOT_W + 1, y, 1)} fill={BAYES} />}
                <g stroke="#c0392b" strokeWidth={2}>
                  <line x1={clampX(r.yiPiLower)} x2={clampX(r.yiPiUpper)} y1={y + 8} y2={y + 8} />
                </g>
              </g>
            );
          }
          case 'pooled': {
            const r = line.row;
            const pi = r.piLower !== null && r.piUpper !== null;
            const fill = line.total ? '#111' : '#444';
            // A diamond wider than the axis is cut at the edge: an arrow says it goes on, as for a study's CI.
            const [lo, hi] = [toAxis(r.ciLower), toAxis(r.ciUpper)];
            return (
              <g key={r.key} className="forest-pooled" fontWeight={line.total ? 700 : 600}>
                <text x={X.label} y={baseline}>{r.label === 'Total' ? 'Total (95% CI)' : r.label}</text>
                {line.total || r.label === 'Subtotal' ? <text x={X.weight} y={baseline} textAnchor="end">100.0%</text> : null}
                <text x={X.effect} y={baseline}>{r.effectText}</text>
                <polygon points={diamond(clampX(toAxis(r.estimate)), y, clampX(lo), clampX(hi))} fill={fill} />
                {lo < axis.min && <polygon className="forest-arrow" points={arrow(plotX - 1, y, -1)} fill={fill} />}
                {hi > axis.max && <polygon className="forest-arrow" points={arrow(plotX + PLOT_W + 1, y, 1)} fill={fill} />}
                {pi && (
                  <g stroke="#c0392b" strokeWidth={2}>
                    <line x1={clampX(toAxis(r.piLower!))} x2={clampX(toAxis(r.piUpper!))} y1={y + 8} y2={y + 8} />
                  </g>
                )}
              </g>
            );
          }
        }
      })}

      {/* Axis */}
      <g transform={`translate(0, ${axisTop})`}>
        <line x1={plotX} x2={plotX + PLOT_W} y1={0} y2={0} stroke="#000" />
        {axis.ticks.map((t) => (
          <g key={t.at} transform={`translate(${sx(t.at)}, 0)`}>
            <line y1={0} y2={5} stroke="#000" />
            <text y={18} textAnchor="middle">{t.label}</text>
          </g>
        ))}
        <text x={plotX + 4} y={36} textAnchor="start" fontWeight={600}>{model.favoursLeft}</text>
        <text x={plotX + PLOT_W - 4} y={36} textAnchor="end" fontWeight={600}>{model.favoursRight}</text>
        {(model.overall?.piLower != null || model.bayesian) && (
          <g>
            <line x1={X.label} x2={X.label + 18} y1={32} y2={32} stroke="#c0392b" strokeWidth={2} />
            <text x={X.label + 24} y={36} fill="#444" fontSize={FONT - 1}>Prediction interval</text>
          </g>
        )}
        {model.groups.some((g) => g.rows.some((r) => r.derived || r.secondary)) && (
          <text x={X.label + 150} y={36} fill="#8a4b00" fontSize={FONT - 1}>† derived value  ‡ secondary source</text>
        )}
        {recoveryLegend && (
          <text x={X.label} y={caption ? 56 + captionLines * 14 + 4 : 58} fill="#8a4b00" fontSize={FONT - 1}>{recoveryLegend}</text>
        )}
        {caption && (
          <text x={X.label} y={56} fill="#555" fontSize={FONT - 2}>{caption}</text>
        )}
      </g>
    </svg>
  );
});

function diamond(cx: number, cy: number, left: number, right: number): string {
  const h = 6;
  return `${left},${cy} ${cx},${cy - h} ${right},${cy} ${cx},${cy + h}`;
}

function arrow(x: number, y: number, dir: -1 | 1): string {
  return `${x},${y} ${x - dir * 7},${y - 4} ${x - dir * 7},${y + 4}`;
}

const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
