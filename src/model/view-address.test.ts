/**
 * A view's address: what to plot and which trials to list are separate parameters; links the app
 * wrote before (`outcome=` for both) are read as what they showed; unknown parameters are dropped
 * with a notice.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from './analysis-params';
import { DEFAULT_FILTERS } from './filters';
import { readViewAddress, writeViewAddress } from './view-address';
import { DEFAULT_SUMMARY } from './summary-of-findings/summary-params';

const read = (query: string, path = '/forest') => readViewAddress(new URLSearchParams(query), path);

describe('the plotted outcome and the "Outcome reported" filter', () => {
  it('are two parameters, and a state round-trips through its address', () => {
    const state = {
      filters: { ...DEFAULT_FILTERS, outcome: 'edss-change' as const, yearTo: 2003 },
      analysis: { ...DEFAULT_SETTINGS, forestOutcome: 'relapse-free' as const, doseOutcome: 'annualized-relapse-rate' as const, forestPhase: 'RR' as const, measure: 'OR' as const },
      excludedStudyIds: ['achiron-1998-rrms'],
      selectedStudyId: 'x',
    };
    const params = writeViewAddress(state);
    expect(params.toString()).toBe('reports=edss-change&to=2003&forest-outcome=relapse-free&dose-outcome=annualized-relapse-rate&focus=RR&measure=OR&off=achiron-1998-rrms&study=x');
    const back = read(params.toString());
    expect(back).toEqual({ filters: state.filters, settings: state.analysis, excluded: state.excludedStudyIds, study: 'x', summary: null, problems: [] });
  });

  it('choosing what to plot writes no filter', () => {
    const params = writeViewAddress({ filters: DEFAULT_FILTERS, analysis: { ...DEFAULT_SETTINGS, forestOutcome: 'edss-worsened' }, excludedStudyIds: [], selectedStudyId: null });
    expect(params.toString()).toBe('forest-outcome=edss-worsened');
    expect(read(params.toString(), '/evidence').filters).toEqual(DEFAULT_FILTERS);
  });
});

describe('links the app wrote before', () => {
  it('a forest link’s outcome= is what the forest plotted, not a filter (that view never filtered by it)', () => {
    const a = read('outcome=relapse-free&measure=OR', '/forest');
    expect(a.settings.forestOutcome).toBe('relapse-free');
    expect(a.settings.measure).toBe('OR');
    expect(a.filters.outcome).toBeNull();
    expect(a.problems).toEqual([]);
    expect(writeViewAddress({ filters: a.filters, analysis: a.settings, excludedStudyIds: a.excluded, selectedStudyId: a.study }).toString()).toBe('forest-outcome=relapse-free&measure=OR');
  });

  it('a dose-response link’s outcome= is the dose chart’s outcome; an Evidence link’s is the filter it was', () => {
    expect(read('outcome=annualized-relapse-rate', '/dose-response').settings.doseOutcome).toBe('annualized-relapse-rate');
    expect(read('outcome=annualized-relapse-rate', '/dose-response').filters.outcome).toBeNull();
    const ev = read('phase=RR,SP&outcome=relapse-free&from=1997', '/evidence');
    expect(ev.filters).toEqual({ ...DEFAULT_FILTERS, phases: ['RR', 'SP'], outcome: 'relapse-free', yearFrom: 1997 });
    expect(ev.settings.forestOutcome).toBeNull();
  });

  it('an old phase-comparison cell link keeps its phase filter, which was in it and is shown', () => {
    const a = read('outcome=annualized-relapse-rate&measure=MD&phase=RR');
    expect([a.settings.forestOutcome, a.filters.phases, a.settings.forestPhase]).toEqual(['annualized-relapse-rate', ['RR'], null]);
  });

  it('an unknown outcome in an old link is dropped with a notice', () => {
    expect(read('outcome=nonsense').problems).toEqual(['Ignored outcome="nonsense" (unknown outcome).']);
  });
});

describe('parameters the app does not have', () => {
  it('are named in a notice and not written back', () => {
    const a = read('phase=RR&utm_source=mail&colour=red', '/evidence');
    expect(a.problems).toEqual(['Ignored utm_source="mail" (not a setting of this app).', 'Ignored colour="red" (not a setting of this app).']);
    expect(a.filters.phases).toEqual(['RR']);
    expect(writeViewAddress({ filters: a.filters, analysis: a.settings, excludedStudyIds: a.excluded, selectedStudyId: a.study }).toString()).toBe('phase=RR');
  });

  it('every parameter the app writes is one it reads', () => {
    const all = writeViewAddress({
      filters: { phases: ['RR'], settings: ['progression'], kinds: ['ivig-rct'], outcome: 'relapse-free', yearFrom: 1990, yearTo: 2000, search: 'a' },
      analysis: { ...DEFAULT_SETTINGS, forestOutcome: 'relapse-free', doseOutcome: 'relapse-free', forestPhase: 'SP', measure: 'RR', model: 'common', tau2Method: 'DL', test: 'knha', mantelHaenszel: false, useDerived: false, subgroupBy: 'phase', mode: 'cumulative', sort: 'label', flipDirection: true, includeLoading: true, logDose: true, phaseModerator: true, comparePhases: ['CIS'] },
      excludedStudyIds: ['a'],
      selectedStudyId: 'b',
    });
    expect(read(all.toString()).problems).toEqual([]);
  });
});

describe('the effect-recovery preset in an address', () => {
  it('#/forest?outcome=relapse-free&recover=all plots relapse-free with every recovery method on, and writes back the same', () => {
    const a = read('outcome=relapse-free&recover=all');
    expect(a.problems).toEqual([]);
    expect(a.settings.forestOutcome).toBe('relapse-free');
    expect(a.settings.recovery).toEqual({ seFromCi: true, seFromP: true, arms: 'combined', crossover: 'parallel', medians: true, imputeSd: 'largest' });
    expect(writeViewAddress({ filters: DEFAULT_FILTERS, analysis: a.settings, excludedStudyIds: [], selectedStudyId: null }).toString()).toBe('forest-outcome=relapse-free&recover=all');
  });
});

describe('the summary of findings in the address', () => {
  it('writes the judgments beside the other settings and reads them back, with no notice', () => {
    const summary = { ...DEFAULT_SUMMARY, riskOfBias: { 'achiron-1998-rrms': { level: 'low' as const, reason: 'double-blind' } } };
    const params = writeViewAddress({ filters: DEFAULT_FILTERS, analysis: DEFAULT_SETTINGS, excludedStudyIds: [], selectedStudyId: null, summary });
    expect(params.toString()).toBe('rob=achiron-1998-rrms%3Al%3Adouble-blind');
    const back = read(params.toString(), '/summary');
    expect(back.summary).toEqual(summary);
    expect(back.problems).toEqual([]);
  });

  it('an address without summary parameters leaves the judgments alone (null, not the defaults)', () => {
    expect(read('model=common', '/summary').summary).toBeNull();
  });
});
