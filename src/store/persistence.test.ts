import { describe, expect, it } from 'vitest';
import { BACKUP_KEY, MAX_SET_ASIDE, STORAGE_KEY, hasSavedState, listSetAside, readSetAside, removeSetAside, saveState } from './persistence';
import { loadSavedState } from './saved-state';
import { importEvidenceFile } from '../evidence/import-evidence';
import { CSV_TEMPLATE } from '../evidence/imported-file';
import { miniEvidence } from '../test-support/mini-evidence';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k), data };
}

describe('saved state', () => {
  it('round-trips imported files', () => {
    const r = importEvidenceFile('t.csv', CSV_TEMPLATE, miniEvidence());
    if (!r.ok) throw new Error(r.problems.join());
    const storage = memoryStorage();
    expect(saveState(storage, [r.file])).toBeNull();
    expect(loadSavedState(storage)).toEqual({ imports: [r.file], notice: null });
    // Removing the last import removes the entry: the next visit has nothing to restore.
    expect(saveState(storage, [])).toBeNull();
    expect(hasSavedState(storage)).toBe(false);
  });
  it('sets a corrupt state aside with a notice and keeps a copy', () => {
    const storage = memoryStorage({ [STORAGE_KEY]: '{"version":1,"imports":[{"id":3}]' });
    const loaded = loadSavedState(storage, new Date('2026-12-01T09:30:00Z'));
    expect(loaded.imports).toEqual([]);
    expect(loaded.notice).toMatch(/^Saved imports could not be read \(not valid JSON/);
    expect(loaded.notice).toContain('Download the set-aside data');
    const [entry] = listSetAside(storage);
    expect(entry).toMatchObject({ savedAt: '2026-12-01T09:30:00.000Z', chars: 33 });
    expect(readSetAside(storage, entry!.key)).toBe('{"version":1,"imports":[{"id":3}]');
  });
  it('keeps every set-aside copy, newest first, with its time: a second failure does not overwrite the first', () => {
    const storage = memoryStorage();
    for (let i = 1; i <= MAX_SET_ASIDE + 2; i++) {
      storage.setItem(STORAGE_KEY, `broken ${i}`);
      loadSavedState(storage, new Date(Date.UTC(2026, 11, 1, 9, i)));
      storage.removeItem(STORAGE_KEY); // what saveState does when nothing could be restored
    }
    const entries = listSetAside(storage);
    // Bounded: the oldest go first, and their text with them.
    expect(entries.map((e) => [e.savedAt, readSetAside(storage, e.key)])).toEqual(
      [7, 6, 5, 4, 3].map((i) => [new Date(Date.UTC(2026, 11, 1, 9, i)).toISOString(), `broken ${i}`]),
    );
    expect([...storage.data.values()].filter((v) => v === 'broken 1' || v === 'broken 2')).toEqual([]);
    removeSetAside(storage, entries[0]!.key);
    expect(listSetAside(storage)).toHaveLength(MAX_SET_ASIDE - 1);
  });
  it('lists the copy an earlier version kept under its single backup key', () => {
    const storage = memoryStorage({ [BACKUP_KEY]: 'old copy' });
    expect(listSetAside(storage).map((e) => [e.savedAt, readSetAside(storage, e.key)])).toEqual([[null, 'old copy']]);
  });
  it('drops the oldest copies when the browser storage is full, and keeps them when even the new one alone does not fit', () => {
    const storage = memoryStorage();
    // A quota of 30 characters for the set-aside texts.
    const used = () => [...storage.data].filter(([k]) => k.includes(':set-aside:')).reduce((n, [, v]) => n + v.length, 0);
    const limited = { ...storage, setItem: (k: string, v: string) => { if (k.includes(':set-aside:') && used() + v.length > 30) throw new Error('QuotaExceededError'); storage.setItem(k, v); } };
    for (const [text, at] of [['a'.repeat(20), '09'], ['b'.repeat(20), '10']] as const) {
      storage.setItem(STORAGE_KEY, text);
      expect(loadSavedState(limited, new Date(`2026-12-01T${at}:00:00Z`)).notice).toContain('Download the set-aside data');
      storage.removeItem(STORAGE_KEY);
    }
    expect(listSetAside(storage).map((e) => readSetAside(storage, e.key))).toEqual(['b'.repeat(20)]);
    storage.setItem(STORAGE_KEY, 'c'.repeat(31));
    expect(loadSavedState(limited, new Date('2026-12-01T11:00:00Z')).notice).toContain('could not be set aside (QuotaExceededError)');
    expect(listSetAside(storage).map((e) => readSetAside(storage, e.key))).toEqual(['b'.repeat(20)]);
  });
  it('names the field of a state of the wrong shape', () => {
    const loaded = loadSavedState(memoryStorage({ [STORAGE_KEY]: '{"version":1,"imports":[{"id":""}]}' }));
    expect(loaded.notice).toMatch(/^Saved imports could not be read \(imports\[0\]\.id: expected a non-empty string, got "" \(a string\)\)/);
  });
  it('works without storage', () => {
    expect(loadSavedState(null)).toEqual({ imports: [], notice: null });
  });
  it('tells, without the checker, whether there is anything to restore', () => {
    expect(hasSavedState(memoryStorage())).toBe(false);
    expect(hasSavedState(memoryStorage({ [STORAGE_KEY]: '{}' }))).toBe(true);
    expect(hasSavedState(null)).toBe(false);
    // A storage that throws is reported by loadSavedState, so it must be asked to read.
    const throwing = { getItem: () => { throw new Error('SecurityError'); } };
    expect(hasSavedState(throwing)).toBe(true);
    expect(loadSavedState({ ...throwing, setItem: () => undefined, removeItem: () => undefined }).notice).toMatch(/browser storage is not available/);
  });
});
