import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, controlApplicability, settingsFromSearchParams, settingsToSearchParams } from './analysis-params';

describe('analysis settings in the URL', () => {
  it('carries the I² basis (i2=Q) and leaves the default out', () => {
    expect(settingsFromSearchParams(new URLSearchParams('i2=Q')).settings.i2Basis).toBe('Q');
    expect(settingsToSearchParams({ ...DEFAULT_SETTINGS, i2Basis: 'Q' }, [], new URLSearchParams()).get('i2')).toBe('Q');
    expect(settingsToSearchParams(DEFAULT_SETTINGS, [], new URLSearchParams()).has('i2')).toBe(false);
    expect(settingsFromSearchParams(new URLSearchParams('i2=x')).problems).toEqual(['Ignored i2="x" (expected one of tau2, Q).']);
  });
});

describe('the test in the URL', () => {
  it('reads and writes test=adhoc (Knapp-Hartung, ad hoc correction)', () => {
    expect(settingsFromSearchParams(new URLSearchParams('test=adhoc')).settings.test).toBe('adhoc');
    expect(settingsToSearchParams({ ...DEFAULT_SETTINGS, test: 'adhoc' }, [], new URLSearchParams()).get('test')).toBe('adhoc');
    expect(settingsFromSearchParams(new URLSearchParams('test=t')).problems).toEqual(['Ignored test="t" (expected one of z, knha, adhoc).']);
  });
});

describe('controlApplicability', () => {
  const forest = { modelChoice: true, measure: 'RR' as const, mantelHaenszelInEffect: false };
  it('M-H applies to binary measures under the common-effect model only', () => {
    expect(controlApplicability({ model: 'random' }, forest).mh).toMatch(/^common-effect model only/);
    expect(controlApplicability({ model: 'common' }, forest).mh).toBeNull();
    expect(controlApplicability({ model: 'common' }, { ...forest, measure: 'MD' }).mh).toBe('binary outcomes (OR, RR, RD) only');
  });
  it('Knapp-Hartung does not apply to M-H pooling; τ² and the I² choice need random effects', () => {
    expect(controlApplicability({ model: 'common' }, { ...forest, mantelHaenszelInEffect: true }).knha).toMatch(/^not with Mantel-Haenszel/);
    expect(controlApplicability({ model: 'common' }, forest)).toMatchObject({ knha: null, tau2: 'random effects only' });
    // The dose-response view has no model choice: its meta-regression is always random effects.
    expect(controlApplicability({ model: 'common', test: 'knha' }, { ...forest, modelChoice: false })).toEqual({ tau2: null, i2: null, knha: null, adhoc: null, mh: null });
  });
  it('the ad hoc correction applies only with Knapp-Hartung on, and not under M-H', () => {
    expect(controlApplicability({ model: 'random', test: 'z' }, forest).adhoc).toBe('with Knapp-Hartung only (it floors its factor s² at 1)');
    expect(controlApplicability({ model: 'random', test: 'knha' }, forest).adhoc).toBeNull();
    expect(controlApplicability({ model: 'random', test: 'adhoc' }, forest).adhoc).toBeNull();
    expect(controlApplicability({ model: 'common', test: 'adhoc' }, { ...forest, mantelHaenszelInEffect: true }).adhoc).toMatch(/^not with Mantel-Haenszel/);
  });
});

describe('effect recovery in the URL', () => {
  const read = (q: string) => settingsFromSearchParams(new URLSearchParams(q));
  const write = (r: Partial<typeof DEFAULT_SETTINGS.recovery>) => settingsToSearchParams({ ...DEFAULT_SETTINGS, recovery: { ...DEFAULT_SETTINGS.recovery, ...r } }, [], new URLSearchParams()).toString();

  it('defaults: SE from CI and from p on, arms combined, crossover left out, medians and SD imputation off', () => {
    expect(DEFAULT_SETTINGS.recovery).toEqual({ seFromCi: true, seFromP: true, arms: 'combined', crossover: 'exclude', medians: false, imputeSd: 'off' });
    expect(write({})).toBe('');
  });

  it('recover=all switches on every method, with the largest SD for imputation', () => {
    expect(read('recover=all').settings.recovery).toEqual({ seFromCi: true, seFromP: true, arms: 'combined', crossover: 'parallel', medians: true, imputeSd: 'largest' });
    expect(write({ crossover: 'parallel', medians: true, imputeSd: 'largest' })).toBe('recover=all');
  });

  it('a method parameter overrides the preset, and each method has its own', () => {
    expect(read('recover=all&impute-sd=pooled').settings.recovery.imputeSd).toBe('pooled');
    expect(write({ crossover: 'parallel', medians: true, imputeSd: 'pooled' })).toBe('recover=all&impute-sd=pooled');
    expect(read('crossover=parallel&se-p=0&arms=separate').settings.recovery).toMatchObject({ crossover: 'parallel', seFromP: false, arms: 'separate', medians: false });
    expect(write({ medians: true })).toBe('medians=1');
    expect(write({ seFromCi: false, arms: 'separate' })).toBe('se-ci=0&arms=separate');
  });

  it('round-trips every combination it writes', () => {
    const values = { seFromCi: [true, false], seFromP: [true, false], arms: ['combined', 'separate'], crossover: ['exclude', 'parallel'], medians: [true, false], imputeSd: ['off', 'largest', 'pooled'] } as const;
    for (const seFromCi of values.seFromCi) for (const seFromP of values.seFromP) for (const arms of values.arms) for (const crossover of values.crossover) for (const medians of values.medians) for (const imputeSd of values.imputeSd) {
      const r = { seFromCi, seFromP, arms, crossover, medians, imputeSd };
      expect(read(write(r)).settings.recovery).toEqual(r);
    }
  });

  it('refuses a bad value with a notice naming the parameter', () => {
    expect(read('recover=some&impute-sd=mean').problems).toEqual([
      'Ignored recover="some" (expected all).',
      'Ignored impute-sd="mean" (expected one of off, largest, pooled).',
    ]);
  });
});
