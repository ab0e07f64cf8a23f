/**
 * A schema problem in words a user can act on: where (the path), what was expected and what the
 * file holds there. zod's own texts name neither the value ("Invalid input: expected number,
 * received string") nor, for a union such as "a sourced number or { value: null, reason }", the
 * field that failed ("Invalid input"); here a union is explained through its closest alternative.
 */
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;
export type IssuePath = readonly PropertyKey[];

/** The value at `path` inside `root`, or undefined. */
export function valueAt(root: unknown, path: IssuePath): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** `"20" (a string)`, `-3`, `nothing`, `a list of 1 item`, `an object` */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}" (a string)`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  return 'an object';
}

const withArticle = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);
const looksNumeric = (v: unknown) => typeof v === 'number' || (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)));

/** Issue → { path (from the root given), text: "expected …, got …" }. */
export function explainIssue(issue: Issue, root: unknown, base: IssuePath = []): { path: IssuePath; text: string } {
  const path = [...base, ...issue.path];
  const value = valueAt(root, path);
  const got = describeValue(value);
  switch (issue.code) {
    case 'invalid_union': {
      if ('options' in issue && issue.options && issue.options.length) {
        return { path, text: `expected one of ${issue.options.map((o) => JSON.stringify(o)).join(', ')}, got ${got}` };
      }
      const alternatives = issue.errors;
      if (alternatives.length === 0) break;
      const atRoot = alternatives.every((alt) => alt.length === 1 && alt[0]?.code === 'invalid_type' && alt[0].path.length === 0);
      if (atRoot) {
        const expected = [...new Set(alternatives.map((alt) => (alt[0] as z.core.$ZodIssueInvalidType).expected))];
        // The common mistake: a bare number where the schema wants the number with its source.
        const hint = expected.includes('object') && looksNumeric(value)
          ? `; a number is written with its source: { "value": ${Number(value)}, "source": …, "quote": …, "status": "reported" }, or { "value": null, "reason": … } when not reported`
          : '';
        return { path, text: `expected ${expected.map(withArticle).join(' or ')}, got ${got}${hint}` };
      }
      // The alternative the value came closest to (fewest problems) says what is wrong with it.
      const closest = [...alternatives].sort((a, b) => a.length - b.length)[0] as Issue[];
      return explainIssue(closest[0] as Issue, root, path);
    }
    case 'invalid_type':
      return { path, text: `expected ${withArticle(issue.expected)}, got ${got}` };
    case 'invalid_value':
      return { path, text: `expected ${issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`}, got ${got}` };
    case 'unrecognized_keys':
      return { path, text: `unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((k) => `"${k}"`).join(', ')}` };
    case 'too_small':
    case 'too_big':
      if (!/^expected/.test(issue.message) && issue.origin === 'array') {
        const bound = issue.code === 'too_small' ? `at least ${issue.minimum}` : `at most ${issue.maximum}`;
        return { path, text: `expected ${bound} item${Number(issue.code === 'too_small' ? issue.minimum : issue.maximum) === 1 ? '' : 's'}, got ${Array.isArray(value) ? value.length : got}` };
      }
      if (!/^expected/.test(issue.message) && issue.origin === 'string') {
        const text = issue.code === 'too_small' && Number(issue.minimum) === 1 ? 'a non-empty string' : `${issue.code === 'too_small' ? `at least ${issue.minimum}` : `at most ${issue.maximum}`} characters`;
        return { path, text: `expected ${text}, got ${got}` };
      }
      if (!/^expected/.test(issue.message)) {
        const bound = issue.code === 'too_small' ? `at least ${issue.minimum}` : `at most ${issue.maximum}`;
        return { path, text: `expected ${bound}, got ${got}` };
      }
      break;
    default:
      break;
  }
  // Our own messages ("expected a positive integer, got -3", "duplicate study id …").
  const text = /^expected/.test(issue.message) && !/\bgot\b/.test(issue.message) ? `${issue.message}, got ${got}` : issue.message;
  return { path, text };
}
