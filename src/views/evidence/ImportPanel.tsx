import { useState } from 'react';
import { CSV_COLUMNS, CSV_TEMPLATE, MAX_IMPORT_BYTES } from '../../evidence/imported-file';
import { download } from '../../export/to-svg';
import { useAppStore, useAppStoreApi } from '../../store/store-context';

/** Add numbers from full texts: a JSON file in the evidence schema, or a CSV with the columns below. */
export function ImportPanel() {
  const store = useAppStoreApi();
  const imports = useAppStore((s) => s.imports);
  const removeImport = useAppStore((s) => s.removeImport);
  const [result, setResult] = useState<{ ok: boolean; lines: string[] } | null>(null);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    const state = store.getState();
    if (!state.evidence) return;
    if (file.size > MAX_IMPORT_BYTES) {
      setResult({ ok: false, lines: [`${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is 5 MB. Nothing was imported.`] });
      return;
    }
    // The checker (zod and the schema) is loaded on the first import, not with the page.
    const [{ importEvidenceFile }, text] = await Promise.all([import('../../evidence/import-evidence'), file.text()]);
    const now = store.getState();
    if (!now.evidence) return;
    const r = importEvidenceFile(file.name, text, now.evidence, now.imports);
    if (r.ok) {
      now.addImport(r.file);
      setResult({ ok: true, lines: [r.summary] });
    } else {
      setResult({ ok: false, lines: [`${file.name} was not imported; nothing changed:`, ...r.problems] });
    }
  };

  return (
    <section className="import-panel" aria-labelledby="import-title">
      <h2 id="import-title">Add data from full texts</h2>
      <p className="note">
        JSON in the evidence schema (a whole set or <code>{'{ "sources": [...], "studies": [...] }'}</code>), or CSV with one row per arm and outcome:
        {' '}<code>{CSV_COLUMNS.join(', ')}</code>, separated by commas, semicolons or tabs (a semicolon file may write decimal commas, “0,4”; numbers without thousands separators). Every number needs its source address and the verbatim sentence. A study id that already exists in the bundled set adds or replaces outcomes of that study; a study imported before is replaced by the new file’s version, so each study is listed under one file.
        Imported data are marked “user-supplied”, kept in this browser, and included in exports.
      </p>
      <div className="import-actions">
        <label className="file-button">
          Import a file…
          <input type="file" accept=".json,.csv,application/json,text/csv" onChange={(e) => { void onFile(e.target.files?.[0]); e.target.value = ''; }} />
        </label>
        <button type="button" onClick={() => download(CSV_TEMPLATE, 'ivig-ms_import-template.csv', 'text/csv;charset=utf-8')}>Download the CSV template</button>
      </div>
      {result && (
        <div role={result.ok ? 'status' : 'alert'} className={result.ok ? 'import-ok' : 'error-panel'}>
          <ul>{result.lines.map((l, i) => <li key={i}>{l}</li>)}</ul>
        </div>
      )}
      {imports.length > 0 && (
        <ul className="imports" aria-label="Imported files">
          {imports.map((f) => (
            <li key={f.id}>
              <strong>{f.fileName}</strong> — {f.studies.length} {f.studies.length === 1 ? 'study' : 'studies'}, imported {f.importedAt.slice(0, 16).replace('T', ' ')}
              {' '}<button type="button" onClick={() => removeImport(f.id)} aria-label={`Remove ${f.fileName}`}>Remove</button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
