/**
 * Root of a decreasing convex function by Newton's method kept inside a bracket.
 *
 * Used for the generalized Q equation y'P(τ²)y = target (Paule-Mandel, Q-profile bounds): Q(τ²) is
 * decreasing with Q' = −y'PPy and convex with Q'' = 2y'PPPy >= 0, so Newton steps from the
 * left of the root approach it monotonically; the bracket and a bisection fallback guard against
 * rounding. Convergence: a step (or the bracket) smaller than `relativeTolerance`·|x|.
 */
import { ConvergenceError, MetaAnalysisError } from './errors';

export interface FunctionWithDerivative {
  value: number;
  derivative: number;
}

export function newtonDecreasingRoot(
  f: (x: number) => FunctionWithDerivative,
  lower: number,
  upper: number,
  label: string,
  relativeTolerance = 1e-13,
  maxIterations = 200,
): { root: number; iterations: number } {
  let lo = lower;
  let hi = upper;
  let x = lower;
  for (let iter = 1; iter <= maxIterations; iter++) {
    const { value, derivative } = f(x);
    if (Number.isNaN(value)) throw new MetaAnalysisError(`${label}: the function is NaN at ${x}`);
    if (value === 0) return { root: x, iterations: iter };
    if (value > 0) lo = x;
    else hi = x;
    let next = derivative < 0 ? x - value / derivative : Number.NaN;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    const step = Math.abs(next - x);
    x = next;
    if (step <= relativeTolerance * Math.abs(x) || hi - lo <= relativeTolerance * Math.abs(hi)) {
      return { root: x, iterations: iter };
    }
  }
  throw new ConvergenceError(label, maxIterations, `bracket [${lo}, ${hi}] did not shrink below the tolerance`);
}
