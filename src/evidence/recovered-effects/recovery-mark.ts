/**
 * What a row carries for each recovered value: the method (its symbol and name, drawn beside the
 * study's label), the formula with the numbers put in (the row details, the CSV, the R script's
 * comment) and, for a method with a caveat the reader must see (a crossover read as parallel),
 * that caveat beside the row.
 */
import { RECOVERY_METHODS, type RecoveryMethod } from './recovery-settings';

export interface RecoveryMark {
  method: RecoveryMethod;
  symbol: string;
  name: string;
  /** What was recovered and how, with the entered numbers: "SD imputed for ivig: 2.2 (largest …)". */
  formula: string;
  reference: string;
}

export function recoveryMark(method: RecoveryMethod, formula: string, reference?: string): RecoveryMark {
  const info = RECOVERY_METHODS[method];
  return { method, symbol: info.symbol, name: info.name, formula, reference: reference ?? info.reference };
}

/** The row's symbols, once each, in the order of the methods: "⊕ ⇄". */
export const markSymbols = (marks: readonly RecoveryMark[]) => [...new Set(marks.map((m) => m.symbol))].join(' ');

/** The row's method names, once each: "IVIG arms combined, crossover as parallel". */
export const markNames = (marks: readonly RecoveryMark[]) => [...new Set(marks.map((m) => m.name))].join(', ');

/** One line per mark, for details and exports: "⊕ IVIG arms combined: events and totals added …". */
export const markLines = (marks: readonly RecoveryMark[]) => marks.map((m) => `${m.symbol} ${m.name}: ${m.formula}`);
