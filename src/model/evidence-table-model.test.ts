import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEvidenceText } from '../evidence/parse-evidence';
import { miniEvidence, study } from '../test-support/mini-evidence';
import { DEFAULT_FILTERS } from './filters';
import { evidenceMapCell, evidenceMapColumns, sameTrialText, sortEvidenceRows, toEvidenceRow } from './evidence-table-model';
import { filterStudies } from './study-filter';

const set = miniEvidence();
const byId = (id: string) => set.studies.find((s) => s.id === id)!;

describe('filterStudies', () => {
  it('hides comparator trials by default and matches mixed PP+SP under SP', () => {
    expect(filterStudies(set.studies, DEFAULT_FILTERS).map((s) => s.id)).toEqual(['rr-1997', 'sp-2004', 'mixed-2006']);
    expect(filterStudies(set.studies, { ...DEFAULT_FILTERS, phases: ['SP'] }).map((s) => s.id)).toEqual(['sp-2004', 'mixed-2006']);
    expect(filterStudies(set.studies, { ...DEFAULT_FILTERS, phases: ['RR'] }).map((s) => s.id)).toEqual(['rr-1997']);
  });
  it('filters by year range, outcome and search', () => {
    expect(filterStudies(set.studies, { ...DEFAULT_FILTERS, yearFrom: 2000, yearTo: 2005 }).map((s) => s.id)).toEqual(['sp-2004']);
    expect(filterStudies(set.studies, { ...DEFAULT_FILTERS, outcome: 'relapse-free' }).map((s) => s.id)).toEqual(['rr-1997']);
    expect(filterStudies(set.studies, { ...DEFAULT_FILTERS, search: 'gamma' }).map((s) => s.id)).toEqual(['mixed-2006']);
  });
});

describe('toEvidenceRow', () => {
  it('gives arm sizes, or the total when the split is unknown', () => {
    expect(toEvidenceRow(byId('rr-1997')).armSizes).toBe('50 / 50');
    expect(toEvidenceRow(byId('mixed-2006')).armSizes).toBe('231 total (split not reported)');
    expect(toEvidenceRow(byId('rr-1997')).monthlyDose).toBe('0.4 g/kg/month');
  });
  it('says "design not stated" for a study whose source gives no design, and names what is not stated', () => {
    const none = { randomised: 'not stated', allocation: 'not stated', blinding: 'not stated', control: 'not stated', durationMonths: { value: null, reason: 'x' } } as const;
    expect(toEvidenceRow(study({ id: 'u', label: 'U', year: 2000, phase: 'RR', design: none })).design).toBe('design not stated');
    expect(toEvidenceRow(study({ id: 'a', label: 'A', year: 1953, phase: 'RR', design: { ...none, randomised: false, allocationMethod: 'alternate', allocation: 'parallel' } })).design)
      .toBe('not randomised (alternate allocation), parallel; blinding and control not stated');
    expect(toEvidenceRow(byId('rr-1997')).design).toBe('randomised, parallel, double-blind, placebo-controlled, 12 months');
  });
  it('sorts unknown values last in both directions', () => {
    const rows = set.studies.map(toEvidenceRow).map((r) => (r.id === 'comp-1995' ? { ...r, totalN: null } : r));
    const n = (d: boolean) => sortEvidenceRows(rows, 'totalN', d).map((r) => r.id);
    expect(n(false)).toEqual(['rr-1997', 'sp-2004', 'mixed-2006', 'comp-1995']);
    expect(n(true)).toEqual(['mixed-2006', 'rr-1997', 'sp-2004', 'comp-1995']);
  });
});

describe('evidence map', () => {
  it('classifies what each study gives, and says why a cell is empty', () => {
    expect(evidenceMapCell(byId('rr-1997'), 'relapse-free')).toEqual({ level: 'arm-level', indirect: true, detail: 'Relapse-free (2 years)' });
    expect(evidenceMapCell(byId('sp-2004'), 'time-to-confirmed-progression').level).toBe('contrast');
    expect(evidenceMapCell(byId('rr-1997'), 'annualized-relapse-rate')).toEqual({ level: 'not-reported', indirect: false, detail: 'Alpha reports no relapse rate.' });
    expect(evidenceMapColumns(set.studies)).toEqual(['relapse-free', 'time-to-confirmed-progression']);
  });
});

describe('the forms and links of the additions (bundled evidence)', () => {
  const bundled = parseEvidenceText(readFileSync('public/data/evidence.json', 'utf8'));
  const s = (id: string) => bundled.studies.find((x) => x.id === id)!;
  it('medians and event totals are arm values that need recovery; an outcome not analysed never describes a cell that has another', () => {
    expect(evidenceMapCell(s('sorensen-1998-crossover'), 'relapse-count')).toEqual({ level: 'arm-level-incomplete', indirect: false, detail: 'Total number of exacerbations per treatment period (6-month treatment periods)' });
    // AIMS "worsened": the Lancet counts, not the secondary summary's 17% (analysed: false).
    expect(evidenceMapCell(s('fazekas-1997-aims'), 'edss-worsened')).toEqual({ level: 'arm-level', indirect: false, detail: 'Worse clinical disability (2 years)' });
  });
  it('names the same-trial link, and the dose range with its midpoint', () => {
    expect(sameTrialText(s('sorensen-1997-prelim'), bundled.studies)).toBe('earlier report of Sorensen 1998 (crossover), not pooled twice');
    expect(sameTrialText(s('kocer-2004'), bundled.studies)).toBe('other report of Neuroradiology 2000 (13 patients) (probably the same trial), not pooled twice');
    expect(sameTrialText(s('kocer-2004'), [])).toBe('other report of neuroradiology-2000-rrms (probably the same trial), not pooled twice');
    expect(toEvidenceRow(s('fazekas-1997-aims')).monthlyDose).toBe('0.15–0.2 (midpoint 0.175) g/kg/month (derived)');
    expect(toEvidenceRow(s('fazekas-2008-privig')).monthlyDose).toBe('0.217 / 0.435 g/kg/month (derived)');
  });
});
