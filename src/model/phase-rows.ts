/** The rows of the phase comparison (kept apart from the model so the URL code loads no statistics). */
import type { Study } from '../evidence/schema';

export const PHASE_ROWS = ['CIS', 'RR', 'SP', 'PP', 'PP+SP', 'acute-relapse', 'established-deficit', 'postpartum'] as const;
export type PhaseRow = (typeof PHASE_ROWS)[number];

export const PHASE_ROW_LABEL: Record<PhaseRow, string> = {
  CIS: 'CIS',
  RR: 'RR',
  SP: 'SP',
  PP: 'PP',
  'PP+SP': 'PP+SP (mixed)',
  'acute-relapse': 'Acute relapse',
  'established-deficit': 'Established deficit',
  postpartum: 'Postpartum',
};


/** The row a study belongs to: its setting when that is a row of its own, else its MS phase. */
export function phaseRowOf(study: Study): PhaseRow | null {
  if (study.setting === 'acute-relapse' || study.setting === 'established-deficit' || study.setting === 'postpartum') return study.setting;
  if (study.phase === 'unspecified') return null;
  return study.phase;
}
