/**
 * The Summary of Findings' judgments in the browser (localStorage), in the same compact text as the
 * address (`rob=…&sof-ov=…`), read back by the same parser, so a stored value and a link can never
 * mean different things. Never throws: unreadable text is reported, not applied.
 */
import { summaryFromSearchParams, summaryToSearchParams, type SummarySettings } from '../model/summary-of-findings/summary-params';

export const SUMMARY_STORAGE_KEY = 'ivig-ms-explorer:v1:summary';

export function loadSummary(storage: Pick<Storage, 'getItem'> | null): { summary: SummarySettings | null; problems: string[] } {
  if (!storage) return { summary: null, problems: [] };
  let text: string | null;
  try {
    text = storage.getItem(SUMMARY_STORAGE_KEY);
  } catch {
    return { summary: null, problems: [] };
  }
  if (!text) return { summary: null, problems: [] };
  const { summary, problems } = summaryFromSearchParams(new URLSearchParams(text));
  return { summary, problems: problems.map((p) => `Saved summary judgments: ${p}`) };
}

export function saveSummary(storage: Pick<Storage, 'setItem' | 'removeItem'> | null, summary: SummarySettings): string | null {
  if (!storage) return null;
  try {
    const text = summaryToSearchParams(summary, new URLSearchParams()).toString();
    if (text) storage.setItem(SUMMARY_STORAGE_KEY, text);
    else storage.removeItem(SUMMARY_STORAGE_KEY);
    return null;
  } catch (e) {
    return `Summary judgments could not be saved in this browser (${(e as Error).message}); they are kept in the link.`;
  }
}
