/**
 * A finite mixture of normal distributions, Σⱼ wⱼ N(mⱼ, sⱼ²) with Σ wⱼ = 1: the form every marginal
 * posterior of the Bayesian model takes once τ is integrated out by quadrature (μ | y, the
 * predictive θ_new | y and each shrinkage θᵢ | y are normal given τ; the quadrature nodes τⱼ with
 * their normalised weights wⱼ make the mixture). Röver 2020, J Stat Softw 93(6), §2.4 and §3.3
 * (bayesmeta evaluates the same mixtures, on its DIRECT grid).
 *
 *   F(x) = Σ wⱼ Φ((x − mⱼ)/sⱼ),   f(x) = Σ wⱼ φ((x − mⱼ)/sⱼ)/sⱼ,
 *   mean = Σ wⱼ mⱼ,   variance = Σ wⱼ (sⱼ² + (mⱼ − mean)²)  (two passes, no cancellation).
 *
 * Quantiles solve F(x) = p by Newton's method with f as the derivative, started at the normal
 * approximation mean + sd·Φ⁻¹(p) and kept inside a bracket (bisection when a step leaves it).
 * The arrays are owned by the caller and may be refilled (no allocation per evaluation).
 */
import { standardNormalQuantile } from '../distributions';
import { normalCdf as standardNormalCdf, normalCdfAndKernel } from './normal-cdf';
import { increasingRoot } from './increasing-root';

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

export class NormalMixture {
  readonly weights: Float64Array;
  readonly means: Float64Array;
  readonly sds: Float64Array;
  size: number;

  constructor(weights: Float64Array, means: Float64Array, sds: Float64Array, size = weights.length) {
    this.weights = weights;
    this.means = means;
    this.sds = sds;
    this.size = size;
  }

  mean(): number {
    let m = 0;
    for (let j = 0; j < this.size; j++) m += this.weights[j]! * this.means[j]!;
    return m;
  }

  variance(mean = this.mean()): number {
    let v = 0;
    for (let j = 0; j < this.size; j++) {
      const d = this.means[j]! - mean;
      const s = this.sds[j]!;
      v += this.weights[j]! * (s * s + d * d);
    }
    return v;
  }

  cdf(x: number): number {
    let F = 0;
    for (let j = 0; j < this.size; j++) F += this.weights[j]! * standardNormalCdf((x - this.means[j]!) / this.sds[j]!);
    return Math.min(1, Math.max(0, F));
  }

  density(x: number): number {
    let f = 0;
    for (let j = 0; j < this.size; j++) {
      const s = this.sds[j]!;
      const z = (x - this.means[j]!) / s;
      f += (this.weights[j]! * Math.exp(-0.5 * z * z)) / s;
    }
    return f * INV_SQRT_2PI;
  }

  private readonly point = { cdf: 0, kernel: 0 };

  private cdfAndDensity(x: number, out: { value: number; derivative: number }): void {
    let F = 0;
    let f = 0;
    const point = this.point;
    for (let j = 0; j < this.size; j++) {
      const s = this.sds[j]!;
      const w = this.weights[j]!;
      normalCdfAndKernel((x - this.means[j]!) / s, point);
      F += w * point.cdf;
      f += (w * point.kernel) / s;
    }
    out.value = F;
    out.derivative = f * INV_SQRT_2PI;
  }

  /** The p-quantile (0 < p < 1); `mean` and `sd` are the mixture's, used for the start and the bracket. */
  quantile(p: number, mean: number, sd: number): number {
    const start = mean + sd * standardNormalQuantile(p);
    const scratch = { value: 0, derivative: 0 };
    return increasingRoot((x) => {
      this.cdfAndDensity(x, scratch);
      return scratch;
    }, p, start, sd);
  }
}
