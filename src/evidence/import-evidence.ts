/**
 * Importing numbers from full texts: a JSON file in the evidence schema (a whole evidence set, or
 * `{ sources, studies }`), or a CSV with one row per arm and outcome (columns below). The file is
 * validated with the same zod schema as the bundled set, after merging, so cross-references are
 * checked too; errors name the row and field; nothing is merged unless the whole file is valid.
 * Hostile input (over 5 MB, prototype-pollution keys, script in a string, non-http links) is
 * refused with a message and changes nothing.
 */
import { z } from 'zod';
import { decimalMarkOf, readCsvTable, readDecimal } from './csv';
import { CSV_COLUMNS, MAX_IMPORT_BYTES, mergeImports, supersedeImports, type ImportedFile } from './imported-file';
import { explainIssue, type IssuePath } from './issue-text';
import { formatIssuePath } from './parse-evidence';
import {
  checkedEvidenceSetSchema,
  outcomeKindSchema,
  msPhaseSchema,
  settingSchema,
  sourceSchema,
  studySchema,
  type Arm,
  type EvidenceSet,
  type MaybeNumber,
  type Outcome,
  type Source,
  type SourcedNumber,
  type Study,
} from './schema';
import { isPlausibleYear, yearRangeText } from './terms';

export type { ImportedFile };

export type ImportResult = { ok: true; file: ImportedFile; summary: string } | { ok: false; problems: string[] };

const fragmentSchema = z.object({ sources: z.array(sourceSchema).default([]), studies: z.array(studySchema).min(1) }).strict();

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const HOSTILE_TEXT = /<\s*script|javascript:|<\s*iframe|on\w+\s*=/i;

/** JSON.parse that refuses prototype-pollution keys instead of silently dropping them. */
function parseJsonSafely(text: string): unknown {
  return JSON.parse(text, function reviver(key, value) {
    if (FORBIDDEN_KEYS.has(key)) throw new Error(`the key "${key}" is not allowed (prototype pollution)`);
    return value;
  });
}

/** Every string in the value, with its path; strings that could carry script are refused. */
function hostileStrings(value: unknown, path: (string | number)[] = []): string[] {
  if (typeof value === 'string') {
    const problems: string[] = [];
    if (HOSTILE_TEXT.test(value)) problems.push(`${formatIssuePath(path)}: contains markup or script ("${value.slice(0, 40)}")`);
    if (path.at(-1) === 'url' && !/^https?:\/\//i.test(value)) problems.push(`${formatIssuePath(path)}: links must be http(s), got "${value.slice(0, 40)}"`);
    if (value.length > 20_000) problems.push(`${formatIssuePath(path)}: text longer than 20,000 characters`);
    return problems;
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => hostileStrings(v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => hostileStrings(v, [...path, k]));
  return [];
}

function depthOf(value: unknown, depth = 0): number {
  if (depth > 64) return depth;
  if (Array.isArray(value)) return Math.max(depth, ...value.map((v) => depthOf(v, depth + 1)));
  if (value && typeof value === 'object') return Math.max(depth, ...Object.values(value).map((v) => depthOf(v, depth + 1)));
  return depth;
}

/** Where a CSV file's values came from: the row and column of each object the importer made. */
type CsvOrigins = WeakMap<object, { row: number; column: string }>;

/**
 * The path of a merged-set issue in the imported file's own terms: its study's index in the
 * file (not in the merged set, where bundled studies come first), and the outcome's or arm's
 * index within that study. Null when the place is not in this file (a bundled value).
 */
function pathInFile(path: IssuePath, merged: EvidenceSet, file: ImportedFile): IssuePath | null {
  const [top, index, part, partIndex, ...rest] = path;
  if (top === 'sources' && typeof index === 'number') {
    const at = file.sources.findIndex((s) => s.id === merged.sources[index]?.id);
    return at === -1 ? null : ['sources', at, ...path.slice(2)];
  }
  if (top !== 'studies' || typeof index !== 'number') return null;
  const study = merged.studies[index];
  const at = file.studies.findIndex((s) => s.id === study?.id);
  const own = file.studies[at];
  if (!study || !own) return null;
  if ((part === 'outcomes' || part === 'arms') && typeof partIndex === 'number') {
    const id = study[part][partIndex]?.id;
    const inFile = (own[part] as { id: string }[]).findIndex((x) => x.id === id);
    return inFile === -1 ? null : ['studies', at, part, inFile, ...rest];
  }
  return ['studies', at, ...path.slice(2)];
}

/** The row and column of the innermost object on the path that a CSV row made. */
function csvPlace(file: ImportedFile, path: IssuePath, origins: CsvOrigins): { row: number; column: string } | null {
  let node: unknown = file;
  let place: { row: number; column: string } | null = null;
  for (const key of path) {
    if (node === null || typeof node !== 'object') break;
    node = (node as Record<PropertyKey, unknown>)[key];
    if (node !== null && typeof node === 'object') place = origins.get(node) ?? place;
  }
  return place;
}

function validateMerged(base: EvidenceSet, file: ImportedFile, others: readonly ImportedFile[], origins?: CsvOrigins): string[] {
  const merged = mergeImports(base, [...others, file]);
  const result = checkedEvidenceSetSchema.safeParse(merged);
  if (result.success) return [];
  // Deduplicated: two values made from one cell (n analysed from "total") fail alike.
  return [...new Set(result.error.issues.map((i) => {
    const { path, text } = explainIssue(i, merged);
    const own = pathInFile(path, merged, file);
    const place = own && origins ? csvPlace(file, own, origins) : null;
    if (place) return `row ${place.row}, column ${place.column}: ${text}`;
    const studyIndex = path[0] === 'studies' && typeof path[1] === 'number' ? path[1] : null;
    const study = studyIndex !== null ? merged.studies[studyIndex] : undefined;
    return `${study ? `study "${study.id}", ` : ''}${own ? formatIssuePath(own) : `${formatIssuePath(path)} of the merged set`}: ${text}`;
  }))];
}

export function importEvidenceFile(fileName: string, text: string, base: EvidenceSet, others: readonly ImportedFile[] = [], now = new Date()): ImportResult {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_IMPORT_BYTES) return { ok: false, problems: [`The file is ${(bytes / 1024 / 1024).toFixed(1)} MB; the limit is 5 MB.`] };
  // A UTF-8 byte-order mark (Excel writes one) is not part of the text; File.text() keeps it.
  text = text.replace(/^\uFEFF/, '');
  if (text.trim() === '') return { ok: false, problems: ['The file is empty.'] };
  const isCsv = /\.csv$/i.test(fileName) || (!text.trimStart().startsWith('{') && !text.trimStart().startsWith('['));
  let fragment: { sources: Source[]; studies: Study[] };
  let origins: CsvOrigins | undefined;
  if (isCsv) {
    const parsed = studiesFromCsv(text, fileName);
    if (!parsed.ok) return parsed;
    fragment = parsed;
    origins = parsed.origins;
  } else {
    let raw: unknown;
    try {
      raw = parseJsonSafely(text);
    } catch (e) {
      return { ok: false, problems: [`Not valid JSON: ${(e as Error).message}`] };
    }
    if (depthOf(raw) > 32) return { ok: false, problems: ['The JSON is nested more than 32 levels deep.'] };
    const hostile = hostileStrings(raw);
    if (hostile.length) return { ok: false, problems: hostile.slice(0, 20) };
    const candidate = raw && typeof raw === 'object' && 'schemaVersion' in raw ? { sources: (raw as EvidenceSet).sources, studies: (raw as EvidenceSet).studies } : raw;
    const result = fragmentSchema.safeParse(candidate);
    if (!result.success) {
      return { ok: false, problems: result.error.issues.slice(0, 20).map((i) => {
        const { path, text } = explainIssue(i, candidate);
        return `${formatIssuePath(path)}: ${text}`;
      }) };
    }
    fragment = result.data;
  }
  const file: ImportedFile = {
    id: `import-${now.getTime().toString(36)}-${Math.abs(hash(fileName + text)).toString(36)}`,
    fileName,
    importedAt: now.toISOString(),
    sources: fragment.sources,
    studies: fragment.studies,
  };
  // Checked as it will be used: the earlier files without the studies this one replaces.
  const problems = validateMerged(base, file, supersedeImports(others, file).slice(0, -1), origins);
  if (problems.length) return { ok: false, problems: problems.slice(0, 20) };
  return { ok: true, file, summary: importSummary(file, base, others) };
}

/**
 * "bcg.csv: 0 new studies, 13 updated (already imported from bcg-old.csv), 13 outcomes." A study
 * is updated when the bundled set or an earlier import already has it; the summary says which.
 */
function importSummary(file: ImportedFile, base: EvidenceSet, others: readonly ImportedFile[]): string {
  const bundled = new Set(base.studies.map((s) => s.id));
  const importedFrom = new Map(others.flatMap((f) => f.studies.map((s) => [s.id, f.fileName] as const)));
  const updatedFrom = new Map<string, number>();
  let added = 0;
  for (const s of file.studies) {
    const where = bundled.has(s.id) ? 'in the bundled set' : importedFrom.has(s.id) ? `already imported from ${importedFrom.get(s.id)}` : null;
    if (where === null) added++;
    else updatedFrom.set(where, (updatedFrom.get(where) ?? 0) + 1);
  }
  const updated = file.studies.length - added;
  const groups = [...updatedFrom].sort(([a], [b]) => Number(b === 'in the bundled set') - Number(a === 'in the bundled set'));
  const where = groups.length === 0 ? '' : groups.length === 1 ? ` (${groups[0]![0]})` : ` (${groups.map(([w, n]) => `${n} ${w}`).join(', ')})`;
  const outcomes = file.studies.reduce((n, s) => n + s.outcomes.length, 0);
  return `${file.fileName}: ${added} new ${added === 1 ? 'study' : 'studies'}, ${updated} updated${where}, ${outcomes} outcome${outcomes === 1 ? '' : 's'}.`;
}

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/**
 * The design columns: what the file says about each study's design, and the schema field each
 * one fills. A missing column or an empty cell is "not stated" (never a default such as
 * "randomised" or "placebo"); values of one study may be given on any of its rows, once.
 */
const DESIGN_COLUMNS = {
  randomised: ['yes', 'no', 'not stated'],
  allocation: ['random', 'alternate', 'systematic', 'not stated'],
  design: ['parallel', 'crossover', 'fixed-sequence', 'matched-controls', 'consecutive', 'retrospective-cohort', 'not stated'],
  blinding: ['double-blind', 'open', 'not stated'],
  comparator: ['placebo', 'other-dose', 'untreated', 'active', 'not stated'],
} as const;
type DesignColumn = keyof typeof DESIGN_COLUMNS;
type DesignCells = Partial<Record<DesignColumn, { value: string; row: number }>>;

const orList = (xs: readonly string[]) => `${xs.slice(0, -1).join(', ')} or ${xs.at(-1)}`;

/** The design a study's cells state; a contradiction between randomised and allocation is a problem. */
function designFromCells(cells: DesignCells, studyId: string, problems: string[]): Study['design'] {
  const v = <C extends DesignColumn>(c: C) => (cells[c]?.value ?? 'not stated') as (typeof DESIGN_COLUMNS)[C][number];
  const method = v('allocation');
  const said = v('randomised');
  const allocationRow = cells.allocation?.row;
  if (method !== 'not stated' && said !== 'not stated' && (method === 'random') !== (said === 'yes')) {
    problems.push(`row ${allocationRow}, column allocation: "${method}" allocation is ${method === 'random' ? '' : 'not '}randomisation, but column randomised says "${said}"${cells.randomised && cells.randomised.row !== allocationRow ? ` (row ${cells.randomised.row}, study "${studyId}")` : ''}`);
  }
  // Random allocation is randomisation and alternation is not, by definition: not a guess.
  const randomised = said === 'not stated' ? (method === 'not stated' ? 'not stated' : method === 'random') : said === 'yes';
  return {
    allocation: v('design'),
    randomised,
    ...(method !== 'not stated' ? { allocationMethod: method } : {}),
    blinding: v('blinding'),
    control: v('comparator'),
    durationMonths: { value: null, reason: 'Not in the imported file.' },
  };
}

const DELIMITER_NAME = { ',': 'comma', ';': 'semicolon', '\t': 'tab' } as const;
/** The columns that hold numbers; their cells decide whether the file writes decimal commas. */
const NUMBER_COLUMNS = ['events', 'total', 'mean', 'sd', 'n', 'monthly_dose_g_per_kg'] as const;

type CsvParse = { ok: true; sources: Source[]; studies: Study[]; origins: CsvOrigins } | { ok: false; problems: string[] };

function studiesFromCsv(text: string, fileName: string): CsvParse {
  const table = readCsvTable(text);
  if (table.header === null) return { ok: false, problems: ['The file is empty.'] };
  if (table.problems.length) return { ok: false, problems: table.problems.slice(0, 20) };
  const header = table.header.map((h) => h.trim().toLowerCase());
  const missing = ['study_id', 'label', 'year', 'phase', 'setting', 'outcome', 'timepoint', 'arm', 'arm_role', 'source_url', 'quote'].filter((c) => !header.includes(c));
  if (missing.length) {
    const read = `the header was read as ${DELIMITER_NAME[table.delimiter]}-separated: ${header.slice(0, 6).map((h) => `"${h.slice(0, 30)}"`).join(', ')}${header.length > 6 ? ', …' : ''}`;
    return { ok: false, problems: [`Missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')} (expected ${CSV_COLUMNS.join(', ')}; ${read}).`] };
  }
  if (table.records.length === 0) return { ok: false, problems: ['The file is empty: it has the header row but no data rows.'] };
  const column = (col: string, cells: readonly string[]) => (cells[header.indexOf(col)] ?? '').trim();
  const mark = decimalMarkOf(table.delimiter, table.records.flatMap((r) => NUMBER_COLUMNS.map((c) => column(c, r.cells))));
  const problems: string[] = [];
  const sources = new Map<string, Source>();
  const studies = new Map<string, Study>();
  const designCells = new Map<string, DesignCells>();
  const origins: CsvOrigins = new WeakMap();
  const from = <T extends object>(made: T, row: number, column: string): T => (origins.set(made, { row, column }), made);
  table.records.forEach(({ rowNumber: rowNo, cells }) => {
    const get = (col: (typeof CSV_COLUMNS)[number]) => column(col, cells);
    const bad = (col: string, msg: string) => problems.push(`row ${rowNo}, column ${col}: ${msg}`);
    for (const [i, v] of cells.entries()) if (HOSTILE_TEXT.test(v)) bad(header[i] ?? `#${i + 1}`, `contains markup or script ("${v.slice(0, 40)}")`);
    const url = get('source_url');
    if (!/^https?:\/\/\S+$/i.test(url)) bad('source_url', `expected an http(s) address, got "${url.slice(0, 40)}"`);
    const quote = get('quote');
    if (!quote) bad('quote', 'expected the verbatim sentence the numbers come from (every number needs one), got an empty cell');
    const phase = msPhaseSchema.safeParse(get('phase'));
    if (!phase.success) bad('phase', `expected one of ${msPhaseSchema.options.join(', ')}, got "${get('phase')}"`);
    const setting = settingSchema.safeParse(get('setting'));
    if (!setting.success) bad('setting', `expected one of ${settingSchema.options.join(', ')}, got "${get('setting')}"`);
    const kind = outcomeKindSchema.safeParse(get('outcome'));
    if (!kind.success) bad('outcome', `expected one of ${outcomeKindSchema.options.join(', ')}, got "${get('outcome').slice(0, 40)}"`);
    const role = get('arm_role');
    if (!['ivig', 'placebo', 'other'].includes(role)) bad('arm_role', `expected ivig, placebo or other, got "${role}"`);
    const year = Number(get('year'));
    if (get('year') === '' || !isPlausibleYear(year)) bad('year', `expected ${yearRangeText()}, got "${get('year')}"`);
    const studyId = get('study_id');
    if (!/^[a-z0-9][a-z0-9-]{0,79}$/.test(studyId)) bad('study_id', `expected lower-case letters, digits and dashes, got "${studyId.slice(0, 40)}"`);
    const armId = get('arm');
    if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(armId)) bad('arm', `expected lower-case letters, digits and dashes, got "${armId.slice(0, 40)}"`);
    const studyDesign = designCells.get(studyId) ?? {};
    designCells.set(studyId, studyDesign);
    for (const col of Object.keys(DESIGN_COLUMNS) as DesignColumn[]) {
      const raw = get(col);
      if (raw === '') continue;
      const value = raw.toLowerCase();
      const allowed: readonly string[] = DESIGN_COLUMNS[col];
      if (!allowed.includes(value)) {
        bad(col, `expected ${orList(allowed)}, got "${raw.slice(0, 40)}"`);
        continue;
      }
      const earlier = studyDesign[col];
      if (earlier && earlier.value !== value) bad(col, `"${value}" contradicts row ${earlier.row} ("${earlier.value}") for study "${studyId}"`);
      else if (!earlier) studyDesign[col] = { value, row: rowNo };
    }
    const numberCell = (col: (typeof CSV_COLUMNS)[number], integer: boolean): number | null => {
      const raw = get(col);
      if (raw === '') return null;
      const read = readDecimal(raw, mark, table.delimiter);
      if (!read.ok && read.ambiguous) {
        bad(col, read.ambiguous);
        return null;
      }
      if (!read.ok || (integer && (!Number.isInteger(read.value) || read.value < 0))) {
        bad(col, `expected ${integer ? 'a non-negative integer' : 'a number'}, got "${raw.slice(0, 20)}"${!read.ok && read.hint ? ` (${read.hint})` : ''}`);
        return null;
      }
      return read.value;
    };
    const events = numberCell('events', true);
    const total = numberCell('total', true);
    const mean = numberCell('mean', false);
    const sd = numberCell('sd', false);
    const n = numberCell('n', true);
    const dose = numberCell('monthly_dose_g_per_kg', false);
    if (get('events') === '' && get('mean') === '') bad('events/mean', 'expected events and total, or mean (with sd and n), got empty cells');
    if (get('events') !== '' && get('total') === '') bad('total', 'expected the total the events are out of, got an empty cell');
    if (problems.length) return;

    const sourceId = `user-${Math.abs(hash(url)).toString(36)}`;
    if (!sources.has(sourceId)) sources.set(sourceId, { id: sourceId, title: get('source_title') || url, url, kind: 'abstract' });
    const value = (v: number, column: string): SourcedNumber => from({ value: v, source: sourceId, quote, status: 'reported', note: `user-supplied (${fileName}, row ${rowNo})` }, rowNo, column);
    const maybe = (v: number | null, what: string, column: string): MaybeNumber => (v === null ? from({ value: null, reason: `${what} not given in ${fileName}, row ${rowNo}.` }, rowNo, column) : value(v, column));
    let study = studies.get(studyId);
    if (!study) {
      study = {
        id: studyId, kind: 'ivig-rct', label: get('label') || studyId, citation: `${get('label') || studyId} (user-supplied: ${fileName})`,
        citationVerified: false, year, pmid: null, doi: null, otherReports: [], sources: [sourceId],
        // Set from the design columns once every row is read (designFromCells).
        design: { allocation: 'not stated', randomised: 'not stated', blinding: 'not stated', control: 'not stated', durationMonths: { value: null, reason: 'Not in the imported file.' } },
        phase: phase.data!, setting: setting.data!, totalRandomised: { value: null, reason: 'Not in the imported file.' },
        arms: [], outcomes: [], notReported: [], flags: [], notes: [`Imported from ${fileName}.`],
      };
      from(study, rowNo, 'study_id');
      studies.set(studyId, study);
    }
    if (!study.sources.includes(sourceId)) study.sources.push(sourceId);
    if (!study.arms.some((a) => a.id === armId)) {
      const none = (why: string): MaybeNumber => ({ value: null, reason: why });
      const arm: Arm = {
        id: armId, role: role as Arm['role'], label: armId, nRandomised: none('Not in the imported file.'), nAnalysed: maybe(n ?? total, 'n', n !== null ? 'n' : 'total'),
        regimen: { value: null, reason: 'Not in the imported file.' }, loadingDoseGPerKg: none('Not in the imported file.'),
        maintenanceDoseGPerKg: none('Not in the imported file.'), maintenanceIntervalDays: none('Not in the imported file.'),
        monthlyDoseGPerKg: role === 'ivig' ? maybe(dose, 'monthly dose', 'monthly_dose_g_per_kg') : none('Placebo arm.'), monthlyDoseInclLoadingGPerKg: none('Not in the imported file.'),
      };
      study.arms.push(from(arm, rowNo, 'arm'));
    }
    const outcomeId = `${kind.data}-${get('timepoint').toLowerCase().replace(/[^a-z0-9]+/g, '-')}`.replace(/-+$/, '');
    let outcome = study.outcomes.find((o) => o.id === outcomeId);
    const form = events !== null ? 'counts' : 'continuous';
    if (!outcome) {
      outcome = { id: outcomeId, kind: kind.data!, label: get('outcome'), timepoint: get('timepoint') || 'not stated', primary: false, pValues: [], notes: [], data: form === 'counts' ? { form: 'counts', arms: [] as never[] } : { form: 'continuous', arms: [] as never[] } } as unknown as Outcome;
      study.outcomes.push(from(outcome, rowNo, 'outcome'));
    }
    if (outcome.data.form !== form) {
      bad('events/mean', `outcome "${outcomeId}" mixes counts and means`);
      return;
    }
    if (outcome.data.form === 'counts') outcome.data.arms.push(from({ arm: armId, events: value(events as number, 'events'), total: value(total as number, 'total') }, rowNo, 'arm'));
    else if (outcome.data.form === 'continuous') outcome.data.arms.push(from({ arm: armId, mean: value(mean as number, 'mean'), sd: maybe(sd, 'SD', 'sd'), n: maybe(n, 'n', 'n') }, rowNo, 'arm'));
  });
  // A comparison needs two arms; said here in the file's terms rather than as "data.arms: too small".
  for (const study of problems.length ? [] : studies.values()) {
    for (const o of study.outcomes) {
      if ((o.data.form === 'counts' || o.data.form === 'continuous') && o.data.arms.length < 2) {
        problems.push(`row ${origins.get(o)?.row}, column arm: outcome "${o.kind}" (${o.timepoint}) of study "${study.id}" has a row for ${o.data.arms.length} arm; a comparison needs a row for each of at least 2 arms`);
      }
    }
  }
  for (const [id, cells] of designCells) {
    const design = designFromCells(cells, id, problems);
    const study = studies.get(id);
    if (!study) continue;
    study.design = design;
    // The app's rule for trials that were not randomised: shown, never pooled.
    if (design.randomised === false) study.kind = 'ivig-non-randomised';
  }
  if (problems.length) return { ok: false, problems: problems.slice(0, 20) };
  return { ok: true, sources: [...sources.values()], studies: [...studies.values()], origins };
}

/** Re-checks saved imports against the current bundled set (it may have a newer version). */
export function validateImports(base: EvidenceSet, files: readonly ImportedFile[]): { valid: ImportedFile[]; invalid: { file: ImportedFile; problems: string[] }[] } {
  const valid: ImportedFile[] = [];
  const invalid: { file: ImportedFile; problems: string[] }[] = [];
  for (const file of files) {
    const problems = [...hostileStrings(file), ...validateMerged(base, file, valid)];
    if (problems.length) invalid.push({ file, problems });
    else valid.push(file);
  }
  return { valid, invalid };
}
