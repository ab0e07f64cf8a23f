/**
 * The recovered effects of the bundled evidence against R (fixtures/recovery-ivig.json, made by
 * make-recovered-effects-fixtures.R from public/data/evidence.json: the recovery in base R arithmetic, the
 * pooling and the meta-regression with metafor's rma()). Relapse-free patients, IVIG vs placebo,
 * risk ratio, random effects (REML): the default recovery and `recover=all`; and the dose-response
 * meta-regression with `recover=all`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEvidenceText } from '../../src/evidence/parse-evidence';
import { ALL_RECOVERY, DEFAULT_RECOVERY } from '../../src/evidence/recovered-effects/recovery-settings';
import { DEFAULT_ANALYSIS, toForestModel } from '../../src/model/forest-model';
import { toDoseResponseModel } from '../../src/model/dose-response-model';
import fixtureJson from './fixtures/recovery-ivig.json';
import { expectClose, reportWorstErrors } from './compare';

interface PooledFixture {
  k: number;
  studies: { id: string; label: string; yi: number; vi: number; weightPercent: number; armsCombined: number; crossover: boolean }[];
  estimate: number; ciLower: number; ciUpper: number; tau2: number; piLower: number; piUpper: number;
}
interface DoseFixture {
  k: number;
  points: { id: string; arm: string; dose: number; doseLower?: number; doseUpper?: number; yi: number; vi: number }[];
  slope: number; slopeSe: number; slopeCiLower: number; slopeCiUpper: number; slopeP: number; tau2: number;
  predAtMin: { dose: number; pred: number; ciLower: number; ciUpper: number; piLower: number; piUpper: number };
}
const fixture = fixtureJson as unknown as { meta: { evidenceVersion: string }; relapseFree: { default: PooledFixture; recoverAll: PooledFixture }; doseRelapseFree: { recoverAll: DoseFixture } };
const evidence = parseEvidenceText(readFileSync(join(process.cwd(), 'public/data/evidence.json'), 'utf8'));
reportWorstErrors('recovery-ivig');

describe(`recovered effects of evidence set ${fixture.meta.evidenceVersion} against R`, () => {
  it('the fixture was made from the bundled evidence set', () => {
    expect(fixture.meta.evidenceVersion).toBe(evidence.version);
  });

  it.each([['default recovery', DEFAULT_RECOVERY, fixture.relapseFree.default], ['recover=all', ALL_RECOVERY, fixture.relapseFree.recoverAll]] as const)(
    'relapse-free, risk ratio, REML (%s): rows, weights and the pooled result',
    (_name, recovery, f) => {
      const model = toForestModel(evidence.studies, [], { ...DEFAULT_ANALYSIS, outcome: 'relapse-free', measure: 'RR', recovery });
      const rows = model.groups.flatMap((g) => g.rows);
      expect(rows.map((r) => r.studyId).sort()).toEqual(f.studies.map((s) => s.id).sort());
      for (const s of f.studies) {
        const row = rows.find((r) => r.studyId === s.id)!;
        expectClose(row.yi, s.yi, `${s.label} yi`, 'yi (log RR)');
        expectClose(row.input.vi, s.vi, `${s.label} vi`, 'vi');
        expectClose(row.weightPercent, s.weightPercent, `${s.label} weight`, 'weight %', { relative: 1e-5, absolute: 1e-7 });
        // Every recovered row says so: combined arms and a crossover read as parallel are marked.
        if (s.armsCombined > 1) expect(row.recoveries.map((m) => m.method)).toContain('combined-arms');
        if (s.crossover) {
          expect(row.recoveries.map((m) => m.method)).toContain('crossover-as-parallel');
          expect(row.input.caveats.join(' ')).toMatch(/ignores the within-patient correlation/);
        }
      }
      expect(model.overall!.k).toBe(f.k);
      expectClose(model.overall!.estimate, f.estimate, 'pooled RR', 'pooled estimate', { relative: 1e-6, absolute: 1e-8 });
      expectClose(model.overall!.ciLower, f.ciLower, 'pooled CI lower', 'pooled CI');
      expectClose(model.overall!.ciUpper, f.ciUpper, 'pooled CI upper', 'pooled CI');
      expectClose(model.overall!.heterogeneity!.tau2!, f.tau2, 'tau2', 'tau2', { relative: 1e-5, absolute: 1e-8 });
      expectClose(model.overall!.piLower!, f.piLower, 'PI lower', 'PI');
      expectClose(model.overall!.piUpper!, f.piUpper, 'PI upper', 'PI');
    },
  );

  it('dose-response (recover=all): one point per arm, the slope, its CI and the prediction band', () => {
    const f = fixture.doseRelapseFree.recoverAll;
    const model = toDoseResponseModel(evidence.studies, { outcome: 'relapse-free', measure: 'RR', tau2Method: 'REML', test: 'z', useDerived: true, includeLoading: false, phaseModerator: false, excludedStudyIds: [], recovery: ALL_RECOVERY });
    const solid = model.points.filter((p) => !p.hollow);
    expect(solid).toHaveLength(f.k);
    expect(f.k).toBeGreaterThanOrEqual(3);
    for (const p of f.points) {
      const point = solid.find((x) => x.studyId === p.id && x.armLabel === p.arm)!;
      expectClose(point.dose, p.dose, `${p.id} ${p.arm} dose`, 'dose');
      expectClose(point.yi, p.yi, `${p.id} ${p.arm} yi`, 'yi (log RR)');
      expectClose(point.vi, p.vi, `${p.id} ${p.arm} vi`, 'vi');
      if (p.doseLower !== undefined) expect(point.doseRange).toMatchObject({ lower: p.doseLower, upper: p.doseUpper });
      else expect(point.doseRange).toBeNull();
    }
    const r = model.regression!;
    expectClose(r.slope.estimate, f.slope, 'slope', 'slope', { relative: 1e-5, absolute: 1e-7 });
    expectClose(r.slope.se, f.slopeSe, 'slope SE', 'slope SE', { relative: 1e-5, absolute: 1e-7 });
    expectClose(r.slope.ciLower, f.slopeCiLower, 'slope CI lower', 'slope CI', { relative: 1e-5, absolute: 1e-7 });
    expectClose(r.slope.ciUpper, f.slopeCiUpper, 'slope CI upper', 'slope CI', { relative: 1e-5, absolute: 1e-7 });
    expectClose(r.tau2, f.tau2, 'tau2', 'tau2', { relative: 1e-5, absolute: 1e-8 });
    const first = r.band[0]!;
    expectClose(first.dose, f.predAtMin.dose, 'band start', 'dose');
    expectClose(first.pred, f.predAtMin.pred, 'pred at min dose', 'prediction', { relative: 1e-5, absolute: 1e-7 });
    expectClose(first.piLower, f.predAtMin.piLower, 'PI lower at min dose', 'PI', { relative: 1e-5, absolute: 1e-7 });
    expectClose(first.piUpper, f.predAtMin.piUpper, 'PI upper at min dose', 'PI', { relative: 1e-5, absolute: 1e-7 });
  });
});
