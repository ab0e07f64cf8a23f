import { describe, expect, it } from 'vitest';
import { DEFAULT_SUMMARY, isDefaultSummary, outcomeJudgmentKey, summaryFromSearchParams, summaryToSearchParams, type SummarySettings } from './summary-params';

const settings: SummarySettings = {
  thresholdLow: 0.8, thresholdHigh: 1.2,
  risks: { 'RR.relapse-free': { assumed: 300, second: 150 }, 'SP.time-to-confirmed-progression': { assumed: 250, second: null } },
  riskOfBias: { 'achiron-1998-rrms': { level: 'low', reason: '' }, 'fazekas-1997-aims': { level: 'some', reason: 'secondary source: 17%, 23%; conflicting' } },
  indirectness: { 'sorensen-1998-crossover': { level: 'high', reason: 'crossover: within-patient' } },
  overrides: { 'RR.relapse-free.imp': { downgrade: 1, reason: 'OIS met: 2 of 3, see text' } },
};

describe('summary settings in the address', () => {
  it('round-trips every field, reasons with commas and colons included', () => {
    const params = summaryToSearchParams(settings, new URLSearchParams('model=common'));
    expect(params.get('model')).toBe('common');
    expect(params.get('sof-thr')).toBe('0.8,1.2');
    expect(params.get('sof-cr')).toBe('RR.relapse-free:300:150,SP.time-to-confirmed-progression:250');
    expect(params.get('rob')).toBe('achiron-1998-rrms:l,fazekas-1997-aims:s:secondary%20source%3A%2017%25%2C%2023%25%3B%20conflicting');
    const back = summaryFromSearchParams(new URLSearchParams(params.toString()));
    expect(back.problems).toEqual([]);
    expect(back.summary).toEqual(settings);
  });

  it('writes nothing for the defaults', () => {
    expect(summaryToSearchParams(DEFAULT_SUMMARY, new URLSearchParams()).toString()).toBe('');
    expect(isDefaultSummary(DEFAULT_SUMMARY)).toBe(true);
  });

  it('drops a bad entry with a notice and keeps the others', () => {
    const { summary, problems } = summaryFromSearchParams(new URLSearchParams('rob=a:x,b:h:ok&sof-ov=RR.relapse-free.imp:3:why,RR.relapse-free.inc:1:&sof-thr=1.2,0.8&sof-cr=RR.relapse-free:1500'));
    expect(summary.riskOfBias).toEqual({ b: { level: 'high', reason: 'ok' } });
    expect(summary.overrides).toEqual({});
    expect(summary.thresholdLow).toBe(0.75);
    expect(summary.risks).toEqual({});
    expect(problems).toEqual([
      'Ignored sof-thr="1.2,0.8" (expected two risk ratios, one below 1 and one above, e.g. 0.75,1.25).',
      'Ignored sof-cr entry "RR.relapse-free:1500" (expected row:risk per 1,000[:second risk], between 0 and 1,000).',
      'Ignored rob entry "a:x" (expected trial[.outcome]:l|s|h:reason).',
      'Ignored sof-ov entry "RR.relapse-free.imp:3:why" (expected row.domain:0|1|2:reason; a reason is required).',
      'Ignored sof-ov entry "RR.relapse-free.inc:1:" (expected row.domain:0|1|2:reason; a reason is required).',
    ]);
  });
});

describe('a risk-of-bias judgment refined for one outcome (rob=trial.outcome:…)', () => {
  it('reads and writes it beside the per-trial judgments; an old link (per trial only) reads as before', () => {
    const old = summaryFromSearchParams(new URLSearchParams('rob=achiron-1998-rrms:l,fazekas-1997-aims:s:secondary%20source'));
    expect(old.problems).toEqual([]);
    expect(old.summary.riskOfBias).toEqual({ 'achiron-1998-rrms': { level: 'low', reason: '' }, 'fazekas-1997-aims': { level: 'some', reason: 'secondary source' } });
    const refined = summaryFromSearchParams(new URLSearchParams('rob=fazekas-1997-aims:l,fazekas-1997-aims.edss-worsened:h:unblinded%20EDSS%20rater'));
    expect(refined.problems).toEqual([]);
    expect(refined.summary.riskOfBias[outcomeJudgmentKey('fazekas-1997-aims', 'edss-worsened')]).toEqual({ level: 'high', reason: 'unblinded EDSS rater' });
    expect(summaryToSearchParams(refined.summary, new URLSearchParams()).get('rob')).toBe('fazekas-1997-aims:l,fazekas-1997-aims.edss-worsened:h:unblinded%20EDSS%20rater');
    // Indirectness stays per trial.
    expect(summaryFromSearchParams(new URLSearchParams('sof-ind=fazekas-1997-aims.edss-worsened:h')).problems).toEqual(['Ignored sof-ind entry "fazekas-1997-aims.edss-worsened:h" (expected trial:l|s|h:reason).']);
  });
});
