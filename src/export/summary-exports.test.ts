/**
 * The Summary of Findings exports under the Bayesian model carry the prior and the posterior's
 * numbers: the CSV's estimate/ci columns are μ's posterior median and CrI, with the interval, the
 * prior, P(benefit), τ and the predictive interval; the HTML and SVG name the CrI and the prior.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../evidence/csv';
import { parseEvidenceText } from '../evidence/parse-evidence';
import { DEFAULT_SETTINGS } from '../model/analysis-params';
import { DEFAULT_SUMMARY, toSummaryOfFindings } from '../model/summary-of-findings';
import { summaryToCsv, summaryToHtml, summaryToSvg } from './summary-exports';

const bundled = parseEvidenceText(readFileSync('public/data/evidence.json', 'utf8'));
const model = toSummaryOfFindings({ studies: bundled.studies, syntheses: [], analysis: { ...DEFAULT_SETTINGS, model: 'bayes' }, excludedStudyIds: [], summary: DEFAULT_SUMMARY });
const rf = model.tables.flatMap((t) => t.rows).find((r) => r.key === 'RR.relapse-free')!;

describe('summary exports under model=bayes', () => {
  it('CSV: the posterior median and CrI, the interval, the prior, P(benefit), τ and the predictive interval', () => {
    const rows = parseCsv(summaryToCsv(model, DEFAULT_SUMMARY, ['caption']));
    const header = rows[0]!;
    const line = rows.find((r) => r[0] === 'Relapsing-remitting' && r[1] === 'Relapse-free patients')!;
    const cell = (name: string) => line[header.indexOf(name)];
    const b = rf.bayesian!;
    expect(Number(cell('estimate'))).toBe(b.estimate);
    expect(Number(cell('ci_lower'))).toBe(b.lower);
    expect(Number(cell('ci_upper'))).toBe(b.upper);
    expect(cell('interval')).toBe('CrI');
    expect(cell('prior')).toBe('τ ~ half-normal(0.5), μ ~ flat');
    expect(cell('prior_source')).toContain('Friede et al. 2017');
    expect(Number(cell('probability_of_benefit'))).toBe(b.probabilityOfBenefit);
    expect(Number(cell('tau_median'))).toBe(b.tau.median);
    expect(Number(cell('prediction_lower'))).toBe(b.piLower);
    expect(Number(cell('difference_per_1000'))).toBe(rf.absolute!.perThousand.difference);
    expect(cell('relative_effect')).toContain(`; P(benefit): ${b.benefitText}`);
    // A mean difference under a preset τ prior: random effects, and why.
    const arr = rows.find((r) => r[0] === 'Relapsing-remitting' && r[1] === 'Annualized relapse rate')!;
    expect(arr[header.indexOf('interval')]).toBe('CI');
    expect(arr[header.indexOf('bayesian_not_used_because')]).toContain('the τ prior presets are for log ratios and SMDs');
  });

  it('HTML and SVG: the CrI column headers, the prior in the analysis line, the posterior in the cell', () => {
    const html = summaryToHtml(model, 'SoF', []);
    expect(html).toContain('Relative effect (95% CrI)');
    expect(html).toContain('Bayesian random-effects model, τ ~ half-normal(0.5), μ ~ flat');
    expect(html).toContain(rf.bayesian!.effectText);
    expect(html).toContain('No Bayesian result for Annualized relapse rate, EDSS change from baseline: the τ prior presets are for log ratios and SMDs');
    const { svg } = summaryToSvg(model, 'SoF', []);
    expect(svg).toContain('Relative effect (95%');
    expect(svg).toContain('CrI)');
    expect(svg).toContain('Bayesian random-effects model, τ ~');
  });
});
