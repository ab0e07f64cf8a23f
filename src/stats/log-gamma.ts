/**
 * Natural logarithm of the gamma function, ln Γ(x), from @stdlib (not hand-rolled): used by
 * Hedges' exact small-sample correction, c(m) = Γ(m/2) / (√(m/2) Γ((m − 1)/2)).
 * Edge cases: as R's lgamma(), the poles (0, −1, …) give Infinity; the engine asks only for x > 0
 * (m > 1 is checked by the caller).
 */
import gammaln from '@stdlib/math-base-special-gammaln';

export function logGamma(x: number): number {
  return gammaln(x);
}
