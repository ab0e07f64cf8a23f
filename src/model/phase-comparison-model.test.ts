/**
 * Phase comparison on dat.bcg with the allocation groups standing in for MS phases: each cell
 * must equal metafor's rma() on that subset, and the subgroup test metafor's
 * rma(yi = est, sei = ses, method = "FE") (tests/reference/fixtures/subgroups.json).
 */
import { describe, expect, it } from 'vitest';
import subgroups from '../../tests/reference/fixtures/subgroups.json';
import rmaMh from '../../tests/reference/fixtures/rma-mh.json';
import type { MsPhase } from '../evidence/schema';
import { evidenceFromBinaryRows } from '../test-support/evidence-from-rows';
import { miniEvidence } from '../test-support/mini-evidence';
import { relapseRateReductions, toPhasePanel, type PhaseChoices } from './phase-comparison-model';

const rows = rmaMh.cases.find((c) => c.name === 'bcg-MH-RR')!.rows;
const fit = subgroups.cases.find((c) => c.name === 'bcg-RR by alloc/REML/z')!;
const phaseOf: Record<string, MsPhase> = { random: 'RR', systematic: 'SP', alternate: 'PP' };
const bcg = evidenceFromBinaryRows(rows, { phases: fit.groupLabels.map((g) => phaseOf[g]!) });
const choices: PhaseChoices = { rows: ['RR', 'SP', 'PP', 'CIS'], model: 'random', tau2Method: 'REML', test: 'z', useDerived: true, excludedStudyIds: [], i2Basis: 'tau2' };
const rel = (x: number, y: number) => Math.abs(x - y) / Math.max(Math.abs(y), 1e-12);

describe('toPhasePanel', () => {
  const panel = toPhasePanel(bcg.studies, [], 'new-relapse', choices);

  it('pools each phase on its own, as metafor on each subset', () => {
    for (const [alloc, phase] of Object.entries(phaseOf)) {
      const cell = panel.cells.find((c) => c.row === phase)!;
      const e = fit.expected.groups[alloc as keyof typeof fit.expected.groups];
      expect(cell.k).toBe(e.k);
      expect(rel(cell.yi!, e.estimate)).toBeLessThan(1e-6);
      expect(rel(cell.yiUpper!, e.ciUpper)).toBeLessThan(1e-6);
    }
  });

  it('tests subgroup differences as RevMan does, and says where there is no evidence', () => {
    expect(rel(panel.subgroupTest!.Q, fit.expected.Qbetween)).toBeLessThan(1e-6);
    expect(panel.subgroupTest!.df).toBe(2);
    const cis = panel.cells.find((c) => c.row === 'CIS')!;
    expect([cis.estimate, cis.emptyReason]).toEqual([null, 'no randomised IVIG trial in CIS with these filters']);
    expect(panel.sentence).toContain('CIS: no estimable evidence (no randomised IVIG trial in CIS with these filters)');
    expect(panel.sentence).toMatch(/RR: risk ratio 0\.38 \[0\.22, 0\.65\] from 7 trials; the CI excludes no effect \(favours IVIG\)/);
  });

  it('shows the I² of the basis chosen for the forest: metafor’s from τ², or RevMan’s from Q', () => {
    const rr = (basis: 'tau2' | 'Q') => toPhasePanel(bcg.studies, [], 'new-relapse', { ...choices, i2Basis: basis }).cells.find((c) => c.row === 'RR')!;
    const e = fit.expected.groups.random;
    expect(rel(rr('tau2').I2!, e.I2)).toBeLessThan(1e-6);
    expect(rr('Q').I2).toBeCloseTo((100 * (e.Q - (e.k - 1))) / e.Q, 9);
    expect([rr('tau2').I2Basis, rr('Q').I2Basis]).toEqual(['tau2', 'Q']);
  });

  it('counts participants from the arm totals', () => {
    const rr = panel.cells.find((c) => c.row === 'RR')!;
    const expected = fit.groupLabels.map((g, i) => (g === 'random' ? rows[i]!.n1i + rows[i]!.n2i : 0)).reduce((a, b) => a + b, 0);
    expect(rr.participants).toBe(expected);
  });
});

describe('relapseRateReductions', () => {
  it('gives 1 − ARR(treatment)/ARR(control), for IVIG and comparators alike', () => {
    const set = miniEvidence();
    const arr = { id: 'arr', kind: 'annualized-relapse-rate' as const, label: 'ARR', timepoint: '2 years', primary: false, notes: [], pValues: [],
      data: { form: 'continuous' as const, arms: [
        { arm: 'ivig', mean: { value: 0.52, source: 'src-a', quote: '0.52', status: 'reported' as const }, sd: { value: null, reason: 'x' }, n: { value: null, reason: 'x' } },
        { arm: 'placebo', mean: { value: 1.26, source: 'src-a', quote: '1.26', status: 'reported' as const }, sd: { value: null, reason: 'x' }, n: { value: null, reason: 'x' } },
      ] } };
    set.studies[0]!.outcomes.push(arr);
    const [row] = relapseRateReductions(set.studies);
    expect(row!.formula).toBe('1 − 0.52 / 1.26');
    expect(row!.reductionPercent).toBeCloseTo(58.730158730, 8);
  });
});
