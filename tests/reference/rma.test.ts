/**
 * metaAnalysis() against metafor's rma.uni(), confint() and predict(): every method (FE, DL,
 * REML, ML, PM, HS, HE, SJ, EB) × test (z, knha, adhoc) on nine data sets (fixtures/rma.json, the R call
 * recorded in each fit). The fixtures were made with tight iteration control, so every quantity
 * is held to the default tolerance (1e-6 relative, 1e-9 absolute near zero).
 */
import { describe, expect, it } from 'vitest';
import { isKnappHartung, metaAnalysis } from '../../src/stats';
import rmaJson from './fixtures/rma.json';
import { expectAllClose, expectClose, reportWorstErrors } from './compare';
import { type RmaFixture, datasetByName, toEffects } from './fixture-types';

const fixture = rmaJson as unknown as RmaFixture;
reportWorstErrors('rma.uni / confint / predict (tight control)');

describe(`rma.uni fixtures (metafor ${fixture.meta.metafor}, ${fixture.meta.R})`, () => {
  it('covers every method and test on every data set', () => {
    expect(fixture.fits).toHaveLength(fixture.datasets.length * 9 * 3);
  });

  it.each(fixture.fits.map((fit) => [fit.name, fit] as const))('%s', (name, fit) => {
    const effects = toEffects(datasetByName(fixture.datasets, fit.dataset));
    const r = metaAnalysis(effects, { method: fit.method, test: fit.test });
    const e = fit.expected;
    const close = (actual: number | null, expected: number, field: string, kind: string, context = fit.call) =>
      expectClose(actual, expected, `${name}: ${field}`, kind, undefined, context);

    expect(r.k).toBe(e.k);
    close(r.estimate, e.estimate, 'estimate', 'estimate');
    close(r.se, e.se, 'se', 'se');
    close(r.ciLower, e.ciLower, 'ciLower', 'ci bound');
    close(r.ciUpper, e.ciUpper, 'ciUpper', 'ci bound');
    if (e.statistic === null) {
      // Three identical estimates under plain Knapp-Hartung: SE = 0, so metafor's tval is Inf
      // (jsonlite writes it as null); the ad hoc correction is what keeps this finite.
      expect([fit.dataset, fit.test, r.se, r.statistic]).toEqual(['identical-synthetic', 'knha', 0, Number.POSITIVE_INFINITY]);
    } else close(r.statistic, e.statistic, 'statistic', 'z / t statistic');
    close(r.pValue, e.pValue, 'pValue', 'p-value');
    expect(r.df).toBe(e.df);
    close(r.tau2, e.tau2, 'tau2', 'tau2');
    expectAllClose(r.weights, e.weights, `${name}: weights`, 'weights (%)', undefined, fit.call);

    if (e.tau2CiLower === null || e.tau2CiUpper === null) {
      // FE, or k = 1: metafor's confint() refuses; the engine reports null.
      expect(r.tau2CiLower).toBeNull();
      expect(r.tau2CiUpper).toBeNull();
    } else {
      close(r.tau2CiLower, e.tau2CiLower, 'tau2CiLower', 'tau2 CI bound', fit.confintCall ?? '');
      close(r.tau2CiUpper, e.tau2CiUpper, 'tau2CiUpper', 'tau2 CI bound', e.tau2CiUpperWideCall ?? fit.confintCall ?? '');
      if (e.tau2CiUpperMetaforLimit !== null) {
        // Knowing difference: with its default search interval metafor reports "> limit"; the
        // engine returns the actual root (matched above against a wide-interval confint()).
        expect(r.tau2CiUpper).toBeGreaterThan(e.tau2CiUpperMetaforLimit);
      }
    }

    if (e.piLower === null || e.piUpper === null) {
      // metafor's predict() gives no PI for an FE model; with tau2 = 0 the PI is the CI.
      expect(fit.method).toBe('FE');
      expect(r.piLower).toBe(r.ciLower);
      expect(r.piUpper).toBe(r.ciUpper);
    } else {
      close(r.piLower, e.piLower, 'piLower', 'prediction interval');
      close(r.piUpper, e.piUpper, 'piUpper', 'prediction interval');
    }
    expect(r.piDistribution).toBe(isKnappHartung(r.test) ? 't(k-1)' : 'normal');

    if (e.k === 1) {
      // Knowing difference: metafor prints Q = 0, p = 1, I² = 0, H² = 1 for k = 1; heterogeneity
      // is undefined there, so the engine reports null. metafor also switches knha to z.
      expect([e.Q, e.QpValue, e.I2, e.H2]).toEqual([0, 1, 0, 1]);
      expect([r.Q, r.QpValue, r.I2, r.H2]).toEqual([null, null, null, null]);
      expect(r.test).toBe('z');
    } else {
      close(r.Q, e.Q, 'Q', 'Q');
      close(r.QpValue, e.QpValue, 'QpValue', 'p-value');
      close(r.I2, e.I2, 'I2', 'I2 (%)');
      close(r.H2, e.H2, 'H2', 'H2');
    }
  });
});
