/** The rows of the phase comparison (kept apart from the model so the URL code loads no statistics). */
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

