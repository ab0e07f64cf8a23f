/**
 * An imputed SD (`impute-sd`) is borrowed in the Summary of Findings as the forest plot borrows it
 * for the same trials: a population's row is the forest of that phase-comparison row, which (like
 * its cell) borrows from every trial passing the filters, not from the population's alone. On the
 * bundled evidence this matters for the annualized relapse rate in secondary progressive MS: ESIMS
 * reports no SD, and only the relapsing-remitting trials lend one.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEvidenceText } from '../../evidence/parse-evidence';
import { ALL_RECOVERY } from '../../evidence/recovered-effects/recovery-settings';
import type { OutcomeKind } from '../../evidence/schema';
import { availableMeasures } from '../../evidence/to-effect-inputs';
import { DEFAULT_SETTINGS, frequentistModel, type AnalysisSettings } from '../analysis-params';
import { toForestModel } from '../forest-model';
import { toPhasePanel } from '../phase-comparison-model';
import { phaseRowOf, type PhaseRow } from '../phase-rows';
import { DEFAULT_SUMMARY, toSummaryOfFindings } from '.';

const bundled = parseEvidenceText(readFileSync('public/data/evidence.json', 'utf8'));
// recover=all: every recovery method on, the missing SD imputed by the largest SD (impute-sd=largest).
const ALL: AnalysisSettings = { ...DEFAULT_SETTINGS, recovery: ALL_RECOVERY };
const rowOf = (analysis: AnalysisSettings, key: string) =>
  toSummaryOfFindings({ studies: bundled.studies, syntheses: [], analysis, excludedStudyIds: [], summary: DEFAULT_SUMMARY }).tables.flatMap((t) => t.rows).find((r) => r.key === key)!;

/** The forest of one phase-comparison row, as ForestView builds it (`forest-phase=`). */
function phaseForest(phase: PhaseRow, outcome: OutcomeKind, analysis: AnalysisSettings) {
  const inPhase = bundled.studies.filter((s) => phaseRowOf(s) === phase);
  const measure = availableMeasures(inPhase.filter((s) => s.kind === 'ivig-rct'), outcome, analysis.recovery)[0]!;
  return toForestModel(inPhase, [], { ...analysis, model: frequentistModel(analysis.model), outcome, measure, excludedStudyIds: [], level: 95, sdDonorStudies: bundled.studies });
}

describe('SD donors in the summary are the forest’s', () => {
  it('SP annualized relapse rate under recover=all: ESIMS’s SD imputed from the other trials, the forest’s and the phase cell’s numbers', () => {
    const row = rowOf(ALL, 'SP.annualized-relapse-rate');
    const forest = phaseForest('SP', 'annualized-relapse-rate', ALL);
    expect(row.notEstimable).toBeNull();
    expect(row.measure).toBe('MD');
    expect(row.relativeText).toBe(forest.overall!.effectText);
    expect(row.pooled!.estimate).toBe(forest.overall!.estimate);
    expect(row.pooled!.ciLower).toBe(forest.overall!.ciLower);
    expect(row.trials.map((t) => t.label)).toEqual(['Hommes 2004 (ESIMS)']);
    expect(row.trials[0]!.flags.join(' ')).toMatch(/recovered or imputed values \(.*SD/);
    // The phase comparison's SP cell pools the same study effect.
    const panel = toPhasePanel(bundled.studies, [], 'annualized-relapse-rate', { rows: ['RR', 'SP'], model: 'random', tau2Method: 'REML', test: 'z', useDerived: true, excludedStudyIds: [], i2Basis: ALL.i2Basis, recovery: ALL_RECOVERY });
    const cell = panel.cells.find((c) => c.row === 'SP')!;
    expect(cell.estimate).toBeCloseTo(forest.overall!.estimate, 12);
    expect(cell.ciLower).toBeCloseTo(forest.overall!.ciLower, 12);
    // Borrowing from the SP trials alone (the rule before) finds no donor: the row would not be estimable.
    const ownOnly = toForestModel(bundled.studies.filter((s) => phaseRowOf(s) === 'SP'), [], { ...ALL, model: 'random', outcome: 'annualized-relapse-rate', measure: 'MD', excludedStudyIds: [], level: 95 });
    expect(ownOnly.overall).toBeNull();
  });

  it('every estimable row equals its phase-row forest under recover=all (imputed or not)', () => {
    const s = toSummaryOfFindings({ studies: bundled.studies, syntheses: [], analysis: ALL, excludedStudyIds: [], summary: DEFAULT_SUMMARY });
    const rows = s.tables.filter((t) => t.population !== 'unspecified').flatMap((t) => t.rows).filter((r) => r.pooled);
    expect(rows.length).toBeGreaterThan(8);
    for (const r of rows) {
      const forest = phaseForest(r.population as PhaseRow, r.outcome, { ...ALL, measure: r.measure });
      expect(`${r.key} ${r.relativeText}`).toBe(`${r.key} ${forest.overall!.effectText}`);
    }
  });
});
