/**
 * Reading CSV text, for the importer and for the tests of the CSV exports. Parsing is papaparse's
 * (RFC 4180 quoting, any line ending, delimiter detection); what is ours is the reading of numbers
 * as spreadsheets write them, and refusing the ambiguous ones instead of guessing.
 *
 * Only the importer and the tests load this module: the importer is a lazily loaded chunk, so
 * papaparse stays off the first load.
 */
import Papa from 'papaparse';

export type CsvDelimiter = ',' | ';' | '\t';

export interface CsvRecord {
  /** The record's row as a spreadsheet numbers it: 1 is the header row. */
  rowNumber: number;
  cells: string[];
}

export interface CsvTable {
  delimiter: CsvDelimiter;
  /** The first non-blank record, as written (not trimmed). */
  header: string[] | null;
  /** The records after the header; blank ones (no content in any cell) are left out but counted. */
  records: CsvRecord[];
  /** Quoting errors, each naming its row. */
  problems: string[];
}

const DELIMITERS: CsvDelimiter[] = [',', ';', '\t'];

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

/**
 * Reads a CSV file as Excel, LibreOffice or R write it: "," or ";" (European Excel) or tab
 * between fields, detected by papaparse from the first rows; CRLF, LF or CR line ends; a UTF-8
 * byte-order mark tolerated. Rows that are blank (";;;;" included) are skipped but keep their
 * number, so that messages name the row a spreadsheet shows.
 */
export function readCsvTable(text: string): CsvTable {
  const src = text.replace(/^\uFEFF/, '');
  // The guess skips blank lines (a trailing line end, Excel's ";;;;" rows), which would otherwise
  // count as one-field rows against the right delimiter; the reading keeps them, for row numbers.
  const guess = Papa.parse<string[]>(src, { delimiter: '', delimitersToGuess: DELIMITERS, skipEmptyLines: 'greedy', preview: 10 });
  const delimiter = (DELIMITERS as string[]).includes(guess.meta.delimiter) ? (guess.meta.delimiter as CsvDelimiter) : ',';
  const result = Papa.parse<string[]>(src, { delimiter, skipEmptyLines: false });
  const problems = result.errors
    // A file with one column has no delimiter to detect; its missing columns are reported instead.
    .filter((e) => e.code !== 'UndetectableDelimiter')
    .map((e) => `row ${(e.row ?? 0) + 1}: ${e.code === 'MissingQuotes' ? 'a quoted field is not closed (a " is missing)' : e.message}`);
  let header: string[] | null = null;
  const records: CsvRecord[] = [];
  result.data.forEach((cells, i) => {
    if (isBlank(cells)) return;
    if (header === null) header = cells;
    else records.push({ rowNumber: i + 1, cells });
  });
  return { delimiter, header, records, problems };
}

/** The rows of a comma-separated file (the app's own exports), header included, blank rows left out. */
export function parseCsv(text: string): string[][] {
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter: ',', skipEmptyLines: false });
  return result.data.filter((cells) => !(cells.length === 1 && cells[0] === ''));
}

/** The decimal mark of a file's numbers. */
export type DecimalMark = '.' | ',';

const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;
/** "1.250", "27.338.000": how a German or Italian spreadsheet writes thousands. */
const DOT_THOUSANDS = /^[+-]?[1-9]\d{0,2}(\.\d{3})+$/;

/**
 * Whether a file writes decimals with a comma. Only a ";"-separated file can (in a ","-separated
 * one the comma separates fields), and only when one of its number cells looks like "0,5".
 */
export function decimalMarkOf(delimiter: CsvDelimiter, numberCells: readonly string[]): DecimalMark {
  return delimiter === ';' && numberCells.some((c) => DECIMAL_COMMA.test(c.trim())) ? ',' : '.';
}

export type DecimalReading =
  | { ok: true; value: number }
  /** `ambiguous`: the whole message; otherwise `hint` (or null) follows "expected …, got …". */
  | { ok: false; ambiguous: string | null; hint: string | null };

const POINT_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const COMMA_NUMBER = /^[+-]?(\d+(,\d+)?|,\d+)$/;

/**
 * A number cell read with the file's decimal mark. Nothing is guessed: with decimal commas a
 * dot could be a thousands separator ("1.250" = 1250), so it is refused; in a ";" file with
 * decimal points, a number shaped like dot thousands ("1.250", not "0.125") is refused too; a
 * comma in a ","-separated file (a quoted "1,050") is refused. Each refusal says what to write.
 */
export function readDecimal(raw: string, mark: DecimalMark, delimiter: CsvDelimiter): DecimalReading {
  const text = raw.trim();
  if (mark === ',') {
    if (text.includes('.')) return { ok: false, ambiguous: `"${text.slice(0, 20)}" is ambiguous in a file with decimal commas (a thousands separator?); write the number without thousands separators, with a decimal comma`, hint: null };
    return COMMA_NUMBER.test(text) ? { ok: true, value: Number(text.replace(',', '.')) } : { ok: false, ambiguous: null, hint: null };
  }
  if (delimiter === ';' && DOT_THOUSANDS.test(text)) {
    return { ok: false, ambiguous: `"${text}" is ambiguous in a ";"-separated file (a thousands separator?); write the number without thousands separators, and a decimal without trailing zeros`, hint: null };
  }
  if (text.includes(',')) {
    const where = delimiter === ';' ? 'a file whose other numbers have decimal points' : 'a comma-separated file';
    return { ok: false, ambiguous: null, hint: `a comma inside a number is read as neither a thousands separator nor a decimal mark in ${where}; write ${text.replace(/,/g, '')}, or use a decimal point` };
  }
  const value = Number(text);
  return POINT_NUMBER.test(text) && Number.isFinite(value) ? { ok: true, value } : { ok: false, ambiguous: null, hint: null };
}
