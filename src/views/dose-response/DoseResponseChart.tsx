import {
  Area,
  CartesianGrid,
  ComposedChart,
  ErrorBar,
  Line,
  ReferenceLine,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
  Label,
} from 'recharts';
import type { MsPhase } from '../../evidence/schema';
import { PHASE_SHORT_LABEL } from '../../evidence/vocabulary';
import type { DosePoint, DoseResponseModel } from '../../model/dose-response-model';
import { logAxisTicks, niceTicks } from '../../model/forest-axis';

/** Okabe-Ito: distinguishable with the common colour-vision deficiencies; shape is a second channel. */
export const PHASE_STYLE: Record<MsPhase, { colour: string; shape: 'circle' | 'square' | 'triangle' | 'diamond' | 'cross' | 'star' }> = {
  RR: { colour: '#0072B2', shape: 'circle' },
  SP: { colour: '#D55E00', shape: 'square' },
  PP: { colour: '#009E73', shape: 'triangle' },
  'PP+SP': { colour: '#CC79A7', shape: 'diamond' },
  CIS: { colour: '#E69F00', shape: 'star' },
  unspecified: { colour: '#555555', shape: 'cross' },
};

interface ShapeProps { cx?: number; cy?: number; payload?: DosePoint }

function BubbleShape({ cx, cy, payload }: ShapeProps) {
  if (cx === undefined || cy === undefined || !payload) return null;
  const style = PHASE_STYLE[payload.phase];
  // Area proportional to weight (r ∝ √weight, a 100% point would have r = 20); a floor keeps
  // tiny weights visible. Hollow points have no weight.
  const r = payload.weightPercent === null ? 5 : Math.max(3, 20 * Math.sqrt(payload.weightPercent / 100));
  const fill = payload.hollow ? '#ffffff' : style.colour;
  const common = { fill, fillOpacity: payload.hollow ? 1 : 0.75, stroke: style.colour, strokeWidth: 2 };
  switch (style.shape) {
    case 'square':
      return <rect x={cx - r * 0.89} y={cy - r * 0.89} width={r * 1.78} height={r * 1.78} {...common} />;
    case 'triangle':
      return <polygon points={`${cx},${cy - r * 1.2} ${cx - r * 1.05},${cy + r * 0.7} ${cx + r * 1.05},${cy + r * 0.7}`} {...common} />;
    case 'diamond':
      return <polygon points={`${cx},${cy - r * 1.2} ${cx + r * 1.2},${cy} ${cx},${cy + r * 1.2} ${cx - r * 1.2},${cy}`} {...common} />;
    case 'cross':
      return <path d={`M${cx - r},${cy - r}L${cx + r},${cy + r}M${cx - r},${cy + r}L${cx + r},${cy - r}`} stroke={style.colour} strokeWidth={3} />;
    case 'star':
      return <polygon points={star(cx, cy, r * 1.2)} {...common} />;
    default:
      return <circle cx={cx} cy={cy} r={r} {...common} />;
  }
}

/** The range bar's carrier draws no mark of its own (the phase's point is drawn on top). */
function NoMark() {
  return null;
}

function star(cx: number, cy: number, r: number): string {
  return Array.from({ length: 10 }, (_, i) => {
    const a = (Math.PI / 5) * i - Math.PI / 2;
    const rr = i % 2 === 0 ? r : r / 2.2;
    return `${cx + rr * Math.cos(a)},${cy + rr * Math.sin(a)}`;
  }).join(' ');
}

function TooltipBody({ active, payload }: { active?: boolean; payload?: { payload?: unknown }[] }) {
  const p = payload?.[0]?.payload as DosePoint | undefined;
  if (!active || !p || !('armLabel' in p)) return null;
  return (
    <div className="chart-tooltip">
      <strong>{p.label}</strong> — {p.armLabel} ({PHASE_SHORT_LABEL[p.phase]})
      {p.regimen && <div>“{p.regimen}”</div>}
      <div>Dose: {p.doseText}{p.doseFormula && <> — {p.doseFormula}</>}</div>
      {p.doseRange && <div>Dose range: {p.doseRange.text}</div>}
      {p.recoveries.map((m, i) => <div key={i}>{m.symbol} {m.name}: {m.formula}</div>)}
      <div>Effect: {p.effectText}{p.weightPercent !== null && <> · weight {p.weightPercent.toFixed(1)}%</>}</div>
      {p.hollowReason && <div>{p.hollowReason}</div>}
    </div>
  );
}

interface Props {
  model: DoseResponseModel;
  logDose: boolean;
  width: number;
  height: number;
}

export function DoseResponseChart({ model, logDose, width, height }: Props) {
  const back = (y: number) => (model.isRatio ? Math.exp(y) : y);
  const points = model.points.map((p) => ({
    ...p,
    error: p.ciLower !== null && p.ciUpper !== null ? [p.yi - p.ciLower, p.ciUpper - p.yi] : [0, 0],
    doseError: p.doseRange ? [p.dose - p.doseRange.lower, p.doseRange.upper - p.dose] : [0, 0],
  }));
  const ranged = points.filter((p) => p.doseRange !== null);
  const band = (model.regression?.band ?? []).map((b) => ({ ...b, ci: [b.ciLower, b.ciUpper], pi: [b.piLower, b.piUpper] }));
  const ys = [
    ...points.flatMap((p) => [p.ciLower ?? p.yi, p.ciUpper ?? p.yi]),
    ...band.flatMap((b) => [b.piLower, b.piUpper]),
    0,
  ];
  const doses = points.flatMap((p) => (p.doseRange ? [p.dose, p.doseRange.lower, p.doseRange.upper] : [p.dose]));
  const yMin = Math.min(...ys);
  const yMax = Math.max(...ys);
  const pad = (yMax - yMin) * 0.08 || 0.5;
  const xMax = Math.max(...doses, 0.1) * 1.1;
  const xMin = logDose ? Math.max(0.01, Math.min(...doses) / 1.5) : 0;
  const logAxis = logDose ? logAxisTicks(xMin, xMax) : null;
  const yTicks = model.isRatio ? ratioTicks(yMin - pad, yMax + pad) : niceTicks(yMin - pad, yMax + pad);
  const multiArm = [...new Set(points.filter((p) => p.siblings > 1).map((p) => p.studyId))];
  const phases = [...new Set(points.map((p) => p.phase))];
  return (
    <ComposedChart width={width} height={height} margin={{ top: 12, right: 24, bottom: 48, left: 64 }} data={band}>
      <CartesianGrid stroke="#e5e5e5" />
      <XAxis
        type="number"
        dataKey="dose"
        domain={logAxis ? logAxis.domain : [xMin, xMax]}
        ticks={logAxis ? logAxis.ticks : niceTicks(xMin, xMax)}
        scale={logDose ? 'log' : 'linear'}
        allowDataOverflow
        tickFormatter={(v: number) => String(Number(v.toPrecision(2)))}
        tick={{ fontSize: 12 }}
      >
        <Label value={model.xLabel} position="bottom" offset={20} style={{ fontSize: 13 }} />
      </XAxis>
      <YAxis
        type="number"
        domain={[yMin - pad, yMax + pad]}
        ticks={yTicks}
        allowDataOverflow
        tickFormatter={(v: number) => String(Number(back(v).toPrecision(2)))}
        tick={{ fontSize: 12 }}
      >
        <Label value={model.yLabel} angle={-90} position="insideLeft" offset={-44} style={{ fontSize: 13, textAnchor: 'middle' }} />
      </YAxis>
      <ReferenceLine y={0} stroke="#000" strokeDasharray="4 3" />
      {band.length > 0 && (
        <>
          <Area dataKey="pi" stroke="none" fill="#9e9e9e" fillOpacity={0.18} isAnimationActive={false} name="Prediction interval" />
          <Area dataKey="ci" stroke="none" fill="#555" fillOpacity={0.22} isAnimationActive={false} name="95% CI" />
          <Line dataKey="pred" stroke="#111" strokeWidth={2} dot={false} isAnimationActive={false} name="Meta-regression" />
        </>
      )}
      {multiArm.map((id) => (
        <Line key={id} data={points.filter((p) => p.studyId === id)} dataKey="yi" stroke="#777" strokeDasharray="3 3" dot={false} isAnimationActive={false} legendType="none" />
      ))}
      {/* A dose reported as a range (AIMS 0.15–0.2 g/kg): a horizontal bar through the point at its midpoint. */}
      {ranged.length > 0 && (
        <Scatter name="dose range" data={ranged} dataKey="yi" shape={NoMark} isAnimationActive={false} legendType="none">
          <ErrorBar dataKey="doseError" direction="x" width={6} stroke="#333" strokeWidth={3} isAnimationActive={false} />
        </Scatter>
      )}
      {phases.map((phase) => (
        <Scatter key={phase} name={phase} data={points.filter((p) => p.phase === phase)} dataKey="yi" shape={BubbleShape} isAnimationActive={false}>
          <ErrorBar dataKey="error" direction="y" width={4} stroke={PHASE_STYLE[phase].colour} isAnimationActive={false} />
        </Scatter>
      ))}
      <Tooltip content={<TooltipBody />} isAnimationActive={false} />
    </ComposedChart>
  );
}

/** Log-scale ticks for a ratio axis: 0.1 0.2 0.5 1 2 5 10 within the domain. */
function ratioTicks(lo: number, hi: number): number[] {
  const candidates = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].map(Math.log);
  const inside = candidates.filter((t) => t >= lo && t <= hi);
  return inside.length >= 2 ? inside : [lo, 0, hi].filter((t, i, a) => a.indexOf(t) === i).sort((a, b) => a - b);
}
