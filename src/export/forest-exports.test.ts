/**
 * The forest exports on dat.bcg. The R script must match the committed fixture
 * (tests/reference/fixtures/forest-export-bcg.R), which was run with Rscript + metafor 3.8-1; its
 * output (forest-export-bcg.Rout.txt) must give our pooled estimate.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import rmaMh from '../../tests/reference/fixtures/rma-mh.json';
import { DEFAULT_ANALYSIS, toForestModel, type AnalysisChoices } from '../model/forest-model';
import { evidenceFromBinaryRows } from '../test-support/evidence-from-rows';
import { forestToCsv, forestToR } from './forest-exports';
import { parseCsv } from '../evidence/csv';

const rows = rmaMh.cases.find((c) => c.name === 'bcg-MH-RR')!.rows;
const studies = evidenceFromBinaryRows(rows).studies;
const choices: AnalysisChoices = { ...DEFAULT_ANALYSIS, outcome: 'new-relapse', measure: 'RR' };
const model = toForestModel(studies, [], choices);
const fixture = (name: string) => readFileSync(join(process.cwd(), 'tests/reference/fixtures', name), 'utf8');

describe('forestToR', () => {
  it('writes the metafor script of the committed fixture', () => {
    expect(forestToR(model, choices, { evidenceVersion: 'rows-1', date: '2026-11-24' })).toBe(fixture('forest-export-bcg.R'));
  });
  it('whose R output reproduces our pooled estimate', () => {
    const out = fixture('forest-export-bcg.Rout.txt');
    // print(res, digits = 4): "estimate      se     zval    pval   ci.lb   ci.ub" then the values
    const values = out.split('\n').find((l) => /^\s*-0\.71\d+\s/.test(l))!.trim().split(/\s+/).map(Number);
    expect(values[0]).toBeCloseTo(Math.log(model.overall!.estimate), 4);
    expect(values[4]).toBeCloseTo(Math.log(model.overall!.ciLower), 4);
    expect(values[5]).toBeCloseTo(Math.log(model.overall!.ciUpper), 4);
  });
  it('uses rma.mh for the common-effect Mantel-Haenszel model', () => {
    const mhChoices = { ...choices, model: 'common' as const };
    expect(forestToR(toForestModel(studies, [], mhChoices), mhChoices, { evidenceVersion: 'x', date: 'y' })).toContain('fit <- function(d) rma.mh(ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = d, measure = "RR", slab = study)');
  });
  it('under M-H with the sides swapped, pools the swapped tables by rma.mh, as the plot', () => {
    const flipped = { ...choices, model: 'common' as const, flipDirection: true };
    const script = forestToR(toForestModel(studies, [], flipped), flipped, { evidenceVersion: 'x', date: 'y' });
    expect(script).toContain(`  ai  = c(${rows.map((r) => r.ci).join(', ')}),  # placebo events`);
    expect(script).toContain(`  n2i = c(${rows.map((r) => r.n1i).join(', ')})  # IVIG total`);
    expect(script).toContain('fit <- function(d) rma.mh(ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = d, measure = "RR", slab = study)');
  });
});

describe('forestToCsv', () => {
  it('has one row per study and a pooled row equal to the plot', () => {
    const csv = forestToCsv(model);
    expect(csv.startsWith('\uFEFFrow_type,study_id,label')).toBe(true);
    const parsed = parseCsv(csv);
    const header = parsed[0]!;
    const col = (name: string) => header.indexOf(name);
    expect(parsed.filter((r) => r[0] === 'study')).toHaveLength(13);
    const pooled = parsed.find((r) => r[0] === 'pooled')!;
    expect(Number(pooled[col('effect')])).toBeCloseTo(model.overall!.estimate, 12);
    expect(Number(pooled[col('ci_upper')])).toBeCloseTo(model.overall!.ciUpper, 12);
    expect(Number(pooled[col('tau2')])).toBeCloseTo(model.overall!.result!.tau2, 12);
    expect(pooled[col('method')]).toBe('Risk ratio, IV, Random (REML), 95% CI');
  });
  it('writes the heterogeneity of the plot’s line: the M-H Q and p under M-H, the I² basis chosen', () => {
    const mhCase = rmaMh.cases.find((c) => c.name === 'bcg-MH-RR')!.expected;
    const mhModel = toForestModel(studies, [], { ...choices, model: 'common' });
    const parsed = parseCsv(forestToCsv(mhModel));
    const col = (name: string) => parsed[0]!.indexOf(name);
    const pooled = parsed.find((r) => r[0] === 'pooled')!;
    expect(Number(pooled[col('Q')])).toBeCloseTo(mhCase.Q, 9);
    expect(Number(pooled[col('p_value')])).toBeCloseTo(mhCase.pValue, 12);
    expect(pooled[col('I2_basis')]).toBe('Q');
    const qModel = toForestModel(studies, [], { ...choices, i2Basis: 'Q' });
    const qPooled = parseCsv(forestToCsv(qModel)).find((r) => r[0] === 'pooled')!;
    expect(Number(qPooled[col('I2_percent')])).toBeCloseTo(qModel.overall!.heterogeneity!.I2, 9);
    expect(qPooled[col('I2_basis')]).toBe('Q');
    expect(forestToR(qModel, { ...choices, i2Basis: 'Q' }, { evidenceVersion: 'x', date: 'y' })).toContain('cat("I^2 (Q-based, as RevMan):", round(100 * max(0, (res$QE - (res$k - 1)) / res$QE)), "%\\n")');
  });
  it('writes the arm counts as entered (no rounding of 27338 or 88391)', () => {
    const parsed = parseCsv(forestToCsv(model));
    const header = parsed[0]!;
    const studyRows = parsed.filter((r) => r[0] === 'study');
    const byId = new Map(studyRows.map((r) => [r[header.indexOf('study_id')], r]));
    rows.forEach((x, i) => {
      const r = byId.get(`trial-${i + 1}`)!;
      expect([r[header.indexOf('ivig_data')], r[header.indexOf('placebo_data')]]).toEqual([`${x.ai}/${x.n1i}`, `${x.ci}/${x.n2i}`]);
    });
    expect(studyRows.map((r) => r[header.indexOf('placebo_data')])).toEqual(expect.arrayContaining(['141/27338', '499/88391']));
  });
});
