/**
 * metafor's dat.bcg (Colditz et al. 1994: 13 trials of the BCG vaccine against tuberculosis),
 * written as the importer's CSV the way a reviewer would: one row per arm, events = TB cases.
 * The numbers are metafor 3.8-1's `dat.bcg` as printed by R; the outcome and phase are stand-ins
 * from this app's vocabulary (the importer accepts only those). Tests only; never bundled.
 */
export interface BcgTrial {
  trial: number;
  author: string;
  year: number;
  tpos: number;
  tneg: number;
  cpos: number;
  cneg: number;
  alloc: 'random' | 'alternate' | 'systematic';
}

export const BCG_TRIALS: readonly BcgTrial[] = [
  { trial: 1, author: 'Aronson', year: 1948, tpos: 4, tneg: 119, cpos: 11, cneg: 128, alloc: 'random' },
  { trial: 2, author: 'Ferguson & Simes', year: 1949, tpos: 6, tneg: 300, cpos: 29, cneg: 274, alloc: 'random' },
  { trial: 3, author: 'Rosenthal et al', year: 1960, tpos: 3, tneg: 228, cpos: 11, cneg: 209, alloc: 'random' },
  { trial: 4, author: 'Hart & Sutherland', year: 1977, tpos: 62, tneg: 13536, cpos: 248, cneg: 12619, alloc: 'random' },
  { trial: 5, author: 'Frimodt-Moller et al', year: 1973, tpos: 33, tneg: 5036, cpos: 47, cneg: 5761, alloc: 'alternate' },
  { trial: 6, author: 'Stein & Aronson', year: 1953, tpos: 180, tneg: 1361, cpos: 372, cneg: 1079, alloc: 'alternate' },
  { trial: 7, author: 'Vandiviere et al', year: 1973, tpos: 8, tneg: 2537, cpos: 10, cneg: 619, alloc: 'random' },
  { trial: 8, author: 'TPT Madras', year: 1980, tpos: 505, tneg: 87886, cpos: 499, cneg: 87892, alloc: 'random' },
  { trial: 9, author: 'Coetzee & Berjak', year: 1968, tpos: 29, tneg: 7470, cpos: 45, cneg: 7232, alloc: 'random' },
  { trial: 10, author: 'Rosenthal et al', year: 1961, tpos: 17, tneg: 1699, cpos: 65, cneg: 1600, alloc: 'systematic' },
  { trial: 11, author: 'Comstock et al', year: 1974, tpos: 186, tneg: 50448, cpos: 141, cneg: 27197, alloc: 'systematic' },
  { trial: 12, author: 'Comstock & Webster', year: 1969, tpos: 5, tneg: 2493, cpos: 3, cneg: 2338, alloc: 'systematic' },
  { trial: 13, author: 'Comstock et al', year: 1976, tpos: 27, tneg: 16886, cpos: 29, cneg: 17825, alloc: 'systematic' },
];

const SOURCE = 'https://wviechtb.github.io/metafor/reference/dat.bcg.html';

export const bcgStudyId = (t: BcgTrial) => `bcg-${String(t.trial).padStart(2, '0')}`;
export const bcgLabel = (t: BcgTrial) => `${t.author} ${t.year}`;

export interface BcgCsvOptions {
  delimiter?: ',' | ';';
  eol?: '\n' | '\r\n';
  /** Extra columns (header → value per trial), e.g. the design columns. */
  extra?: Record<string, (t: BcgTrial) => string>;
}

const quoteCell = (v: string, delimiter: string) => (/["\r\n]/.test(v) || v.includes(delimiter) ? `"${v.replace(/"/g, '""')}"` : v);

/** dat.bcg as an import CSV (26 rows: vaccinated and control arm of each trial). */
export function bcgCsv({ delimiter = ',', eol = '\r\n', extra = {} }: BcgCsvOptions = {}): string {
  const header = ['study_id', 'label', 'year', 'phase', 'setting', 'outcome', 'timepoint', 'arm', 'arm_role', 'events', 'total', 'source_url', 'quote', ...Object.keys(extra)];
  const lines = [header.join(delimiter)];
  for (const t of BCG_TRIALS) {
    const quote = `dat.bcg trial ${t.trial}: tpos ${t.tpos}, tneg ${t.tneg}, cpos ${t.cpos}, cneg ${t.cneg}`;
    for (const [arm, role, pos, neg] of [['bcg', 'ivig', t.tpos, t.tneg], ['control', 'placebo', t.cpos, t.cneg]] as const) {
      const cells = [bcgStudyId(t), bcgLabel(t), String(t.year), 'unspecified', 'relapse-prevention', 'new-relapse', 'end of follow-up', arm, role, String(pos), String(pos + neg), SOURCE, quote, ...Object.values(extra).map((f) => f(t))];
      lines.push(cells.map((c) => quoteCell(c, delimiter)).join(delimiter));
    }
  }
  return lines.join(eol) + eol;
}
