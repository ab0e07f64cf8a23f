/**
 * The words of each Summary of Findings cell, used by the page, the CSV, the SVG/PNG figure and the
 * HTML table alike, so that no export prints a number the screen does not.
 */
import { MEASURE_LABEL } from '../../evidence/to-effect-inputs';
import type { SofRow, SofTable, SummaryOfFindings } from './summary-of-findings';
import { wholeNumberText } from './whole-number';

export interface SofCells {
  outcome: string;
  participants: string;
  certainty: string;
  /** Footnote numbers, e.g. "1, 2, 4". */
  footnoteRefs: string;
  relative: string;
  riskWithPlacebo: string;
  riskDifference: string;
  nnt: string;
  statement: string;
}

export const SOF_COLUMNS: readonly { key: keyof SofCells; label: string }[] = [
  { key: 'outcome', label: 'Outcome' },
  { key: 'participants', label: '№ of participants (studies)' },
  { key: 'certainty', label: 'Certainty of the evidence (GRADE)' },
  { key: 'relative', label: 'Relative effect (95% CI)' },
  { key: 'riskWithPlacebo', label: 'Risk with placebo' },
  { key: 'riskDifference', label: 'Risk difference with IVIG (95% CI)' },
  { key: 'nnt', label: 'NNT (95% CI)' },
  { key: 'statement', label: 'What happens' },
];

/** The columns as headed under a model: 'CrI' (Bayesian) names credible intervals. */
export function sofColumns(interval: 'CI' | 'CrI'): readonly { key: keyof SofCells; label: string }[] {
  return interval === 'CI' ? SOF_COLUMNS : SOF_COLUMNS.map((c) => ({ ...c, label: c.label.replace('(95% CI)', '(95% CrI)') }));
}

const perThousand = (p: number) => `${wholeNumberText(Math.round(1000 * p))} per 1,000`;
const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));

export function sofCells(row: SofRow): SofCells {
  const refs = [...new Set(row.footnotes.map((f) => f.number))].join(', ');
  const outcome = `${row.outcomeLabel} (${row.importance})`;
  if (row.notEstimable !== null || !row.pooled || !row.certainty) {
    return {
      outcome, participants: row.k ? `${row.participants ?? 'n/a'} (${row.k} RCT${row.k === 1 ? '' : 's'})` : '—', certainty: '—', footnoteRefs: '',
      relative: 'not estimable', riskWithPlacebo: '—', riskDifference: '—', nnt: '—', statement: `No pooled effect: ${row.notEstimable ?? 'no data'}.`,
    };
  }
  const c = row.certainty;
  const certainty = `${c.symbols} ${c.label}${c.provisional ? ' (provisional)' : ''}`;
  // Under the Bayesian model the posterior probability of benefit (and beyond the user's threshold)
  // goes with the relative effect; a row without a posterior says that its interval is a CI.
  const relative = row.bayesian
    ? `${row.measure} ${row.relativeText}; P(benefit): ${row.bayesian.benefitText}${row.bayesian.threshold ? `; ${row.bayesian.threshold.text}` : ''}`
    : `${row.measure} ${row.relativeText}${row.bayesianReason ? ' (95% CI, random effects: no posterior)' : ''}`;
  let riskWithPlacebo: string;
  let riskDifference = '—';
  let nnt = '—';
  if (row.absolute && row.assumedRisk) {
    riskWithPlacebo = `${perThousand(row.absolute.controlRisk)} (${row.assumedRisk.source})`;
    riskDifference = row.absolute.text;
    nnt = row.nnt?.text ?? '—';
    if (row.secondRisk) {
      riskWithPlacebo += `; second baseline ${perThousand(row.secondRisk.controlRisk)}`;
      riskDifference += `; at the second baseline ${row.secondRisk.text}`;
      nnt += `; at the second baseline ${row.secondNnt?.text ?? '—'}`;
    }
  } else if (row.measure === 'MD' || row.measure === 'SMD') {
    riskWithPlacebo = row.controlMean !== null ? `mean ${fmt(row.controlMean)} (median of the control arms)` : 'control mean not reported';
    riskDifference = `${MEASURE_LABEL[row.measure!].toLowerCase()} ${row.relativeText} with IVIG`;
    nnt = 'not applicable (continuous outcome)';
  } else {
    riskWithPlacebo = 'no control risk: enter one to see absolute effects';
  }
  return {
    outcome, participants: `${row.participants ?? 'n/a'} (${row.k} RCT${row.k === 1 ? '' : 's'})`, certainty, footnoteRefs: refs, relative,
    riskWithPlacebo, riskDifference, nnt, statement: row.statement ?? '',
  };
}

/** The caption line of a table: population, intervention, comparison, analysis. */
export function tableHeading(label: string): string {
  return `IVIG compared with placebo for ${label.toLowerCase() === 'ms course not specified' ? 'patients whose MS course is not specified' : `${label.toLowerCase()} MS`}`;
}

export const analysisLine = (s: SummaryOfFindings) => `Analysis (as the forest plot): ${s.settingsText}.`;

/** Under the Bayesian model: the rows that keep random effects, one sentence per reason (below the table, in every export). */
export function noPosteriorNotes(table: SofTable): string[] {
  const byReason = new Map<string, string[]>();
  for (const r of table.rows) if (r.bayesianReason) byReason.set(r.bayesianReason, [...(byReason.get(r.bayesianReason) ?? []), r.outcomeLabel]);
  return [...byReason].map(([reason, labels]) => `No Bayesian result for ${labels.join(', ')}: ${reason}; random effects shown.`);
}
