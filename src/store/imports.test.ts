import { describe, expect, it } from 'vitest';
import { importEvidenceFile } from '../evidence/import-evidence';
import { bcgCsv } from '../test-support/bcg';
import { miniEvidence } from '../test-support/mini-evidence';
import { createAppStore } from './app-store';

describe('the imported files in the store', () => {
  it('lists each study once: a file imported again under another name replaces the earlier entry', () => {
    const store = createAppStore();
    for (const name of ['bcg.csv', 'bcg (1).csv']) {
      const r = importEvidenceFile(name, bcgCsv(), miniEvidence(), store.getState().imports);
      if (!r.ok) throw new Error(r.problems.join('\n'));
      store.getState().addImport(r.file);
    }
    expect(store.getState().imports.map((f) => [f.fileName, f.studies.length])).toEqual([['bcg (1).csv', 13]]);
  });
});
