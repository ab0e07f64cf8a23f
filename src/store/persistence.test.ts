import { describe, expect, it } from 'vitest';
import { BACKUP_KEY, STORAGE_KEY, hasSavedState, saveState } from './persistence';
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
    const loaded = loadSavedState(storage);
    expect(loaded.imports).toEqual([]);
    expect(loaded.notice).toMatch(/^Saved imports could not be read \(not valid JSON/);
    expect(storage.data.get(BACKUP_KEY)).toBe('{"version":1,"imports":[{"id":3}]');
  });
  it('names the field of a state of the wrong shape', () => {
    const loaded = loadSavedState(memoryStorage({ [STORAGE_KEY]: '{"version":1,"imports":[{"id":""}]}' }));
    expect(loaded.notice).toMatch(/^Saved imports could not be read \(imports\.0\.id: /);
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
    expect(loadSavedState({ ...throwing, setItem: () => undefined }).notice).toMatch(/browser storage is not available/);
  });
});
