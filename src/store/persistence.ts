/**
 * What survives a reload besides the URL: the user's imported files, in localStorage. Reading
 * never throws: a corrupt or foreign saved state is set aside (kept under a backup key, so that
 * nothing is lost) and the app starts without it, with a notice that says so.
 */
import type { ImportedFile } from '../evidence/imported-file';

export const STORAGE_KEY = 'ivig-ms-explorer:v1';
export const BACKUP_KEY = 'ivig-ms-explorer:v1:unreadable-backup';

/**
 * Whether there is anything to restore, without loading the checker (zod and the schema) that
 * reading it needs: on a first visit there is not. A storage that cannot even be asked says yes,
 * so that loadSavedState (saved-state.ts) reports it.
 */
export function hasSavedState(storage: Pick<Storage, 'getItem'> | null): boolean {
  if (!storage) return false;
  try {
    return storage.getItem(STORAGE_KEY) !== null;
  } catch {
    return true;
  }
}

/** Saves the imports; with none left, removes the entry, so the next visit has nothing to check. */
export function saveState(storage: Pick<Storage, 'setItem' | 'removeItem'> | null, imports: readonly ImportedFile[]): string | null {
  if (!storage) return null;
  try {
    if (imports.length === 0) storage.removeItem(STORAGE_KEY);
    else storage.setItem(STORAGE_KEY, JSON.stringify({ version: 1, imports }));
    return null;
  } catch (e) {
    return `Imported files could not be saved in this browser (${(e as Error).message}); they will be lost on reload.`;
  }
}
