/**
 * leaveOneOut() and cumulative() against metafor's leave1out() and cumul()
 * (fixtures/sensitivity.json): dat.bcg log RR in data order, REML z, REML knha, DL z and FE z.
 * Default tolerance (tight control in the fitted model, which leave1out/cumul reuse).
 */
import { describe, expect, it } from 'vitest';
import { type MetaAnalysisResult, cumulative, leaveOneOut } from '../../src/stats';
import sensitivityJson from './fixtures/sensitivity.json';
import { expectClose, reportWorstErrors } from './compare';
import { type FixtureDataset, type FixtureMeta, datasetByName, toEffects } from './fixture-types';

interface Step {
  estimate: number;
  se: number;
  statistic: number;
  pValue: number;
  ciLower: number;
  ciUpper: number;
  Q: number;
  QpValue: number;
  tau2: number;
  I2: number;
  H2: number;
}
interface SensitivityCase {
  name: string;
  dataset: string;
  method: 'REML' | 'DL' | 'FE';
  test: 'z' | 'knha';
  leave1outCall: string;
  cumulCall: string;
  leave1out: Step[];
  cumul: Step[];
}
const fixture = sensitivityJson as unknown as { meta: FixtureMeta; datasets: FixtureDataset[]; cases: SensitivityCase[] };
reportWorstErrors('leave1out / cumul');

function compareSteps(results: MetaAnalysisResult[], steps: Step[], where: string, kind: string, call: string): void {
  expect(results).toHaveLength(steps.length);
  steps.forEach((e, i) => {
    const r = results[i]!;
    const at = `${where} step ${i + 1}`;
    const close = (actual: number | null, expected: number, field: string) =>
      expectClose(actual, expected, `${at}: ${field}`, `${kind} ${field}`, undefined, call);
    close(r.estimate, e.estimate, 'estimate');
    close(r.se, e.se, 'se');
    close(r.statistic, e.statistic, 'statistic');
    close(r.pValue, e.pValue, 'pValue');
    close(r.ciLower, e.ciLower, 'ciLower');
    close(r.ciUpper, e.ciUpper, 'ciUpper');
    close(r.tau2, e.tau2, 'tau2');
    if (r.k === 1) {
      // Knowing difference: metafor reports Q = 0, p = 1, I² = 0, H² = 1 for k = 1; the engine null.
      expect([e.Q, e.QpValue, e.I2, e.H2]).toEqual([0, 1, 0, 1]);
      expect([r.Q, r.QpValue, r.I2, r.H2]).toEqual([null, null, null, null]);
    } else {
      close(r.Q, e.Q, 'Q');
      close(r.QpValue, e.QpValue, 'QpValue');
      close(r.I2, e.I2, 'I2');
      close(r.H2, e.H2, 'H2');
    }
  });
}

describe(`leave1out / cumul fixtures (metafor ${fixture.meta.metafor})`, () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('leave-one-out %s', (name, c) => {
    const effects = toEffects(datasetByName(fixture.datasets, c.dataset));
    const results = leaveOneOut(effects, { method: c.method, test: c.test });
    expect(results.every((r) => r.k === effects.length - 1)).toBe(true);
    compareSteps(results, c.leave1out, `${name} leave1out`, 'leave1out', c.leave1outCall);
  });

  it.each(fixture.cases.map((c) => [c.name, c] as const))('cumulative %s', (name, c) => {
    const effects = toEffects(datasetByName(fixture.datasets, c.dataset));
    const results = cumulative(effects, { method: c.method, test: c.test });
    expect(results.map((r) => r.k)).toEqual(effects.map((_, i) => i + 1));
    compareSteps(results, c.cumul, `${name} cumul`, 'cumul', c.cumulCall);
  });
});
