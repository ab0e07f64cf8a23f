/**
 * Absolute effects and NNT against the Cochrane Handbook 5.1 §12.5.4's printed examples and
 * hand-computed values (each computation written beside its expectation).
 */
import { describe, expect, it } from 'vitest';
import { absoluteEffect, numberNeeded, perThousandText, riskWithTreatment } from './absolute-effects';

describe('absolute effects at an assumed control risk', () => {
  it('RR 0.92 at a control risk of 0.3: 24 fewer per 1,000, NNT 42 (Handbook 5.1 §12.5.4.2)', () => {
    const a = absoluteEffect('RR', { estimate: 0.92, lower: 0.92, upper: 0.92 }, 0.3);
    expect(a.riskWithIvig).toBeCloseTo(0.276, 12);
    expect(a.perThousand.difference).toBe(-24);
    // A bad outcome reduced: benefit.
    expect(numberNeeded(a.difference, a.differenceLower, a.differenceUpper, -1)).toMatchObject({ kind: 'NNTB', value: 42 });
  });

  it('OR 0.73 at a control risk of 0.3: 62 fewer per 1,000, NNT 17 (Handbook 5.1 §12.5.4.3)', () => {
    const a = absoluteEffect('OR', { estimate: 0.73, lower: 0.73, upper: 0.73 }, 0.3);
    // 0.73·0.3 / (1 − 0.3 + 0.73·0.3) = 0.219 / 0.919 = 0.238303…
    expect(a.riskWithIvig).toBeCloseTo(0.219 / 0.919, 12);
    expect(a.perThousand.difference).toBe(-62);
    expect(numberNeeded(a.difference, a.differenceLower, a.differenceUpper, -1)).toMatchObject({ kind: 'NNTB', value: 17 });
  });

  it('maps the CI of a ratio to the CI of the difference (RR 0.5 [0.25, 1.5] at 0.2)', () => {
    const a = absoluteEffect('RR', { estimate: 0.5, lower: 0.25, upper: 1.5 }, 0.2);
    // 0.2·(0.5 − 1) = −0.1; 0.2·(0.25 − 1) = −0.15; 0.2·(1.5 − 1) = +0.1
    expect(a.perThousand).toEqual({ control: 200, ivig: 100, difference: -100, lower: -150, upper: 100 });
    expect(a.text).toBe('100 fewer per 1,000 (from 150 fewer to 100 more)');
  });

  it('a risk difference is its own absolute effect; a hazard ratio uses 1 − (1 − cr)^HR', () => {
    const rd = absoluteEffect('RD', { estimate: -0.05, lower: -0.12, upper: 0.02 }, 0.4);
    expect(rd.perThousand).toMatchObject({ difference: -50, lower: -120, upper: 20, ivig: 350 });
    // 1 − 0.7^0.5 = 0.163339…; − 0.3 = −0.136660…
    expect(riskWithTreatment('HR', 0.5, 0.3)).toBeCloseTo(1 - Math.sqrt(0.7), 12);
    expect(absoluteEffect('HR', { estimate: 0.5, lower: 0.5, upper: 0.5 }, 0.3).perThousand.difference).toBe(-137);
  });

  it('clamps a risk above 100% and refuses a control risk that is not a proportion', () => {
    expect(riskWithTreatment('RR', 3, 0.5)).toBe(1);
    expect(() => riskWithTreatment('RR', 1, 1.2)).toThrow(/not a proportion/);
  });

  it('writes "0 fewer" for no difference, never "-0"', () => {
    expect(perThousandText(0, -3, 4)).toBe('0 fewer per 1,000 (from 3 fewer to 4 more)');
    expect(absoluteEffect('RR', { estimate: 1.0001, lower: 0.9, upper: 1.1 }, 0.1).perThousand.difference).toBe(0);
  });
});

describe('NNT as Altman (BMJ 1998) writes it', () => {
  it('a CI that excludes no effect: NNTB with its limits, rounded up', () => {
    // RD +0.2 [0.02, 0.38] for a good outcome: 1/0.2 = 5; 1/0.38 = 2.63 → 3; 1/0.02 = 50
    expect(numberNeeded(0.2, 0.02, 0.38, 1).text).toBe('NNTB 5 (95% CI 3 to 50)');
    // The same difference for a bad outcome is harm.
    expect(numberNeeded(0.2, 0.02, 0.38, -1).text).toBe('NNTH 5 (95% CI 3 to 50)');
  });

  it('a CI across no effect: "NNTB x to ∞ to NNTH y"', () => {
    // RD +0.05 [−0.02, 0.12], good outcome: benefit end 1/0.12 = 8.33 → 9; harm end 1/0.02 = 50
    expect(numberNeeded(0.05, -0.02, 0.12, 1).text).toBe('NNTB 20 (95% CI NNTB 9 to ∞ to NNTH 50)');
    // A bad outcome, RD −0.024 [−0.05, +0.01]: NNTB 42 (benefit end 1/0.05 = 20, harm end 1/0.01 = 100)
    expect(numberNeeded(-0.024, -0.05, 0.01, -1).text).toBe('NNTB 42 (95% CI NNTB 20 to ∞ to NNTH 100)');
    // A harmful point estimate whose CI reaches benefit.
    expect(numberNeeded(-0.1, -0.3, 0.05, 1).text).toBe('NNTH 10 (95% CI NNTB 20 to ∞ to NNTH 4)');
  });

  it('no difference at all: NNT ∞', () => {
    expect(numberNeeded(0, -0.1, 0.1, 1)).toMatchObject({ kind: 'none', value: null, text: 'NNT ∞ (95% CI NNTB 10 to ∞ to NNTH 10)' });
  });
});
