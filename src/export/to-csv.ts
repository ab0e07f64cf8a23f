/**
 * CSV for spreadsheets: RFC 4180 quoting (fields with a comma, quote or line break are quoted,
 * quotes doubled), CRLF line ends, and a UTF-8 byte-order mark so that Excel reads "τ²" and
 * "Lewańska" correctly. Formula-looking cells ("=", "+", "-", "@" followed by a non-number) are
 * prefixed with an apostrophe, so that a study name cannot run as a spreadsheet formula.
 */
export type CsvValue = string | number | boolean | null | undefined;

const BOM = '\uFEFF';

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^[-+]?\d*\.?\d+(e[-+]?\d+)?$/i.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return BOM + [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

