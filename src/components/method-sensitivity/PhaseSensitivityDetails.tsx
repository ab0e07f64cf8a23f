import { useMemo, useState } from 'react';
import type { OutcomeKind, Study } from '../../evidence/schema';
import type { AnalysisMeasure } from '../../evidence/to-effect-inputs';
import type { AnalysisChoices } from '../../model/forest-model';
import { phaseCellSensitivity } from '../../model/method-sensitivity/phase-sensitivity';
import { PHASE_ROW_LABEL, type PhaseRow } from '../../model/phase-rows';
import { MethodSensitivityPanel } from './MethodSensitivityPanel';

/**
 * "How much does the method matter?" under a phase-comparison panel: one method-sensitivity panel
 * per phase row with trials, computed when opened (the comparison itself stays fast).
 */
export function PhaseSensitivityDetails({ studies, outcome, outcomeLabel, measure, rows, choices, captionLines, fileName }: {
  studies: readonly Study[];
  outcome: OutcomeKind;
  outcomeLabel: string;
  measure: AnalysisMeasure;
  rows: readonly PhaseRow[];
  choices: Partial<Omit<AnalysisChoices, 'outcome' | 'measure'>>;
  captionLines: readonly string[];
  fileName: (row: PhaseRow, extension: string) => string;
}) {
  const [open, setOpen] = useState(false);
  const cells = useMemo(
    () => (open ? rows.map((row) => phaseCellSensitivity(studies, outcome, measure, row, choices)).filter((c) => c !== null) : []),
    [open, rows, studies, outcome, measure, choices],
  );
  return (
    <details className="phase-sensitivity" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>How much does the method matter? Method sensitivity by phase</summary>
      {open && cells.length === 0 && <p className="note">No phase row has an estimable trial.</p>}
      {cells.map((c) => (
        <MethodSensitivityPanel
          key={c.row}
          headingLevel={3}
          model={c.sensitivity}
          title={`${outcomeLabel}, ${PHASE_ROW_LABEL[c.row]}: ${c.sensitivity.k} ${c.sensitivity.k === 1 ? 'trial' : 'trials'} by every method`}
          favoursLeft={c.forest.favoursLeft}
          favoursRight={c.forest.favoursRight}
          captionLines={[...captionLines, `${PHASE_ROW_LABEL[c.row]} trials; ${c.forest.measureLabel}`]}
          fileName={(ext) => fileName(c.row, ext)}
        />
      ))}
    </details>
  );
}
