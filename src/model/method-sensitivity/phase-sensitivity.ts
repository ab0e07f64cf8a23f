/**
 * The method-sensitivity panel of one phase-comparison cell: the cell's trials (as the forest the
 * cell opens shows them), pooled by every method. Built from that forest's model, so the panel,
 * the cell and the cell's forest pool the same study effects.
 */
import type { OutcomeKind, Study } from '../../evidence/schema';
import type { AnalysisMeasure } from '../../evidence/to-effect-inputs';
import { DEFAULT_ANALYSIS, toForestModel, type AnalysisChoices, type ForestModel } from '../forest-model';
import { phaseRowOf, type PhaseRow } from '../phase-rows';
import { bayesianSensitivityRows } from './bayesian-rows';
import { sensitivityInputFromForest, toMethodSensitivity, type MethodSensitivityModel, type SensitivityInput, type SensitivityRow } from './method-sensitivity';

export interface PhaseCellSensitivity {
  row: PhaseRow;
  forest: ForestModel;
  sensitivity: MethodSensitivityModel;
}

export function phaseCellSensitivity(
  studies: readonly Study[],
  outcome: OutcomeKind,
  measure: AnalysisMeasure,
  row: PhaseRow,
  choices: Partial<Omit<AnalysisChoices, 'outcome' | 'measure'>>,
  extraRows: (input: SensitivityInput) => SensitivityRow[] = bayesianSensitivityRows,
): PhaseCellSensitivity | null {
  // An imputed SD is borrowed from every compared trial, as the phase cell and its forest do.
  const c: AnalysisChoices = { ...DEFAULT_ANALYSIS, sdDonorStudies: studies, ...choices, outcome, measure, subgroupBy: 'none', mode: 'standard', flipDirection: false };
  const forest = toForestModel(studies.filter((s) => phaseRowOf(s) === row), [], c);
  const sensitivity = toMethodSensitivity(sensitivityInputFromForest(forest, { flipDirection: false, level: c.level, outcome }), extraRows);
  return sensitivity ? { row, forest, sensitivity } : null;
}
