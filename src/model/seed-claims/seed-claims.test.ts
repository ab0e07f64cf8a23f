/**
 * The seed review's claims on the bundled evidence file (real trials, real numbers, computed live)
 * and on small synthetic sets that put each rule at its boundary.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import bayesFixtures from '../../../tests/reference/fixtures/bayes-sensitivity.json';
import { parseEvidenceText } from '../../evidence/parse-evidence';
import type { Arm, Outcome, Study } from '../../evidence/schema';
import { arm, num, study } from '../../test-support/mini-evidence';
import { DEFAULT_SETTINGS, frequentistModel } from '../analysis-params';
import { toForestModel } from '../forest-model';
import { phaseRowOf } from '../phase-rows';
import { ALL_RECOVERY } from '../../evidence/recovered-effects/recovery-settings';
import { monthlyDoseFoldRange, seedFourTrials, studiesInScope, toSeedClaims, type SeedClaim } from '.';

const raw = readFileSync('public/data/evidence.json', 'utf8');
const evidence = parseEvidenceText(raw);
const claimsOf = (studies: readonly Study[], settings = DEFAULT_SETTINGS, excluded: string[] = []) => toSeedClaims(studies, evidence.syntheses, settings, excluded).claims;
const claim = (claims: SeedClaim[], id: SeedClaim['id']) => claims.find((c) => c.id === id)!;

describe('on the bundled evidence', () => {
  const claims = claimsOf(evidence.studies);

  it('identifies the four double-blind relapsing-remitting placebo-controlled trials published by 2003', () => {
    expect(seedFourTrials(evidence.studies).map((s) => s.id)).toEqual(['fazekas-1997-aims', 'achiron-1998-rrms', 'sorensen-1998-crossover', 'lewanska-2002']);
    // Double-blind and published by 2003 too, but it reports neither relapses nor Gd lesions; the 1997
    // preliminary report of the crossover trial is the same trial (sameTrialAs) and counts once.
    expect(claim(claims, 'rr-trials').asOf2003.parts[0]!.reason).toContain('so not counted: Neuroradiology 2000 (13 patients)');
    expect(claim(claims, 'rr-trials').asOf2003.parts[0]!.reason).not.toContain('Sorensen 1997');
    expect(claim(claims, 'rr-trials').asOf2003.parts[0]).toMatchObject({ finding: 'supports' });
  });

  it('quotes the three sentences of the abstract the evidence set holds, verbatim, and no others', () => {
    const seed = evidence.syntheses.find((s) => s.id === 'sorensen-2003-review')!;
    const texts = seed.statements.map((s) => s.text);
    expect(claims.filter((c) => c.quote !== null).map((c) => c.id)).toEqual(['rr-trials', 'dose-range', 'secondary-progressive']);
    for (const c of claims) if (c.quote) expect(texts).toContain(c.quote.text);
    expect(claim(claims, 'dose-range').quote!.text).toContain('varied 10-fold');
  });

  it('computes the fold range of monthly doses from the file’s IVIG arms (checked against a plain reading of the JSON)', () => {
    // Independent of the model: every IVIG arm of a randomised RR IVIG trial in the raw JSON, a dose
    // range by its bounds, else the monthly dose.
    // A report kept as an earlier copy of a trial in the same list (sameTrialAs) is not counted again.
    const file = JSON.parse(raw) as { studies: { id: string; kind: string; phase: string; year: number | null; sameTrialAs?: { study: string }; arms: { role: string; monthlyDoseGPerKg: { value: number | null }; monthlyDoseRangeGPerKg?: { lower: { value: number }; upper: { value: number } } }[] }[] };
    const foldOf = (yearTo: number | null) => {
      const lows: number[] = [];
      const highs: number[] = [];
      const listed = file.studies.filter((s) => s.kind === 'ivig-rct' && s.phase === 'RR' && (yearTo === null || (s.year !== null && s.year <= yearTo)));
      const ids = new Set(listed.map((s) => s.id));
      for (const s of listed) {
        if (s.sameTrialAs && ids.has(s.sameTrialAs.study)) continue;
        for (const a of s.arms) {
          if (a.role !== 'ivig') continue;
          if (a.monthlyDoseRangeGPerKg) { lows.push(a.monthlyDoseRangeGPerKg.lower.value); highs.push(a.monthlyDoseRangeGPerKg.upper.value); }
          else if (a.monthlyDoseGPerKg.value !== null) { lows.push(a.monthlyDoseGPerKg.value); highs.push(a.monthlyDoseGPerKg.value); }
        }
      }
      return Math.max(...highs) / Math.min(...lows);
    };
    const asOf2003 = monthlyDoseFoldRange(studiesInScope(evidence.studies, 'as of 2003'));
    expect(asOf2003.fold).toBeCloseTo(foldOf(2003), 12);
    expect(monthlyDoseFoldRange(evidence.studies).fold).toBeCloseTo(foldOf(null), 12);
    expect(asOf2003.max?.study.id).toBe('sorensen-1998-crossover');
    expect(asOf2003.min?.study.id).toBe('fazekas-1997-aims');
    const part = claim(claims, 'dose-range').asOf2003.parts[0]!;
    expect(part.reason).toContain(`${foldOf(2003).toFixed(1)}-fold`);
    expect(part.finding).toBe(foldOf(2003) >= 5 && foldOf(2003) <= 20 ? 'supports' : 'contradicts');
  });

  it('pools the relapse outcomes with the forest plot’s model and follows the analysis settings', () => {
    const rr = claim(claims, 'rr-trials').asOf2003;
    const rrTrials = studiesInScope(evidence.studies, 'as of 2003').filter((s) => s.kind === 'ivig-rct' && s.phase === 'RR' && s.setting === 'relapse-prevention' && s.design.control === 'placebo');
    const forest = (settings = DEFAULT_SETTINGS) => toForestModel(rrTrials, [], { ...settings, model: frequentistModel(settings.model), outcome: 'relapse-free', measure: 'RR', excludedStudyIds: [], level: 95 }).overall!;
    expect(rr.evidence[0]!.lines.find((l) => l.subject === 'Pooled: relapse-free patients')!.text).toContain(forest().effectText);
    // Random effects (REML, the default): the relapse-free CI includes 1 → not every relapse outcome shows a reduction.
    expect(forest().ciLower).toBeLessThan(1);
    expect(rr.parts[1]!.finding).toBe('inconclusive');
    expect(rr.verdict).toBe('partly consistent');
    // Common effect, Mantel-Haenszel: the same trials' relapse-free RR excludes 1, and the claim is borne out.
    const common = { ...DEFAULT_SETTINGS, model: 'common' as const };
    expect(forest(common).ciLower).toBeGreaterThan(1);
    const rrCommon = claim(claimsOf(evidence.studies, common), 'rr-trials').asOf2003;
    expect(rrCommon.evidence[0]!.lines.find((l) => l.subject === 'Pooled: relapse-free patients')!.text).toContain(forest(common).effectText);
    expect(rrCommon.parts.map((p) => p.finding)).toEqual(['supports', 'supports', 'supports']);
    expect(rrCommon.verdict).toBe('consistent');
    // Toggling AIMS out leaves Achiron alone for relapse-free and no annualized relapse rate at all.
    const noAims = claim(claimsOf(evidence.studies, DEFAULT_SETTINGS, ['fazekas-1997-aims']), 'rr-trials').asOf2003;
    expect(noAims.parts[1]!.reason).toContain('Annualized relapse rate: no estimable effect');
  });

  it('under the Bayesian model the verdicts state the posterior (base-R quadrature fixtures: AIMS + Achiron by 2003, + PRIVIG now)', () => {
    const bayes = { ...DEFAULT_SETTINGS, model: 'bayes' as const, measure: 'OR' as const };
    const c = claim(claimsOf(evidence.studies, bayes), 'rr-trials');
    const or = (x: number) => Math.exp(x).toFixed(2);
    for (const [scope, dataset] of [['asOf2003', 'ivig-relapse-free-OR-k2'], ['now', 'ivig-relapse-free-OR-k3']] as const) {
      const f = bayesFixtures.cases.find((x) => x.dataset === dataset && x.tauPrior === 'half-normal-0.5')!;
      const posterior = `${or(f.muMedian)} [${or(f.muLower)}, ${or(f.muUpper)}] (posterior median, 95% CrI; P(OR > 1) = ${(1 - f.probabilityBelow0).toFixed(3)})`;
      expect(c[scope].parts[1]!.reason).toContain(`Relapse-free patients: ${posterior} (odds ratio, `);
      const line = c[scope].evidence[0]!.lines.find((l) => l.subject === 'Pooled: relapse-free patients')!.text;
      expect(line).toContain('Odds ratio, Bayesian random effects (τ ~ half-normal(0.5), μ ~ flat), 95% CrI');
      // Both CrIs include no effect: the relapse-rate part stays inconclusive.
      expect(f.muLower).toBeLessThan(0);
      expect(c[scope].parts[1]!.finding).toBe('inconclusive');
    }
    expect(c.rule).toContain('Under the Bayesian model (τ ~ half-normal(0.5), μ ~ flat)');
    expect(claim(claimsOf(evidence.studies, bayes), 'conclusion').now.parts[1]!.reason).toContain('95% CrI includes no effect');
  });

  it('under recover=all (impute-sd=largest) ESIMS’s relapse rate is the forest’s: its SD imputed from the other trials of the scope', () => {
    const all = { ...DEFAULT_SETTINGS, recovery: ALL_RECOVERY };
    const line = (settings: typeof DEFAULT_SETTINGS) => claim(claimsOf(evidence.studies, settings), 'secondary-progressive').now.evidence
      .flatMap((g) => g.lines).find((l) => l.text.startsWith('Annual relapse rate'))!.text;
    // The forest of the SP phase-comparison row: ESIMS alone, SDs borrowed from every trial passing the filters.
    const sp = evidence.studies.filter((s) => phaseRowOf(s) === 'SP');
    const forest = toForestModel(sp, [], { ...all, model: 'random', outcome: 'annualized-relapse-rate', measure: 'MD', excludedStudyIds: [], level: 95, sdDonorStudies: evidence.studies });
    const esims = forest.groups.flatMap((g) => g.rows).find((r) => r.studyId === 'hommes-2004-esims')!;
    expect(line(all)).toContain(`→ mean difference ${esims.effectText} (no difference shown)`);
    // Without imputation the source's own reading.
    expect(line(DEFAULT_SETTINGS)).toContain('no effect estimable (SD not reported');
  });

  it('names the missing numbers for an adjusted indirect comparison, and reads the undated head-to-head trial now only', () => {
    const c = claim(claims, 'comparable');
    expect(c.asOf2003.verdict).toBe('not assessable');
    expect(c.asOf2003.parts[1]).toMatchObject({ finding: 'no data', reason: 'No randomised head-to-head trial in this scope.' });
    // Now: the IVIG vs interferon beta-1a trial (undated, so never "as of 2003"): 0.55 ± 0.46 (n 38) vs 0.60 ± 0.67 (n 34).
    const se = Math.sqrt(0.46 ** 2 / 38 + 0.67 ** 2 / 34);
    const z = 1.959963984540054;
    expect(c.now.parts[1]!.finding).toBe('supports');
    expect(c.now.parts[1]!.reason).toContain(`mean difference, IVIG minus Interferon beta-1a (Avonex) i.m. weekly: ${(-0.05).toFixed(2)} [${(-0.05 - z * se).toFixed(2)}, ${(-0.05 + z * se).toFixed(2)}]`);
    expect(c.now.verdict).toBe('partly consistent');
    for (const a of [c.asOf2003, c.now]) {
      expect(a.parts[0]!.finding).toBe('no data');
      expect(a.parts[0]!.reason).toContain('Johnson 1995 (glatiramer acetate, copolymer 1), Copolymer 1 (glatiramer acetate): SD of the Copolymer 1 (glatiramer acetate) arm, SD of the Placebo arm not reported');
      expect(a.parts[0]!.reason).toContain('IVIG side estimable (-0.74 [-1.28, -0.20], 1 trial)');
    }
    const context = c.asOf2003.evidence.find((g) => g.heading.startsWith('Context'))!.lines.map((l) => l.text);
    expect(context).toContain('IVIG — IVIg 0.15–0.2 g/kg monthly: annualized relapse rate 0.52 vs 1.26 on placebo → 59% relative reduction (derived: 1 − 0.52 / 1.26)');
  });

  it('finds the three studies in established deficits, none of which confirmed a benefit', () => {
    const c = claim(claims, 'established-deficits');
    expect(c.asOf2003.parts[0]!.reason).toContain('Noseworthy 2000 (established weakness) (randomised), Noseworthy 2001 (persistent visual loss after optic neuritis) (randomised), Stangel 2000 (remyelination pilot, fixed sequence) (not randomised)');
    expect(c.asOf2003.verdict).toBe('consistent');
    expect(c.asOf2003.evidence[0]!.lines.map((l) => l.studies[0]!.id)).toContain('noseworthy-2001-optic-neuritis');
    // Now a later non-randomised study (Tselis 2008) favours IVIG: listed, but it cannot confirm a benefit.
    expect(c.now.parts[1]!.reason).toContain('Tselis 2008 (steroid-refractory optic neuritis, not randomised): favours IVIG (not randomised: cannot confirm a benefit)');
    expect(c.now.parts[1]!.finding).toBe('supports');
  });

  it('ESIMS: not published by 2003; now no benefit on its primary outcome (HR 1.11 [0.80, 1.53]) but brain volume favours IVIG', () => {
    const c = claim(claims, 'secondary-progressive');
    expect(c.asOf2003.verdict).toBe('not assessable');
    expect(c.asOf2003.notes[0]).toContain('the first, Hommes 2004 (ESIMS), published 2004, came out after the review');
    expect(c.now.parts[0]).toMatchObject({ finding: 'supports' });
    expect(c.now.evidence[0]!.lines[0]!.text).toContain('hazard ratio 1.11 [0.80, 1.53] (no difference shown)');
    expect(c.now.parts[1]).toMatchObject({ finding: 'contradicts' });
    expect(c.now.parts[1]!.reason).toContain('Brain volume change, partial cerebral fraction (%) — MRI substudy (Final visit; continuous) — favours IVIG');
    expect(c.now.verdict).toBe('partly consistent');
  });

  it('every evidence line names the studies its numbers come from, and every quote is in its study', () => {
    for (const c of claims) for (const a of [c.asOf2003, c.now]) for (const g of a.evidence) for (const l of g.lines) {
      for (const s of l.studies) expect(evidence.studies.some((x) => x.id === s.id)).toBe(true);
      for (const q of l.quotes) expect(evidence.sources.some((s) => s.id === q.source)).toBe(true);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Synthetic sets
// ---------------------------------------------------------------------------------------------

// Outcomes are cast rather than annotated: the schema is gaining fields with defaults (p-value lists)
// that a literal written now would lack.
const relapseFree = (ivig: [number, number], placebo: [number, number]) => ({
  id: 'rf', kind: 'relapse-free', label: 'Relapse-free', timepoint: '1 year', primary: true, notes: [], pValues: [],
  data: { form: 'counts', arms: [{ arm: 'ivig', events: num(ivig[0]), total: num(ivig[1]) }, { arm: 'placebo', events: num(placebo[0]), total: num(placebo[1]) }] },
}) as Outcome;
const rrTrial = (id: string, year: number, ivig: [number, number], placebo: [number, number]) => study({ id, label: id, year, phase: 'RR', outcomes: [relapseFree(ivig, placebo)] });

describe('claim 1 with and without a later negative trial (the PRIVIG rule)', () => {
  const early = [rrTrial('a-1997', 1997, [30, 50], [15, 50]), rrTrial('b-1998', 1998, [28, 50], [14, 50])];
  const late = rrTrial('c-2008', 2008, [25, 86], [28, 41]);

  it('without it, "now" equals "as of 2003" and no later-trials group is shown', () => {
    const c = claim(claimsOf(early), 'rr-trials');
    expect(c.asOf2003.parts[1]!.finding).toBe('supports');
    expect(c.now.parts[1]!.finding).toBe('supports');
    expect(c.now.evidence.map((g) => g.heading)).not.toContain('Published after 2003: what it changed');
  });

  it('with it, the pooled relapse-free estimate now includes 1, and the line says what it changed', () => {
    const c = claim(claimsOf([...early, late]), 'rr-trials');
    expect(c.asOf2003.parts[1]!.finding).toBe('supports');
    const group = c.now.evidence.find((g) => g.heading === 'Published after 2003: what it changed')!;
    const change = group.lines.find((l) => l.subject === 'c-2008: effect on the pooled relapse-free patients')!;
    const pooledNow = toForestModel([...early, late], [], { ...DEFAULT_SETTINGS, model: frequentistModel(DEFAULT_SETTINGS.model), outcome: 'relapse-free', measure: 'RR', excludedStudyIds: [], level: 95 }).overall!;
    const pooledBefore = toForestModel(early, [], { ...DEFAULT_SETTINGS, model: frequentistModel(DEFAULT_SETTINGS.model), outcome: 'relapse-free', measure: 'RR', excludedStudyIds: [], level: 95 }).overall!;
    expect(change.text).toBe(`Without c-2008: ${pooledBefore.effectText} (2 trials, favours IVIG); with it: ${pooledNow.effectText} (3 trials, no difference shown).`);
    expect(c.now.parts[1]!.finding).toBe('inconclusive');
  });
});

describe('claim 3 (fold range) at its boundaries', () => {
  const withDoses = (doses: (number | [number, number])[]) =>
    doses.map((d, i) => study({
      id: `t${i}`, label: `T${i}`, year: 1999, phase: 'RR',
      arms: [
        typeof d === 'number' ? arm('ivig', 'ivig', 20, d) : ({ ...arm('ivig', 'ivig', 20, (d[0] + d[1]) / 2), monthlyDoseRangeGPerKg: { lower: num(d[0]), upper: num(d[1]) } } as Arm),
        arm('placebo', 'placebo', 20),
      ],
    }));
  const finding = (doses: (number | [number, number])[]) => claim(claimsOf(withDoses(doses)), 'dose-range').asOf2003.parts[0]!.finding;

  it('5-fold and 20-fold support "10-fold"; just beyond them contradicts', () => {
    expect(finding([0.2, 1.0])).toBe('supports');
    expect(finding([0.1, 2.0])).toBe('supports');
    expect(finding([0.2, 0.99])).toBe('contradicts');
    expect(finding([0.1, 2.01])).toBe('contradicts');
  });
  it('a dose range counts with its bounds, not its midpoint', () => {
    // Midpoints 0.2 and 0.8 would give 4-fold; the range 0.1–0.3 gives 0.8 / 0.1 = 8-fold.
    const r = monthlyDoseFoldRange(withDoses([[0.1, 0.3], 0.8]));
    expect(r.fold).toBeCloseTo(8, 12);
    expect(finding([[0.1, 0.3], 0.8])).toBe('supports');
  });
  it('one arm with a dose is not enough', () => {
    expect(finding([0.4])).toBe('no data');
  });
});

describe('claim 4 (established deficits) at its count boundary', () => {
  const deficit = (id: string, direction: Outcome['direction']) => study({
    id, label: id, year: 2000, phase: 'unspecified', setting: 'established-deficit',
    outcomes: [{ id: 'o', kind: 'visual-function', label: 'Vision', timepoint: '6 months', primary: true, notes: [], pValues: [], data: { form: 'qualitative' }, direction } as Outcome],
  });
  it('a non-randomised study whose primary outcome favours IVIG does not contradict "none could confirm"', () => {
    const open = { ...deficit('d3', 'favours-ivig'), kind: 'ivig-non-randomised' as const };
    const c = claim(claimsOf([deficit('d1', 'no-difference'), deficit('d2', 'no-difference'), open]), 'established-deficits').asOf2003;
    expect(c.parts.map((p) => p.finding)).toEqual(['supports', 'supports']);
  });
  it('two studies contradict "three"; a study whose primary outcome favours IVIG contradicts "none could confirm"', () => {
    const two = claim(claimsOf([deficit('d1', 'no-difference'), deficit('d2', 'no-difference')]), 'established-deficits').asOf2003;
    expect(two.parts.map((p) => p.finding)).toEqual(['contradicts', 'supports']);
    expect(two.verdict).toBe('partly consistent');
    const positive = claim(claimsOf([deficit('d1', 'no-difference'), deficit('d2', 'no-difference'), deficit('d3', 'favours-ivig')]), 'established-deficits').asOf2003;
    expect(positive.parts.map((p) => p.finding)).toEqual(['supports', 'contradicts']);
  });
});

describe('claim 2 when both sides give an effect with its SE against placebo', () => {
  const arr = (t: [number, number, number], p: [number, number, number], treatmentArm: string) => ({
    id: 'arr', kind: 'annualized-relapse-rate', label: 'ARR', timepoint: '2 years', primary: true, notes: [], pValues: [],
    data: { form: 'continuous', arms: [
      { arm: treatmentArm, mean: num(t[0]), sd: num(t[1]), n: num(t[2]) },
      { arm: 'placebo', mean: num(p[0]), sd: num(p[1]), n: num(p[2]) },
    ] },
  }) as Outcome;
  const ivig = study({ id: 'ivig-1997', label: 'IVIG 1997', year: 1997, phase: 'RR', outcomes: [arr([0.5, 0.8, 75], [1.2, 1.5, 73], 'ivig')] });
  const comparator = study({ id: 'ifn-1993', label: 'IFN 1993', year: 1993, phase: 'RR', kind: 'comparator-rct', arms: [arm('ifn', 'other', 120), arm('placebo', 'placebo', 120)], outcomes: [arr([0.84, 0.9, 120], [1.27, 1.0, 120], 'ifn')] });

  it('computes Bucher’s mean difference through placebo and judges comparability by its CI', () => {
    const c = claim(claimsOf([ivig, comparator]), 'comparable').asOf2003;
    // By hand: MD_IVIG = 0.5 − 1.2 = −0.7, SE² = 0.8²/75 + 1.5²/73; MD_IFN = 0.84 − 1.27 = −0.43, SE² = 0.9²/120 + 1²/120.
    const se = Math.sqrt(0.8 ** 2 / 75 + 1.5 ** 2 / 73 + 0.9 ** 2 / 120 + 1 / 120);
    const d = -0.7 - -0.43;
    const z = 1.959963984540054;
    const line = c.evidence[0]!.lines[0]!;
    expect(line.subject).toBe('IVIG vs ifn (indirect, through placebo)');
    expect(line.text).toContain(`Mean difference: ${d.toFixed(2)} [${(d - z * se).toFixed(2)}, ${(d + z * se).toFixed(2)}]`);
    expect(line.studies.map((s) => s.id)).toEqual(['ivig-1997', 'ifn-1993']);
    expect(c.parts[0]!.finding).toBe('supports');
    // No head-to-head trial in this set: that part has no data, so the claim is partly borne out.
    expect(c.parts[1]!.finding).toBe('no data');
    expect(c.verdict).toBe('partly consistent');
  });
});
