/**
 * Comparison helpers for the metafor reference tests.
 *
 * Default tolerance: 1e-6 relative, or 1e-9 absolute when the reference value is near zero
 * (|expected| < 1e-3: p-values like 1e-26 and estimates near 0, where a relative error means
 * nothing). Looser tolerances are passed explicitly where metafor itself iterates, each with a
 * comment at the call site.
 *
 * Every comparison is recorded by quantity kind, and `reportWorstErrors` prints the worst
 * relative error per kind after a test file has run.
 */
import { afterAll, expect } from 'vitest';

export interface Tolerance {
  relative: number;
  absolute: number;
}

export const DEFAULT_TOLERANCE: Tolerance = { relative: 1e-6, absolute: 1e-9 };

const worst = new Map<string, { error: number; where: string }>();

/** Relative error, or absolute error when the reference is near zero. */
export function relativeError(actual: number, expected: number): number {
  const diff = Math.abs(actual - expected);
  return Math.abs(expected) < 1e-3 ? diff : diff / Math.abs(expected);
}

function record(kind: string, error: number, where: string): void {
  const current = worst.get(kind);
  if (current === undefined || error > current.error) worst.set(kind, { error, where });
}

/**
 * Asserts |actual − expected| <= max(absolute, relative·|expected|) and records the error under `kind`.
 */
export function expectClose(
  actual: number | null | undefined,
  expected: number,
  where: string,
  kind: string,
  tolerance: Tolerance = DEFAULT_TOLERANCE,
  context = '',
): void {
  const label = context === '' ? where : `${where} [${context}]`;
  expect(actual, `${label}: expected a number`).toBeTypeOf('number');
  const a = actual as number;
  const allowed = Math.max(tolerance.absolute, tolerance.relative * Math.abs(expected));
  const diff = Math.abs(a - expected);
  record(kind, relativeError(a, expected), where);
  expect(diff, `${label}: got ${a}, metafor ${expected} (|diff| ${diff} > ${allowed})`).toBeLessThanOrEqual(allowed);
}

export function expectAllClose(
  actual: readonly number[],
  expected: readonly number[],
  where: string,
  kind: string,
  tolerance: Tolerance = DEFAULT_TOLERANCE,
  context = '',
): void {
  expect(actual.length, `${where}: length`).toBe(expected.length);
  expected.forEach((e, i) => expectClose(actual[i], e, `${where}[${i}]`, kind, tolerance, context));
}

/** Prints the worst relative error per quantity kind once the file's tests have run. */
export function reportWorstErrors(title: string): void {
  afterAll(() => {
    const rows = [...worst.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([kind, { error, where }]) => `  ${kind.padEnd(28)} ${error.toExponential(2).padStart(9)}  (${where})`);
    console.log(`worst relative error vs metafor, ${title}:\n${rows.join('\n')}`);
  });
}
