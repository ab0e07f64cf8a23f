/**
 * The Summary of Findings' user state: thresholds, assumed control risks, per-trial judgments and
 * domain overrides (model/summary-of-findings/summary-params.ts). Judgments are the user's, never
 * the app's: the app only suggests.
 */
import type { StoreApi } from 'zustand/vanilla';
import { DEFAULT_SUMMARY, type SummarySettings } from '../model/summary-of-findings/summary-params';
import type { DomainOverride, TrialJudgment } from '../model/summary-of-findings/domains';

export interface SummarySlice {
  summary: SummarySettings;
  /**
   * Counts the summaries an address brought from outside the app (a shared link opened or pasted,
   * history navigation), so that persistence can tell them from the user's own edits and ask before
   * a link's judgments replace the stored ones.
   */
  summaryLinkSerial: number;
  setSummary: (summary: SummarySettings) => void;
  /** The summary an address brought (UrlSync). */
  setSummaryFromLink: (summary: SummarySettings) => void;
  setThresholds: (low: number, high: number) => void;
  setAssumedRisk: (rowKey: string, which: 'assumed' | 'second', perThousand: number | null) => void;
  setTrialJudgment: (domain: 'riskOfBias' | 'indirectness', studyId: string, judgment: TrialJudgment | null) => void;
  setOverride: (key: string, override: DomainOverride | null) => void;
}

const without = <T,>(record: Readonly<Record<string, T>>, key: string): Record<string, T> => {
  const next = { ...record };
  delete next[key];
  return next;
};

export function createSummarySlice(set: StoreApi<SummarySlice>['setState']): SummarySlice {
  const update = (f: (s: SummarySettings) => SummarySettings) => set((state) => ({ summary: f(state.summary) }));
  return {
    summary: DEFAULT_SUMMARY,
    summaryLinkSerial: 0,
    setSummary: (summary) => set({ summary }),
    setSummaryFromLink: (summary) => set((state) => ({ summary, summaryLinkSerial: state.summaryLinkSerial + 1 })),
    setThresholds: (thresholdLow, thresholdHigh) => update((s) => ({ ...s, thresholdLow, thresholdHigh })),
    setAssumedRisk: (rowKey, which, perThousand) => update((s) => {
      const current = s.risks[rowKey] ?? { assumed: null, second: null };
      const next = { ...current, [which]: perThousand };
      return { ...s, risks: next.assumed === null && next.second === null ? without(s.risks, rowKey) : { ...s.risks, [rowKey]: next } };
    }),
    setTrialJudgment: (domain, studyId, judgment) => update((s) => ({ ...s, [domain]: judgment ? { ...s[domain], [studyId]: judgment } : without(s[domain], studyId) })),
    setOverride: (key, override) => update((s) => ({ ...s, overrides: override ? { ...s.overrides, [key]: override } : without(s.overrides, key) })),
  };
}
