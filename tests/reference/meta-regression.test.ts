/**
 * metaRegression() against metafor's rma.uni(mods = ...), predict(newmods = ...) and confint()
 * (fixtures/meta-regression.json): dat.bcg log RR on absolute latitude for every method × test,
 * and on latitude + year (m = 2) with REML, z, knha and adhoc; predictions over a grid of latitudes.
 * Default tolerance (tight control in the fixture calls).
 */
import { describe, expect, it } from 'vitest';
import { metaRegression } from '../../src/stats';
import metaregJson from './fixtures/meta-regression.json';
import { expectClose, reportWorstErrors } from './compare';
import { type FixtureDataset, type FixtureMeta, datasetByName, toEffects } from './fixture-types';

interface Coefficient {
  estimate: number;
  se: number;
  ciLower: number;
  ciUpper: number;
  statistic: number;
  pValue: number;
}
interface Prediction {
  x: number[];
  pred: number;
  se: number;
  ciLower: number;
  ciUpper: number;
  piLower: number | null;
  piUpper: number | null;
}
interface MetaRegressionCase {
  name: string;
  dataset: string;
  moderators: number[][];
  moderatorNames: string[];
  method: 'FE' | 'DL' | 'REML' | 'ML' | 'PM' | 'HS' | 'HE' | 'SJ' | 'EB';
  test: 'z' | 'knha' | 'adhoc';
  call: string;
  expected: {
    coefficients: Coefficient[];
    tau2: number;
    tau2CiLower: number | null;
    tau2CiUpper: number | null;
    QM: number;
    QMpValue: number;
    QE: number;
    QEpValue: number;
    I2: number;
    H2: number;
    R2: number;
    df: number | null;
    predictions: Prediction[];
  };
}
const fixture = metaregJson as unknown as { meta: FixtureMeta; datasets: FixtureDataset[]; cases: MetaRegressionCase[] };
reportWorstErrors('meta-regression');

describe(`meta-regression fixtures (metafor ${fixture.meta.metafor})`, () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const effects = toEffects(datasetByName(fixture.datasets, c.dataset));
    const r = metaRegression(effects, c.moderators, { method: c.method, test: c.test, moderatorNames: c.moderatorNames });
    const e = c.expected;
    const close = (actual: number | null | undefined, expected: number, field: string, kind: string) =>
      expectClose(actual, expected, `${name}: ${field}`, kind, undefined, c.call);

    expect(r.coefficients.map((x) => x.name)).toEqual(['intercept', ...c.moderatorNames]);
    e.coefficients.forEach((ec, j) => {
      const rc = r.coefficients[j];
      close(rc?.estimate, ec.estimate, `b[${j}]`, 'coefficient');
      close(rc?.se, ec.se, `se[${j}]`, 'coefficient se');
      close(rc?.ciLower, ec.ciLower, `ciLower[${j}]`, 'coefficient ci bound');
      close(rc?.ciUpper, ec.ciUpper, `ciUpper[${j}]`, 'coefficient ci bound');
      close(rc?.statistic, ec.statistic, `statistic[${j}]`, 'coefficient z / t');
      close(rc?.pValue, ec.pValue, `pValue[${j}]`, 'p-value');
    });
    expect(r.df).toBe(e.df);
    close(r.tau2, e.tau2, 'tau2', 'residual tau2');
    if (e.tau2CiLower === null || e.tau2CiUpper === null) {
      expect([r.tau2CiLower, r.tau2CiUpper]).toEqual([null, null]);
    } else {
      close(r.tau2CiLower, e.tau2CiLower, 'tau2CiLower', 'residual tau2 CI bound');
      close(r.tau2CiUpper, e.tau2CiUpper, 'tau2CiUpper', 'residual tau2 CI bound');
    }
    close(r.QM, e.QM, 'QM', 'QM');
    close(r.QMpValue, e.QMpValue, 'QMpValue', 'p-value');
    close(r.QE, e.QE, 'QE', 'QE');
    close(r.QEpValue, e.QEpValue, 'QEpValue', 'p-value');
    close(r.I2, e.I2, 'I2', 'residual I2 (%)');
    close(r.H2, e.H2, 'H2', 'residual H2');
    close(r.R2, e.R2, 'R2', 'pseudo-R2 (%)');

    for (const ep of e.predictions) {
      const p = r.predict(ep.x);
      const at = `predict(${ep.x.join(', ')})`;
      close(p.pred, ep.pred, `${at} pred`, 'prediction');
      close(p.se, ep.se, `${at} se`, 'prediction se');
      close(p.ciLower, ep.ciLower, `${at} ciLower`, 'prediction ci bound');
      close(p.ciUpper, ep.ciUpper, `${at} ciUpper`, 'prediction ci bound');
      if (ep.piLower === null || ep.piUpper === null) {
        // FE: metafor gives no PI; with tau2 = 0 the PI is the CI.
        expect([p.piLower, p.piUpper]).toEqual([p.ciLower, p.ciUpper]);
      } else {
        close(p.piLower, ep.piLower, `${at} piLower`, 'prediction interval');
        close(p.piUpper, ep.piUpper, `${at} piUpper`, 'prediction interval');
      }
    }
  });
});
