/**
 * Builds an evidence set from plain 2×2 rows (e.g. metafor's dat.bcg), so that the views can be
 * tested on richer data than the bundled IVIG set: "every view must work on richer data sets".
 */
import type { EvidenceSet, MsPhase, OutcomeKind, Study } from '../evidence/schema';

export interface BinaryRow { ai: number; n1i: number; ci: number; n2i: number }

const n = (value: number, label: string) => ({ value, source: 'rows', quote: `${label} ${value}`, status: 'reported' as const });
const none = { value: null, reason: 'not in the test rows' };

export function evidenceFromBinaryRows(rows: readonly BinaryRow[], options: { kind?: OutcomeKind; phases?: readonly MsPhase[]; years?: readonly number[]; doses?: readonly number[] } = {}): EvidenceSet {
  const kind = options.kind ?? 'new-relapse';
  const studies: Study[] = rows.map((r, i) => ({
    id: `trial-${i + 1}`,
    kind: 'ivig-rct',
    label: `Trial ${i + 1}`,
    citation: `Trial ${i + 1} (test data)`,
    citationVerified: true,
    year: options.years?.[i] ?? 1990 + i,
    pmid: null,
    doi: null,
    otherReports: [],
    sources: ['rows'],
    design: { allocation: 'parallel', randomised: true, blinding: 'double-blind', control: 'placebo', durationMonths: none },
    phase: options.phases?.[i] ?? 'RR',
    setting: 'relapse-prevention',
    totalRandomised: none,
    arms: (['ivig', 'placebo'] as const).map((role) => ({
      id: role, role, label: role,
      nRandomised: none, nAnalysed: none, regimen: none,
      loadingDoseGPerKg: none, maintenanceDoseGPerKg: none, maintenanceIntervalDays: none,
      monthlyDoseGPerKg: role === 'ivig' && options.doses?.[i] !== undefined ? n(options.doses[i] as number, 'dose') : none,
      monthlyDoseInclLoadingGPerKg: none,
    })),
    outcomes: [{
      id: 'o', kind, label: 'test outcome', timepoint: 'end', primary: true, notes: [], pValues: [],
      data: { form: 'counts', arms: [
        { arm: 'ivig', events: n(r.ai, 'events'), total: n(r.n1i, 'total') },
        { arm: 'placebo', events: n(r.ci, 'events'), total: n(r.n2i, 'total') },
      ] },
    }],
    notReported: [],
    flags: [],
    notes: [],
  }));
  return {
    schemaVersion: 1, version: 'rows-1', title: 'Test rows', updated: '2026-01-01',
    sources: [{ id: 'rows', title: 'Test rows', kind: 'abstract' }],
    studies,
    syntheses: [],
  };
}
