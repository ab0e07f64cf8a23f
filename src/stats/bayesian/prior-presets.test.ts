import { describe, expect, it } from 'vitest';
import { tauPriorPreset, TAU_PRIOR_PRESETS, TURNER_OUTCOME_TYPES, unitInformationPreset, unitInformationSd } from './prior-presets';
import { validateTauPrior } from './priors';

describe('τ prior presets', () => {
  it('have unique ids, valid priors, a source and the scales they suit', () => {
    const ids = TAU_PRIOR_PRESETS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of TAU_PRIOR_PRESETS) {
      expect(validateTauPrior(p.prior)).toEqual(p.prior);
      expect(p.family).toBe(p.prior.name);
      expect(p.source.length).toBeGreaterThan(10);
      expect(p.suits.length).toBeGreaterThan(0);
    }
  });
  it('hold the issue’s presets: half-normal 0.5 and 1.0, half-Cauchy 0.5, Turner “any” LN(−2.56, 1.74²)', () => {
    expect(tauPriorPreset('half-normal-0.5').prior).toEqual({ name: 'halfNormal', scale: 0.5 });
    expect(tauPriorPreset('half-normal-1.0').prior).toEqual({ name: 'halfNormal', scale: 1 });
    expect(tauPriorPreset('half-cauchy-0.5').prior).toEqual({ name: 'halfCauchy', scale: 0.5 });
    expect(tauPriorPreset('turner-any').prior).toEqual({ name: 'logNormalTau2', meanLog: -2.56, sdLog: 1.74 });
    expect(() => tauPriorPreset('nope')).toThrow('unknown tau prior preset: "nope"');
  });
  it('give one Turner et al. Table IV preset per outcome type (pharmacological vs placebo)', () => {
    const turner = TAU_PRIOR_PRESETS.filter((p) => p.turner?.comparison === 'pharmacological vs placebo / control');
    expect(turner.map((p) => p.turner?.outcomeType)).toEqual([...TURNER_OUTCOME_TYPES]);
    // Table IV, "signs/symptoms reflecting continuation/end of condition", pharmacological vs placebo.
    expect(tauPriorPreset('turner-signs-symptoms-reflecting-continuation-end-of-condition').prior).toEqual({
      name: 'logNormalTau2',
      meanLog: -2.06,
      sdLog: 1.51,
    });
    expect(tauPriorPreset('turner-all-cause-mortality').prior).toEqual({ name: 'logNormalTau2', meanLog: -3.95, sdLog: 1.34 });
  });
});

describe('unitInformationSd / unitInformationPreset', () => {
  it('is √(ΣN / Σ1/vᵢ) (bayesmeta uisd()) and names a bad value', () => {
    // One study: σ_u = √(n·v).
    expect(unitInformationSd([100], [0.04])).toBeCloseTo(2, 14);
    expect(unitInformationSd([50, 150], [0.08, 0.08 / 3])).toBeCloseTo(2, 14);
    expect(() => unitInformationSd([10, 0], [0.1, 0.1])).toThrow('n must be > 0, got 0 at study 2');
    expect(() => unitInformationSd([10], [0.1, 0.1])).toThrow('same length');
  });
  it('reproduces the unit-information SDs of Röver 2020, Appendix A: 4 for a log OR, 2 for a log RR (a = b = c = d = N/4)', () => {
    // One study of N = 1 "unit": the variance of its log OR is 1/a + 1/b + 1/c + 1/d with each cell 1/4.
    const q = 1 / 4;
    expect(unitInformationSd([1], [4 / q])).toBeCloseTo(4, 12);
    // log RR: 1/a − 1/(a + b) + 1/c − 1/(c + d), with a + b = c + d = 1/2.
    expect(unitInformationSd([1], [2 * (1 / q - 2)])).toBeCloseTo(2, 12);
    // So the default UISD/8 is half-normal(0.5) against the log OR's unit-information SD only;
    // against the log RR's it would be half-normal(0.25): the factor is the log-OR correspondence.
    expect(unitInformationPreset(unitInformationSd([1], [4 / q])).prior).toEqual({ name: 'halfNormal', scale: 0.5 });
    expect(unitInformationPreset(unitInformationSd([1], [2 * (1 / q - 2)])).prior).toEqual({ name: 'halfNormal', scale: expect.closeTo(0.25, 12) });
  });

  it('scales a half-normal by UISD/8 by default (half-normal(0.5) for a log OR with UISD 4)', () => {
    expect(unitInformationPreset(4).prior).toEqual({ name: 'halfNormal', scale: 0.5 });
    expect(unitInformationPreset(20, 1 / 4).prior).toEqual({ name: 'halfNormal', scale: 5 });
    expect(unitInformationPreset(20).label).toBe('Half-normal, scale UISD/8 = 2.50');
    expect(() => unitInformationPreset(0)).toThrow('uisd must be > 0, got 0');
  });
});
