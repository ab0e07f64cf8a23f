/**
 * The user's intent as plain data, and its URL form (`?phase=RR,SP&reports=relapse-free&from=1997`).
 * Parsing never throws: a bad parameter is dropped with a notice and the rest is kept.
 */
import type { MsPhase, OutcomeKind, Setting, StudyKind } from '../evidence/schema';
import { OUTCOME_KINDS, SETTINGS, isPlausibleYear, yearRangeText } from '../evidence/terms';
import { FILTER_PHASES } from '../evidence/vocabulary';

export interface Filters {
  /** Empty = every phase. */
  phases: MsPhase[];
  /** Empty = every setting. */
  settings: Setting[];
  kinds: StudyKind[];
  outcome: OutcomeKind | null;
  yearFrom: number | null;
  yearTo: number | null;
  search: string;
}

/** IVIG studies of every kind are shown by default (those that are not pooled say why); the
 * interferon / glatiramer comparator trials only on request. */
export const DEFAULT_KINDS: StudyKind[] = ['ivig-rct', 'ivig-non-randomised', 'ivig-active-comparator-rct'];
const ALL_KINDS: StudyKind[] = ['ivig-rct', 'ivig-non-randomised', 'ivig-active-comparator-rct', 'comparator-rct'];

export const DEFAULT_FILTERS: Filters = {
  phases: [],
  settings: [],
  kinds: DEFAULT_KINDS,
  outcome: null,
  yearFrom: null,
  yearTo: null,
  search: '',
};

const list = (value: string | null) => (value ? value.split(',').map((s) => s.trim()).filter(Boolean) : []);

export interface ParsedFilters {
  filters: Filters;
  /** One sentence per parameter that was ignored. */
  problems: string[];
}

export function filtersFromSearchParams(params: URLSearchParams): ParsedFilters {
  const problems: string[] = [];
  const pick = <T extends string>(name: string, allowed: readonly T[]): T[] => {
    const out: T[] = [];
    for (const v of list(params.get(name))) {
      if ((allowed as readonly string[]).includes(v)) out.push(v as T);
      else problems.push(`Ignored ${name}="${v}" (expected one of ${allowed.join(', ')}).`);
    }
    return [...new Set(out)];
  };
  const year = (name: string): number | null => {
    const raw = params.get(name);
    if (raw === null || raw === '') return null;
    const n = Number(raw);
    if (isPlausibleYear(n)) return n;
    problems.push(`Ignored ${name}="${raw}" (expected ${yearRangeText()}).`);
    return null;
  };
  // `reports`: list only the trials that report this outcome. (Addresses written before it existed
  // used `outcome` for this filter and for the plotted outcome at once: see view-address.ts.)
  const outcomeRaw = params.get('reports');
  let outcome: OutcomeKind | null = null;
  if (outcomeRaw) {
    if ((OUTCOME_KINDS as readonly string[]).includes(outcomeRaw)) outcome = outcomeRaw as OutcomeKind;
    else problems.push(`Ignored reports="${outcomeRaw}" (unknown outcome).`);
  }
  const kinds = params.has('kind') ? pick('kind', ALL_KINDS) : DEFAULT_KINDS;
  return {
    filters: {
      phases: pick('phase', FILTER_PHASES),
      settings: pick('setting', SETTINGS),
      kinds: kinds.length ? kinds : DEFAULT_KINDS,
      outcome,
      yearFrom: year('from'),
      yearTo: year('to'),
      search: (params.get('q') ?? '').slice(0, 200),
    },
    problems,
  };
}

/** Writes only what differs from the defaults, so links stay short; keeps unrelated params. */
export function filtersToSearchParams(filters: Filters, base = new URLSearchParams()): URLSearchParams {
  const p = new URLSearchParams(base);
  const set = (name: string, value: string | null) => (value ? p.set(name, value) : p.delete(name));
  set('phase', filters.phases.join(','));
  set('setting', filters.settings.join(','));
  const defaultKinds = filters.kinds.length === DEFAULT_KINDS.length && DEFAULT_KINDS.every((k) => filters.kinds.includes(k));
  set('kind', defaultKinds ? null : filters.kinds.join(','));
  set('reports', filters.outcome);
  set('from', filters.yearFrom === null ? null : String(filters.yearFrom));
  set('to', filters.yearTo === null ? null : String(filters.yearTo));
  set('q', filters.search || null);
  return p;
}
