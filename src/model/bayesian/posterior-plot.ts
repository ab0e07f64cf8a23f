/**
 * The posterior plot's view model: the posterior densities of μ and τ from the engine's grids,
 * each prior on the same grid beside it (so a reader sees how far the data moved it), and the
 * part of μ's posterior on the "favours IVIG" side of no effect, whose area is P(benefit).
 */
import { muPriorDensity, tauPriorDensity } from '../../stats';
import { logAxisTicks, niceTicks } from '../forest-axis';
import { parseMuPrior, parseTauPrior } from './bayes-settings';
import type { BayesianForestRow } from './bayesian-forest';

export interface DensityPanel {
  /** [x, density] on the analysis scale (log for ratios; τ on the analysis scale). */
  posterior: [number, number][];
  /** null: an improper (flat) prior, which has no density to draw. */
  prior: [number, number][] | null;
  xMin: number;
  xMax: number;
  yMax: number;
  ticks: { at: number; label: string }[];
}

export interface PosteriorPlotModel {
  mu: DensityPanel & { benefit: [number, number][] };
  tau: DensityPanel;
  muLabel: string;
  benefitText: string;
  priorText: string;
  flatMu: boolean;
}

/** At most seven ticks: every other 1-2-5 value when the range spans several decades. */
const thin = (ticks: number[]) => (ticks.length <= 7 ? ticks : ticks.filter((v) => /^(1|5)/.test(String(v).replace(/^0\.0*/, ''))));

export function toPosteriorPlot(row: BayesianForestRow, tauPrior: string, muPrior: string, isRatio: boolean): PosteriorPlotModel {
  const t = parseTauPrior(tauPrior);
  const m = parseMuPrior(muPrior);
  const muGrid = row.result.densities.mu;
  const tauGrid = row.result.densities.tau;
  const muPrior_ = 'error' in m ? null : m.prior;
  const muPriorCurve = muPrior_ && muPrior_.name === 'normal' ? muGrid.map(([x]) => [x, muPriorDensity(muPrior_, x)!] as [number, number]) : null;
  const tauPriorCurve = 'error' in t ? null : tauGrid.map(([x]) => [x, tauPriorDensity(t.prior, x)] as [number, number]);
  const muTicks = niceTicks(muGrid[0]![0], muGrid[muGrid.length - 1]![0], 5);
  const tauTicks = niceTicks(0, tauGrid[tauGrid.length - 1]![0], 4);
  const benefit = muGrid.filter(([x]) => (row.lowerFavoursIvig ? x <= 0 : x >= 0));
  const ymax = (curves: ([number, number][] | null)[]) => Math.max(...curves.flatMap((c) => (c ?? []).map(([, y]) => (Number.isFinite(y) ? y : 0))));
  return {
    mu: {
      posterior: muGrid, prior: muPriorCurve, benefit,
      xMin: muGrid[0]![0], xMax: muGrid[muGrid.length - 1]![0],
      // A wide normal prior is nearly flat on this range: scale the panel to the posterior.
      yMax: ymax([muGrid]) * 1.05,
      // A ratio axis gets 1-2-5 ticks (0.5 1 2 5 10), as the forest's; a difference, round numbers.
      ticks: isRatio
        ? thin(logAxisTicks(Math.exp(muGrid[0]![0]), Math.exp(muGrid[muGrid.length - 1]![0])).ticks).map((v) => ({ at: Math.log(v), label: String(v) }))
        : muTicks.map((x) => ({ at: x, label: String(x) })),
    },
    tau: {
      posterior: tauGrid, prior: tauPriorCurve,
      xMin: 0, xMax: tauGrid[tauGrid.length - 1]![0],
      yMax: ymax([tauGrid, tauPriorCurve]) * 1.05,
      ticks: tauTicks.map((x) => ({ at: x, label: String(x) })),
    },
    muLabel: isRatio ? `μ (${row.measure === 'RateRatio' ? 'rate ratio' : row.measure}, log axis)` : `μ (${row.measure})`,
    benefitText: row.benefitText,
    priorText: row.priorText,
    flatMu: muPriorCurve === null,
  };
}
