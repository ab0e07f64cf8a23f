/**
 * The forest's exports under model = bayes, on the bundled relapse-free trials. Each scenario's R
 * script is committed in tests/reference/fixtures/forest-export-bayes/<name>.R; Rscript ran them
 * (R 4.2.2, metafor 3.8-1, without bayesmeta) through tests/reference/make-forest-bayes-export-fixtures.R,
 * which stored what each script's base-R block computed (`bayes_check`) in
 * tests/reference/fixtures/forest-export-bayes.json, so that these tests need no R:
 *
 *   WRITE_R_FIXTURES=1 npx vitest run src/export/forest-bayes-exports.test.ts   # rewrite the scripts
 *   Rscript tests/reference/make-forest-bayes-export-fixtures.R                 # run them, write the JSON
 *
 * The tests check that the exporter still writes each committed script, that R's numbers equal the
 * app's Bayesian row at 1e-6 relative, and that the CSV's Bayesian row carries the same numbers.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEvidenceText } from '../evidence/parse-evidence';
import { parseCsv } from '../evidence/csv';
import { DEFAULT_ANALYSIS, toForestModel, type AnalysisChoices } from '../model/forest-model';
import { forestToCsv, forestToR } from './forest-exports';
import { baseRTauPrior, bayesmetaTauPrior } from './bayes-r-script';

const DIR = join(process.cwd(), 'tests/reference/fixtures/forest-export-bayes');
const ivig = parseEvidenceText(readFileSync(join(process.cwd(), 'public/data/evidence.json'), 'utf8'));
const bayesChoices = (over: Partial<AnalysisChoices>): AnalysisChoices => ({ ...DEFAULT_ANALYSIS, outcome: 'relapse-free', measure: 'OR', model: 'bayes', ...over });

interface Scenario { name: string; choices: AnalysisChoices }
const SCENARIOS: Scenario[] = [
  // The default prior (τ ~ half-normal(0.5), μ flat) and a threshold.
  { name: 'ivig-relapse-free-or-bayes-default', choices: bayesChoices({ bayesThreshold: 1.5 }) },
  // Turner et al. 2015's log-normal prior on τ² for the relapse outcomes' type, a normal μ prior.
  { name: 'ivig-relapse-free-or-bayes-turner-normal-mu', choices: bayesChoices({ tauPrior: 'turner-signs-symptoms-reflecting-continuation-end-of-condition', muPrior: 'normal:0,4' }) },
  // A user-set half-Cauchy scale, the sides swapped (P(benefit) is then P(μ < 0)), PRIVIG toggled out.
  { name: 'ivig-relapse-free-rr-bayes-half-cauchy-flipped', choices: bayesChoices({ measure: 'RR', tauPrior: 'half-cauchy:0.3', flipDirection: true, bayesThreshold: 0.8, excludedStudyIds: ['fazekas-2008-privig'] }) },
];
const modelOf = (s: Scenario) => toForestModel(ivig.studies, [], s.choices);
const scriptOf = (s: Scenario) => forestToR(modelOf(s), s.choices, { evidenceVersion: ivig.version, date: '2026-12-01' });

if (process.env.WRITE_R_FIXTURES) for (const s of SCENARIOS) writeFileSync(join(DIR, `${s.name}.R`), scriptOf(s));

interface RCheck {
  mu_median: number; mu_lower: number; mu_upper: number;
  tau_median: number; tau_lower: number; tau_upper: number;
  pred_lower: number; pred_upper: number;
  p_benefit: number; p_threshold?: number;
}
const fixturePath = join(process.cwd(), 'tests/reference/fixtures/forest-export-bayes.json');
const fixture: { meta: Record<string, string>; scripts: Record<string, { bayesmetaInstalled: boolean; bayes_check: RCheck; metafor: { estimate: number } }> } =
  existsSync(fixturePath) ? JSON.parse(readFileSync(fixturePath, 'utf8')) : { meta: {}, scripts: {} };
const rel = (x: number, y: number) => Math.abs(x - y) / Math.max(Math.abs(y), 1e-12);

describe('forest exports under model = bayes', () => {
  it.each(SCENARIOS)('$name: the exporter writes the committed script', (s) => {
    const path = join(DIR, `${s.name}.R`);
    expect(existsSync(path), `${path}: run with WRITE_R_FIXTURES=1`).toBe(true);
    expect(scriptOf(s)).toBe(readFileSync(path, 'utf8'));
  });

  it.each(SCENARIOS)('$name: the base-R block of the script (run in Rscript) gives the app’s Bayesian row at 1e-6', (s) => {
    const b = modelOf(s).bayesian!;
    const r = fixture.scripts[`${s.name}.R`]!;
    expect(r, 'run tests/reference/make-forest-bayes-export-fixtures.R').toBeDefined();
    const check = r.bayes_check;
    const pairs: [string, number, number][] = [
      ['mu median', b.yi, check.mu_median], ['mu lower', b.yiLower, check.mu_lower], ['mu upper', b.yiUpper, check.mu_upper],
      ['tau median', b.tau.median, check.tau_median], ['tau lower', b.tau.lower, check.tau_lower], ['tau upper', b.tau.upper, check.tau_upper],
      ['prediction lower', b.yiPiLower, check.pred_lower], ['prediction upper', b.yiPiUpper, check.pred_upper],
      ['P(benefit)', b.probabilityOfBenefit, check.p_benefit],
    ];
    if (b.threshold) pairs.push(['P(beyond the threshold)', b.threshold.probability, check.p_threshold!]);
    else expect(check.p_threshold).toBeUndefined();
    for (const [what, app, R] of pairs) expect(rel(app, R), `${what}: app ${app}, R ${R}`).toBeLessThan(1e-6);
    // The metafor part of the same script fits the forest's random-effects Total.
    expect(rel(modelOf(s).overall!.yi, r.metafor.estimate)).toBeLessThan(1e-6);
  });

  it.each(SCENARIOS)('$name: the CSV’s Bayesian row carries the numbers of the plot and the prior', (s) => {
    const model = modelOf(s);
    const b = model.bayesian!;
    const rows = parseCsv(forestToCsv(model));
    const header = rows[0]!;
    expect(rows.every((r) => r.length === header.length)).toBe(true);
    const col = (name: string) => header.indexOf(name);
    const bayes = rows.filter((r) => r[0] === 'bayesian');
    expect(bayes).toHaveLength(1);
    const row = bayes[0]!;
    const num = (name: string) => Number(row[col(name)]);
    expect(num('effect')).toBe(b.estimate);
    expect(num('ci_lower')).toBe(b.lower);
    expect(num('ci_upper')).toBe(b.upper);
    expect(num('yi')).toBe(b.yi);
    expect(num('pi_lower')).toBe(b.piLower);
    expect(num('pi_upper')).toBe(b.piUpper);
    expect(num('tau_median')).toBe(b.tau.median);
    expect(num('tau_lower')).toBe(b.tau.lower);
    expect(num('tau_upper')).toBe(b.tau.upper);
    expect(num('p_benefit')).toBe(b.probabilityOfBenefit);
    expect(num('k')).toBe(b.k);
    expect(row[col('prior')]).toBe(b.priorText);
    expect(row[col('label')]).toBe(`Bayesian (${b.priorText})`);
    expect(row[col('prior_source')]).toBe(b.priorSource);
    if (b.threshold) {
      expect(num('threshold')).toBe(b.threshold.value);
      expect(num('p_threshold')).toBe(b.threshold.probability);
      expect(row[col('probability_statements')]).toBe(`${b.benefitText}; ${b.threshold.text}`);
    } else {
      expect(row[col('threshold')]).toBe('');
    }
    // And with R: the CSV's posterior median is R's at 1e-6.
    expect(rel(num('yi'), fixture.scripts[`${s.name}.R`]!.bayes_check.mu_median)).toBeLessThan(1e-6);
  });

  it('no Bayesian row in the CSV or the script under random effects; the reason in the script when the fit fails', () => {
    const random = bayesChoices({ model: 'random' });
    const model = toForestModel(ivig.studies, [], random);
    expect(parseCsv(forestToCsv(model)).some((r) => r[0] === 'bayesian')).toBe(false);
    expect(forestToR(model, random, { evidenceVersion: 'x', date: 'y' })).not.toContain('bayes');
    const bad = bayesChoices({ tauPrior: 'half-normal:0' });
    const script = forestToR(toForestModel(ivig.studies, [], bad), bad, { evidenceVersion: 'x', date: 'y' });
    expect(script).toContain('# No Bayesian row in the app: Ignored tau-prior="half-normal:0" (the scale must be > 0).');
    expect(script).not.toContain('bayes_posterior');
  });

  it('writes each prior family as a density on τ, for base R and for bayesmeta', () => {
    expect(baseRTauPrior({ name: 'halfNormal', scale: 0.5 })).toBe('function(t) 2 * dnorm(t, 0, 0.5)');
    expect(baseRTauPrior({ name: 'halfCauchy', scale: 0.3 })).toBe('function(t) 2 * dcauchy(t, 0, 0.3)');
    // Turner: log τ² ~ N(−2.06, 1.51²), so p(τ) = dlnorm(τ², −2.06, 1.51) · |dτ²/dτ| = … · 2τ.
    expect(baseRTauPrior({ name: 'logNormalTau2', meanLog: -2.06, sdLog: 1.51 })).toBe('function(t) dlnorm(t^2, meanlog = -2.06, sdlog = 1.51) * 2 * t');
    expect(baseRTauPrior({ name: 'uniform', upper: 2 })).toBe('function(t) dunif(t, 0, 2)');
    expect(bayesmetaTauPrior({ name: 'halfNormal', scale: 0.5 })).toBe('function(t) dhalfnormal(t, scale = 0.5)');
    expect(bayesmetaTauPrior({ name: 'halfCauchy', scale: 0.3 })).toBe('function(t) dhalfcauchy(t, scale = 0.3)');
    const script = readFileSync(join(DIR, 'ivig-relapse-free-or-bayes-turner-normal-mu.R'), 'utf8');
    expect(script).toContain('mu.prior.mean = 0, mu.prior.sd = 4,');
    expect(script).toContain('tau.prior = function(t) dlnorm(t^2, meanlog = -2.06, sdlog = 1.51) * 2 * t,');
    expect(script).toContain('interval.type = "central")');
  });
});
