/**
 * bayesianMetaAnalysis() against base R's integrate() (fixtures/bayes-quadrature.json, made by
 * tests/reference/make-bayes-fixtures.R without bayesmeta and without the TypeScript code): every
 * τ prior family (half-normal, half-Cauchy, log-normal on τ², uniform) × flat and normal μ prior on
 * dat.bcg (k = 13), dat.normand1999 (a mean difference, priors scaled by its unit-information SD),
 * dat.bcg's first two studies (k = 2) and first study (k = 1), our relapse-free evidence (AIMS and
 * Achiron 1998, k = 2), a 90% level, a Turner et al. (2015) Table IV prior, and the eight-schools and
 * Crins et al. (2014) analyses of bayesmeta's documentation. Every quantity at 1e-6 relative
 * (1e-9 absolute near zero): both sides integrate to about 1e-11.
 */
import { describe, expect, it } from 'vitest';
import { type MuPrior, type TauPrior, bayesianMetaAnalysis, unitInformationSd } from '../../src/stats';
import { normalCdf } from '../../src/stats/bayesian/normal-cdf';
import fixtureJson from './fixtures/bayes-quadrature.json';
import { expectClose, reportWorstErrors } from './compare';

interface Summary {
  mean: number | null;
  sd: number | null;
  median: number;
  lower: number;
  upper: number;
}
interface BayesCase {
  data: string;
  call: string;
  yi: number[];
  vi: number[];
  tauPrior: TauPrior;
  muPrior: MuPrior;
  level: number;
  mu: Summary;
  tau: { mean: number | null; median: number; lower: number; upper: number };
  prediction: { lower: number; upper: number };
  probabilityBelow: { x: number; p: number }[];
  muDensity: { x: number; density: number }[];
  tauDensity: { x: number; density: number }[];
  studies: Summary[];
}
interface BayesFixture {
  meta: { R: string; script: string; relTol: number };
  uisd: { n: number[]; vi: number[]; value: number };
  pnorm: { x: number[]; p: number[] };
  cases: BayesCase[];
}

const fixture = fixtureJson as unknown as BayesFixture;
reportWorstErrors('Bayesian model vs base R integrate()');

const describePrior = (p: TauPrior): string =>
  p.name === 'logNormalTau2' ? `logNormalTau2(${p.meanLog.toFixed(3)}, ${p.sdLog})` : p.name === 'uniform' ? `uniform(0, ${p.upper.toPrecision(4)})` : `${p.name}(${p.scale.toPrecision(4)})`;
const describeMu = (p: MuPrior): string => (p.name === 'flat' ? 'flat μ' : `μ ~ N(${p.mean}, ${p.sd.toPrecision(4)}²)`);

describe(`Bayesian fixtures (${fixture.meta.R}, ${fixture.meta.script})`, () => {
  it('cover every τ prior family with a flat and a normal μ prior on every data set, and moments that do not exist', () => {
    const families = new Set(fixture.cases.map((c) => `${c.data}|${c.tauPrior.name}|${c.muPrior.name}`));
    const datasets = new Set(fixture.cases.map((c) => c.data));
    expect(datasets.size).toBeGreaterThanOrEqual(7);
    expect(families.size).toBeGreaterThanOrEqual(5 * 4 * 2);
    expect(fixture.cases.some((c) => c.yi.length === 1)).toBe(true);
    expect(fixture.cases.filter((c) => c.mu.sd === null).map((c) => c.data)).toHaveLength(3);
  });

  it.each(fixture.cases.map((c) => [`${c.data}, ${describePrior(c.tauPrior)}, ${describeMu(c.muPrior)}, ${c.level}%`, c] as const))(
    '%s',
    (name, c) => {
      const r = bayesianMetaAnalysis(
        c.yi.map((yi, i) => ({ yi, vi: c.vi[i]! })),
        { tauPrior: c.tauPrior, muPrior: c.muPrior, level: c.level },
      );
      // null in the fixture: a moment that does not exist (half-Cauchy prior, few studies; the R
      // script decides it from the tail of p(tau | y), the engine must report it as non-finite).
      const close = (actual: number, expected: number | null, field: string, kind: string) => {
        if (expected === null) expect(Number.isFinite(actual), `${name}: ${field} does not exist, got ${actual}`).toBe(false);
        else expectClose(actual, expected, `${name}: ${field}`, kind, undefined, c.call);
      };
      expect(r.k).toBe(c.yi.length);
      for (const f of ['mean', 'sd', 'median', 'lower', 'upper'] as const) close(r.mu[f], c.mu[f], `mu.${f}`, `mu ${f}`);
      for (const f of ['mean', 'median', 'lower', 'upper'] as const) close(r.tau[f], c.tau[f], `tau.${f}`, `tau ${f}`);
      close(r.prediction.lower, c.prediction.lower, 'prediction.lower', 'prediction');
      close(r.prediction.upper, c.prediction.upper, 'prediction.upper', 'prediction');
      for (const { x, p } of c.probabilityBelow) close(r.probabilityBelow(x), p, `P(mu < ${x})`, 'probabilityBelow');
      for (const { x, density } of c.muDensity) close(r.muDensity(x), density, `mu density at ${x}`, 'mu density');
      for (const { x, density } of c.tauDensity) close(r.tauDensity(x), density, `tau density at ${x}`, 'tau density');
      expect(r.studies).toHaveLength(c.studies.length);
      c.studies.forEach((s, i) => {
        for (const f of ['mean', 'sd', 'median', 'lower', 'upper'] as const) {
          close(r.studies[i]![f], s[f], `study ${i + 1} ${f}`, `shrinkage ${f}`);
        }
      });
      // The plotted grids sample the same densities.
      for (const [x, d] of r.densities.mu) expect(d).toBe(r.muDensity(x));
      for (const [x, d] of r.densities.tau) expect(d).toBe(r.tauDensity(x));
    },
  );

  it('unitInformationSd equals sqrt(ΣN / Σ1/vᵢ) for dat.normand1999 (bayesmeta uisd())', () => {
    expectClose(unitInformationSd(fixture.uisd.n, fixture.uisd.vi), fixture.uisd.value, 'uisd(dat.normand1999)', 'uisd');
  });

  it('normalCdf (Cody) equals R’s pnorm() from −37 to 8.5 at 1e-14 relative', () => {
    fixture.pnorm.x.forEach((x, i) => {
      const expected = fixture.pnorm.p[i]!;
      expect(Math.abs(normalCdf(x) - expected) / expected, `pnorm(${x})`).toBeLessThan(1e-14);
    });
  });
});
