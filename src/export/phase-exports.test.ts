/** The phase panel's CSV under model = bayes and random effects, on the bundled relapse-free trials. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEvidenceSet } from '../evidence/parse-evidence';
import { parseCsv } from '../evidence/csv';
import { toPhasePanel, type PhaseChoices } from '../model/phase-comparison-model';
import { phasePanelToCsv } from './phase-exports';

const bundled = parseEvidenceSet(JSON.parse(readFileSync(join(process.cwd(), 'public/data/evidence.json'), 'utf8')));
const choices = (patch: Partial<PhaseChoices> = {}): PhaseChoices => ({ rows: ['RR', 'SP'], model: 'bayes', tau2Method: 'REML', test: 'z', useDerived: true, excludedStudyIds: [], i2Basis: 'tau2', ...patch });

describe('phasePanelToCsv', () => {
  it('under model = bayes the estimate columns are the posterior median and CrI, with τ, P(benefit) and the prior', () => {
    const panel = toPhasePanel(bundled.studies, [], 'relapse-free', choices());
    const cell = panel.cells.find((x) => x.row === 'RR')!;
    const rows = parseCsv(phasePanelToCsv(panel, 'Bayesian random effects'));
    const col = (n: string) => rows[0]!.indexOf(n);
    const rr = rows.find((r) => r[col('phase')] === 'RR')!;
    expect(Number(rr[col('estimate')])).toBe(cell.estimate);
    expect(Number(rr[col('ci_lower')])).toBe(cell.ciLower);
    expect(Number(rr[col('ci_upper')])).toBe(cell.ciUpper);
    expect(rr[col('interval')]).toBe('95% CrI (posterior median)');
    expect(Number(rr[col('tau_median')])).toBe(cell.bayesian!.tau.median);
    expect(Number(rr[col('pi_upper')])).toBe(cell.bayesian!.piUpper);
    expect(Number(rr[col('p_benefit')])).toBe(cell.bayesian!.probabilityOfBenefit);
    expect(rr[col('benefit_statement')]).toBe(cell.bayesian!.benefitText);
    expect(rr[col('prior')]).toBe('τ ~ half-normal(0.5), μ ~ flat');
    expect(rr[col('method')]).toBe('Bayesian random effects');
  });

  it('under random effects the interval is a CI and the Bayesian columns are empty', () => {
    const panel = toPhasePanel(bundled.studies, [], 'relapse-free', choices({ model: 'random' }));
    const rows = parseCsv(phasePanelToCsv(panel, 'random effects (REML)'));
    const col = (n: string) => rows[0]!.indexOf(n);
    const rr = rows.find((r) => r[col('phase')] === 'RR')!;
    expect(Number(rr[col('estimate')])).toBe(panel.cells.find((x) => x.row === 'RR')!.estimate);
    expect(rr[col('interval')]).toBe('95% CI');
    expect(rr[col('tau_median')]).toBe('');
    expect(rr[col('prior')]).toBe('');
  });
});
