/**
 * A small, valid evidence set for unit and component tests. Its numbers are made up for the
 * tests' sake and never reach the app: the bundled file is public/data/evidence.json.
 */
import type { Arm, EvidenceSet, MaybeNumber, SourcedNumber, Study } from '../evidence/schema';

export const num = (value: number, quote = `value ${value}`, status: SourcedNumber['status'] = 'reported'): SourcedNumber => ({
  value,
  source: 'src-a',
  quote,
  status,
  ...(status === 'derived' ? { formula: 'test formula' } : {}),
});
export const absent = (reason = 'Not reported in the test source.'): MaybeNumber => ({ value: null, reason });

export function arm(id: string, role: Arm['role'], n: number | null, monthly: number | null = null): Arm {
  return {
    id,
    role,
    label: id,
    nRandomised: absent(),
    nAnalysed: n === null ? absent() : num(n),
    regimen: { value: null, reason: 'test' },
    loadingDoseGPerKg: absent(),
    maintenanceDoseGPerKg: absent(),
    maintenanceIntervalDays: absent(),
    monthlyDoseGPerKg: monthly === null ? absent() : num(monthly),
    monthlyDoseInclLoadingGPerKg: absent(),
  };
}

export function study(partial: Partial<Study> & Pick<Study, 'id' | 'label' | 'year' | 'phase'>): Study {
  return {
    kind: 'ivig-rct',
    citation: `${partial.label}. Test Journal.`,
    citationVerified: true,
    pmid: null,
    doi: null,
    otherReports: [],
    sources: ['src-a'],
    design: { allocation: 'parallel', randomised: true, blinding: 'double-blind', control: 'placebo', durationMonths: num(12) },
    setting: 'relapse-prevention',
    totalRandomised: absent(),
    arms: [arm('ivig', 'ivig', 50, 0.4), arm('placebo', 'placebo', 50)],
    outcomes: [],
    notReported: [],
    flags: [],
    notes: [],
    ...partial,
  };
}

export function miniEvidence(): EvidenceSet {
  return {
    schemaVersion: 1,
    version: 'test-1',
    title: 'Test evidence',
    updated: '2026-01-01',
    sources: [{ id: 'src-a', title: 'Test source A', url: 'https://example.org/a', kind: 'abstract' }],
    studies: [
      study({
        id: 'rr-1997',
        label: 'Alpha 1997',
        year: 1997,
        phase: 'RR',
        outcomes: [
          {
            id: 'rf',
            kind: 'relapse-free',
            label: 'Relapse-free',
            timepoint: '2 years',
            primary: false,
            pValues: [],
            data: { form: 'counts', arms: [{ arm: 'ivig', events: num(20), total: num(50) }, { arm: 'placebo', events: num(10, 'value 10', 'derived'), total: num(50) }] },
            notes: [],
          },
        ],
        notReported: [{ kind: 'annualized-relapse-rate', reason: 'Alpha reports no relapse rate.' }],
      }),
      study({
        id: 'sp-2004',
        label: 'Beta 2004',
        year: 2004,
        phase: 'SP',
        setting: 'progression',
        outcomes: [
          {
            id: 'ttp',
            kind: 'time-to-confirmed-progression',
            label: 'Time to progression',
            timepoint: '27 months',
            primary: true,
            pValues: [],
            data: { form: 'contrast', measure: 'HR', comparison: { treatment: 'ivig', control: 'placebo' }, estimate: num(1.1), ciLower: num(0.8), ciUpper: num(1.5), levelPercent: 95 },
            notes: [],
          },
        ],
      }),
      study({ id: 'mixed-2006', label: 'Gamma 2006', year: 2006, phase: 'PP+SP', setting: 'progression', arms: [arm('ivig', 'ivig', null), arm('placebo', 'placebo', null)], totalRandomised: num(231) }),
      study({ id: 'comp-1995', label: 'Delta 1995', year: 1995, phase: 'RR', kind: 'comparator-rct' }),
    ],
    syntheses: [],
  };
}
