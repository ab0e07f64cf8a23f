/**
 * mantelHaenszel() against metafor's rma.mh() (fixtures/rma-mh.json): OR, RR and RD on dat.bcg,
 * dat.nielweise2007 (zero cells, one double-zero table), synthetic zero-cell tables (no-event and
 * all-event double zeros) and the IVIG relapse-free pair. Closed form: default tolerance.
 */
import { describe, expect, it } from 'vitest';
import { type BinaryArms, mantelHaenszel } from '../../src/stats';
import mhJson from './fixtures/rma-mh.json';
import { expectClose, reportWorstErrors } from './compare';
import type { FixtureMeta } from './fixture-types';

interface MhCase {
  name: string;
  measure: 'OR' | 'RR' | 'RD';
  call: string;
  rows: BinaryArms[];
  expected: {
    k: number;
    estimate: number;
    se: number;
    ciLower: number;
    ciUpper: number;
    statistic: number;
    pValue: number;
    Q: number;
    QpValue: number;
    kQ: number;
    /** weights(res): Mantel-Haenszel weights in percent. */
    weights: number[];
  };
}
const fixture = mhJson as unknown as { meta: FixtureMeta; cases: MhCase[] };
reportWorstErrors('rma.mh');

describe(`rma.mh fixtures (metafor ${fixture.meta.metafor})`, () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const r = mantelHaenszel(c.rows, c.measure);
    const e = c.expected;
    const close = (actual: number | null, expected: number, field: string, kind: string) =>
      expectClose(actual, expected, `${name}: ${field}`, `MH ${kind}`, undefined, c.call);
    expect(r.k).toBe(e.k);
    close(r.estimate, e.estimate, 'estimate', 'estimate');
    close(r.se, e.se, 'se', 'se');
    close(r.ciLower, e.ciLower, 'ciLower', 'ci bound');
    close(r.ciUpper, e.ciUpper, 'ciUpper', 'ci bound');
    close(r.statistic, e.statistic, 'statistic', 'z statistic');
    close(r.pValue, e.pValue, 'pValue', 'p-value');
    expect(r.kQ).toBe(e.kQ);
    close(r.Q, e.Q, 'Q', 'Q');
    close(r.QpValue, e.QpValue, 'QpValue', 'p-value');
    expect(r.weights).toHaveLength(e.weights.length);
    e.weights.forEach((w, i) => close(r.weights[i] ?? null, w, `weights[${i}]`, 'weight'));
  });
});
