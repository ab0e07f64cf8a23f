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
