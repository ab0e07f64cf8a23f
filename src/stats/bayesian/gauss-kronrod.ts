/**
 * Globally adaptive Gauss–Kronrod quadrature (the 7-point Gauss rule embedded in the 15-point
 * Kronrod rule, G7–K15), the rule of QUADPACK's `qk15` (Piessens, de Doncker-Kapenga, Überhuber &
 * Kahaner 1983, QUADPACK, Springer, §2.2; the node and weight values are those of `qk15.f`).
 *
 * Why our own: the npm registry offers no maintained adaptive Gauss–Kronrod routine that fits
 * (the one quadrature package listed, flo-gauss-quadrature, is a fixed-order Gauss–Legendre rule
 * without an error estimate), and the Bayesian engine needs the nodes themselves (it reuses the
 * final nodes as the mixture over τ), which a black-box integrator would hide.
 *
 * Error control, as QUADPACK's `qag` with the plain estimate: on each interval the error is
 * |K15 − G7| (K15 is exact for polynomials of degree ≤ 22, G7 for degree ≤ 13, so the difference
 * bounds the G7 error and grossly over-estimates the K15 error on smooth integrands). The interval
 * with the largest error is bisected until Σ errors ≤ max(absoluteTolerance,
 * relativeTolerance·|Σ integrals|), or `maxIntervals` is reached (then a ConvergenceError names the
 * error achieved).
 */
import { ConvergenceError } from '../errors';

/** Kronrod abscissae on [−1, 1] (non-negative half, descending; index 7 is the centre). */
export const KRONROD_NODES = [
  0.9914553711208126, 0.9491079123427585, 0.8648644233597691,
  0.7415311855993945, 0.5860872354676911, 0.4058451513773972,
  0.20778495500789848, 0,
] as const;

/** Kronrod weights for KRONROD_NODES. */
export const KRONROD_WEIGHTS = [
  0.022935322010529224, 0.06309209262997856, 0.10479001032225019,
  0.14065325971552592, 0.1690047266392679, 0.19035057806478542,
  0.20443294007529889, 0.20948214108472782,
] as const;

/** Gauss weights for the nodes KRONROD_NODES[1], [3], [5], [7] (the 7-point Gauss rule). */
export const GAUSS_WEIGHTS = [
  0.1294849661688697, 0.27970539148927664, 0.3818300505051189,
  0.4179591836734694,
] as const;

/** The 15 points of the rule on [a, b], in increasing order, and their Kronrod weights. */
export const RULE_POINTS = 15;

/** Point j (0..14, increasing) of the rule on [−1, 1], and its Kronrod and Gauss weight (0 if not a Gauss node). */
export const STANDARD_POINTS: readonly { x: number; kronrod: number; gauss: number }[] = (() => {
  const points: { x: number; kronrod: number; gauss: number }[] = [];
  for (let j = 0; j < 15; j++) {
    const m = j < 7 ? j : 14 - j; // index into the half tables
    const x = (j < 7 ? -1 : 1) * KRONROD_NODES[m]!;
    const gauss = m % 2 === 1 ? GAUSS_WEIGHTS[(m - 1) / 2]! : 0;
    points.push({ x, kronrod: KRONROD_WEIGHTS[m]!, gauss });
  }
  return points;
})();

export interface QuadratureInterval {
  a: number;
  b: number;
  /** The 15 abscissae in [a, b] and the integrand's values there (kept for reuse). */
  x: Float64Array;
  fx: Float64Array;
  /** K15 estimate and |K15 − G7|. */
  integral: number;
  error: number;
}

export interface QuadratureResult {
  integral: number;
  error: number;
  /** The final partition, in increasing order of a. */
  intervals: QuadratureInterval[];
  evaluations: number;
}

export interface QuadratureTolerance {
  absoluteTolerance?: number;
  relativeTolerance?: number;
  maxIntervals?: number;
}

/** Applies the G7–K15 rule on [a, b]. `f` is called at the 15 points in increasing order. */
export function gaussKronrodInterval(f: (x: number) => number, a: number, b: number): QuadratureInterval {
  const centre = 0.5 * (a + b);
  const half = 0.5 * (b - a);
  const x = new Float64Array(15);
  const fx = new Float64Array(15);
  let kronrod = 0;
  let gauss = 0;
  for (let j = 0; j < 15; j++) {
    const p = STANDARD_POINTS[j]!;
    const xj = centre + half * p.x;
    const v = f(xj);
    x[j] = xj;
    fx[j] = v;
    kronrod += p.kronrod * v;
    gauss += p.gauss * v;
  }
  return { a, b, x, fx, integral: kronrod * half, error: Math.abs((kronrod - gauss) * half) };
}

/**
 * ∫_{breakpoints[0]}^{breakpoints[n−1]} f, starting from the partition given by `breakpoints`
 * (increasing; an initial split at the scales where the integrand changes keeps a narrow peak from
 * falling between the first nodes), then bisecting the interval with the largest error.
 * Defaults: relative tolerance 1e-10, absolute tolerance 0, at most 2,000 intervals.
 */
export function adaptiveGaussKronrod(
  f: (x: number) => number,
  breakpoints: readonly number[],
  tolerance: QuadratureTolerance = {},
  label = 'adaptive Gauss–Kronrod quadrature',
): QuadratureResult {
  const absoluteTolerance = tolerance.absoluteTolerance ?? 0;
  const relativeTolerance = tolerance.relativeTolerance ?? 1e-10;
  const maxIntervals = tolerance.maxIntervals ?? 2000;
  const intervals: QuadratureInterval[] = [];
  for (let i = 0; i + 1 < breakpoints.length; i++) {
    const a = breakpoints[i]!;
    const b = breakpoints[i + 1]!;
    if (b > a) intervals.push(gaussKronrodInterval(f, a, b));
  }
  let evaluations = 15 * intervals.length;
  for (;;) {
    let integral = 0;
    let error = 0;
    let worst = -1;
    let worstError = -1;
    for (let i = 0; i < intervals.length; i++) {
      const iv = intervals[i]!;
      integral += iv.integral;
      error += iv.error;
      // An interval too narrow to bisect in floating point cannot be refined further.
      if (iv.error > worstError && 0.5 * (iv.a + iv.b) > iv.a && 0.5 * (iv.a + iv.b) < iv.b) {
        worstError = iv.error;
        worst = i;
      }
    }
    if (error <= Math.max(absoluteTolerance, relativeTolerance * Math.abs(integral)) || worst < 0) {
      return { integral, error, intervals, evaluations };
    }
    if (intervals.length >= maxIntervals) {
      throw new ConvergenceError(
        label,
        intervals.length,
        `estimated error ${error} above the tolerance ${Math.max(absoluteTolerance, relativeTolerance * Math.abs(integral))}`,
      );
    }
    const iv = intervals[worst]!;
    const mid = 0.5 * (iv.a + iv.b);
    intervals.splice(worst, 1, gaussKronrodInterval(f, iv.a, mid), gaussKronrodInterval(f, mid, iv.b));
    evaluations += 30;
  }
}
