/**
 * The phase comparison under model = bayes, on the bundled evidence: each cell is the posterior of
 * its trials with the forest's priors, equal to base R's integrate() (bayes-quadrature.json,
 * tests/reference/make-bayes-fixtures.R: AIMS and Achiron 1998, log RR) and to the Bayesian row of
 * the forest the cell opens; a cell on a mean-difference scale says why it has no Bayesian fit.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEvidenceSet } from '../evidence/parse-evidence';
import bayesQuadrature from '../../tests/reference/fixtures/bayes-quadrature.json';
import { DEFAULT_ANALYSIS, toForestModel } from './forest-model';
import { phaseRowOf, toPhasePanel, type PhaseChoices } from './phase-comparison-model';

const bundled = parseEvidenceSet(JSON.parse(readFileSync(join(process.cwd(), 'public/data/evidence.json'), 'utf8')));
const rct = bundled.studies;
const choices = (patch: Partial<PhaseChoices> = {}): PhaseChoices => ({ rows: ['RR', 'SP'], model: 'bayes', tau2Method: 'REML', test: 'z', useDerived: true, excludedStudyIds: [], i2Basis: 'tau2', ...patch });
const rel = (x: number, y: number) => Math.abs(x - y) / Math.max(Math.abs(y), 1e-12);
const quadrature = (tau: string, mu: string) => bayesQuadrature.cases.find((c) => c.data.startsWith('IVIG relapse-free log RR') && c.tauPrior.name === tau && c.muPrior.name === mu && c.level === 95)!;

/** The forest a cell opens: that row's trials, imputed SDs from every compared trial (as ForestView). */
function cellForest(c: PhaseChoices, outcome: 'relapse-free', measure: 'RR', row: 'RR') {
  return toForestModel(rct.filter((s) => phaseRowOf(s) === row), [], {
    ...DEFAULT_ANALYSIS, model: 'bayes', tauPrior: c.tauPrior ?? DEFAULT_ANALYSIS.tauPrior, muPrior: c.muPrior ?? DEFAULT_ANALYSIS.muPrior,
    outcome, measure, excludedStudyIds: c.excludedStudyIds, sdDonorStudies: rct,
  });
}

describe('phase comparison under model = bayes', () => {
  it('a cell is the posterior median and central CrI of its trials, as base R integrate() (AIMS + Achiron, log RR)', () => {
    for (const [tauPrior, muPrior, tau, mu] of [['half-normal-0.5', 'flat', 'halfNormal', 'flat'], ['half-cauchy-0.5', 'normal:0,4', 'halfCauchy', 'normal']] as const) {
      const c = choices({ excludedStudyIds: ['fazekas-2008-privig'], tauPrior, muPrior });
      const panel = toPhasePanel(rct, [], 'relapse-free', c);
      expect(panel.measure).toBe('RR');
      const cell = panel.cells.find((x) => x.row === 'RR')!;
      const e = quadrature(tau, mu);
      expect(cell.k).toBe(2);
      expect(rel(cell.yi!, e.mu.median)).toBeLessThan(1e-6);
      expect(rel(cell.yiLower!, e.mu.lower)).toBeLessThan(1e-6);
      expect(rel(cell.yiUpper!, e.mu.upper)).toBeLessThan(1e-6);
      expect(rel(cell.estimate!, Math.exp(e.mu.median))).toBeLessThan(1e-6);
      expect(rel(cell.bayesian!.tau.median, e.tau.median)).toBeLessThan(1e-6);
      expect(rel(cell.bayesian!.tau.upper, e.tau.upper)).toBeLessThan(1e-6);
      expect(rel(Math.log(cell.bayesian!.piUpper), e.prediction.upper)).toBeLessThan(1e-6);
      // Relapse-free: an RR above 1 favours IVIG, so P(benefit) = 1 − P(μ < 0).
      const below0 = e.probabilityBelow.find((p) => p.x === 0)!.p;
      expect(rel(cell.bayesian!.probabilityOfBenefit, 1 - below0)).toBeLessThan(1e-6);
      // I² stays the random-effects one (the frequentist fit is kept for it and the subgroup test).
      expect(cell.result!.method).toBe('REML');
    }
  });

  it('the forest a cell opens shows the same Bayesian numbers as the cell (all three relapse-free trials)', () => {
    const c = choices({ tauPrior: 'turner-signs-symptoms-reflecting-continuation-end-of-condition' });
    const cell = toPhasePanel(rct, [], 'relapse-free', c).cells.find((x) => x.row === 'RR')!;
    const forest = cellForest(c, 'relapse-free', 'RR', 'RR');
    const b = forest.bayesian!;
    expect(b.k).toBe(cell.k);
    expect(rel(b.yi, cell.yi!)).toBeLessThan(1e-12);
    expect(rel(b.yiLower, cell.yiLower!)).toBeLessThan(1e-12);
    expect(rel(b.yiUpper, cell.yiUpper!)).toBeLessThan(1e-12);
    expect(rel(b.tau.median, cell.bayesian!.tau.median)).toBeLessThan(1e-12);
    expect(b.effectText).toBe(cell.text);
    expect(b.benefitText).toBe(cell.bayesian!.benefitText);
    expect(b.priorText).toBe(cell.bayesian!.priorText);
  });

  it('words the sentence after what is shown: the CrI and P(benefit)', () => {
    const panel = toPhasePanel(rct, [], 'relapse-free', choices());
    const cell = panel.cells.find((x) => x.row === 'RR')!;
    expect(panel.sentence).toContain(`RR: risk ratio ${cell.text} (posterior median) from 3 trials; the 95% CrI includes no effect; ${cell.bayesian!.benefitText}`);
  });

  it('a cell on a mean-difference scale says why it has no Bayesian fit (a preset prior), and a custom scale fits it', () => {
    const panel = toPhasePanel(rct, [], 'edss-change', choices());
    const cell = panel.cells.find((x) => x.row === 'RR')!;
    expect(cell.k).toBe(1);
    expect(cell.estimate).toBeNull();
    expect(cell.emptyReason).toMatch(/^no Bayesian fit: the τ prior presets are for log ratios and SMDs; for a mean difference set a custom scale/);
    expect(panel.sentence).toContain('RR: 1 trial, no Bayesian fit: the τ prior presets');
    const custom = toPhasePanel(rct, [], 'edss-change', choices({ tauPrior: 'half-normal:0.5' })).cells.find((x) => x.row === 'RR')!;
    expect(custom.bayesian).not.toBeNull();
    expect(custom.emptyReason).toBeNull();
  });

  it('under random effects nothing changes: the cells are the REML fits', () => {
    const cell = toPhasePanel(rct, [], 'relapse-free', choices({ model: 'random' })).cells.find((x) => x.row === 'RR')!;
    expect(cell.bayesian).toBeNull();
    expect(cell.yi).toBe(cell.result!.estimate);
  });
});
