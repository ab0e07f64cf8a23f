import { describe, expect, it } from 'vitest';
import { standardNormalCdf } from '../distributions';
import { normalCdf } from './normal-cdf';

describe('normalCdf (Cody 1993)', () => {
  // @stdlib's own tail drifts by up to 1.8e-13 relative below x = −10 (R's pnorm agrees with ours there:
  // see the R grid in bayes-quadrature.test.ts), hence 1e-12 here.
  it('equals @stdlib’s Φ to 1e-12 relative (lower tail) from −37 to 8.5, in all three ranges', () => {
    let worst = 0;
    for (let x = -37; x <= 8.5; x += 0.01237) {
      const expected = standardNormalCdf(x);
      const error = Math.abs(normalCdf(x) - expected) / expected;
      worst = Math.max(worst, error);
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it('gives R’s pnorm values at the range boundaries and in the far tail', () => {
    // R 4.2.2: sprintf("%.17g", pnorm(c(-1.96, -10, -30)))
    expect(normalCdf(0)).toBe(0.5);
    expect(Math.abs(normalCdf(-1.96) / 0.024997895148220428 - 1)).toBeLessThan(1e-15);
    expect(Math.abs(normalCdf(-10) / 7.6198530241605269e-24 - 1)).toBeLessThan(1e-14);
    expect(Math.abs(normalCdf(-30) / 4.9067139271481872e-198 - 1)).toBeLessThan(1e-14);
    // Below 1e-290 @stdlib drifts (1.8e-13 relative at −36.666); R and Cody agree there.
    expect(Math.abs(normalCdf(-36.66601) / 1.2716833928946727e-294 - 1)).toBeLessThan(1e-14);
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(40)).toBe(1);
    expect(normalCdf(Number.NaN)).toBeNaN();
  });
});

describe('normalMixtureCdfAndDensity', () => {
  it('equals Σ wΦ, Σ wφ/s and f′ = −Σ wφz/s² computed term by term, in all three ranges of Cody’s approximation', async () => {
    const { normalMixtureCdfAndDensity } = await import('./normal-cdf');
    const weights = Float64Array.from([0.2, 0.5, 0.3]);
    const means = Float64Array.from([-1, 0.3, 2]);
    const sds = Float64Array.from([0.5, 0.1, 2]);
    const out = new Float64Array(3);
    for (const x of [-30, -3.1, -0.9, 0.31, 0.35, 1.2, 4, 25]) {
      normalMixtureCdfAndDensity(x, weights, means, sds, 3, out);
      let F = 0;
      let f = 0;
      let slope = 0;
      for (let j = 0; j < 3; j++) {
        const z = (x - means[j]!) / sds[j]!;
        F += weights[j]! * normalCdf(z);
        const density = (weights[j]! * Math.exp(-0.5 * z * z)) / Math.sqrt(2 * Math.PI) / sds[j]!;
        f += density;
        slope -= (density * z) / sds[j]!;
      }
      expect(Math.abs(out[2]! - slope), `f′(${x})`).toBeLessThanOrEqual(1e-13 * Math.abs(slope) + 1e-300);
      expect(Math.abs(out[0]! - F), `F(${x})`).toBeLessThanOrEqual(1e-15 * Math.max(F, 1e-300) + 1e-300);
      expect(Math.abs(out[1]! - f), `f(${x})`).toBeLessThanOrEqual(1e-14 * f + 1e-300);
    }
  });
});
