// @vitest-environment node
/**
 * Key values of the additions (../shared/evidence/SOURCES-ADDITIONS.md), written out by hand from
 * that file — not read from the file under test — so that a transcription slip fails here even
 * when the slipped number also sits in its quote. Every new number must also be in its own quote
 * (checked for the whole file in evidence-file.test.ts; repeated here for the new entries, where a
 * derived number's inputs must be quoted too).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEvidenceSet } from '../../src/evidence/parse-evidence';
import { numberAppearsInQuote } from '../../src/evidence/quote-check';
import type { MaybeNumber, Outcome, Study } from '../../src/evidence/schema';
import { studyExclusionReason, toEffectInputs } from '../../src/evidence/to-effect-inputs';

const evidence = parseEvidenceSet(JSON.parse(readFileSync(join(process.cwd(), 'public/data/evidence.json'), 'utf8')));
const study = (id: string): Study => {
  const s = evidence.studies.find((x) => x.id === id);
  if (!s) throw new Error(`study ${id} missing`);
  return s;
};
const outcome = (studyId: string, id: string): Outcome => {
  const o = study(studyId).outcomes.find((x) => x.id === id);
  if (!o) throw new Error(`${studyId} has no outcome ${id}`);
  return o;
};
const v = (m: MaybeNumber | undefined) => (m === undefined ? undefined : m.value);
function dataOf<F extends Outcome['data']['form']>(o: Outcome, form: F): Extract<Outcome['data'], { form: F }> {
  if (o.data.form !== form) throw new Error(`${o.id} is ${o.data.form}, not ${form}`);
  return o.data as Extract<Outcome['data'], { form: F }>;
}

describe('SOURCES-ADDITIONS.md, Part A: relapsing-remitting MS', () => {
  it('PRIVIG: 0.2 g/kg (44), 0.4 g/kg (42), placebo (41) every 4 weeks for 48 weeks; registry 45 / 42 / 41 started', () => {
    const p = study('fazekas-2008-privig');
    expect(p.arms.map((a) => [v(a.maintenanceDoseGPerKg), v(a.nAnalysed), v(a.nRandomised)])).toEqual([[0.2, 44, 45], [0.4, 42, 42], [null, 41, 41]]);
    expect(p.arms.slice(0, 2).map((a) => [v(a.maintenanceIntervalDays), v(a.monthlyDoseGPerKg), a.monthlyDoseGPerKg.value !== null && a.monthlyDoseGPerKg.status])).toEqual([[28, 0.217, 'derived'], [28, 0.435, 'derived']]);
    expect(v(p.totalRandomised)).toBe(128);
    expect(p.flags.find((f) => f.code === 'conflicting-reports')?.text).toMatch(/45 started .* vs 44 treated/);
    expect(p.citationVerified).toBe(true);
  });

  it('PRIVIG: relapse-free 57% / 60% / 68%, counts 25/44, 25/42, 28/41 derived with their formula; medians 8.0 / 5.0 / 7.2', () => {
    const rf = dataOf(outcome('fazekas-2008-privig', 'relapse-free'), 'counts');
    expect(rf.arms.map((a) => [a.arm, a.events.value, a.total.value, a.percent?.value, a.events.status])).toEqual([
      ['ivig-a', 25, 44, 57, 'derived'], ['ivig-b', 25, 42, 60, 'derived'], ['placebo', 28, 41, 68, 'derived'],
    ]);
    expect(rf.arms[0]!.events.formula).toBe('the only whole number of 44 patients that rounds to 57%: 25/44 = 56.8% (SOURCES-ADDITIONS Part A table row 6)');
    const lesions = dataOf(outcome('fazekas-2008-privig', 'newly-active-lesions'), 'medians');
    expect(lesions.arms.map((a) => a.median.value)).toEqual([8, 5, 7.2]);
    expect(study('fazekas-2008-privig').overallResult?.direction).toBe('no-difference');
    expect(study('fazekas-2008-privig').overallResult?.statement.status).toBe('secondary');
  });

  it('PRIVIG enters the relapse-free analysis with its IVIG arms combined, on the placebo side (50/86 vs 28/41)', () => {
    const rct = evidence.studies.filter((s) => s.kind === 'ivig-rct');
    const e = toEffectInputs(rct, 'relapse-free', 'OR', { useDerived: true }).effects.find((x) => x.studyId === 'fazekas-2008-privig');
    expect([e?.treatmentData, e?.controlData]).toEqual(['50/86', '28/41']);
    // log OR of (50/36) / (28/13) = ln(0.6448...) < 0: fewer relapse-free with IVIG.
    expect(e?.yi).toBeCloseTo(Math.log((50 / 36) / (28 / 13)), 12);
  });

  it('Lewańska 2002: 0.2 g/kg (17), 0.4 g/kg (15), placebo (17) monthly; ARR 0.88 / 0.86 / 1.24 without SD; EDSS −0.029 / −0.066 / +0.29 with P = 0.0117, comparison not stated; T2 +3.6% / −3.95% / +13.56%', () => {
    const l = study('lewanska-2002');
    expect(l.arms.map((a) => [v(a.nRandomised), v(a.monthlyDoseGPerKg)])).toEqual([[17, 0.2], [15, 0.4], [17, null]]);
    expect([l.pmid?.value, l.pmid?.basis, l.doi?.value, l.doi?.basis]).toEqual(['12453070', 'pubmed-url', '10.1046/j.1468-1331.2002.00500.x', 'verified']);
    const arr = dataOf(outcome('lewanska-2002', 'arr'), 'continuous');
    expect(arr.arms.map((a) => [a.mean.value, a.sd.value])).toEqual([[0.88, null], [0.86, null], [1.24, null]]);
    const edss = outcome('lewanska-2002', 'edss-change');
    expect(dataOf(edss, 'continuous').arms.map((a) => [a.mean.value, a.mean.status])).toEqual([[-0.029, 'derived'], [-0.066, 'derived'], [0.29, 'reported']]);
    expect(edss.pValues.map((p) => [p.value.value, p.relation, p.comparison])).toEqual([[0.0117, '=', 'not stated']]);
    expect(dataOf(outcome('lewanska-2002', 't2-volume-change'), 'continuous').arms.map((a) => a.mean.value)).toEqual([3.6, -3.95, 13.56]);
  });

  it('Sorensen 1998 (final report): 26 treated, 21 ITT; exacerbation-free 15 vs 7 (p = 0.02) with the denominator the source gives said; exacerbations 11 vs 19; Gd lesions median 0.4 (0–9.3) vs 1.3 (0.2–25.7), p = 0.03', () => {
    const s = study('sorensen-1998-crossover');
    expect([v(s.totalRandomised), s.pmid?.value, s.doi?.value, s.citationVerified]).toEqual([26, '9595974', '10.1212/wnl.50.5.1273', true]);
    const rf = outcome('sorensen-1998-crossover', 'relapse-free');
    expect(dataOf(rf, 'counts').arms.map((a) => [a.events.value, a.total.value])).toEqual([[15, 21], [7, 21]]);
    expect(dataOf(rf, 'counts').arms[0]!.total.note).toMatch(/gives no denominator\. 21 is the intention-to-treat population/);
    expect(rf.pValues.map((p) => [p.value.value, p.comparison])).toEqual([[0.02, 'between-arms']]);
    expect(dataOf(outcome('sorensen-1998-crossover', 'exacerbations-total'), 'event-totals').arms.map((a) => a.events.value)).toEqual([11, 19]);
    const gd = dataOf(outcome('sorensen-1998-crossover', 'gd-lesions-per-scan'), 'medians');
    expect(gd.arms.map((a) => [a.median.value, a.rangeLower?.value, a.rangeUpper?.value])).toEqual([[0.4, 0, 9.3], [1.3, 0.2, 25.7]]);
  });

  it('Sorensen 1997 (preliminary): 11 of 17 vs 6 of 17, quoted from the copy that reads "11", linked to the final report and never pooled', () => {
    const s = study('sorensen-1997-prelim');
    expect(s.sameTrialAs).toMatchObject({ study: 'sorensen-1998-crossover', certainty: 'same' });
    const rf = dataOf(outcome('sorensen-1997-prelim', 'relapse-free'), 'counts');
    expect(rf.arms.map((a) => [a.events.value, a.total.value, a.events.source])).toEqual([[11, 17, 'sorensen-1997-prelim-researcher'], [6, 17, 'sorensen-1997-prelim-researcher']]);
    expect(studyExclusionReason(s, evidence.studies)).toBe('same trial as Sorensen 1998 (crossover): not pooled twice');
  });

  it('AIMS: confirmed relapses 62 vs 116 (event totals, secondary); the 17% "worse" kept, flagged and not analysed; dose range 0.15–0.2 g/kg with the midpoint 0.175 derived', () => {
    expect(dataOf(outcome('fazekas-1997-aims', 'confirmed-relapses'), 'event-totals').arms.map((a) => [a.events.value, a.events.status])).toEqual([[62, 'secondary'], [116, 'secondary']]);
    const worse = outcome('fazekas-1997-aims', 'edss-worsened-secondary-summary');
    expect([worse.analysed, dataOf(worse, 'percentages').arms.map((a) => a.percent.value)]).toEqual([false, [16, 17]]);
    expect(worse.notAnalysedReason).toMatch(/17 of 73 \(23%\)/);
    const ivig = study('fazekas-1997-aims').arms[0]!;
    expect([ivig.monthlyDoseRangeGPerKg?.lower.value, ivig.monthlyDoseRangeGPerKg?.upper.value, v(ivig.monthlyDoseGPerKg), ivig.monthlyDoseGPerKg.value !== null && ivig.monthlyDoseGPerKg.status]).toEqual([0.15, 0.2, 0.175, 'derived']);
    // The Lancet's 12/75 vs 17/73 stays the analysed "worsened" value.
    const rct = evidence.studies.filter((s) => s.kind === 'ivig-rct');
    expect(toEffectInputs(rct, 'edss-worsened', 'RR', { useDerived: true }).effects.find((e) => e.studyId === 'fazekas-1997-aims')?.controlData).toBe('17/73');
  });

  it('Kocer 2004: 12 / 12, DOI from its own record; probably the same trial as the Neuroradiology 2000 report (7/7 vs 2/6 at 6 months), which is the one analysed', () => {
    const k = study('kocer-2004');
    expect([k.arms.map((a) => v(a.nRandomised)), k.doi?.value]).toEqual([[12, 12], '10.1007/s00234-003-1088-8']);
    expect(k.sameTrialAs).toMatchObject({ study: 'neuroradiology-2000-rrms', certainty: 'probable' });
    const six = dataOf(outcome('neuroradiology-2000-rrms', 'mri-lesion-decrease-6m'), 'counts');
    expect(six.arms.map((a) => [a.events.value, a.events.status, a.total.value])).toEqual([[7, 'derived', 7], [2, 'reported', 6]]);
  });

  it('Iran: IVIG vs interferon beta-1a, ARR 0.55 ± 0.46 (38) vs 0.60 ± 0.67 (34), within-arm p-values; an active comparator, never pooled', () => {
    const s = study('iran-ivig-vs-ifnb1a');
    expect([s.kind, s.design.blinding, v(s.totalRandomised)]).toEqual(['ivig-active-comparator-rct', 'single-blind', 80]);
    const arr = outcome('iran-ivig-vs-ifnb1a', 'arr');
    expect(dataOf(arr, 'continuous').arms.map((a) => [a.mean.value, a.sd.value, a.n.value])).toEqual([[0.55, 0.46, 38], [0.6, 0.67, 34]]);
    expect(arr.pValues.map((p) => [p.relation, p.value.value, p.comparison, p.arms])).toEqual([['<', 0.001, 'within-arm', ['ivig']], ['<', 0.001, 'within-arm', ['avonex']]]);
    expect(studyExclusionReason(s)).toBe('active comparator (IVIG vs Interferon beta-1a (Avonex) i.m. weekly): not pooled with placebo-controlled trials');
  });

  it('Liu 2009: OR 0.40 [0.19, 0.86], WMD −0.27 [−0.40, −0.13], dose OR 1.16 [0.56, 2.41], progressive OR 0.68, SP OR 0.93 — none oriented on our axes', () => {
    const liu = evidence.syntheses.find((x) => x.id === 'liu-2009-meta')!;
    expect(liu.pooledResults.map((r) => [r.measure, r.estimate.value, r.ciLower.value, r.ciUpper.value, r.direction])).toEqual([
      ['OR', 0.4, 0.19, 0.86, 'unclear'], ['WMD', -0.27, -0.4, -0.13, 'unclear'], ['OR', 1.16, 0.56, 2.41, 'unclear'], ['OR', 0.68, 0.31, 1.46, 'unclear'], ['OR', 0.93, 0.66, 1.32, 'unclear'],
    ]);
  });
});

describe('SOURCES-ADDITIONS.md, Part B: non-randomised studies and corrections', () => {
  it('Tselis 2008 18/23 vs 3/24 and the postpartum cohorts are not randomised, shown and never pooled', () => {
    expect(dataOf(outcome('tselis-2008-optic-neuritis', 'near-normal-vision'), 'counts').arms.map((a) => [a.events.value, a.total.value])).toEqual([[18, 23], [3, 24]]);
    for (const id of ['tselis-2008-optic-neuritis', 'achiron-1996-postpartum-pilot', 'postpartum-2020-ljubljana-zagreb', 'postpartum-2016-brandt-wouters', 'postpartum-2023-cohort', 'postpartum-2009-observational', 'postpartum-2015-case-control']) {
      expect(study(id).kind).toBe('ivig-non-randomised');
      expect(studyExclusionReason(study(id))).toBe('not randomised: not pooled');
    }
  });

  it('corrections: ESIMS pages only secondary (citation not verified); PRISMS quote "(p < 0·05)"; Achiron 2004 Group III regimen; DOIs without a page are unverified', () => {
    expect(study('hommes-2004-esims').citationVerified).toBe(false);
    expect(study('prisms-1998').outcomes.flatMap((o) => o.pValues.map((p) => p.value.quote))).toContain('(p < 0·05)');
    const g3 = study('achiron-2004-postpartum').arms.find((a) => a.id === 'group-iii')!;
    expect([v(g3.loadingDoseGPerKg), v(g3.maintenanceDoseGPerKg), v(g3.maintenanceIntervalDays)]).toEqual([2, 0.4, 42]);
    expect([study('visser-2004-acute-relapse').doi?.basis, study('ms-2007-postpartum-dose').doi?.basis]).toEqual(['unverified', 'unverified']);
    const bv = study('hommes-2004-esims').outcomes.find((o) => o.id === 'brain-volume-pcf')!;
    expect(dataOf(bv, 'continuous').arms[0]!.mean.source).toBe('esims-mri-substudy-ndcn');
  });

  it('existing p-values say what they test where the quote says it (a "vs" sentence, or "overall"), else "not stated"', () => {
    const cmp = (sid: string, oid: string) => outcome(sid, oid).pValues.map((p) => [p.value.value, p.comparison, p.arms ?? null]);
    expect(cmp('fazekas-1997-aims', 'arr')).toEqual([[0.0037, 'between-arms', ['ivig', 'placebo']]]);
    expect(cmp('fazekas-1997-aims', 'edss-improved')).toEqual([[0.041, 'overall', null]]);
    expect(cmp('achiron-1998-rrms', 'yer-year2')).toEqual([[0.0006, 'overall', null]]);
    expect(cmp('achiron-1998-rrms', 'time-to-first-relapse')).toEqual([[0.003, 'between-arms', ['ivig', 'placebo']]]);
    expect(cmp('visser-2004-acute-relapse', 'edss-change-4-weeks')).toEqual([[0.81, 'not stated', null]]);
  });

  it('no quote carries an editorial note ("[sic" belongs in the note, outside the quote)', () => {
    const quotes: string[] = [];
    const walk = (x: unknown): void => {
      if (Array.isArray(x)) x.forEach(walk);
      else if (x && typeof x === 'object') {
        for (const [k, y] of Object.entries(x)) {
          if ((k === 'quote' || k === 'text') && typeof y === 'string') quotes.push(y);
          else walk(y);
        }
      }
    };
    walk(evidence.studies);
    expect(quotes.filter((q) => q.includes('[sic'))).toEqual([]);
  });

  it('every number of the new entries is in its quote; a derived one has a formula', () => {
    const ids = ['fazekas-2008-privig', 'lewanska-2002', 'sorensen-1998-crossover', 'sorensen-1997-prelim', 'kocer-2004', 'neuroradiology-2000-rrms', 'iran-ivig-vs-ifnb1a', 'tselis-2008-optic-neuritis', 'postpartum-2023-cohort'];
    const bad: string[] = [];
    const walk = (x: unknown, path: string): void => {
      if (Array.isArray(x)) x.forEach((y, i) => walk(y, `${path}[${i}]`));
      else if (x && typeof x === 'object') {
        const o = x as Record<string, unknown>;
        if (typeof o.value === 'number' && typeof o.quote === 'string') {
          if (o.status === 'derived' ? !(typeof o.formula === 'string' && o.formula.length > 3) : !numberAppearsInQuote(o.value, o.quote, o.valueText as string | undefined)) bad.push(path);
        } else Object.entries(o).forEach(([k, y]) => walk(y, `${path}.${k}`));
      }
    };
    for (const id of ids) walk(study(id), id);
    expect(bad).toEqual([]);
  });
});
