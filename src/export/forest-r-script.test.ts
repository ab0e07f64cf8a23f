/**
 * The forest plot's R script reproduces what is on screen, mode by mode. Each scenario's script
 * is committed in tests/reference/fixtures/forest-export/<name>.R together with what Rscript +
 * metafor 3.8-1 printed when running it (<name>.Rout.txt), so that these tests need no R:
 *
 *   WRITE_R_FIXTURES=1 npx vitest run src/export/forest-r-script.test.ts   # rewrite the scripts
 *   for f in tests/reference/fixtures/forest-export/*.R; do R_DEFAULT_DEVICE=cairo_pdf Rscript "$f" > "${f%.R}.Rout.txt" 2>&1; done
 *   (cairo_pdf: the pdf device cannot draw "Lewańska" in forest() and warns)
 *
 * The tests check that the exporter still writes each committed script and that metafor's printed
 * numbers in its output equal the app's model (pooled rows, subgroup subtotals and test,
 * leave-one-out and cumulative steps), to the 4 decimals metafor printed.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import rmaMh from '../../tests/reference/fixtures/rma-mh.json';
import type { MsPhase, Study } from '../evidence/schema';
import { parseEvidenceText } from '../evidence/parse-evidence';
import { DEFAULT_ANALYSIS, toForestModel, type AnalysisChoices, type ForestModel, type PooledRow } from '../model/forest-model';
import { evidenceFromBinaryRows } from '../test-support/evidence-from-rows';
import { forestToR } from './forest-exports';
import { ALL_RECOVERY } from '../evidence/recovered-effects/recovery-settings';

const DIR = join(process.cwd(), 'tests/reference/fixtures/forest-export');
const bcgRows = rmaMh.cases.find((c) => c.name === 'bcg-MH-RR')!.rows;
// dat.bcg's years, and its allocation (random / alternate / systematic) standing in for the phase.
const BCG_YEARS = [1948, 1949, 1960, 1977, 1973, 1953, 1973, 1980, 1968, 1961, 1974, 1969, 1976];
const ALLOC: MsPhase[] = ['RR', 'RR', 'RR', 'RR', 'SP', 'SP', 'RR', 'RR', 'RR', 'PP', 'PP', 'PP', 'PP'];
const bcg = evidenceFromBinaryRows(bcgRows, { years: BCG_YEARS, phases: ALLOC }).studies;
const ivig = parseEvidenceText(readFileSync(join(process.cwd(), 'public/data/evidence.json'), 'utf8'));

interface Scenario { name: string; studies: readonly Study[]; version: string; choices: AnalysisChoices }
const bcgChoices = (over: Partial<AnalysisChoices>): AnalysisChoices => ({ ...DEFAULT_ANALYSIS, outcome: 'new-relapse', measure: 'RR', ...over });
const ivigChoices = (over: Partial<AnalysisChoices>): AnalysisChoices => ({ ...DEFAULT_ANALYSIS, outcome: 'relapse-free', measure: 'OR', ...over });
const SCENARIOS: Scenario[] = [
  { name: 'bcg-subgroups-knha', studies: bcg, version: 'rows-1', choices: bcgChoices({ subgroupBy: 'phase', test: 'knha', excludedStudyIds: ['trial-7'] }) },
  { name: 'bcg-leave-one-out-dl', studies: bcg, version: 'rows-1', choices: bcgChoices({ mode: 'leave-one-out', tau2Method: 'DL', measure: 'OR' }) },
  { name: 'bcg-leave-one-out-q-i2-subgroups', studies: bcg, version: 'rows-1', choices: bcgChoices({ mode: 'leave-one-out', i2Basis: 'Q', subgroupBy: 'phase' }) },
  { name: 'bcg-q-i2', studies: bcg, version: 'rows-1', choices: bcgChoices({ i2Basis: 'Q' }) },
  { name: 'bcg-cumulative-pm', studies: bcg, version: 'rows-1', choices: bcgChoices({ mode: 'cumulative', tau2Method: 'PM', level: 90 }) },
  { name: 'bcg-mh-flipped-subgroups', studies: bcg, version: 'rows-1', choices: bcgChoices({ model: 'common', mantelHaenszel: true, flipDirection: true, subgroupBy: 'phase' }) },
  { name: 'bcg-mh-cumulative', studies: bcg, version: 'rows-1', choices: bcgChoices({ model: 'common', mantelHaenszel: true, mode: 'cumulative', subgroupBy: 'phase' }) },
  { name: 'ivig-relapse-free-or', studies: ivig.studies, version: ivig.version, choices: ivigChoices({}) },
  { name: 'ivig-relapse-free-or-knha-leave-one-out', studies: ivig.studies, version: ivig.version, choices: ivigChoices({ test: 'knha', mode: 'leave-one-out' }) },
  { name: 'ivig-relapse-free-rr-mh-subgroups', studies: ivig.studies, version: ivig.version, choices: ivigChoices({ measure: 'RR', model: 'common', mantelHaenszel: true, subgroupBy: 'phase' }) },
  { name: 'ivig-progression-hr', studies: ivig.studies, version: ivig.version, choices: { ...DEFAULT_ANALYSIS, outcome: 'time-to-confirmed-progression', measure: 'HR' } },
  // Recovered effects (recover=all): combined arms and a crossover as counts for escalc; imputed SDs as yi/vi data.
  { name: 'ivig-relapse-free-rr-recover-all', studies: ivig.studies, version: ivig.version, choices: ivigChoices({ measure: 'RR', recovery: ALL_RECOVERY }) },
  { name: 'ivig-arr-md-recover-all', studies: ivig.studies, version: ivig.version, choices: { ...DEFAULT_ANALYSIS, outcome: 'annualized-relapse-rate', measure: 'MD', recovery: ALL_RECOVERY } },
];
const modelOf = (s: Scenario) => toForestModel(s.studies, [], s.choices);
const scriptOf = (s: Scenario) => forestToR(modelOf(s), s.choices, { evidenceVersion: s.version, date: '2026-12-01' });

if (process.env.WRITE_R_FIXTURES) for (const s of SCENARIOS) writeFileSync(join(DIR, `${s.name}.R`), scriptOf(s));

/** One block of Rscript output: what follows a "Subgroup: X" or "Overall" line (or the whole output). */
function sections(out: string): Map<string, string> {
  const map = new Map<string, string>();
  const parts = out.split(/^(?:Subgroup: (.+?) ?|(Overall))$/m);
  map.set('', parts[0]!);
  for (let i = 1; i < parts.length; i += 3) map.set(parts[i] ?? parts[i + 1]!, parts[i + 2]!);
  return map;
}

/** The values under a header line that starts with `first` (e.g. "pred"), by column name. */
function row(block: string, first: string): Record<string, number> {
  const lines = block.split('\n');
  const at = lines.findIndex((l) => l.trim().split(/\s+/)[0] === first);
  expect(at, `no "${first}" header in\n${block}`).toBeGreaterThanOrEqual(0);
  const names = lines[at]!.trim().split(/\s+/);
  const values = lines[at + 1]!.trim().split(/\s+/);
  return Object.fromEntries(names.map((n, i) => [n, Number(values[i]!.replace('<', ''))]));
}

/** leave1out() / cumul() tables: one row per study label, by column name. */
function table(block: string): { label: string; values: Record<string, number> }[] {
  const lines = block.split('\n');
  const at = lines.findIndex((l) => /^\s+estimate\s/.test(l));
  expect(at, `no leave1out/cumul table in\n${block}`).toBeGreaterThanOrEqual(0);
  const names = lines[at]!.trim().split(/\s+/);
  const rows = [];
  for (const line of lines.slice(at + 1)) {
    if (!line.trim()) break;
    const tokens = line.trim().split(/\s+/);
    const values = tokens.slice(tokens.length - names.length);
    rows.push({ label: tokens.slice(0, tokens.length - names.length).join(' '), values: Object.fromEntries(names.map((n, i) => [n, Number(values[i])])) });
  }
  return rows;
}

// metafor printed 4 decimals: equal within half a unit of the last digit, plus float slack that
// grows with the magnitude: a Knapp-Hartung bound of 3006032560.7741 (PRIVIG and AIMS, k = 2,
// back-transformed from the log scale) carries 14 significant digits, more than two separate
// double-precision computations of exp() agree on (they differed by 2e-14 relative).
const near = (printed: number, ours: number) => expect(Math.abs(printed - ours)).toBeLessThanOrEqual(0.00005 + 1e-9 + 1e-12 * Math.abs(printed));

function expectPooled(block: string, pooled: PooledRow) {
  const p = row(block, 'pred');
  near(p.pred!, pooled.estimate);
  near(p['ci.lb']!, pooled.ciLower);
  near(p['ci.ub']!, pooled.ciUpper);
  if (pooled.piLower !== null) {
    near(p['pi.lb']!, pooled.piLower);
    near(p['pi.ub']!, pooled.piUpper!);
  }
}

function expectSteps(block: string, steps: readonly PooledRow[], prefix: RegExp, mantelHaenszel: boolean) {
  const rows = table(block);
  expect(rows.map((r) => r.label)).toEqual(steps.map((s) => s.label.replace(prefix, '')));
  rows.forEach((r, i) => {
    const s = steps[i]!;
    near(r.values.estimate!, s.estimate);
    near(r.values['ci.lb']!, s.ciLower);
    near(r.values['ci.ub']!, s.ciUpper);
    if (r.values.tau2 !== undefined) near(r.values.tau2, s.result!.tau2);
    if (mantelHaenszel) {
      // rma.mh's Q and I² are the M-H ones the row prints (metafor prints Q = 0, I² = 0 for k = 1).
      near(r.values.Q!, s.heterogeneity?.Q ?? 0);
      near(r.values.I2!, s.heterogeneity?.I2 ?? 0);
    } else if (s.result!.I2 !== null) near(r.values.I2!, s.result!.I2);
    // With RevMan's Q-based I² chosen, the script adds that column: the plot's I².
    if (r.values.I2_Q !== undefined) near(r.values.I2_Q, s.heterogeneity?.I2 ?? 0);
  });
}

/** RevMan's test on the subtotal rows shown (M-H ones under M-H): FE meta-analysis of their estimates. */
function subgroupQ(model: ForestModel): number {
  const fits = model.groups.filter((g) => g.rows.some((r) => !r.excluded)).map((g) => g.pooled!);
  const w = fits.map((f) => 1 / f.se ** 2);
  const mean = fits.reduce((a, f, i) => a + w[i]! * f.yi, 0) / w.reduce((a, b) => a + b, 0);
  const q = fits.reduce((a, f, i) => a + w[i]! * (f.yi - mean) ** 2, 0);
  expect(q).toBeCloseTo(model.subgroupTest!.Qbetween, 10);
  return q;
}

describe.each(SCENARIOS)('the R script of $name', (s) => {
  const model = modelOf(s);
  const out = existsSync(join(DIR, `${s.name}.Rout.txt`)) ? readFileSync(join(DIR, `${s.name}.Rout.txt`), 'utf8') : '';
  it('is the committed fixture, and R ran it without an error', () => {
    expect(scriptOf(s)).toBe(readFileSync(join(DIR, `${s.name}.R`), 'utf8'));
    expect(out).toContain("Loading the 'metafor' package (version 3.8-1)");
    expect(out).not.toMatch(/Error|Warning/);
  });
  it("prints the app's numbers for what is on screen", () => {
    const blocks = sections(out);
    const c = s.choices;
    const subgroups = c.subgroupBy !== 'none';
    if (c.mode === 'standard') {
      expectPooled(blocks.get(subgroups ? 'Overall' : '')!, model.overall!);
      if (c.model === 'random' && c.i2Basis === 'Q') {
        const printed = blocks.get(subgroups ? 'Overall' : '')!.match(/I\^2 \(Q-based, as RevMan\): (\d+) %/)!;
        expect(Number(printed[1])).toBe(Math.round(model.overall!.heterogeneity!.I2));
        expect(model.overall!.heterogeneityText).toContain(`I² = ${printed[1]}% (Q-based, as RevMan)`);
      }
      if (subgroups && !model.subgroupTestText!.includes('not applicable')) {
        for (const g of model.groups.filter((x) => x.pooled)) expectPooled(blocks.get(g.heading!)!, g.pooled!);
        const test = out.match(/Test for subgroup differences: Chi\^2 = ([\d.]+), df = (\d+), p = ([\d.]+)/)!;
        near(Number(test[1]), subgroupQ(model));
        // …and the on-screen line shows the same test at its own precision.
        expect(model.subgroupTestText).toContain(`Chi² = ${Number(test[1]).toFixed(2)}, df = ${test[2]}`);
      }
    } else {
      const prefix = c.mode === 'leave-one-out' ? /^Omitting / : /^\+ /;
      if (subgroups) for (const g of model.groups) expectSteps(blocks.get(g.heading!)!, g.steps, prefix, model.mantelHaenszel);
      else expectSteps(blocks.get('')!, model.groups[0]!.steps, prefix, model.mantelHaenszel);
    }
  });
});

describe('the R script says what it reproduces', () => {
  it('names toggled-out and non-estimable studies, and the mode', () => {
    const s = SCENARIOS.find((x) => x.name === 'bcg-subgroups-knha')!;
    const text = scriptOf(s);
    expect(text).toContain('# Toggled out in the app, so not in the data: Trial 7.');
    expect(text).not.toMatch(/"Trial 7"/);
    expect(text).toContain('# On screen: standard, subgroups by phase; 12 studies pooled');
  });
  it('uses the on-screen order for the cumulative meta-analysis (by year)', () => {
    const s = SCENARIOS.find((x) => x.name === 'bcg-cumulative-pm')!;
    const text = scriptOf(s);
    expect(text).toContain('print(cumul(fit(dat), order = year, transf = exp), digits = 4)');
    expect(text).toContain('level = 90');
  });
});
