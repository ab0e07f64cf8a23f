/**
 * The Summary of Findings settings the user owns: the thresholds of importance, per row the
 * assumed control risk (and a second baseline), per trial the risk-of-bias and indirectness
 * judgments, per row and domain the overrides. Kept in the store, the address and the browser, as
 * compact parameters:
 *   sof-thr=0.75,1.25
 *   sof-cr=RR.relapse-free:300:150           (per 1,000: assumed control risk, optional second row)
 *   rob=achiron-1998-rrms:l:reason,…         (l = low, s = some concerns, h = high; reason URI-encoded)
 *   rob=achiron-1998-rrms.edss-change:h:…    (the trial's judgment refined for one outcome: RoB 2 judges a result)
 *   sof-ind=achiron-1998-rrms:s:reason,…
 *   sof-ov=RR.relapse-free.imp:1:reason,…    (row, domain code, levels rated down 0–2, reason)
 * Only what differs from the defaults is written; a bad entry is dropped with a notice. This module
 * is on the first load (URL, store): it imports no statistics.
 */
import { DOMAIN_CODE, type Domain, type DomainOverride, type Downgrade, type JudgmentLevel, type TrialJudgment } from './domains';

export interface SummarySettings {
  /** Thresholds of importance as risk ratios (GRADE guideline 6: 0.75 and 1.25). */
  thresholdLow: number;
  thresholdHigh: number;
  /** Row key (`population.outcome`) → assumed control risk and an optional second baseline, per 1,000. */
  risks: Readonly<Record<string, { assumed: number | null; second: number | null }>>;
  /**
   * Per trial (`studyId`), and refined for one outcome (`studyId.outcomeKind`, see
   * `outcomeJudgmentKey`): the refinement wins for that outcome's rows.
   */
  riskOfBias: Readonly<Record<string, TrialJudgment>>;
  indirectness: Readonly<Record<string, TrialJudgment>>;
  /** `${rowKey}.${domainCode}` → override. */
  overrides: Readonly<Record<string, DomainOverride>>;
}

export const DEFAULT_SUMMARY: SummarySettings = { thresholdLow: 0.75, thresholdHigh: 1.25, risks: {}, riskOfBias: {}, indirectness: {}, overrides: {} };

export const overrideKey = (rowKey: string, domain: Domain) => `${rowKey}.${DOMAIN_CODE[domain]}`;

const LEVEL_CODE: Record<JudgmentLevel, string> = { low: 'l', some: 's', high: 'h' };
const CODE_LEVEL: Record<string, JudgmentLevel> = { l: 'low', s: 'some', h: 'high' };
const ID = /^[A-Za-z0-9-]{1,80}$/;
/** A trial id, or a trial id and an outcome kind (a per-outcome refinement; old links have none). */
const ID_FOR_OUTCOME = /^[A-Za-z0-9-]{1,80}(\.[a-z0-9-]{1,60})?$/;

/** The key of a trial's risk-of-bias judgment refined for one outcome. */
export const outcomeJudgmentKey = (studyId: string, outcome: string) => `${studyId}.${outcome}`;
const ROW_KEY = /^[A-Za-z0-9+-]{1,40}\.[a-z0-9-]{1,60}$/;
const DOMAIN_CODES = new Set(Object.values(DOMAIN_CODE));
const MAX_REASON = 300;

const decodeReason = (text: string | undefined): string | null => {
  if (text === undefined || text === '') return '';
  try {
    const r = decodeURIComponent(text);
    return r.length <= MAX_REASON ? r : null;
  } catch {
    return null;
  }
};

const entries = (raw: string | null) => (raw ? raw.split(',').filter(Boolean) : []);

function readJudgments(name: string, raw: string | null, problems: string[], id = ID): Record<string, TrialJudgment> {
  const out: Record<string, TrialJudgment> = {};
  for (const entry of entries(raw)) {
    const [key, code, reasonText, ...rest] = entry.split(':');
    const level = code === undefined ? undefined : CODE_LEVEL[code];
    const reason = decodeReason(reasonText);
    if (!key || !id.test(key) || !level || reason === null || rest.length) {
      problems.push(`Ignored ${name} entry "${entry}" (expected trial${id === ID ? '' : '[.outcome]'}:l|s|h:reason).`);
      continue;
    }
    out[key] = { level, reason };
  }
  return out;
}

const perThousand = (text: string | undefined): number | null | undefined => {
  if (text === undefined || text === '') return null;
  const v = Number(text);
  return /^\d+(\.\d+)?$/.test(text) && v > 0 && v < 1000 ? v : undefined;
};

/** The parameters of the summary: an address without any of them says nothing about the judgments. */
export const SUMMARY_PARAMS = ['sof-thr', 'sof-cr', 'rob', 'sof-ind', 'sof-ov'] as const;

export function summaryFromSearchParams(params: URLSearchParams): { summary: SummarySettings; present: boolean; problems: string[] } {
  const problems: string[] = [];
  const present = SUMMARY_PARAMS.some((name) => params.has(name));
  const s: SummarySettings = { ...DEFAULT_SUMMARY };
  const thr = params.get('sof-thr');
  if (thr) {
    const [a, b, ...rest] = thr.split(',').map(Number);
    if (a !== undefined && b !== undefined && !rest.length && a > 0 && a < 1 && b > 1 && Number.isFinite(b)) {
      s.thresholdLow = a;
      s.thresholdHigh = b;
    } else problems.push(`Ignored sof-thr="${thr}" (expected two risk ratios, one below 1 and one above, e.g. 0.75,1.25).`);
  }
  const risks: Record<string, { assumed: number | null; second: number | null }> = {};
  for (const entry of entries(params.get('sof-cr'))) {
    const [key, a, b, ...rest] = entry.split(':');
    const assumed = perThousand(a);
    const second = perThousand(b);
    if (!key || !ROW_KEY.test(key) || assumed === undefined || second === undefined || rest.length || (assumed === null && second === null)) {
      problems.push(`Ignored sof-cr entry "${entry}" (expected row:risk per 1,000[:second risk], between 0 and 1,000).`);
      continue;
    }
    risks[key] = { assumed, second };
  }
  s.risks = risks;
  s.riskOfBias = readJudgments('rob', params.get('rob'), problems, ID_FOR_OUTCOME);
  s.indirectness = readJudgments('sof-ind', params.get('sof-ind'), problems);
  const overrides: Record<string, DomainOverride> = {};
  for (const entry of entries(params.get('sof-ov'))) {
    const [key, levels, reasonText, ...rest] = entry.split(':');
    const reason = decodeReason(reasonText);
    const row = key?.slice(0, key.lastIndexOf('.')) ?? '';
    const code = key?.slice(key.lastIndexOf('.') + 1) ?? '';
    if (!key || !ROW_KEY.test(row) || !DOMAIN_CODES.has(code) || !['0', '1', '2'].includes(levels ?? '') || !reason || rest.length) {
      problems.push(`Ignored sof-ov entry "${entry}" (expected row.domain:0|1|2:reason; a reason is required).`);
      continue;
    }
    overrides[key] = { downgrade: Number(levels) as Downgrade, reason };
  }
  s.overrides = overrides;
  return { summary: s, present, problems };
}

const enc = (reason: string) => encodeURIComponent(reason);

export function summaryToSearchParams(s: SummarySettings, base: URLSearchParams): URLSearchParams {
  const p = new URLSearchParams(base);
  const put = (name: string, value: string) => (value === '' ? p.delete(name) : p.set(name, value));
  put('sof-thr', s.thresholdLow === DEFAULT_SUMMARY.thresholdLow && s.thresholdHigh === DEFAULT_SUMMARY.thresholdHigh ? '' : `${s.thresholdLow},${s.thresholdHigh}`);
  put('sof-cr', Object.entries(s.risks).filter(([, r]) => r.assumed !== null || r.second !== null).sort(([a], [b]) => a.localeCompare(b))
    .map(([k, r]) => `${k}:${r.assumed ?? ''}${r.second !== null ? `:${r.second}` : ''}`).join(','));
  const judgments = (j: Readonly<Record<string, TrialJudgment>>) => Object.entries(j).sort(([a], [b]) => a.localeCompare(b))
    .map(([id, t]) => `${id}:${LEVEL_CODE[t.level]}${t.reason ? `:${enc(t.reason)}` : ''}`).join(',');
  put('rob', judgments(s.riskOfBias));
  put('sof-ind', judgments(s.indirectness));
  put('sof-ov', Object.entries(s.overrides).sort(([a], [b]) => a.localeCompare(b)).map(([k, o]) => `${k}:${o.downgrade}:${enc(o.reason)}`).join(','));
  return p;
}

export const isDefaultSummary = (s: SummarySettings) => summaryToSearchParams(s, new URLSearchParams()).toString() === '';
