/**
 * Errors raised by the meta-analysis engine. Every message names the offending value and, for
 * per-study input, the study's 1-based position (`vi must be > 0, got 0 at study 3`), so that a
 * message can be shown to a user as it is.
 */

/** Base class: anything the engine throws on purpose is a `MetaAnalysisError`. */
export class MetaAnalysisError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MetaAnalysisError';
  }
}

/** Bad input: a non-finite number, a count outside its range, an unknown option. */
export class InvalidInputError extends MetaAnalysisError {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidInputError';
  }
}

/** The quantity asked for does not exist for these data (e.g. an MH odds ratio with no events). */
export class NotEstimableError extends MetaAnalysisError {
  constructor(message: string) {
    super(message);
    this.name = 'NotEstimableError';
  }
}

/** An iterative estimator (REML, ML, EB, PM, a Q-profile bound) did not converge. */
export class ConvergenceError extends MetaAnalysisError {
  readonly method: string;
  readonly iterations: number;

  constructor(method: string, iterations: number, detail: string) {
    super(`${method} did not converge after ${iterations} iterations: ${detail}`);
    this.name = 'ConvergenceError';
    this.method = method;
    this.iterations = iterations;
  }
}

/** Formats a value for an error message: numbers as JS prints them, everything else as JSON. */
export function describeValue(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** ` at study 3` for the 0-based index 2; empty when the value is not per study. */
export function atStudy(index: number | undefined): string {
  return index === undefined ? '' : ` at study ${index + 1}`;
}
