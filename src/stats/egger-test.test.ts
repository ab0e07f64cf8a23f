/** Egger's regression test against metafor 3.8-1's regtest(model = "lm") on dat.bcg (RR and OR). */
import { describe, expect, it } from 'vitest';
import fixtures from '../../tests/reference/fixtures/summary-of-findings.json';
import { eggerTest } from './egger-test';

const close = (a: number, b: number, tol = 1e-9) => expect(Math.abs(a - b) / Math.max(1, Math.abs(b))).toBeLessThan(tol);

describe("Egger's test", () => {
  for (const f of fixtures.egger) {
    it(`dat.bcg ${f.measure}: ${f.call}`, () => {
      const r = eggerTest(f.yi.map((yi, i) => ({ yi, vi: f.vi[i]! })));
      close(r.statistic, f.statistic);
      close(r.pValue, f.pValue);
      close(r.intercept, f.intercept);
      expect(r.df).toBe(f.df);
    });
  }

  it('needs three studies with different standard errors', () => {
    expect(() => eggerTest([{ yi: 0, vi: 1 }, { yi: 1, vi: 2 }])).toThrow(/at least 3/);
    expect(() => eggerTest([{ yi: 0, vi: 1 }, { yi: 1, vi: 1 }, { yi: 2, vi: 1 }])).toThrow(/same standard error/);
  });
});
