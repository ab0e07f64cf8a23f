/**
 * One zustand store built from typed slices: the working evidence set and the user's intent.
 * Derived data (filtered studies, view models) is computed by selectors, never stored.
 * `createAppStore()` gives each test (and each app instance) a fresh store.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EvidenceSet, MsPhase, OutcomeKind, Setting, StudyKind } from '../evidence/schema';
import { supersedeImports, type ImportedFile } from '../evidence/imported-file';
import { DEFAULT_FILTERS, type Filters } from '../model/filters';
import { DEFAULT_SETTINGS, type AnalysisSettings } from '../model/analysis-params';
import { createSummarySlice, type SummarySlice } from './summary-slice';

export interface EvidenceSlice {
  /** The bundled evidence set, as loaded and validated. Imports are merged by `useEvidence`. */
  evidence: EvidenceSet | null;
  /** Files the user imported (kept in the browser). */
  imports: ImportedFile[];
  addImport: (file: ImportedFile) => void;
  removeImport: (id: string) => void;
  setImports: (files: ImportedFile[]) => void;
  /** Studies the user toggled out of every analysis. */
  excludedStudyIds: string[];
  setEvidence: (evidence: EvidenceSet) => void;
  toggleStudyExcluded: (studyId: string) => void;
  setExcludedStudyIds: (ids: string[]) => void;
}

export interface AnalysisSlice {
  analysis: AnalysisSettings;
  setAnalysis: (patch: Partial<AnalysisSettings>) => void;
}

export interface FiltersSlice {
  filters: Filters;
  /** The study whose detail panel is open. */
  selectedStudyId: string | null;
  setFilters: (filters: Filters) => void;
  togglePhase: (phase: MsPhase) => void;
  toggleSetting: (setting: Setting) => void;
  toggleKind: (kind: StudyKind) => void;
  setOutcome: (outcome: OutcomeKind | null) => void;
  setYearRange: (from: number | null, to: number | null) => void;
  setSearch: (search: string) => void;
  resetFilters: () => void;
  selectStudy: (studyId: string | null) => void;
}

/** Messages for the user that no view owns (saved state, link parameters). */
export interface NoticesSlice {
  notices: string[];
  addNotices: (notices: string[]) => void;
  dismissNotices: () => void;
}

export type AppState = EvidenceSlice & FiltersSlice & AnalysisSlice & NoticesSlice & SummarySlice;
export type AppStore = StoreApi<AppState>;

const toggle = <T,>(items: readonly T[], item: T): T[] =>
  items.includes(item) ? items.filter((i) => i !== item) : [...items, item];

type SliceCreator<S> = (set: StoreApi<AppState>['setState'], get: StoreApi<AppState>['getState']) => S;

export const createEvidenceSlice: SliceCreator<EvidenceSlice> = (set) => ({
  evidence: null,
  imports: [],
  // A study is listed once, in the file that gave it last (supersedeImports).
  addImport: (file) => set((s) => ({ imports: supersedeImports(s.imports, file) })),
  removeImport: (id) => set((s) => ({ imports: s.imports.filter((f) => f.id !== id) })),
  setImports: (imports) => set({ imports }),
  excludedStudyIds: [],
  setEvidence: (evidence) => set({ evidence }),
  toggleStudyExcluded: (studyId) => set((s) => ({ excludedStudyIds: toggle(s.excludedStudyIds, studyId) })),
  setExcludedStudyIds: (excludedStudyIds) => set({ excludedStudyIds }),
});

export const createAnalysisSlice: SliceCreator<AnalysisSlice> = (set) => ({
  analysis: DEFAULT_SETTINGS,
  setAnalysis: (patch) => set((s) => ({ analysis: { ...s.analysis, ...patch } })),
});

export const createFiltersSlice: SliceCreator<FiltersSlice> = (set) => {
  const update = (patch: Partial<Filters>) => set((s) => ({ filters: { ...s.filters, ...patch } }));
  return {
    filters: DEFAULT_FILTERS,
    selectedStudyId: null,
    setFilters: (filters) => set({ filters }),
    togglePhase: (phase) => set((s) => ({ filters: { ...s.filters, phases: toggle(s.filters.phases, phase) } })),
    toggleSetting: (setting) => set((s) => ({ filters: { ...s.filters, settings: toggle(s.filters.settings, setting) } })),
    toggleKind: (kind) =>
      set((s) => {
        const kinds = toggle(s.filters.kinds, kind);
        return kinds.length ? { filters: { ...s.filters, kinds } } : {};
      }),
    setOutcome: (outcome) => update({ outcome }),
    setYearRange: (yearFrom, yearTo) => update({ yearFrom, yearTo }),
    setSearch: (search) => update({ search }),
    resetFilters: () => set({ filters: DEFAULT_FILTERS }),
    selectStudy: (selectedStudyId) => set({ selectedStudyId }),
  };
};

export const createNoticesSlice: SliceCreator<NoticesSlice> = (set) => ({
  notices: [],
  addNotices: (notices) => set((s) => ({ notices: [...s.notices, ...notices.filter((n) => !s.notices.includes(n))] })),
  dismissNotices: () => set({ notices: [] }),
});

export function createAppStore(initial?: Partial<AppState>): AppStore {
  return createStore<AppState>()((set, get) => ({
    ...createEvidenceSlice(set, get),
    ...createFiltersSlice(set, get),
    ...createAnalysisSlice(set, get),
    ...createNoticesSlice(set, get),
    ...createSummarySlice(set),
    ...initial,
  }));
}
