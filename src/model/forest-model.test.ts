/**
 * The forest view model on metafor's dat.bcg (13 trials, 2×2 counts): the pooled rows must equal
 * metafor's rma() and rma.mh() results, which tests/reference/make-fixtures.R stored.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEvidenceSet } from '../evidence/parse-evidence';
import rma from '../../tests/reference/fixtures/rma.json';
import rmaMh from '../../tests/reference/fixtures/rma-mh.json';
import { evidenceFromBinaryRows } from '../test-support/evidence-from-rows';
import { DEFAULT_ANALYSIS, favoursSides, toForestModel, type AnalysisChoices } from './forest-model';

const mh = rmaMh.cases.find((c) => c.name === 'bcg-MH-RR')!;
const fit = (method: string, test = 'z') => rma.fits.find((f) => f.dataset === 'bcg-RR' && f.method === method && f.test === test)!.expected;
const bcg = evidenceFromBinaryRows(mh.rows, { phases: mh.rows.map((_, i) => (i % 3 === 0 ? 'SP' : 'RR')) });
const choices = (patch: Partial<AnalysisChoices> = {}): AnalysisChoices => ({ ...DEFAULT_ANALYSIS, outcome: 'new-relapse', measure: 'RR', ...patch });
const rel = (x: number, y: number) => Math.abs(x - y) / Math.max(Math.abs(y), 1e-12);

describe('toForestModel on dat.bcg', () => {
  it('random effects (REML): pooled row, weights and heterogeneity equal metafor', () => {
    const m = toForestModel(bcg.studies, [], choices());
    const e = fit('REML');
    expect(rel(Math.log(m.overall!.estimate), e.estimate)).toBeLessThan(1e-6);
    expect(rel(Math.log(m.overall!.ciLower), e.ciLower)).toBeLessThan(1e-6);
    expect(rel(Math.log(m.overall!.ciUpper), e.ciUpper)).toBeLessThan(1e-6);
    expect(rel(Math.log(m.overall!.piLower!), e.piLower!)).toBeLessThan(1e-6);
    const weights = m.groups[0]!.rows.map((r) => r.weightPercent!);
    weights.forEach((w, i) => expect(rel(w, e.weights[i]!)).toBeLessThan(1e-6));
    expect(m.overall!.effectText).toBe('0.49 [0.34, 0.70]');
    // metafor: tau² 0.313, QE 152.23 on 12 df, p 2.0e-26 (printed by us as "< 0.00001"), I² 92.2%.
    expect(m.overall!.heterogeneityText).toBe('Heterogeneity: Tau² = 0.313; Chi² = 152.23, df = 12 (P < 0.00001); I² = 92% (τ²-based, as metafor)');
    expect(m.header).toBe('Risk ratio, IV, Random (REML), 95% CI');
    expect(m.favoursLeft).toBe('Favours IVIG');
  });

  it('DerSimonian-Laird with Knapp-Hartung equals metafor', () => {
    const m = toForestModel(bcg.studies, [], choices({ tau2Method: 'DL', test: 'knha' }));
    const e = fit('DL', 'knha');
    expect(rel(Math.log(m.overall!.estimate), e.estimate)).toBeLessThan(1e-6);
    expect(rel(Math.log(m.overall!.ciUpper), e.ciUpper)).toBeLessThan(1e-6);
    expect(m.overall!.overallEffectText).toMatch(/^Test for overall effect: t\(12\) = /);
  });

  it('common effect with Mantel-Haenszel equals rma.mh', () => {
    const m = toForestModel(bcg.studies, [], choices({ model: 'common' }));
    expect(rel(Math.log(m.overall!.estimate), mh.expected.estimate)).toBeLessThan(1e-6);
    expect(rel(Math.log(m.overall!.ciLower), mh.expected.ciLower)).toBeLessThan(1e-6);
    expect(m.header).toBe('Risk ratio, M-H, Fixed, 95% CI');
    expect(m.overall!.heterogeneityText).toContain(`Chi² = ${mh.expected.Q.toFixed(2)}, df = 12`);
  });

  it('under M-H, Fixed the weights (and so the squares) are metafor’s weights(rma.mh())', () => {
    for (const measure of ['OR', 'RR', 'RD'] as const) {
      const expected = rmaMh.cases.find((x) => x.name === `bcg-MH-${measure}`)!.expected.weights;
      const rows = toForestModel(bcg.studies, [], choices({ model: 'common', measure })).groups[0]!.rows;
      const byId = new Map(rows.map((r) => [r.studyId, r.weightPercent!]));
      expected.forEach((w, i) => expect(rel(byId.get(`trial-${i + 1}`)!, w)).toBeLessThan(1e-6));
    }
    // The reviewer's check against RevMan: Hart 1977 (trial 4) 16.2%, TPT Madras (trial 8) 31.7%.
    const rr = toForestModel(bcg.studies, [], choices({ model: 'common' })).groups[0]!.rows;
    expect(rr.find((r) => r.studyId === 'trial-4')!.weightPercent!.toFixed(1)).toBe('16.2');
    expect(rr.find((r) => r.studyId === 'trial-8')!.weightPercent!.toFixed(1)).toBe('31.7');
    // Inverse variance (the box unchecked) keeps metafor's rma(method = "FE") weights.
    const fe = rma.fits.find((f) => f.name === 'bcg-RR/FE/z')!.expected.weights;
    const ivRows = toForestModel(bcg.studies, [], choices({ model: 'common', mantelHaenszel: false })).groups[0]!.rows;
    fe.forEach((w, i) => expect(rel(ivRows.find((r) => r.studyId === `trial-${i + 1}`)!.weightPercent!, w)).toBeLessThan(1e-6));
  });

  it('a zero-cell study gets M-H weight 0, as in metafor', () => {
    const zeros = rmaMh.cases.find((x) => x.name === 'zero-cells-MH-RR')!;
    const rows = toForestModel(evidenceFromBinaryRows(zeros.rows).studies, [], choices({ model: 'common' })).groups[0]!.rows;
    zeros.expected.weights.forEach((w, i) => expect(rows.find((r) => r.studyId === `trial-${i + 1}`)!.weightPercent).toBeCloseTo(w, 9));
  });

  it('shows the arm counts as entered, however large (141/27338, 499/88391)', () => {
    const rows = toForestModel(bcg.studies, [], choices()).groups[0]!.rows;
    const byId = new Map(rows.map((r) => [r.studyId, r]));
    mh.rows.forEach((x, i) => {
      expect(byId.get(`trial-${i + 1}`)!.treatmentData).toBe(`${x.ai}/${x.n1i}`);
      expect(byId.get(`trial-${i + 1}`)!.controlData).toBe(`${x.ci}/${x.n2i}`);
    });
    expect(rows.map((r) => r.controlData)).toEqual(expect.arrayContaining(['141/27338', '499/88391']));
  });

  it('toggling a study out re-pools without it and gives it no weight', () => {
    const all = toForestModel(bcg.studies, [], choices());
    const without = toForestModel(bcg.studies, [], choices({ excludedStudyIds: ['trial-1'] }));
    expect(without.overall!.k).toBe(12);
    expect(without.overall!.estimate).not.toBeCloseTo(all.overall!.estimate, 6);
    const row = without.groups[0]!.rows.find((r) => r.studyId === 'trial-1')!;
    expect([row.excluded, row.weightPercent]).toEqual([true, null]);
  });

  it('subgroups by phase: a subtotal per phase and the test for subgroup differences', () => {
    const m = toForestModel(bcg.studies, [], choices({ subgroupBy: 'phase' }));
    expect(m.groups.map((g) => [g.heading, g.rows.length])).toEqual([['Secondary progressive', 5], ['Relapsing-remitting', 8]]);
    expect(m.groups.every((g) => g.pooled !== null)).toBe(true);
    expect(m.subgroupTestText).toMatch(/^Test for subgroup differences: Chi² = \d+\.\d\d, df = 1 \(P = /);
  });

  it('leave-one-out gives one step per study, cumulative one per year', () => {
    expect(toForestModel(bcg.studies, [], choices({ mode: 'leave-one-out' })).groups[0]!.steps).toHaveLength(13);
    const cum = toForestModel(bcg.studies, [], choices({ mode: 'cumulative' })).groups[0]!.steps;
    expect(cum).toHaveLength(13);
    expect(rel(Math.log(cum[12]!.estimate), fit('REML').estimate)).toBeLessThan(1e-6);
  });

  it('a single study: its own estimate, no heterogeneity line, and a note', () => {
    const one = evidenceFromBinaryRows([mh.rows[0]!]);
    const m = toForestModel(one.studies, [], choices());
    expect(m.overall!.k).toBe(1);
    expect(m.overall!.heterogeneityText).toBeNull();
    expect(m.notes[0]).toMatch(/^One study included: its own estimate is shown as the pooled result/);
  });

  it('notes describe what is drawn: every study toggled out, no subgroups', () => {
    const ids = bcg.studies.map((s) => s.id);
    const m = toForestModel(bcg.studies, [], choices({ excludedStudyIds: ids }));
    expect(m.overall).toBeNull();
    expect(m.groups[0]!.note).toBe('Every study is toggled out: nothing is pooled.');
    expect(m.notes).toEqual([]);
    const one = evidenceFromBinaryRows([mh.rows[0]!]);
    const single = toForestModel(one.studies, [], choices({ excludedStudyIds: [one.studies[0]!.id] }));
    expect(single.overall).toBeNull();
    expect(single.notes.join(' ')).not.toMatch(/pooled result/);
    expect(single.groups[0]!.note).toBe('Every study is toggled out: nothing is pooled.');
  });

  it('notes describe what is drawn: one study left in of thirteen, and subgroups toggled out', () => {
    const ids = bcg.studies.map((s) => s.id);
    const m = toForestModel(bcg.studies, [], choices({ excludedStudyIds: ids.slice(1) }));
    expect(m.overall!.k).toBe(1);
    expect(m.notes).toEqual(['One study included: its own estimate is shown as the pooled result; heterogeneity cannot be assessed.']);
    const sp = bcg.studies.filter((_, i) => i % 3 === 0).map((s) => s.id);
    const sub = toForestModel(bcg.studies, [], choices({ subgroupBy: 'phase', excludedStudyIds: sp }));
    expect(sub.groups.map((g) => g.note)).toEqual(['Every study in this group is toggled out.', null]);
  });

  it('leave-one-out with one included study: no step, and a note that says why', () => {
    const one = evidenceFromBinaryRows([mh.rows[0]!]);
    const m = toForestModel(one.studies, [], choices({ mode: 'leave-one-out' }));
    expect(m.groups[0]!.steps).toEqual([]);
    expect(m.groups[0]!.note).toBe('Leave-one-out needs two or more included studies: with one, there is nothing to omit.');
    expect(m.notes.join(' ')).not.toMatch(/pooled result/);
  });

  it('swapping sides inverts the ratios and the favours labels', () => {
    const m = toForestModel(bcg.studies, [], choices({ flipDirection: true }));
    expect(rel(m.overall!.estimate, 1 / Math.exp(fit('REML').estimate))).toBeLessThan(1e-6);
    expect([m.favoursLeft, m.favoursRight]).toEqual(['Favours placebo', 'Favours IVIG']);
  });
});

describe('favoursSides', () => {
  it('puts IVIG on the side of fewer events, or of more relapse-free patients', () => {
    expect(favoursSides('edss-worsened', 'RR', false)).toEqual({ left: 'Favours IVIG', right: 'Favours placebo' });
    expect(favoursSides('relapse-free', 'OR', false)).toEqual({ left: 'Favours placebo', right: 'Favours IVIG' });
    // ESIMS: HR for confirmed progression — below 1 is fewer progressions with IVIG.
    expect(favoursSides('time-to-confirmed-progression', 'HR', false)).toEqual({ left: 'Favours IVIG', right: 'Favours placebo' });
    expect(favoursSides('time-to-first-relapse', 'MD', false)).toEqual({ left: 'Favours placebo', right: 'Favours IVIG' });
    expect(favoursSides('edss-worsened', 'RR', true)).toEqual({ left: 'Favours placebo', right: 'Favours IVIG' });
  });
});

describe('published results beside ours', () => {
  it('draws only results oriented as ours; a reversed OR is drawn as its reciprocal and says so', async () => {
    const { readFileSync } = await import('node:fs');
    const { parseEvidenceText } = await import('../evidence/parse-evidence');
    const evidence = parseEvidenceText(readFileSync('public/data/evidence.json', 'utf8'));
    const m = toForestModel(evidence.studies, evidence.syntheses, choices({ outcome: 'relapse-free', measure: 'OR' }));
    const by = (name: RegExp) => m.published.find((p) => name.test(p.synthesis))!;
    const cochrane = by(/Cochrane/);
    // Cochrane OR 0.63 [0.42, 0.94] for relapsing → 1/0.63 = 1.587 [1/0.94, 1/0.42] = [1.064, 2.381]
    expect([cochrane.estimate, cochrane.ciLower, cochrane.ciUpper].map((v) => v!.toFixed(3))).toEqual(['1.587', '1.064', '2.381']);
    expect(cochrane.text).toContain('reversed in the source; drawn as 1/value: 1.59 [1.06, 2.38]');
    const oly = by(/Olyaeemanesh/);
    expect([oly.estimate, oly.ciLower, oly.ciUpper]).toEqual([1.693, 1.205, 2.38]);
    const ejn = by(/Eur J Neurol 2002/);
    expect(ejn.estimate).toBeNull();
  });
});

describe('I² beside Chi²', () => {
  const bundled = parseEvidenceSet(JSON.parse(readFileSync(join(process.cwd(), 'public/data/evidence.json'), 'utf8')));
  // AIMS and Achiron 1998 (PRIVIG, in the set since evidence 2026.12.01-2, toggled off): the two-trial case.
  const relapseFree = (patch: Partial<AnalysisChoices>) =>
    toForestModel(bundled.studies, [], { ...DEFAULT_ANALYSIS, outcome: 'relapse-free', measure: 'RR', excludedStudyIds: ['fazekas-2008-privig'], ...patch }).overall!;

  it('prints every effect with 2 decimals, as RevMan: Achiron 13.00 [0.78, 216.39]', () => {
    const achiron = toForestModel(bundled.studies, [], { ...DEFAULT_ANALYSIS, outcome: 'relapse-free', measure: 'RR' }).groups[0]!.rows.find((r) => r.studyId === 'achiron-1998-rrms')!;
    expect(achiron.effectText).toBe('13.00 [0.78, 216.39]');
  });

  it('names the I² it prints, and offers RevMan’s Q-based one (bundled relapse-free, HS)', () => {
    const metaforI2 = relapseFree({ tau2Method: 'HS' });
    // What the reviewer saw: Chi² 2.23 on 1 df beside metafor's τ²-based I² of 1%.
    expect(metaforI2.heterogeneityText).toMatch(/Chi² = 2\.23, df = 1 \(P = 0\.\d+\); I² = 1% \(τ²-based, as metafor\)$/);
    const revman = relapseFree({ tau2Method: 'HS', i2Basis: 'Q' });
    // RevMan: (Q − df)/Q = (2.23 − 1)/2.23 = 55%.
    expect(revman.heterogeneityText).toMatch(/Chi² = 2\.23, df = 1 \(P = 0\.\d+\); I² = 55% \(Q-based, as RevMan\)$/);
    expect(revman.heterogeneity!.I2).toBeCloseTo((100 * (revman.heterogeneity!.Q - 1)) / revman.heterogeneity!.Q, 12);
    // The pooled estimate does not depend on how I² is reported.
    expect(revman.estimate).toBe(metaforI2.estimate);
  });

  it('under DL the two I² agree, and under a common-effect model the line is always Q-based', () => {
    const e = fit('DL');
    const dl = toForestModel(bcg.studies, [], choices({ tau2Method: 'DL', i2Basis: 'Q' })).overall!;
    expect(dl.heterogeneity!.I2).toBeCloseTo(e.I2, 9);
    const fe = toForestModel(bcg.studies, [], choices({ model: 'common', mantelHaenszel: false })).overall!;
    expect(fe.heterogeneity!.I2Basis).toBe('Q');
    expect(fe.heterogeneity!.I2).toBeCloseTo(fit('FE').I2, 9);
    expect(fe.heterogeneityText).toMatch(/I² = 92% \(Q-based, as RevMan\)$/);
  });
});
