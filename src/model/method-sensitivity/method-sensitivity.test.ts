/**
 * The method-sensitivity rows against metafor 3.8-1 (tests/reference/fixtures/rma.json and
 * rma-mh.json, made by tests/reference/make-fixtures.R): every frequentist row is the fit of that
 * method on the forest's own study effects, on dat.bcg (RR, 13 trials) and on the bundled IVIG
 * relapse-free trials (AIMS 40/75 vs 26/73, Achiron 6/20 vs 0/20; OR).
 */
import { describe, expect, it } from 'vitest';
import rma from '../../../tests/reference/fixtures/rma.json';
import rmaMh from '../../../tests/reference/fixtures/rma-mh.json';
import bayesFixture from '../../../tests/reference/fixtures/bayes-sensitivity.json';
import { bayesianSensitivityRows } from './bayesian-rows';
import { evidenceFromBinaryRows } from '../../test-support/evidence-from-rows';
import { DEFAULT_ANALYSIS, toForestModel, type AnalysisChoices } from '../forest-model';
import { toPhasePanel } from '../phase-comparison-model';
import { phaseCellSensitivity } from './phase-sensitivity';
import { sensitivityInputFromForest, sensitivitySentence, toMethodSensitivity, type SensitivityRow } from './method-sensitivity';

const rel = (x: number, y: number) => Math.abs(x - y) / Math.max(Math.abs(y), 1e-12);
const fit = (dataset: string, method: string, test: string) => rma.fits.find((f) => f.dataset === dataset && f.method === method && f.test === test)!.expected;
const mhCase = (name: string) => rmaMh.cases.find((c) => c.name === name)!;

/** The frequentist rows and their metafor fits (method, test), in the panel's order. */
const EXPECTED_ROWS: [string, string, string][] = [
  ['common-iv', 'FE', 'z'],
  ['common-mh', 'MH', ''],
  ['DL', 'DL', 'z'],
  ['REML', 'REML', 'z'],
  ['REML-KH', 'REML', 'knha'],
  ['REML-KH-adhoc', 'REML', 'adhoc'],
  ['PM', 'PM', 'z'],
];

function panelFor(rows: { ai: number; n1i: number; ci: number; n2i: number }[], patch: Partial<AnalysisChoices>) {
  const evidence = evidenceFromBinaryRows(rows, { kind: patch.outcome ?? 'new-relapse' });
  const c: AnalysisChoices = { ...DEFAULT_ANALYSIS, outcome: 'new-relapse', measure: 'RR', ...patch };
  const forest = toForestModel(evidence.studies, [], c);
  return { forest, panel: toMethodSensitivity(sensitivityInputFromForest(forest, { flipDirection: c.flipDirection, level: c.level }))! };
}

function expectRowsEqualMetafor(panel: NonNullable<ReturnType<typeof toMethodSensitivity>>, dataset: string, mhName: string) {
  expect(panel.rows.map((r) => r.key)).toEqual(EXPECTED_ROWS.map(([k]) => k));
  for (const [key, method, test] of EXPECTED_ROWS) {
    const row = panel.rows.find((r) => r.key === key)!;
    const e = method === 'MH' ? mhCase(mhName).expected : fit(dataset, method, test);
    expect(rel(row.yi!, e.estimate), `${key} estimate`).toBeLessThan(1e-6);
    expect(rel(row.yiLower!, e.ciLower), `${key} ciLower`).toBeLessThan(1e-6);
    expect(rel(row.yiUpper!, e.ciUpper), `${key} ciUpper`).toBeLessThan(1e-6);
    expect(rel(row.estimate!, Math.exp(e.estimate)), `${key} back-transformed`).toBeLessThan(1e-6);
    if (method === 'MH') {
      expect(row.tau).toBeNull();
      expect(row.piLower).toBeNull();
    } else if (method === 'FE') {
      expect(row.tau).toBe(0);
      expect(row.piLower).toBeNull();
    } else {
      const tau2 = (e as { tau2: number }).tau2;
      expect(Math.abs(row.tau! - Math.sqrt(tau2)), `${key} tau`).toBeLessThan(1e-6 * Math.max(1, Math.sqrt(tau2)));
      const pe = e as { piLower: number; piUpper: number };
      expect(rel(row.yiPiLower!, pe.piLower), `${key} piLower`).toBeLessThan(1e-6);
      expect(rel(row.yiPiUpper!, pe.piUpper), `${key} piUpper`).toBeLessThan(1e-6);
    }
  }
}

describe('method sensitivity on dat.bcg (RR)', () => {
  const bcg = mhCase('bcg-MH-RR').rows;
  it('every frequentist row equals metafor (rma FE/DL/REML/PM with z, knha, adhoc; rma.mh)', () => {
    expectRowsEqualMetafor(panelFor(bcg, {}).panel, 'bcg-RR', 'bcg-MH-RR');
  });

  it('pools the forest’s included studies only: a study toggled out is out of the panel too', () => {
    const { panel } = panelFor(bcg, { excludedStudyIds: ['trial-1'] });
    expect(panel.k).toBe(12);
    const all = panelFor(bcg, {}).panel;
    expect(panel.rows.find((r) => r.key === 'REML')!.yi).not.toBeCloseTo(all.rows.find((r) => r.key === 'REML')!.yi!, 6);
  });

  it('says where the estimates fall, from the numbers', () => {
    const { panel } = panelFor(bcg, {});
    // metafor: every bcg fit is below 1 (fewer TB cases with the vaccine) and excludes 1.
    // τ = √τ²: DL 0.556, REML 0.560, PM 0.565 (metafor), the same at two decimals.
    const taus = ['DL', 'REML', 'PM'].map((m) => Math.sqrt(fit('bcg-RR', m, 'z').tau2).toFixed(2));
    expect(new Set(taus)).toEqual(new Set(['0.56']));
    expect(panel.sentence).toBe('All seven methods put the estimate on the IVIG side; none of the seven intervals includes no effect. τ is 0.56 by every τ² estimator.');
  });
});

describe('method sensitivity on the IVIG relapse-free trials (OR, k = 2)', () => {
  const ivig = mhCase('ivig-relapse-free-MH-OR').rows;
  it('every frequentist row equals metafor', () => {
    const { panel } = panelFor(ivig, { outcome: 'relapse-free', measure: 'OR' });
    expectRowsEqualMetafor(panel, 'ivig-relapse-free-OR-k2', 'ivig-relapse-free-MH-OR');
  });

  it('relapse-free: an OR above 1 favours IVIG, and the sentence counts the intervals that include 1', () => {
    const { forest, panel } = panelFor(ivig, { outcome: 'relapse-free', measure: 'OR' });
    expect(forest.favoursRight).toBe('Favours IVIG');
    expect(panel.lowerFavoursIvig).toBe(false);
    const includesOne = EXPECTED_ROWS.filter(([, m, t]) => {
      const e = m === 'MH' ? mhCase('ivig-relapse-free-MH-OR').expected : fit('ivig-relapse-free-OR-k2', m, t);
      return e.ciLower <= 0 && e.ciUpper >= 0;
    }).length;
    const words = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven'];
    expect(panel.sentence).toMatch(/^All seven methods put the estimate on the IVIG side; /);
    expect(panel.sentence).toContain(`${words[includesOne]} of seven intervals include no effect`);
  });

  it('follows "Swap sides": the estimates change sign and stay on the IVIG side', () => {
    const { panel } = panelFor(ivig, { outcome: 'relapse-free', measure: 'OR', flipDirection: true });
    expect(panel.lowerFavoursIvig).toBe(true);
    const e = fit('ivig-relapse-free-OR-k2', 'REML', 'z');
    expect(rel(panel.rows.find((r) => r.key === 'REML')!.yi!, -e.estimate)).toBeLessThan(1e-6);
    expect(panel.sentence).toMatch(/^All seven methods put the estimate on the IVIG side/);
  });
});

describe('method sensitivity edge cases', () => {
  it('a continuous measure has no Mantel-Haenszel row', () => {
    const panel = toMethodSensitivity({ measure: 'MD', lowerFavoursIvig: true, level: 95, studies: [{ label: 'A', yi: -0.3, vi: 0.04, counts: null }, { label: 'B', yi: -0.1, vi: 0.05, counts: null }] })!;
    expect(panel.rows.map((r) => r.key)).toEqual(['common-iv', 'DL', 'REML', 'REML-KH', 'REML-KH-adhoc', 'PM']);
  });

  it('M-H with a reported contrast is listed as not estimable, with the reason, and left out of the counts', () => {
    const panel = toMethodSensitivity({ measure: 'RR', lowerFavoursIvig: true, level: 95, studies: [{ label: 'A', yi: -0.3, vi: 0.04, counts: null }, { label: 'B', yi: -0.1, vi: 0.05, counts: { ai: 5, n1i: 20, ci: 8, n2i: 20 } }] })!;
    const mh = panel.rows.find((r) => r.key === 'common-mh')!;
    expect(mh.yi).toBeNull();
    expect(mh.note).toBe('needs 2×2 counts for every study (A: a reported contrast)');
    expect(panel.sentence).toMatch(/^All six methods put/);
    expect(panel.sentence).toContain('Not estimable here: common effect M-H (needs 2×2 counts for every study (A: a reported contrast)).');
  });

  it('one study: Knapp-Hartung rows fall back to z and say so', () => {
    // yi −0.5, SE 0.2: z CI [−0.89, −0.11] for every method (τ² = 0 with one study).
    const panel = toMethodSensitivity({ measure: 'MD', lowerFavoursIvig: true, level: 95, studies: [{ label: 'A', yi: -0.5, vi: 0.04, counts: null }] })!;
    expect(panel.rows.find((r) => r.key === 'REML-KH')!.note).toMatch(/z test is used/);
    expect(panel.rows.every((r) => Math.abs(r.yiUpper! - (-0.5 + 1.959963984540054 * 0.2)) < 1e-12)).toBe(true);
    expect(panel.sentence).toBe('One study: every frequentist method returns its own estimate (τ cannot be estimated). All six methods put the estimate on the IVIG side; none of the six intervals includes no effect.');
  });

  it('names the minority when the methods disagree', () => {
    const row = (key: string, shortLabel: string, yi: number, lo: number, hi: number): SensitivityRow => ({
      key, label: shortLabel, shortLabel, family: 'frequentist', intervalKind: 'CI', call: '', estimate: yi, lower: lo, upper: hi, yi, yiLower: lo, yiUpper: hi,
      tau: null, piLower: null, piUpper: null, yiPiLower: null, yiPiUpper: null, text: '', probabilityOfBenefit: null, note: null,
    });
    const s = sensitivitySentence([row('a', 'A', -0.5, -0.9, -0.1), row('b', 'B', -0.4, -0.8, 0.1), row('c', 'C', -0.45, -0.85, -0.05), row('d', 'D', 0.1, -0.3, 0.5)], 0, true);
    expect(s).toBe('Three of four methods put the estimate on the IVIG side, one on the placebo side; two of four intervals include no effect (B and D).');
  });
});

describe('method sensitivity of a phase-comparison cell', () => {
  it('pools the cell’s trials: its REML row is the cell’s own estimate', () => {
    const rows = mhCase('bcg-MH-RR').rows;
    const evidence = evidenceFromBinaryRows(rows, { phases: rows.map((_, i) => (i % 3 === 0 ? 'SP' : 'RR')) });
    const c = { rows: ['RR', 'SP'] as const, model: 'random' as const, tau2Method: 'REML' as const, test: 'z' as const, useDerived: true, excludedStudyIds: ['trial-2'], i2Basis: 'tau2' as const };
    const panel = toPhasePanel(evidence.studies, [], 'new-relapse', { ...c, rows: [...c.rows] });
    for (const row of c.rows) {
      const cell = panel.cells.find((x) => x.row === row)!;
      const s = phaseCellSensitivity(evidence.studies, 'new-relapse', panel.measure!, row, { excludedStudyIds: c.excludedStudyIds })!;
      expect(s.sensitivity.k).toBe(cell.k);
      expect(rel(s.sensitivity.rows.find((r) => r.key === 'REML')!.yi!, cell.yi!)).toBeLessThan(1e-12);
    }
  });
});

describe('Bayesian rows of the method-sensitivity panel against base-R integrate() (fixtures/bayes-sensitivity.json)', () => {
  const TURNER = 'turner-signs-symptoms-reflecting-continuation-end-of-condition';
  const cases = (dataset: string) => bayesFixture.cases.filter((c) => c.dataset === dataset);
  it.each([
    ['ivig-relapse-free-OR-k2', 'ivig-relapse-free-MH-OR', 'relapse-free', 'OR'],
    ['bcg-RR', 'bcg-MH-RR', 'new-relapse', 'RR'],
  ] as const)('%s: half-normal(0.5), half-normal(1.0) and the Turner prior of the outcome type', (dataset, rowsFrom, outcome, measure) => {
    const evidence = evidenceFromBinaryRows(mhCase(rowsFrom).rows, { kind: outcome });
    const forest = toForestModel(evidence.studies, [], { ...DEFAULT_ANALYSIS, outcome, measure });
    const input = sensitivityInputFromForest(forest, { flipDirection: false, level: 95, outcome });
    const panel = toMethodSensitivity(input, bayesianSensitivityRows)!;
    const bayes = panel.rows.filter((r) => r.family === 'bayesian');
    expect(bayes.map((r) => r.key)).toEqual(['bayes-half-normal-0.5', 'bayes-half-normal-1.0', 'bayes-turner']);
    const higherFavoursIvig = outcome === 'relapse-free';
    for (const [row, prior] of bayes.map((r, i) => [r, ['half-normal-0.5', 'half-normal-1.0', TURNER][i]!] as const)) {
      const e = cases(dataset).find((c) => c.tauPrior === prior)!;
      // R's data and ours are the same effects.
      input.studies.forEach((s, i) => expect(rel(s.yi, e.yi[i]!)).toBeLessThan(1e-12));
      expect(rel(row.yi!, e.muMedian), `${prior} μ median`).toBeLessThan(1e-6);
      expect(rel(row.yiLower!, e.muLower), `${prior} μ lower`).toBeLessThan(1e-6);
      expect(rel(row.yiUpper!, e.muUpper), `${prior} μ upper`).toBeLessThan(1e-6);
      expect(rel(row.tau!, e.tauMedian), `${prior} τ median`).toBeLessThan(1e-6);
      expect(rel(row.yiPiLower!, e.predictionLower), `${prior} prediction lower`).toBeLessThan(1e-6);
      expect(rel(row.yiPiUpper!, e.predictionUpper), `${prior} prediction upper`).toBeLessThan(1e-6);
      const pBenefit = higherFavoursIvig ? 1 - e.probabilityBelow0 : e.probabilityBelow0;
      expect(Math.abs(row.probabilityOfBenefit! - pBenefit), `${prior} P(benefit)`).toBeLessThan(1e-7);
    }
    expect(panel.sentence).toMatch(higherFavoursIvig ? /The probability of benefit ranges from 0\.\d\d to 0\.\d\d across the τ priors\.$/ : /The probability of benefit is > 0\.99 under every τ prior\.$/);
  });
});
