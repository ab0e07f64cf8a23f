/**
 * The dose-response model on richer data than the bundled set: metafor's dat.bcg with absolute
 * latitude standing in for the dose, so that the regression can be checked against metafor's
 * rma(yi, vi, mods = ~ ablat) (tests/reference/fixtures/meta-regression.json).
 */
import { describe, expect, it } from 'vitest';
import metaReg from '../../tests/reference/fixtures/meta-regression.json';
import rmaMh from '../../tests/reference/fixtures/rma-mh.json';
import { evidenceFromBinaryRows } from '../test-support/evidence-from-rows';
import { confoundingSentence, toDoseResponseModel, type DoseChoices, type DosePoint } from './dose-response-model';

const rows = rmaMh.cases.find((c) => c.name === 'bcg-MH-RR')!.rows;
const fit = metaReg.cases.find((c) => c.name === 'bcg-RR/~ ablat/REML/z')!;
const ablat = fit.moderators.map((m) => m[0]!);
const choices = (patch: Partial<DoseChoices> = {}): DoseChoices => ({
  outcome: 'new-relapse', measure: 'RR', tau2Method: 'REML', test: 'z', useDerived: true,
  includeLoading: false, phaseModerator: false, excludedStudyIds: [], ...patch,
});
const rel = (x: number, y: number) => Math.abs(x - y) / Math.max(Math.abs(y), 1e-12);

describe('toDoseResponseModel', () => {
  it('fits the mixed-effects meta-regression as metafor does', () => {
    const m = toDoseResponseModel(evidenceFromBinaryRows(rows, { doses: ablat }).studies, choices());
    expect(m.points).toHaveLength(13);
    const e = fit.expected;
    expect(rel(m.regression!.slope.estimate, e.coefficients[1]!.estimate)).toBeLessThan(1e-6);
    expect(rel(m.regression!.slope.ciLower, e.coefficients[1]!.ciLower)).toBeLessThan(1e-6);
    expect(rel(m.regression!.tau2, e.tau2)).toBeLessThan(1e-5);
    expect(rel(m.regression!.R2!, e.R2!)).toBeLessThan(1e-4);
    const at = m.regression!.result.predict([33.46]);
    const expected = e.predictions.find((p) => p.x[0] === 33.46)!;
    expect(rel(at.pred, expected.pred)).toBeLessThan(1e-6);
    expect(rel(at.piUpper, expected.piUpper!)).toBeLessThan(1e-5);
    expect(m.regression!.band).toHaveLength(41);
    expect(m.regressionNote).toBeNull();
  });

  it('with fewer than 3 comparisons with a CI, draws the points and says a line is not estimable', () => {
    const m = toDoseResponseModel(evidenceFromBinaryRows(rows.slice(0, 2), { doses: ablat }).studies, choices());
    expect(m.points).toHaveLength(2);
    expect(m.regression).toBeNull();
    expect(m.regressionNote).toMatch(/^A meta-regression is not estimable: 2 comparisons with a CI/);
  });

  it('says why phase cannot be a second moderator, from the data, whether or not it is asked for', () => {
    expect(toDoseResponseModel(evidenceFromBinaryRows(rows.slice(0, 2), { doses: ablat }).studies, choices()).phaseModeratorUnavailable).toBe('no meta-regression is estimable with these data');
    expect(toDoseResponseModel(evidenceFromBinaryRows(rows, { doses: ablat }).studies, choices({ phaseModerator: true })).phaseModeratorUnavailable).toBe('every comparison with a CI is from one phase (RR)');
    const twoPhases = evidenceFromBinaryRows(rows, { doses: ablat, phases: rows.map((_, i) => (i % 3 === 0 ? 'SP' : 'RR')) });
    expect(toDoseResponseModel(twoPhases.studies, choices()).phaseModeratorUnavailable).toBeNull();
  });

  it('lists comparisons without a dose instead of dropping them', () => {
    const m = toDoseResponseModel(evidenceFromBinaryRows(rows.slice(0, 4), { doses: [0.2, 0.4, 1] }).studies, choices());
    expect(m.points.map((p) => p.dose)).toEqual([0.2, 0.4, 1]);
    expect(m.withoutDose).toEqual([{ label: 'Trial 4, ivig', reason: 'no monthly dose: not in the test rows' }]);
  });

  it('states the confounding of dose with phase when the dose ranges do not overlap', () => {
    const point = (phase: DosePoint['phase'], dose: number) => ({ phase, dose }) as DosePoint;
    expect(confoundingSentence([point('RR', 0.175), point('RR', 0.2), point('SP', 1)])).toBe(
      'Dose and MS phase are confounded: RR at 0.175–0.2, SP at 1 g/kg/month do not overlap, so any trend over dose is also a difference between phases and cannot be attributed to dose.',
    );
    expect(confoundingSentence([point('RR', 0.2), point('SP', 0.4), point('RR', 1)])).toMatch(/^Doses overlap between phases/);
    expect(confoundingSentence([point('RR', 0.2), point('RR', 0.4)])).toBeNull();
  });
});
