/**
 * What survives a reload besides the URL: the user's imported files, in localStorage. Reading
 * never throws: a corrupt or foreign saved state is set aside (each time as a copy of its own,
 * with its time, a few kept; the page offers them for download) and the app starts without it,
 * with a notice that says so.
 */
import type { ImportedFile } from '../evidence/imported-file';

export const STORAGE_KEY = 'ivig-ms-explorer:v1';
/** Where an earlier version kept its one copy (each failure overwrote it); still listed. */
export const BACKUP_KEY = 'ivig-ms-explorer:v1:unreadable-backup';
/** The index of set-aside copies; each copy's text is under `${SET_ASIDE_KEY}:${time}`. */
export const SET_ASIDE_KEY = 'ivig-ms-explorer:v1:set-aside';
/** How many set-aside copies are kept (the oldest go first): enough for a few bad visits, bounded
 * because browser storage is (about 5 MB per site, shared with the saved imports). */
export const MAX_SET_ASIDE = 5;

export interface SetAsideEntry {
  key: string;
  /** When it was set aside; null for the copy an earlier version kept, whose time is unknown. */
  savedAt: string | null;
  /** Why: the problem that made it unreadable. */
  reason: string;
  chars: number;
}

type ReadStorage = Pick<Storage, 'getItem'>;
type WriteStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function readIndex(storage: ReadStorage): SetAsideEntry[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(SET_ASIDE_KEY) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((e): e is SetAsideEntry => !!e && typeof e === 'object' && typeof e.key === 'string' && e.key.startsWith(`${SET_ASIDE_KEY}:`)
      && (typeof e.savedAt === 'string' || e.savedAt === null) && typeof e.reason === 'string' && typeof e.chars === 'number');
  } catch {
    return [];
  }
}

/** The set-aside copies, newest first (the earlier version's single copy last). Never throws. */
export function listSetAside(storage: ReadStorage | null): SetAsideEntry[] {
  if (!storage) return [];
  try {
    const entries = readIndex(storage).filter((e) => storage.getItem(e.key) !== null);
    const legacy = storage.getItem(BACKUP_KEY);
    if (legacy !== null) entries.push({ key: BACKUP_KEY, savedAt: null, reason: 'set aside by an earlier version of this page', chars: legacy.length });
    return entries;
  } catch {
    return [];
  }
}

export function readSetAside(storage: ReadStorage | null, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export function removeSetAside(storage: WriteStorage | null, key: string): void {
  if (!storage) return;
  try {
    storage.removeItem(key);
    storage.setItem(SET_ASIDE_KEY, JSON.stringify(readIndex(storage).filter((e) => e.key !== key)));
  } catch {
    // Nothing to do: the copy stays listed.
  }
}

/**
 * Keeps `text` as a new set-aside copy, newest first; beyond MAX_SET_ASIDE the oldest copies are
 * removed. When the storage is full, older copies are removed one by one until the new one fits;
 * if even alone it does not fit, they are written back and the error is returned (the caller
 * then offers the text for download from memory).
 */
export function setAside(storage: WriteStorage, text: string, reason: string, now: Date = new Date()): { entry: SetAsideEntry } | { error: string } {
  const entries = readIndex(storage);
  let key = `${SET_ASIDE_KEY}:${now.toISOString()}`;
  for (let n = 2; entries.some((e) => e.key === key); n++) key = `${SET_ASIDE_KEY}:${now.toISOString()}-${n}`;
  const entry: SetAsideEntry = { key, savedAt: now.toISOString(), reason, chars: text.length };
  const removed: { entry: SetAsideEntry; text: string }[] = [];
  const keep = [...entries];
  for (;;) {
    try {
      storage.setItem(key, text);
      break;
    } catch (e) {
      const oldest = keep.pop();
      if (!oldest) {
        for (const r of removed) { try { storage.setItem(r.entry.key, r.text); } catch { /* it was there a moment ago */ } }
        return { error: (e as Error).message || String(e) };
      }
      removed.push({ entry: oldest, text: storage.getItem(oldest.key) ?? '' });
      storage.removeItem(oldest.key);
    }
  }
  const kept = [entry, ...keep];
  for (const old of kept.splice(MAX_SET_ASIDE)) storage.removeItem(old.key);
  try {
    storage.setItem(SET_ASIDE_KEY, JSON.stringify(kept));
  } catch (e) {
    storage.removeItem(key);
    for (const r of removed) { try { storage.setItem(r.entry.key, r.text); } catch { /* as above */ } }
    return { error: (e as Error).message || String(e) };
  }
  return { entry };
}

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
