/**
 * Φ(x), the standard normal CDF, by W. J. Cody's rational Chebyshev approximations (Cody 1969,
 * Math Comp 23:631–637; ALGORITHM 715, ACM TOMS 19:22–32, 1993: the `anorm` routine), the method of
 * R's `pnorm()`: three ranges (|x| ≤ 0.67448975, ≤ √32, beyond), e^{−x²/2} split as
 * e^{−⌊16x⌋²/512}·e^{−δ/2} so that the tail keeps its relative accuracy. Relative error ≈ 1e-16.
 *
 * Why not @stdlib (used everywhere else in src/stats): its normal CDF goes through its own
 * JavaScript `exp`, about 10× slower than Math.exp, and the Bayesian engine evaluates Φ millions
 * of times per fit (mixture CDFs for μ, the prediction and every shrinkage estimate). The tests
 * hold this function to @stdlib's values at 1e-15.
 */
const A = [2.2352520354606837, 161.02823106855587, 1067.6894854603709, 18154.98125334356, 0.06568233791820745];
const B = [47.202581904688245, 976.0985517377767, 10260.932208618979, 45507.78933502673];
const C = [
  0.39894151208813466, 8.883149794388377, 93.50665613217785, 597.2702763948002, 2494.5375852903726,
  6848.190450536283, 11602.65143764735, 9842.714838383978, 1.0765576773720192e-08,
];
const D = [
  22.266688044328117, 235.387901782625, 1519.3775994075547, 6485.558298266761, 18615.571640885097,
  34900.95272114598, 38912.00328609327, 19685.429676859992,
];
const P = [
  0.215898534057957, 0.12740116116024736, 0.022235277870649807, 0.0014216191932278934, 2.9112874951168793e-5,
  0.023073441764940174,
];
const Q = [1.284260096144911, 0.4682382124808651, 0.06598813786892856, 0.0037823963320275824, 7.297515550839662e-05];
const [a0, a1, a2, a3, a4] = A as [number, number, number, number, number];
const [b0, b1, b2, b3] = B as [number, number, number, number];
const [c0, c1, c2, c3, c4, c5, c6, c7, c8] = C as [number, number, number, number, number, number, number, number, number];
const [d0, d1, d2, d3, d4, d5, d6, d7] = D as [number, number, number, number, number, number, number, number];
const [p0, p1, p2, p3, p4, p5] = P as [number, number, number, number, number, number];
const [q0, q1, q2, q3, q4] = Q as [number, number, number, number, number];
const SQRT_32 = Math.sqrt(32);
const INV_SQRT_2PI = 0.3989422804014327;

/** e^{−y²/2}·r with y² split at a multiple of 1/16 (exact in binary) to keep the tail's digits. */
function gaussianTail(y: number, r: number): number {
  const ysq = Math.trunc(y * 16) / 16;
  const del = (y - ysq) * (y + ysq);
  return Math.exp(-ysq * ysq * 0.5) * Math.exp(-del * 0.5) * r;
}

/** Φ(x) = P(Z ≤ x) for Z ~ N(0, 1). */
export function normalCdf(x: number): number {
  const y = Math.abs(x);
  if (y <= 0.67448975) {
    const xsq = y > 1.1102230246251565e-16 ? x * x : 0;
    let xnum = a4 * xsq;
    let xden = xsq;
    xnum = (xnum + a0) * xsq;
    xden = (xden + b0) * xsq;
    xnum = (xnum + a1) * xsq;
    xden = (xden + b1) * xsq;
    xnum = (xnum + a2) * xsq;
    xden = (xden + b2) * xsq;
    return 0.5 + (x * (xnum + a3)) / (xden + b3);
  }
  let tail: number;
  if (y <= SQRT_32) {
    let xnum = c8 * y;
    let xden = y;
    xnum = (xnum + c0) * y;
    xden = (xden + d0) * y;
    xnum = (xnum + c1) * y;
    xden = (xden + d1) * y;
    xnum = (xnum + c2) * y;
    xden = (xden + d2) * y;
    xnum = (xnum + c3) * y;
    xden = (xden + d3) * y;
    xnum = (xnum + c4) * y;
    xden = (xden + d4) * y;
    xnum = (xnum + c5) * y;
    xden = (xden + d5) * y;
    xnum = (xnum + c6) * y;
    xden = (xden + d6) * y;
    tail = gaussianTail(y, (xnum + c7) / (xden + d7));
  } else if (y < 38.5) {
    const xsq = 1 / (x * x);
    let xnum = p5 * xsq;
    let xden = xsq;
    xnum = (xnum + p0) * xsq;
    xden = (xden + q0) * xsq;
    xnum = (xnum + p1) * xsq;
    xden = (xden + q1) * xsq;
    xnum = (xnum + p2) * xsq;
    xden = (xden + q2) * xsq;
    xnum = (xnum + p3) * xsq;
    xden = (xden + q3) * xsq;
    const r = (xsq * (xnum + p4)) / (xden + q4);
    tail = gaussianTail(y, (INV_SQRT_2PI - r) / y);
  } else {
    if (Number.isNaN(x)) return Number.NaN;
    tail = 0;
  }
  return x > 0 ? 1 - tail : tail;
}

/**
 * F(x) = Σ wⱼ Φ((x − mⱼ)/sⱼ) and f(x) = Σ wⱼ φ((x − mⱼ)/sⱼ)/sⱼ of a normal mixture in one pass, for the
 * Newton steps of its quantiles (normal-mixture.ts): Cody's approximation inlined in the loop, one
 * exponential per component serving both Φ's tail (e^{−z²/2}·R(|z|)) and φ. e^{−z²/2} is taken
 * directly rather than split as in `normalCdf`, which costs relative accuracy ~z²·1e-16 in the far
 * tail (1e-13 at |z| = 37), far below what a component there contributes. The loop calls no
 * function and allocates nothing (a double passed to or returned from a call that is not inlined
 * is boxed); the result goes to out[0] (F), out[1] (f) and out[2] (f′ = −Σ wⱼ φ(zⱼ) zⱼ / sⱼ², for
 * Halley's step in `NormalMixture.quantile`).
 */
export function normalMixtureCdfAndDensity(
  x: number,
  weights: Float64Array,
  means: Float64Array,
  sds: Float64Array,
  size: number,
  out: Float64Array,
): void {
  let F = 0;
  let f = 0;
  let slope = 0;
  for (let j = 0; j < size; j++) {
    const sd = sds[j]!;
    const w = weights[j]!;
    const z = (x - means[j]!) / sd;
    const y = Math.abs(z);
    const kernel = Math.exp(-0.5 * z * z);
    const density = (w * kernel) / sd;
    f += density;
    slope -= (density * z) / sd;
    let cdf: number;
    if (y <= 0.67448975) {
      const xsq = z * z;
      let xnum = a4 * xsq;
      let xden = xsq;
      xnum = (xnum + a0) * xsq;
      xden = (xden + b0) * xsq;
      xnum = (xnum + a1) * xsq;
      xden = (xden + b1) * xsq;
      xnum = (xnum + a2) * xsq;
      xden = (xden + b2) * xsq;
      cdf = 0.5 + (z * (xnum + a3)) / (xden + b3);
    } else {
      let tail: number;
      if (y <= SQRT_32) {
        let xnum = c8 * y;
        let xden = y;
        xnum = (xnum + c0) * y;
        xden = (xden + d0) * y;
        xnum = (xnum + c1) * y;
        xden = (xden + d1) * y;
        xnum = (xnum + c2) * y;
        xden = (xden + d2) * y;
        xnum = (xnum + c3) * y;
        xden = (xden + d3) * y;
        xnum = (xnum + c4) * y;
        xden = (xden + d4) * y;
        xnum = (xnum + c5) * y;
        xden = (xden + d5) * y;
        xnum = (xnum + c6) * y;
        xden = (xden + d6) * y;
        tail = (kernel * (xnum + c7)) / (xden + d7);
      } else if (y < 38.5) {
        const xsq = 1 / (z * z);
        let xnum = p5 * xsq;
        let xden = xsq;
        xnum = (xnum + p0) * xsq;
        xden = (xden + q0) * xsq;
        xnum = (xnum + p1) * xsq;
        xden = (xden + q1) * xsq;
        xnum = (xnum + p2) * xsq;
        xden = (xden + q2) * xsq;
        xnum = (xnum + p3) * xsq;
        xden = (xden + q3) * xsq;
        const r = (xsq * (xnum + p4)) / (xden + q4);
        tail = (kernel * (INV_SQRT_2PI - r)) / y;
      } else {
        tail = 0;
      }
      cdf = z > 0 ? 1 - tail : tail;
    }
    F += w * cdf;
  }
  out[0] = F;
  out[1] = f * INV_SQRT_2PI;
  out[2] = slope * INV_SQRT_2PI;
}
