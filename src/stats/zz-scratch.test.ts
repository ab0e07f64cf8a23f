import { test, expect } from 'vitest';
import { remlTau2, maximumLikelihoodTau2, empiricalBayesTau2, pauleMandelTau2 } from './tau2-estimators';
import { weightedLeastSquares, interceptOnlyData } from './weighted-least-squares';
function prng(seed: number) { let a = seed >>> 0; return () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; }
test('stress', () => {
  const rand = prng(7);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  let maxIter = 0; let worst = 0; let zeros = 0; let warn = 0;
  for (let rep = 0; rep < 5000; rep++) {
    const k = 2 + Math.floor(rand() * 40);
    const tau2 = rand() < 0.3 ? 0 : Math.exp(normal() * 2 - 2);
    const spread = Math.min(3, Math.exp(normal()));
    const yi = new Float64Array(k), vi = new Float64Array(k);
    for (let i = 0; i < k; i++) { vi[i] = 0.01 * Math.exp(normal() * spread); yi[i] = Math.sqrt(tau2) * normal() + Math.sqrt(vi[i]!) * normal(); }
    const data = interceptOnlyData(yi, vi);
    const dump = JSON.stringify({ yi: Array.from(yi), vi: Array.from(vi) });
    for (const [name, f] of [['REML', remlTau2], ['ML', maximumLikelihoodTau2], ['EB', empiricalBayesTau2]] as const) {
      let r;
      try { r = f(data); } catch (e) { console.log('FAIL', name, (e as Error).message.slice(0, 90), 'DUMP', dump); continue; }
      maxIter = Math.max(maxIter, r.iterations);
      if (r.warnings.length) warn++;
      const fit = weightedLeastSquares(data, r.tau2, true);
      const score = name === 'REML' ? fit.rssW2 - fit.trP : name === 'ML' ? fit.rssW2 - fit.sumW : fit.rss * k / (k - 1) - k;
      const scale = name === 'REML' ? fit.trP : name === 'ML' ? fit.sumW : k;
      if (r.tau2 > 0 && Math.abs(score) / scale > 1e-6) console.log('BAD', name, r.tau2, r.iterations, score, scale, 'DUMP', dump);
      if (r.iterations > 30) console.log('SLOW', name, r.tau2, r.iterations);
      if (r.tau2 > 0) worst = Math.max(worst, Math.abs(score) / scale);
      else { zeros++; if (!r.warnings.length) expect(score).toBeLessThanOrEqual(1e-8 * scale); }
      if (name === 'EB') { const pm = pauleMandelTau2(data); expect(Math.abs(pm.tau2 - r.tau2)).toBeLessThanOrEqual(1e-8 * (r.tau2 + 1e-3)); }
    }
  }
  console.log({ maxIter, worst, zeros, warn });
});
