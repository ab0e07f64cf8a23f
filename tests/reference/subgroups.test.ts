/**
 * subgroupAnalysis() against metafor (fixtures/subgroups.json): dat.bcg log RR by allocation
 * (random k = 7, alternate k = 2, systematic k = 4), each subgroup fitted by rma.uni with its own
 * τ² (call recorded per subgroup), and RevMan's test for subgroup differences computed in R as the
 * common-effect Q of the subgroup estimates: rma(yi = est, sei = ses, method = "FE")$QE.
 * Default tolerance (tight control in the fixture calls).
 */
import { describe, expect, it } from 'vitest';
import { subgroupAnalysis, subgroupDifferences } from '../../src/stats';
import subgroupsJson from './fixtures/subgroups.json';
import sensitivityMh from './fixtures/sensitivity-mh.json';
import { expectClose, reportWorstErrors } from './compare';
import { type FixtureDataset, type FixtureMeta, type RmaExpected, datasetByName, toEffects } from './fixture-types';

interface SubgroupCase {
  name: string;
  dataset: string;
  groupLabels: string[];
  method: 'REML' | 'DL' | 'PM';
  test: 'z' | 'knha';
  betweenCall: string;
  expected: {
    groups: Record<string, RmaExpected & { call: string }>;
    Qbetween: number;
    df: number;
    pValue: number;
  };
}
const fixture = subgroupsJson as unknown as { meta: FixtureMeta; datasets: FixtureDataset[]; cases: SubgroupCase[] };
reportWorstErrors('subgroups');

describe(`subgroup fixtures (metafor ${fixture.meta.metafor})`, () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const effects = toEffects(datasetByName(fixture.datasets, c.dataset));
    const r = subgroupAnalysis(effects, c.groupLabels, { method: c.method, test: c.test });
    expect(r.groupOrder).toEqual(Object.keys(c.expected.groups));
    for (const [label, e] of Object.entries(c.expected.groups)) {
      const g = r.groups[label];
      expect(g?.k).toBe(e.k);
      const close = (actual: number | null | undefined, expected: number, field: string, kind: string) =>
        expectClose(actual, expected, `${name} ${label}: ${field}`, `subgroup ${kind}`, undefined, e.call);
      close(g?.estimate, e.estimate, 'estimate', 'estimate');
      close(g?.se, e.se, 'se', 'se');
      close(g?.ciLower, e.ciLower, 'ciLower', 'ci bound');
      close(g?.ciUpper, e.ciUpper, 'ciUpper', 'ci bound');
      close(g?.pValue, e.pValue, 'pValue', 'p-value');
      close(g?.tau2, e.tau2, 'tau2', 'tau2');
      close(g?.I2, e.I2, 'I2', 'I2 (%)');
      close(g?.Q, e.Q, 'Q', 'Q');
      if (e.piLower !== null && e.piUpper !== null) {
        close(g?.piLower, e.piLower, 'piLower', 'prediction interval');
        close(g?.piUpper, e.piUpper, 'piUpper', 'prediction interval');
      }
    }
    expectClose(r.Qbetween, c.expected.Qbetween, `${name}: Qbetween`, 'Q between', undefined, c.betweenCall);
    expect(r.df).toBe(c.expected.df);
    expectClose(r.pValue, c.expected.pValue, `${name}: pValue`, 'p-value (between)', undefined, c.betweenCall);
  });
});

describe('subgroupDifferences: the test on given subgroup estimates (e.g. Mantel-Haenszel subtotals)', () => {
  it('equals rma(yi = M-H estimates, sei = M-H SEs, method = "FE") on the rma.mh fits of dat.bcg by allocation', () => {
    for (const fx of sensitivityMh.cases) {
      const groups = Object.entries(fx.subgroups.groups as Record<string, { estimate: number; se: number }>).map(([label, g]) => ({ label, estimate: g.estimate, se: g.se }));
      const test = subgroupDifferences(groups);
      expect(Math.abs(test.Qbetween - fx.subgroups.Qbetween) / fx.subgroups.Qbetween, fx.name).toBeLessThan(1e-9);
      expect(test.df).toBe(fx.subgroups.df);
      expect(Math.abs(test.pValue! - fx.subgroups.pValue) / fx.subgroups.pValue, fx.name).toBeLessThan(1e-6);
    }
  });
  it('one subgroup: Q = 0, df = 0, no p-value; an SE of 0 throws, naming the subgroup', () => {
    expect(subgroupDifferences([{ label: 'a', estimate: 0.3, se: 0.1 }])).toEqual({ Qbetween: 0, df: 0, pValue: null });
    expect(() => subgroupDifferences([{ label: 'a', estimate: 0.3, se: 0.1 }, { label: 'b', estimate: 0.1, se: 0 }])).toThrow(/subgroup "b" has a pooled SE of 0/);
  });
});
