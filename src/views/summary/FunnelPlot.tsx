import type { SofRow } from '../../model/summary-of-findings/summary-of-findings';

/**
 * Funnel plot (Sterne et al. 2011, BMJ 343:d4002): each trial's effect against its standard error
 * (0 at the top), the pooled estimate as a vertical line and the pseudo 95% confidence limits
 * (estimate ± 1.96·SE). Shown only with 10 or more trials, with Egger's test beside it.
 */
export function FunnelPlot({ row }: { row: SofRow }) {
  if (!row.pooled || !row.egger) return null;
  const W = 360, H = 240, L = 48, R = 12, T = 12, B = 36;
  const centre = row.pooled.yi;
  const maxSe = Math.max(...row.trials.map((t) => t.sei)) * 1.1;
  const spread = Math.max(...row.trials.map((t) => Math.abs(t.yi - centre)), 1.96 * maxSe) * 1.05;
  const x = (v: number) => L + ((v - (centre - spread)) / (2 * spread)) * (W - L - R);
  const y = (se: number) => T + (se / maxSe) * (H - T - B);
  const fmt = (v: number) => (row.isRatio ? Math.exp(v) : v).toFixed(2);
  const ticks = [centre - spread * 0.8, centre, centre + spread * 0.8];
  const e = row.egger;
  const summary = `Funnel plot of ${row.trials.length} trials for ${row.outcomeLabel.toLowerCase()}; Egger's test t(${e.df}) = ${e.statistic.toFixed(2)}, p = ${e.pValue.toFixed(3)}.`;
  return (
    <figure className="sof-funnel">
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary}>
        <rect x={0} y={0} width={W} height={H} fill="#ffffff" />
        <polygon points={`${x(centre)},${y(0)} ${x(centre - 1.96 * maxSe)},${y(maxSe)} ${x(centre + 1.96 * maxSe)},${y(maxSe)}`} fill="#eef2f6" stroke="#8c959f" strokeDasharray="4 3" />
        <line x1={x(centre)} x2={x(centre)} y1={y(0)} y2={y(maxSe)} stroke="#24292f" />
        {row.trials.map((t) => <circle key={t.studyId} cx={x(t.yi)} cy={y(t.sei)} r={3.5} fill="#0b5cad" />)}
        <line x1={L} x2={W - R} y1={H - B} y2={H - B} stroke="#24292f" />
        <line x1={L} x2={L} y1={T} y2={H - B} stroke="#24292f" />
        {ticks.map((v) => <text key={v} x={x(v)} y={H - B + 14} textAnchor="middle" fontSize={10}>{fmt(v)}</text>)}
        <text x={(L + W - R) / 2} y={H - 4} textAnchor="middle" fontSize={10}>{row.measure}{row.isRatio ? ' (log scale)' : ''}</text>
        <text x={L - 6} y={y(0) + 4} textAnchor="end" fontSize={10}>0</text>
        <text x={L - 6} y={y(maxSe) + 4} textAnchor="end" fontSize={10}>{maxSe.toFixed(2)}</text>
        <text x={12} y={(T + H - B) / 2} fontSize={10} transform={`rotate(-90 12 ${(T + H - B) / 2})`} textAnchor="middle">SE</text>
      </svg>
      <figcaption>{summary} {e.pValue < 0.1 ? 'Asymmetry (p < 0.10): small-study effects possible.' : 'No asymmetry detected (p ≥ 0.10); the test has low power.'}</figcaption>
    </figure>
  );
}
