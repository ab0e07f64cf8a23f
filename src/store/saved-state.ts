/**
 * Reading the saved state back, checked against the schema. Loaded only when there is something
 * saved (see hasSavedState in persistence.ts), so a first visit does not pay for zod.
 */
import { z } from 'zod';
import { sourceSchema, studySchema } from '../evidence/schema';
import type { ImportedFile } from '../evidence/imported-file';
import { explainIssue } from '../evidence/issue-text';
import { formatIssuePath } from '../evidence/parse-evidence';
import { STORAGE_KEY, setAside } from './persistence';

const savedSchema = z.object({
  version: z.literal(1),
  imports: z.array(z.object({
    id: z.string().min(1),
    fileName: z.string().min(1),
    importedAt: z.string().min(1),
    sources: z.array(sourceSchema),
    studies: z.array(studySchema),
  })),
});

export interface LoadedState {
  imports: ImportedFile[];
  /** A sentence for the user when something could not be read. */
  notice: string | null;
  /** Saved text that could not be read nor set aside (storage full): offered for download from memory. */
  unkept?: string;
}

/** Keeps unreadable saved text as a set-aside copy; the notice says where it went. */
export function setAsideWithNotice(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>, text: string, what: string, problem: string, now?: Date): { notice: string; unkept?: string } {
  const kept = setAside(storage, text, problem, now);
  const all = what.startsWith('Saved imports');
  if ('entry' in kept) return { notice: `${what} (${problem}) and ${all ? 'were set aside; the bundled evidence is shown' : 'was set aside'}. Download the set-aside data under “Set-aside data” on this page (kept in this browser, the newest few).` };
  return { notice: `${what} (${problem}); it could not be set aside (${kept.error}). Download the set-aside data now under “Set-aside data” on this page: it is not kept after this visit.`, unkept: text };
}

export function loadSavedState(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null, now?: Date): LoadedState {
  if (!storage) return { imports: [], notice: null };
  let text: string | null;
  try {
    text = storage.getItem(STORAGE_KEY);
  } catch {
    return { imports: [], notice: 'Saved data could not be read (browser storage is not available); imported files will not be kept.' };
  }
  if (text === null) return { imports: [], notice: null };
  let problem: string;
  try {
    const parsed = savedSchema.safeParse(JSON.parse(text));
    if (parsed.success) return { imports: parsed.data.imports, notice: null };
    const first = parsed.error.issues[0];
    const explained = first ? explainIssue(first, JSON.parse(text)) : null;
    problem = explained ? `${formatIssuePath(explained.path)}: ${explained.text}` : 'unknown shape';
  } catch (e) {
    problem = `not valid JSON (${(e as Error).message})`;
  }
  return { imports: [], ...setAsideWithNotice(storage, text, 'Saved imports could not be read', problem, now) };
}
