/** The OIS against R's power.prop.test and its closed form (tests/reference/make-summary-fixtures.R). */
import { describe, expect, it } from 'vitest';
import fixtures from '../../../tests/reference/fixtures/summary-of-findings.json';
import { optimalInformationSize } from './optimal-information-size';

describe('optimal information size (25% RRR, α 0.05, β 0.20)', () => {
  for (const f of fixtures.ois) {
    it(`control risk ${f.controlRisk}: ${f.ois} patients (${f.call})`, () => {
      const o = optimalInformationSize(f.controlRisk);
      expect(o.treatedRisk).toBeCloseTo(f.treatedRisk, 12);
      expect(Math.abs(o.nPerGroup / f.nPerGroupClosedForm - 1)).toBeLessThan(1e-10);
      // power.prop.test solves numerically (uniroot tolerance): equal to ~1e-8.
      expect(Math.abs(o.nPerGroup / f.nPerGroupPowerPropTest - 1)).toBeLessThan(1e-8);
      expect(o.total).toBe(f.ois);
    });
  }

  it('refuses a control risk of 0 or 1', () => {
    expect(() => optimalInformationSize(0)).toThrow(/strictly between 0 and 1/);
    expect(() => optimalInformationSize(1)).toThrow(/strictly between 0 and 1/);
  });
});
