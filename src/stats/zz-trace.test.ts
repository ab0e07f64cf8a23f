import { test } from 'vitest';
import { weightedLeastSquares, interceptOnlyData } from './weighted-least-squares';
import d from '/tmp/d1.json';
test('trace', () => {
  const data = interceptOnlyData(Float64Array.from(d.yi), Float64Array.from(d.vi));
  let t = 0.0;
  const out: string[] = [];
  for (let i = 0; i < 40; i++) {
    const fit = weightedLeastSquares(data, t, true);
    let step = (fit.rssW2 - fit.trP) / fit.trPP;
    while (t + step < 0) step /= 2;
    out.push(`${i} t=${t.toExponential(6)} score=${(fit.rssW2 - fit.trP).toExponential(4)} step=${step.toExponential(4)}`);
    t += step;
  }
  for (const x of [0, 1e-7, 1e-6, 3e-6, 5e-6, 5.7e-6, 1e-5, 2e-5]) { const f = weightedLeastSquares(data, x, true); out.push(`score(${x}) = ${(f.rssW2 - f.trP).toExponential(6)}`); }
  console.log(out.join('\n'));
});
