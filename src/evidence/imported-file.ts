/**
 * What the rest of the app needs to know about imported files without loading zod: their shape,
 * how they merge into the bundled set, and the documented CSV columns. Checking a file against
 * the schema lives in import-evidence.ts and is loaded when a file is imported or restored.
 */
import type { EvidenceSet, Source, Study } from './schema';

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export interface ImportedFile {
  id: string;
  fileName: string;
  importedAt: string;
  sources: Source[];
  studies: Study[];
}

/**
 * Merges imported studies into a set. A study whose id already exists contributes its outcomes
 * (an outcome with an existing id replaces the bundled one: e.g. SDs from the full text) and any
 * new arms; other studies are added. Imported studies and outcomes carry `userSupplied`.
 */
export function mergeImports(base: EvidenceSet, files: readonly ImportedFile[]): EvidenceSet {
  if (files.length === 0) return base;
  const sources = [...base.sources];
  const sourceIds = new Set(sources.map((s) => s.id));
  const studies = base.studies.map((s) => ({ ...s }));
  for (const file of files) {
    for (const src of file.sources) if (!sourceIds.has(src.id)) { sources.push(src); sourceIds.add(src.id); }
    for (const imported of file.studies) {
      const mark = { fileName: file.fileName, importedAt: file.importedAt };
      const existing = studies.findIndex((s) => s.id === imported.id);
      if (existing === -1) {
        studies.push({ ...imported, userSupplied: mark, outcomes: imported.outcomes.map((o) => ({ ...o, userSupplied: mark })) });
        continue;
      }
      const target = studies[existing] as Study;
      const outcomes = [...target.outcomes];
      for (const o of imported.outcomes) {
        const at = outcomes.findIndex((x) => x.id === o.id);
        const marked = { ...o, userSupplied: mark };
        if (at === -1) outcomes.push(marked);
        else outcomes[at] = marked;
      }
      const arms = [...target.arms, ...imported.arms.filter((a) => !target.arms.some((t) => t.id === a.id))];
      studies[existing] = { ...target, arms, outcomes, sources: [...new Set([...target.sources, ...imported.sources])] };
    }
  }
  return { ...base, sources, studies };
}

/**
 * The imported files once `file` is added: each study is listed once, in the file that gave it
 * last. A study that an earlier file also holds is taken out of that file (the new version
 * replaces it whole, e.g. a corrected spreadsheet under another name), and a file left with no
 * study is dropped from the list.
 */
export function supersedeImports(files: readonly ImportedFile[], file: ImportedFile): ImportedFile[] {
  const ids = new Set(file.studies.map((s) => s.id));
  const kept = files
    .filter((f) => f.id !== file.id)
    .map((f) => (f.studies.some((s) => ids.has(s.id)) ? { ...f, studies: f.studies.filter((s) => !ids.has(s.id)) } : f))
    .filter((f) => f.studies.length > 0);
  return [...kept, file];
}

/**
 * The CSV columns, documented here and in the README. One row per arm of one outcome. The design
 * columns (optional; empty = not stated) fill the schema's design: randomised (yes, no),
 * allocation → allocationMethod (random, alternate, systematic), design → allocation (parallel,
 * crossover, …), blinding (double-blind, open), comparator → control (placebo, other-dose,
 * untreated, active).
 */
export const CSV_COLUMNS = [
  'study_id', 'label', 'year', 'phase', 'setting', 'randomised', 'allocation', 'design', 'blinding', 'comparator', 'outcome', 'timepoint', 'arm', 'arm_role',
  'events', 'total', 'mean', 'sd', 'n', 'monthly_dose_g_per_kg', 'source_url', 'source_title', 'quote',
] as const;

export const CSV_TEMPLATE = `${CSV_COLUMNS.join(',')}\r\n` +
  'smith-2024,Smith 2024,2024,RR,relapse-prevention,yes,random,parallel,double-blind,placebo,relapse-free,2 years,ivig,ivig,30,50,,,,0.4,https://example.org/smith-2024,Smith 2024 full text,"30 of 50 IVIG patients and 20 of 50 placebo patients were relapse-free"\r\n' +
  'smith-2024,Smith 2024,2024,RR,relapse-prevention,yes,random,parallel,double-blind,placebo,relapse-free,2 years,placebo,placebo,20,50,,,,,https://example.org/smith-2024,Smith 2024 full text,"30 of 50 IVIG patients and 20 of 50 placebo patients were relapse-free"\r\n';
