/**
 * bucherIndirectComparison() against fixtures/indirect.json: Bucher et al. (1997) computed in base R
 * from the paper's formula, and the same contrast from metafor (a common-effect meta-regression of the
 * two estimates on an indicator, whose coefficient is d_AC − d_BC with SE √(SE₁² + SE₂²)). Inputs are
 * synthetic; the R calls are in the fixture. Default tolerance (closed-form quantities).
 */
import { describe, expect, it } from 'vitest';
import { bucherIndirectComparison } from '../../src/stats';
import indirectJson from './fixtures/indirect.json';
import { expectClose } from './compare';
import type { FixtureMeta } from './fixture-types';

interface Numbers { estimate: number; se: number; ciLower: number; ciUpper: number; statistic: number; pValue: number }
interface IndirectCase { name: string; scale: 'log' | 'difference'; a: { estimate: number; se: number }; b: { estimate: number; se: number }; expected: Numbers; metafor: Numbers }
const fixture = indirectJson as unknown as { meta: FixtureMeta; cases: IndirectCase[] };

describe(`Bucher adjusted indirect comparison (R ${fixture.meta.R}, metafor ${fixture.meta.metafor})`, () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = bucherIndirectComparison(c.a, c.b);
    for (const reference of [c.expected, c.metafor]) {
      for (const key of ['estimate', 'se', 'ciLower', 'ciUpper', 'statistic', 'pValue'] as const) {
        expectClose(r[key], reference[key], `${c.name} ${key}`, key);
      }
    }
  });

  it('reproduces the hand computation RR 0.70 [0.55, 0.89] / RR 0.80 [0.70, 0.91] = RR 0.875 [0.665, 1.151]', () => {
    // ln 0.70 = −0.35667, SE (ln 0.89 − ln 0.55)/3.91993 = 0.12278; ln 0.80 = −0.22314, SE (ln 0.91 − ln 0.70)/3.91993 = 0.06693:
    // d = −0.13353, SE = √(0.12278² + 0.06693²) = 0.13984, 95% CI −0.13353 ± 1.95996 × 0.13984.
    const z = 1.959963984540054;
    const r = bucherIndirectComparison(
      { estimate: Math.log(0.7), se: (Math.log(0.89) - Math.log(0.55)) / (2 * z) },
      { estimate: Math.log(0.8), se: (Math.log(0.91) - Math.log(0.7)) / (2 * z) },
    );
    expect(Math.exp(r.estimate)).toBeCloseTo(0.875, 6);
    expect(r.se).toBeCloseTo(0.13984, 5);
    expect(Math.exp(r.ciLower)).toBeCloseTo(0.6652, 4);
    expect(Math.exp(r.ciUpper)).toBeCloseTo(1.1509, 4);
  });

  it('names a bad input', () => {
    expect(() => bucherIndirectComparison({ estimate: 0, se: 0 }, { estimate: 0, se: 1 })).toThrow('aVsCommon.se must be a finite number > 0, got 0');
    expect(() => bucherIndirectComparison({ estimate: 0, se: 1 }, { estimate: Number.NaN, se: 1 })).toThrow('bVsCommon.estimate must be a finite number, got NaN');
  });
});
