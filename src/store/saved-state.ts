/**
 * Reading the saved state back, checked against the schema. Loaded only when there is something
 * saved (see hasSavedState in persistence.ts), so a first visit does not pay for zod.
 */
import { z } from 'zod';
import { sourceSchema, studySchema } from '../evidence/schema';
import type { ImportedFile } from '../evidence/imported-file';
import { BACKUP_KEY, STORAGE_KEY } from './persistence';

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
}

export function loadSavedState(storage: Pick<Storage, 'getItem' | 'setItem'> | null): LoadedState {
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
    problem = first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'unknown shape';
  } catch (e) {
    problem = `not valid JSON (${(e as Error).message})`;
  }
  try {
    storage.setItem(BACKUP_KEY, text);
  } catch {
    // The backup is best effort; the notice still tells the user.
  }
  return { imports: [], notice: `Saved imports could not be read (${problem}) and were set aside; the bundled evidence is shown. A copy of the saved text is kept in this browser under "${BACKUP_KEY}".` };
}
