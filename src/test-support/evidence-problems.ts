/** What the loader says about a file: the problems of its EvidenceFileError, [] when it loads. */
import { EvidenceFileError } from '../evidence/parse-evidence';

export function evidenceProblemsOf(load: () => unknown): string[] {
  try {
    load();
  } catch (e) {
    if (e instanceof EvidenceFileError) return e.problems;
    throw e;
  }
  return [];
}
