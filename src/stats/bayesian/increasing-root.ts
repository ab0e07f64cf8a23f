/**
 * Solves F(x) = target for an increasing F (a CDF) by Newton's method with a bracket built on the
 * way: every evaluation moves the lower or the upper end; a Newton step that leaves the bracket is
 * replaced by bisection, or, while one end is still open, by a step of `step` outwards that
 * doubles each time (as is a Newton step 1,000 times longer than it). Convergence:
 * a Newton step below 1e-5·max(|x|, step) (quadratic convergence makes the remaining error ~1e-10
 * of that scale), or a bisection step below 1e-13·max(|x|, step). Started at a normal
 * approximation of the quantile, Newton converges quadratically in 2–4 evaluations where the
 * density is positive; the bracket guarantees progress in flat tails. (Press et al., Numerical
 * Recipes, 3rd ed., §9.4, "rtsafe".)
 */
import { ConvergenceError } from '../errors';

export interface ValueAndDerivative {
  value: number;
  derivative: number;
}

export function increasingRoot(
  F: (x: number) => ValueAndDerivative,
  target: number,
  start: number,
  step: number,
  lowerLimit = Number.NEGATIVE_INFINITY,
  label = 'quantile search',
  maxIterations = 300,
): number {
  const scale = step > 0 && Number.isFinite(step) ? step : Math.max(1, Math.abs(start));
  let lo = lowerLimit;
  let hi = Number.POSITIVE_INFINITY;
  let width = scale;
  let x = Number.isFinite(start) ? Math.max(start, lowerLimit) : Math.max(0, lowerLimit);
  for (let iter = 0; iter < maxIterations; iter++) {
    const { value, derivative } = F(x);
    const residual = value - target;
    if (residual === 0) return x;
    if (residual < 0) lo = x;
    else hi = x;
    let next = derivative > 0 ? x - residual / derivative : Number.NaN;
    // While one end is open, a Newton step of more than 1,000 outward steps comes from a flat
    // stretch of F (between the narrow modes of a mixture of well-separated normals, where the
    // density is ~0): it went to −3.5e28 there, and the bracket it left did not shrink in 300
    // iterations. It is replaced by the outward step. At the starts the posteriors give, Newton's
    // steps are within a few `step`s: no number of 96 fits (k = 0 to 1,000, four τ priors, two μ
    // priors, two levels) changed.
    const farJump = !(Number.isFinite(lo) && Number.isFinite(hi)) && Math.abs(next - x) > 1000 * width;
    if (next > lo && next < hi && !farJump) {
      // Newton converges quadratically: after a step of h the error is O(h²·F''/F'), so a step
      // below 1e-5 of the scale leaves an error near 1e-10 of it (F''/F' is ~ z/sd for a near-normal F).
      if (Math.abs(next - x) <= 1e-5 * Math.max(Math.abs(next), scale)) return next;
    } else {
      if (Number.isFinite(lo) && Number.isFinite(hi)) next = 0.5 * (lo + hi);
      else if (residual < 0) {
        next = x + width;
        width *= 2;
      } else {
        next = Number.isFinite(lo) ? 0.5 * (lo + x) : x - width;
        width *= 2;
      }
    }
    if (Math.abs(next - x) <= 1e-13 * Math.max(Math.abs(next), scale)) return next;
    x = next;
  }
  throw new ConvergenceError(label, maxIterations, `bracket [${lo}, ${hi}] for ${target} did not shrink`);
}
