import { describe, expect, it } from 'vitest';
import { BACKUP_KEY, STORAGE_KEY, loadSavedState, saveState } from './persistence';
import { CSV_TEMPLATE, importEvidenceFile } from '../evidence/import-evidence';
import { miniEvidence } from '../test-support/mini-evidence';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

describe('saved state', () => {
  it('round-trips imported files', () => {
    const r = importEvidenceFile('t.csv', CSV_TEMPLATE, miniEvidence());
    if (!r.ok) throw new Error(r.problems.join());
    const storage = memoryStorage();
    expect(saveState(storage, [r.file])).toBeNull();
    expect(loadSavedState(storage)).toEqual({ imports: [r.file], notice: null });
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
});
