/** The caption every exported chart carries: what, how, which studies, which data, when. */
import type { Filters } from '../model/filters';

export function describeFilters(f: Filters): string {
  const parts: string[] = [];
  if (f.phases.length) parts.push(`phase ${f.phases.join('/')}`);
  if (f.settings.length) parts.push(`setting ${f.settings.join('/')}`);
  // A filter on trials (what a chart plots is in its own caption line).
  if (f.outcome) parts.push(`trials reporting ${f.outcome}`);
  if (f.yearFrom !== null || f.yearTo !== null) parts.push(`years ${f.yearFrom ?? '…'}–${f.yearTo ?? '…'}`);
  if (f.search) parts.push(`search "${f.search}"`);
  return parts.length ? parts.join(', ') : 'no filters';
}

export function captionLines(options: {
  what: string;
  settings: string;
  filters: Filters;
  excluded: readonly string[];
  evidenceVersion: string;
  date: Date;
  note?: string;
}): string[] {
  const lines = [
    `${options.what} — ${options.settings}`,
    `Filters: ${describeFilters(options.filters)}${options.excluded.length ? `; toggled out: ${options.excluded.join(', ')}` : ''}. Evidence set ${options.evidenceVersion}; exported ${options.date.toISOString().slice(0, 10)} from the IVIG-in-MS evidence explorer.`,
  ];
  if (options.note) lines.push(options.note);
  return lines;
}
