/**
 * File names that say what they hold and are safe on every OS:
 * `ivig-ms_forest_relapse-free_RR_REML_2026-11-24.svg`. Only [a-z0-9._-] (plus upper-case
 * measure codes), no spaces, no reserved characters, at most 120 characters.
 */
export function exportFileName(parts: readonly (string | null | undefined)[], date: Date, extension: string): string {
  const clean = parts
    .filter((p): p is string => !!p)
    .map((p) => p.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, ''))
    .filter(Boolean);
  const day = date.toISOString().slice(0, 10);
  const base = ['ivig-ms', ...clean, day].join('_').slice(0, 120);
  return `${base}.${extension.replace(/[^a-z0-9]/gi, '')}`;
}
