/**
 * Under "M-H, Fixed" every row of the forest is Mantel-Haenszel: the leave-one-out and cumulative
 * steps equal metafor's leave1out() / cumul() on an rma.mh fit, and the test for subgroup
 * differences is RevMan's on the M-H subtotals (fixtures/sensitivity-mh.json, dat.bcg).
 */
import { describe, expect, it } from 'vitest';
import fixture from '../../tests/reference/fixtures/sensitivity-mh.json';
import type { MsPhase } from '../evidence/schema';
import { evidenceFromBinaryRows } from '../test-support/evidence-from-rows';
import { DEFAULT_ANALYSIS, toForestModel, type AnalysisChoices, type PooledRow } from './forest-model';

// dat.bcg's allocation stands in for the phase: random → RR, alternate → SP, systematic → PP.
const PHASE_OF: Record<string, MsPhase> = { random: 'RR', alternate: 'SP', systematic: 'PP' };
const rel = (x: number, y: number) => Math.abs(x - y) / Math.max(Math.abs(y), 1e-12);
interface Step { estimate: number; se: number; ciLower: number; ciUpper: number; Q: number; I2: number }

describe.each(fixture.cases)('M-H, Fixed on dat.bcg ($measure): every row is Mantel-Haenszel', (fx) => {
  const measure = fx.measure as 'OR' | 'RR';
  const studies = evidenceFromBinaryRows(fx.rows, { years: fx.years, phases: fx.groupLabels.map((g) => PHASE_OF[g]!) }).studies;
  const choices = (patch: Partial<AnalysisChoices>): AnalysisChoices => ({ ...DEFAULT_ANALYSIS, outcome: 'new-relapse', measure, model: 'common', mantelHaenszel: true, ...patch });

  function expectSteps(steps: readonly PooledRow[], expected: readonly Step[], call: string) {
    expect(steps).toHaveLength(expected.length);
    steps.forEach((s, i) => {
      const e = expected[i]!;
      const at = `${call}, step ${i + 1}`;
      expect(rel(s.yi, e.estimate), at).toBeLessThan(1e-6);
      expect(rel(s.se, e.se), at).toBeLessThan(1e-6);
      expect(rel(s.estimate, Math.exp(e.estimate)), at).toBeLessThan(1e-6);
      expect(rel(s.ciLower, Math.exp(e.ciLower)), at).toBeLessThan(1e-6);
      expect(rel(s.ciUpper, Math.exp(e.ciUpper)), at).toBeLessThan(1e-6);
      // metafor prints Q = 0, I² = 0 for one table; the app prints no heterogeneity there.
      if (s.k === 1) expect(s.heterogeneity).toBeNull();
      else {
        expect(rel(s.heterogeneity!.Q, e.Q), at).toBeLessThan(1e-6);
        expect(Math.abs(s.heterogeneity!.I2 - e.I2), at).toBeLessThan(1e-6);
      }
    });
  }

  it('leave-one-out: each step is the M-H pool of the other studies, as leave1out(rma.mh(...))', () => {
    const m = toForestModel(studies, [], choices({ mode: 'leave-one-out', sort: 'label' }));
    // In data order (metafor's), whatever order the plot lists them in.
    const steps = m.groups[0]!.steps;
    const byTrial = fx.rows.map((_, i) => steps.find((s) => s.label === `Omitting Trial ${i + 1}`)!);
    expectSteps(byTrial, fx.leave1out, fx.leave1outCall);
  });

  it('cumulative by year: each step is the M-H pool of the first i studies, as cumul(rma.mh(...), order = year)', () => {
    const m = toForestModel(studies, [], choices({ mode: 'cumulative' }));
    const steps = m.groups[0]!.steps;
    expect(steps.map((s) => s.label)).toEqual(fx.cumulOrder.map((i) => `+ Trial ${i}`));
    expectSteps(steps, fx.cumul, fx.cumulCall);
  });

  it('the test for subgroup differences is on the M-H subtotals, as rma(M-H estimates, sei = M-H SEs, method = "FE")', () => {
    const m = toForestModel(studies, [], choices({ subgroupBy: 'phase' }));
    const groups = fx.subgroups.groups as Record<string, { estimate: number; se: number; k: number }>;
    for (const [alloc, g] of Object.entries(groups)) {
      const sub = m.groups.find((x) => x.key === PHASE_OF[alloc])!.pooled!;
      expect(sub.k).toBe(g.k);
      expect(rel(sub.yi, g.estimate)).toBeLessThan(1e-6);
      expect(rel(sub.se, g.se)).toBeLessThan(1e-6);
    }
    expect(m.subgroupTest).not.toBeNull();
    expect(rel(m.subgroupTest!.Qbetween, fx.subgroups.Qbetween)).toBeLessThan(1e-6);
    expect(m.subgroupTest!.df).toBe(fx.subgroups.df);
    expect(rel(m.subgroupTest!.pValue!, fx.subgroups.pValue)).toBeLessThan(1e-6);
    expect(m.subgroupTestText).toContain(`Chi² = ${fx.subgroups.Qbetween.toFixed(2)}, df = ${fx.subgroups.df}`);
  });
});

describe('M-H, Fixed: a step Mantel-Haenszel cannot estimate', () => {
  it('has no row and a note saying why, as metafor prints NA there (bundled IVIG relapse-free OR, leave-one-out)', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { parseEvidenceText } = await import('../evidence/parse-evidence');
    const ivig = parseEvidenceText(readFileSync(join(process.cwd(), 'public/data/evidence.json'), 'utf8'));
    // AIMS and Achiron 1998 only (PRIVIG, in the set since evidence 2026.12.01-2, toggled off), so
    // that omitting AIMS leaves Achiron alone.
    const c: AnalysisChoices = { ...DEFAULT_ANALYSIS, outcome: 'relapse-free', measure: 'OR', model: 'common', mantelHaenszel: true, mode: 'leave-one-out', excludedStudyIds: ['fazekas-2008-privig'] };
    const m = toForestModel(ivig.studies, [], c);
    const included = m.groups[0]!.rows.filter((r) => !r.excluded);
    expect(included.map((r) => r.studyId)).toEqual(['fazekas-1997-aims', 'achiron-1998-rrms']);
    // Omitting one study leaves only Achiron 1998 (no relapse-free patients under placebo): R = 0 or S = 0.
    const missing = included.filter((r) => !m.groups[0]!.steps.some((s) => s.label === `Omitting ${r.label}`));
    expect(missing).toHaveLength(1);
    expect(m.groups[0]!.steps).toHaveLength(included.length - 1);
    expect(m.notes).toContain(`Omitting ${missing[0]!.label}: not estimable by Mantel-Haenszel, so no row. Mantel-Haenszel OR is not estimable: Σ ai·di/Ni = 3 and Σ bi·ci/Ni = 0 (one must not be 0).`);
  });
});
