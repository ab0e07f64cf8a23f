/**
 * The forest plot's axis: symmetric about the null (as RevMan draws it), with ticks a reader can
 * use — on the ratio scale 0.1 0.2 0.5 1 2 5 10 on a log axis, on the difference scale round
 * numbers. The domain is chosen so that the pooled diamonds always fit; only extreme study CIs
 * are clipped (drawn with an arrow).
 */
export interface ForestAxis {
  /** Domain on the analysis scale (log for ratios). */
  min: number;
  max: number;
  /** Tick positions on the analysis scale, with labels on the display scale. */
  ticks: { at: number; label: string }[];
  isLog: boolean;
}

const RATIO_LADDERS: number[][] = [
  [0.5, 0.7, 1, 1.5, 2],
  [0.2, 0.5, 1, 2, 5],
  [0.1, 0.2, 0.5, 1, 2, 5, 10],
  [0.05, 0.2, 1, 5, 20],
  [0.02, 0.1, 1, 10, 50],
  [0.01, 0.1, 1, 10, 100],
  [0.001, 0.01, 0.1, 1, 10, 100, 1000],
];

const trimNumber = (x: number) => String(Number(x.toPrecision(6)));

/** `needed` = the analysis-scale span the pooled diamonds need; `data` = every CI end. */
export function forestAxis(isRatio: boolean, data: [number, number] | null, needed: [number, number] | null = null): ForestAxis {
  const extent = (r: [number, number] | null) => (r ? Math.max(Math.abs(r[0]), Math.abs(r[1])) : 0);
  if (isRatio) {
    const mustFit = extent(needed);
    // Aim to show every study CI, but never more than 100-fold (RevMan's widest default) unless
    // a diamond needs it: a single tiny study must not squash every other row into the middle.
    const want = Math.max(mustFit, Math.min(extent(data), Math.log(100)));
    const ladder = RATIO_LADDERS.find((l) => Math.log(l[l.length - 1] as number) >= want * 0.999) ?? (RATIO_LADDERS[RATIO_LADDERS.length - 1] as number[]);
    const top = Math.log(ladder[ladder.length - 1] as number);
    return { min: -top, max: top, isLog: true, ticks: ladder.map((v) => ({ at: Math.log(v), label: trimNumber(v) })) };
  }
  const mustFit = extent(needed);
  const want = Math.max(mustFit, extent(data)) || 1;
  const step = niceStep(want / 2);
  const top = Math.ceil(want / step - 1e-9) * step;
  const ticks: { at: number; label: string }[] = [];
  for (let v = -top; v <= top + step / 2; v += step) ticks.push({ at: v, label: trimNumber(Math.abs(v) < step / 1e6 ? 0 : v) });
  return { min: -top, max: top, isLog: false, ticks };
}

function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10) * p;
}

/** Round ticks covering [lo, hi] (about five), for a linear axis. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  // Round the raw step to the nearest 1, 2 or 5 × 10ⁿ (not up, as for the forest's half-range),
  // so that about `count` ticks result.
  const raw = (hi - lo) / count;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  const step = (m <= 1.5 ? 1 : m <= 3 ? 2 : m <= 7 ? 5 : 10) * p;
  const first = Math.ceil(lo / step - 1e-9) * step;
  const ticks: number[] = [];
  // Multiply rather than accumulate, so that 0 is 0 and not −2.8e-16.
  for (let i = 0; first + i * step <= hi + step * 1e-9; i++) {
    const v = Math.round((first + i * step) / step) * step;
    ticks.push(Number(v.toPrecision(12)) || 0);
  }
  return ticks;
}

/** 1, 2, 5 × 10ⁿ: the values a reader finds on a log axis. */
const oneTwoFive = (exponent: number) => [1, 2, 5].map((m) => Number((m * 10 ** exponent).toPrecision(6)));

/**
 * A log axis (the dose-response chart's dose) over [lo, hi] > 0: the domain widened to the
 * nearest 1-2-5 values outside it, and every 1-2-5 value inside as a tick (0.1 0.2 0.5 1 2 for
 * doses of 0.175 to 1), so that there are always at least two labelled ticks a decade apart or
 * closer, instead of whatever the scale's own algorithm picks (two ticks on this data).
 */
export function logAxisTicks(lo: number, hi: number): { domain: [number, number]; ticks: number[] } {
  if (!(lo > 0) || !(hi >= lo)) return { domain: [lo, hi], ticks: [] };
  const values: number[] = [];
  for (let e = Math.floor(Math.log10(lo)) - 1; e <= Math.ceil(Math.log10(hi)); e++) values.push(...oneTwoFive(e));
  const min = [...values].reverse().find((v) => v <= lo * (1 + 1e-9)) ?? lo;
  const max = values.find((v) => v >= hi * (1 - 1e-9)) ?? hi;
  return { domain: [min, max], ticks: values.filter((v) => v >= min && v <= max) };
}
