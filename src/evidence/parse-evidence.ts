/**
 * The edge where untrusted JSON becomes an EvidenceSet. A failure names the failing place in the
 * file (`studies[3].arms[0].nAnalysed.value: expected a positive integer, got -2`) so that whoever
 * edits the file can find it; the app shows the message instead of a blank page.
 */
import type { z } from 'zod';
import { checkedEvidenceSetSchema, type EvidenceSet } from './schema';

export class EvidenceFileError extends Error {
  readonly problems: string[];
  constructor(problems: string[], what = 'The evidence file') {
    const shown = problems.slice(0, 8);
    const more = problems.length > shown.length ? `\n… and ${problems.length - shown.length} more` : '';
    super(`${what} is not valid:\n${shown.join('\n')}${more}`);
    this.name = 'EvidenceFileError';
    this.problems = problems;
  }
}

/** `['studies', 3, 'arms', 0, 'n']` → `studies[3].arms[0].n` */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out || '(root)';
}

/** Names the study an issue is in, so a reader need not count array indices. */
function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const where = formatIssuePath(issue.path);
  let context = '';
  if (issue.path[0] === 'studies' && typeof issue.path[1] === 'number' && raw && typeof raw === 'object') {
    const studies = (raw as { studies?: unknown }).studies;
    const study = Array.isArray(studies) ? (studies[issue.path[1]] as { id?: unknown } | undefined) : undefined;
    if (study && typeof study.id === 'string') context = ` (study "${study.id}")`;
  }
  return `${where}${context}: ${issue.message}`;
}

export function parseEvidenceSet(raw: unknown, what?: string): EvidenceSet {
  const result = checkedEvidenceSetSchema.safeParse(raw);
  if (!result.success) throw new EvidenceFileError(result.error.issues.map((i) => describeIssue(i, raw)), what);
  return result.data;
}

/** Text → EvidenceSet; a JSON syntax error is reported as such, not as a schema failure. */
export function parseEvidenceText(text: string, what?: string): EvidenceSet {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new EvidenceFileError([`not valid JSON (${(e as Error).message})`], what);
  }
  return parseEvidenceSet(raw, what);
}
