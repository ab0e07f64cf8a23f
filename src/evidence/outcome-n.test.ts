/**
 * A missing outcome n is never the trial's n: on the bundled evidence, ESIMS's MRI substudy
 * (brain volume, partial cerebral fraction: −0.62 ± 0.88% vs −0.88 ± 0.91%, n not reported) must
 * not become an MD on 159 + 159 patients, lend its SD with n = 159, or count 318 participants in
 * the Summary of Findings. Sorensen 1998's MRI end point keeps its 21, because its source says the
 * 21 analysed patients are those with the scans (`measuredInAll`).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../model/analysis-params';
import { DEFAULT_SUMMARY, toSummaryOfFindings } from '../model/summary-of-findings';
import { outcomeArmN } from './outcome-n';
import { parseEvidenceText } from './parse-evidence';
import { ALL_RECOVERY, DEFAULT_RECOVERY } from './recovered-effects/recovery-settings';
import { sdDonorsFor } from './recovered-effects/recovery-inputs';
import { toEffectInputs } from './to-effect-inputs';

const bundled = parseEvidenceText(readFileSync('public/data/evidence.json', 'utf8'));
const study = (id: string) => bundled.studies.find((s) => s.id === id)!;
const esims = study('hommes-2004-esims');
const brainVolume = esims.outcomes.find((o) => o.id === 'brain-volume-pcf')!;

describe('the n of an outcome measured in a substudy', () => {
  it('stays absent with its reason: the trial randomised 159 per arm, the MRI substudy did not say how many it scanned', () => {
    if (brainVolume.data.form !== 'continuous') throw new Error('ESIMS brain volume is stored as means and SDs');
    for (const a of brainVolume.data.arms) {
      const n = outcomeArmN(esims, brainVolume, a.arm, a.n);
      expect(n.value).toBeNull();
      expect(n.value === null && n.reason).toMatch(/^n of the substudy not reported/);
    }
    // The trial's arms do have an n: it must not be the one used.
    expect(esims.arms.map((a) => a.nAnalysed.value)).toEqual([159, 159]);
  });

  it.each([['default', DEFAULT_RECOVERY], ['all', ALL_RECOVERY]] as const)('is not estimable as an MD or SMD (recovery %s), and says why', (_, recovery) => {
    for (const measure of ['MD', 'SMD'] as const) {
      const inputs = toEffectInputs(bundled.studies, 'mri-brain-volume', measure, { useDerived: true, recovery });
      expect(inputs.effects.map((e) => e.studyId)).not.toContain('hommes-2004-esims');
      const why = inputs.nonEstimable.find((n) => n.studyId === 'hommes-2004-esims');
      expect(why?.reason).toMatch(/^n of the substudy not reported: the number of patients per arm in the MRI substudy is not on the available pages/);
    }
  });

  it('lends no SD weighted by the trial n to another trial', () => {
    const donors = sdDonorsFor(bundled.studies, 'mri-brain-volume', () => true)('some-other-trial');
    expect(donors.filter((d) => d.id.startsWith('Hommes 2004'))).toEqual([]);
  });

  it('counts no 318 participants in the Summary of Findings', () => {
    const sof = toSummaryOfFindings({ studies: bundled.studies, syntheses: [], analysis: DEFAULT_SETTINGS, excludedStudyIds: [], summary: DEFAULT_SUMMARY });
    const row = sof.tables.flatMap((t) => t.rows).find((r) => r.key === 'SP.mri-brain-volume')!;
    expect(row).toMatchObject({ k: 0, participants: null });
    expect(row.notEstimable).toMatch(/^Hommes 2004 \(ESIMS\): n of the substudy not reported/);
    // ESIMS's own intention-to-treat comparisons still count its 318 randomised patients.
    expect(sof.tables.flatMap((t) => t.rows).find((r) => r.key === 'SP.time-to-confirmed-progression')).toMatchObject({ k: 1, participants: 318 });
  });
});

describe('an outcome its source says was measured in every analysed patient', () => {
  it('takes the arm n (Sorensen 1998: the 21 in the intention-to-treat analysis had the MRI scans)', () => {
    const sorensen = study('sorensen-1998-crossover');
    const mri = sorensen.outcomes.find((o) => o.id === 'gd-lesions-per-scan')!;
    expect(mri.measuredInAll?.statement.text).toContain('at least two MRI examinations in the second treatment period and were included in the intention-to-treat analysis');
    const inputs = toEffectInputs(bundled.studies, 'mri-gd-lesions', 'MD', { useDerived: true, recovery: ALL_RECOVERY });
    expect(inputs.effects.find((e) => e.studyId === 'sorensen-1998-crossover')?.participants).toBe(42);
  });

  it('without such a statement keeps a missing n missing (Lewańska 2002: randomised 17 / 15 / 17, n not stated for the relapse rate)', () => {
    const inputs = toEffectInputs(bundled.studies, 'annualized-relapse-rate', 'MD', { useDerived: true, recovery: ALL_RECOVERY });
    expect(inputs.effects.map((e) => e.studyId)).not.toContain('lewanska-2002');
    expect(inputs.nonEstimable.find((n) => n.studyId === 'lewanska-2002')?.reason).toBe('n not reported (Not stated for the relapse rate (randomised: 17 / 15 / 17))');
  });
});
