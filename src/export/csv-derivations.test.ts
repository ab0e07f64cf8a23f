/**
 * Issue 12, item 20: the CSVs say what the screen says, because both read one field of the model.
 * Bundled evidence, relapse-free patients (RR): AIMS's counts are back-calculated from percentages
 * (derived, with a formula), Achiron has a zero cell, and several trials are not estimable.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import rmaMh from '../../tests/reference/fixtures/rma-mh.json';
import { parseEvidenceSet } from '../evidence/parse-evidence';
import { toDoseResponseModel } from '../model/dose-response-model';
import { DEFAULT_ANALYSIS, toForestModel } from '../model/forest-model';
import { evidenceFromBinaryRows } from '../test-support/evidence-from-rows';
import { doseToCsv } from './dose-exports';
import { forestToCsv } from './forest-exports';
import { parseCsv } from '../evidence/csv';

const bundled = parseEvidenceSet(JSON.parse(readFileSync(join(process.cwd(), 'public/data/evidence.json'), 'utf8')));

describe('forest CSV derivations', () => {
  const model = toForestModel(bundled.studies, [], { ...DEFAULT_ANALYSIS, outcome: 'relapse-free', measure: 'RR' });
  const [header, ...rows] = parseCsv(forestToCsv(model));
  const col = (name: string) => header!.indexOf(name);
  const studyRow = (id: string) => rows.find((r) => r[0] === 'study' && r[col('study_id')] === id)!;
  const modelRow = (id: string) => model.groups.flatMap((g) => g.rows).find((r) => r.studyId === id)!;

  it('lists the formula of a derived count, as the detail panel does', () => {
    const aims = modelRow('fazekas-1997-aims');
    expect(aims.derivations[0]).toBe('ivig: events = 40 (derived): 0.53 × 75 = 39.75 ≈ 40 (rounding range 39.4–40.1); back-calculated from the reported percentage, not stated');
    expect(studyRow('fazekas-1997-aims')[col('derivations')]).toBe(aims.derivations.join(' | '));
  });

  it('notes the zero-cell correction once', () => {
    const achiron = studyRow('achiron-1998-rrms')[col('derivations')]!;
    expect(achiron.match(/zero cell/g)).toHaveLength(1);
    expect(achiron).toBe(modelRow('achiron-1998-rrms').derivations.join(' | '));
  });

  it('puts the not-estimable reasons in their own column, not in derivations', () => {
    const notEstimable = rows.filter((r) => r[0] === 'not-estimable');
    expect(notEstimable.length).toBe(model.nonEstimable.length);
    expect(notEstimable.length).toBeGreaterThan(0);
    for (const r of notEstimable) {
      expect(r[col('derivations')]).toBe('');
      expect(r[col('not_estimable_reason')]).toBe(model.nonEstimable.find((n) => n.studyId === r[col('study_id')])!.reason);
    }
    expect(rows.every((r) => r.length === header!.length)).toBe(true);
  });
});

describe('dose-response CSV in_regression', () => {
  const rows = rmaMh.cases.find((c) => c.name === 'bcg-MH-RR')!.rows;
  const choices = { outcome: 'new-relapse' as const, measure: 'RR' as const, tau2Method: 'REML' as const, test: 'z' as const, useDerived: true, includeLoading: false, phaseModerator: false, excludedStudyIds: [] };
  const inRegression = (csv: string) => {
    const [header, ...body] = parseCsv(csv);
    return body.filter((r) => r[0] === 'comparison').map((r) => r[header!.indexOf('in_regression')]);
  };

  it('is false for every point when no regression is estimable', () => {
    const m = toDoseResponseModel(evidenceFromBinaryRows(rows.slice(0, 2), { doses: [0.2, 0.4] }).studies, choices);
    expect(m.regression).toBeNull();
    expect(m.regressionNote).toMatch(/not estimable/);
    expect(inRegression(doseToCsv(m))).toEqual(['false', 'false']);
  });

  it('is true for the points of a fitted regression', () => {
    const m = toDoseResponseModel(evidenceFromBinaryRows(rows.slice(0, 4), { doses: [0.2, 0.4, 0.6, 0.8] }).studies, choices);
    expect(m.regression).not.toBeNull();
    expect(inRegression(doseToCsv(m))).toEqual(['true', 'true', 'true', 'true']);
  });
});
