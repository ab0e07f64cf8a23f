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

/**
 * The judgments a user had in the browser, set aside (not deleted) when they chose a shared link's
 * instead, or the link's when they restored their own: a choice between the two loses neither.
 */
export const SUMMARY_SET_ASIDE_KEY = 'ivig-ms-explorer:v1:summary-set-aside';

/** The compact text of a summary (the address form): two summaries are the same when their texts are. */
export const summaryText = (s: SummarySettings) => summaryToSearchParams(s, new URLSearchParams()).toString();

export function setAsideSummary(storage: Pick<Storage, 'setItem'> | null, summary: SummarySettings): string | null {
  if (!storage) return null;
  try {
    storage.setItem(SUMMARY_SET_ASIDE_KEY, summaryText(summary));
    return null;
  } catch (e) {
    return `The other judgments could not be set aside in this browser (${(e as Error).message}).`;
  }
}

export function loadSetAsideSummary(storage: Pick<Storage, 'getItem'> | null): SummarySettings | null {
  if (!storage) return null;
  try {
    const text = storage.getItem(SUMMARY_SET_ASIDE_KEY);
    return text ? summaryFromSearchParams(new URLSearchParams(text)).summary : null;
  } catch {
    return null;
  }
}

/** How many keys differ; `group` maps a key to what is counted (a trial, for `trial.outcome` refinements). */
const differingIds = (a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>, group = (k: string) => k) =>
  new Set([...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).map(group)).size;

/**
 * What differs between a link's summary settings and the stored ones, in words ("risk of bias for 2
 * trials", "thresholds of importance"); empty when they are the same.
 */
export function summaryDifferences(link: SummarySettings, stored: SummarySettings): string[] {
  if (summaryText(link) === summaryText(stored)) return [];
  const out: string[] = [];
  const n = (count: number, what: string) => `${what} for ${count} ${count === 1 ? 'trial' : 'trials'}`;
  const rob = differingIds(link.riskOfBias, stored.riskOfBias, (k) => k.split('.')[0]!);
  const ind = differingIds(link.indirectness, stored.indirectness);
  const ov = differingIds(link.overrides, stored.overrides);
  const cr = differingIds(link.risks, stored.risks);
  if (rob) out.push(n(rob, 'risk-of-bias judgments'));
  if (ind) out.push(n(ind, 'indirectness judgments'));
  if (ov) out.push(`${ov} domain ${ov === 1 ? 'override' : 'overrides'}`);
  if (cr) out.push(`assumed control risks of ${cr} ${cr === 1 ? 'row' : 'rows'}`);
  if (link.thresholdLow !== stored.thresholdLow || link.thresholdHigh !== stored.thresholdHigh) out.push('the thresholds of importance');
  return out;
}
