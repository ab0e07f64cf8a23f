// @vitest-environment node
/**
 * Key values of the bundled evidence set against ../shared/evidence/SOURCES.md, written out by
 * hand (not read from the file under test), so that a transcription slip fails here even when
 * the slipped number also happens to sit in its quote.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEvidenceSet } from '../../src/evidence/parse-evidence';
import type { MaybeNumber, Outcome, Study } from '../../src/evidence/schema';

const evidence = parseEvidenceSet(JSON.parse(readFileSync(join(process.cwd(), 'public/data/evidence.json'), 'utf8')));

const study = (id: string): Study => {
  const s = evidence.studies.find((x) => x.id === id);
  if (!s) throw new Error(`study ${id} missing`);
  return s;
};
const outcome = (studyId: string, kind: Outcome['kind'], form?: Outcome['data']['form']): Outcome => {
  const o = study(studyId).outcomes.find((x) => x.kind === kind && (form === undefined || x.data.form === form));
  if (!o) throw new Error(`${studyId} has no ${kind} outcome${form ? ` of form ${form}` : ''}`);
  return o;
};
const v = (m: MaybeNumber | undefined) => (m === undefined ? undefined : m.value);
const status = (m: MaybeNumber) => (m.value === null ? 'absent' : m.status);

function countsOf(o: Outcome) {
  if (o.data.form !== 'counts') throw new Error(`${o.id} is ${o.data.form}`);
  return o.data.arms.map((a) => ({ arm: a.arm, events: a.events.value, total: a.total.value, eventStatus: a.events.status, totalStatus: a.total.status }));
}
function continuousOf(o: Outcome) {
  if (o.data.form !== 'continuous') throw new Error(`${o.id} is ${o.data.form}`);
  return o.data.arms.map((a) => ({ arm: a.arm, mean: a.mean.value, sd: v(a.sd), n: v(a.n) }));
}

describe('key values match SOURCES.md', () => {
  it('AIMS: 75 IVIg and 73 placebo patients analysed, 150 randomised', () => {
    const aims = study('fazekas-1997-aims');
    expect(aims.arms.map((a) => [a.role, v(a.nAnalysed)])).toEqual([['ivig', 75], ['placebo', 73]]);
    expect(v(aims.totalRandomised)).toBe(150);
  });

  it('AIMS: worsened 12/75 vs 17/73 and improved 23/75 vs 10/73 (Lancet abstract)', () => {
    expect(countsOf(outcome('fazekas-1997-aims', 'edss-worsened')).map((a) => [a.events, a.total])).toEqual([[12, 75], [17, 73]]);
    expect(countsOf(outcome('fazekas-1997-aims', 'edss-improved')).map((a) => [a.events, a.total])).toEqual([[23, 75], [10, 73]]);
  });

  it('AIMS: EDSS change −0.23 ± 0.89 vs +0.12 ± 1.07, p = 0.008', () => {
    const o = outcome('fazekas-1997-aims', 'edss-change');
    expect(continuousOf(o)).toEqual([{ arm: 'ivig', mean: -0.23, sd: 0.89, n: 75 }, { arm: 'placebo', mean: 0.12, sd: 1.07, n: 73 }]);
    expect(o.pValues[0]?.value.value).toBe(0.008);
  });

  it('AIMS: annual relapse rate 0.52 ± 0.85 vs 1.26 ± 2.2, p = 0.0037 (1999 report)', () => {
    const o = outcome('fazekas-1997-aims', 'annualized-relapse-rate');
    expect(continuousOf(o)).toEqual([{ arm: 'ivig', mean: 0.52, sd: 0.85, n: 75 }, { arm: 'placebo', mean: 1.26, sd: 2.2, n: 73 }]);
    expect(o.pValues[0]?.value.value).toBe(0.0037);
  });

  it('AIMS: relapse-free 53% vs 36%, counts 40/75 and 26/73 marked derived', () => {
    const o = outcome('fazekas-1997-aims', 'relapse-free');
    expect(countsOf(o)).toEqual([
      { arm: 'ivig', events: 40, total: 75, eventStatus: 'derived', totalStatus: 'reported' },
      { arm: 'placebo', events: 26, total: 73, eventStatus: 'derived', totalStatus: 'reported' },
    ]);
    if (o.data.form !== 'counts') throw new Error('form');
    expect(o.data.arms.map((a) => a.percent?.value)).toEqual([53, 36]);
  });

  it('Achiron 1998: 6 vs 0 relapse-free, denominators 20/20 from a secondary source', () => {
    const arms = countsOf(outcome('achiron-1998-rrms', 'relapse-free'));
    expect(arms.map((a) => [a.events, a.total, a.eventStatus, a.totalStatus])).toEqual([[6, 20, 'reported', 'secondary'], [0, 20, 'reported', 'secondary']]);
  });

  it('Achiron 1998: yearly exacerbation rate 0.42 vs 1.4 at year 2 without SD', () => {
    const rates = outcome('achiron-1998-rrms', 'annualized-relapse-rate');
    expect(continuousOf(rates).map((a) => [a.mean, a.sd])).toEqual([[0.42, null], [1.4, null]]);
  });

  it('ESIMS: 159 vs 159, 1 g/kg per month, HR 1.11 [0.80, 1.53], ARR 0.46 in both arms', () => {
    const esims = study('hommes-2004-esims');
    expect(esims.arms.map((a) => v(a.nRandomised) ?? v(a.nAnalysed))).toEqual([159, 159]);
    const ivig = esims.arms.find((a) => a.role === 'ivig')!;
    expect([v(ivig.monthlyDoseGPerKg), status(ivig.monthlyDoseGPerKg)]).toEqual([1, 'reported']);
    const hr = outcome('hommes-2004-esims', 'time-to-confirmed-progression').data;
    expect(hr.form === 'contrast' && [hr.measure, hr.estimate.value, hr.ciLower.value, hr.ciUpper.value]).toEqual(['HR', 1.11, 0.8, 1.53]);
    expect(continuousOf(outcome('hommes-2004-esims', 'annualized-relapse-rate')).map((a) => a.mean)).toEqual([0.46, 0.46]);
  });

  it('Pöhlau: 48.3% vs 62.6% with sustained progression, no denominators', () => {
    const o = outcome('pohlau-pp-sp', 'sustained-progression', 'percentages');
    if (o.data.form !== 'percentages') throw new Error('form');
    expect(o.data.arms.map((a) => [a.percent.value, a.total.value])).toEqual([[48.3, null], [62.6, null]]);
    expect(study('pohlau-pp-sp').phase).toBe('PP+SP');
  });

  it('Achiron 2004 (CIS): conversion rate ratio 0.36 [0.15, 0.88]', () => {
    const c = outcome('achiron-2004-cis', 'conversion-to-cdms').data;
    expect(c.form === 'contrast' && [c.measure, c.estimate.value, c.ciLower.value, c.ciUpper.value]).toEqual(['RateRatio', 0.36, 0.15, 0.88]);
  });

  it('Lewańska and PRIVIG: the trials\' own abstracts give which arm got 0.2 or 0.4 g/kg (SOURCES-ADDITIONS)', () => {
    for (const id of ['lewanska-2002', 'fazekas-2008-privig']) {
      expect(study(id).flags.map((f) => f.code)).not.toContain('dose-arm-mapping-unknown');
      expect(study(id).arms.filter((a) => a.role === 'ivig').map((a) => v(a.maintenanceDoseGPerKg))).toEqual([0.2, 0.4]);
    }
    expect(study('lewanska-2002').arms.map((a) => v(a.nRandomised))).toEqual([17, 15, 17]);
    expect(study('fazekas-2008-privig').arms.map((a) => v(a.nAnalysed))).toEqual([44, 42, 41]);
  });

  it('non-randomised studies are kept apart from the RCTs', () => {
    expect(study('stangel-2000-remyelination').kind).toBe('ivig-non-randomised');
    expect(study('achiron-2004-postpartum').kind).toBe('ivig-non-randomised');
    expect(study('arch-neurol-1992-open').kind).toBe('ivig-non-randomised');
    expect(study('sorensen-1998-crossover').flags.map((f) => f.code)).toContain('crossover-within-patient');
  });

  it('published pooled results: Olyaeemanesh OR 1.693 [1.205, 2.380]; Cochrane WMD −0.72 [−0.78, −0.66]', () => {
    const pooled = (synthesisId: string, resultId: string) => evidence.syntheses.find((s) => s.id === synthesisId)!.pooledResults.find((r) => r.id === resultId)!;
    const oly = pooled('olyaeemanesh-2016-meta', 'relapse-free');
    expect([oly.measure, v(oly.estimate), v(oly.ciLower), v(oly.ciUpper)]).toEqual(['OR', 1.693, 1.205, 2.38]);
    const coch = pooled('cochrane-cd002936', 'rr-relapse-rate');
    expect([coch.measure, v(coch.estimate), v(coch.ciLower), v(coch.ciUpper)]).toEqual(['WMD', -0.72, -0.78, -0.66]);
    const smd = pooled('olyaeemanesh-2016-meta', 'arr');
    expect([v(smd.estimate), v(smd.ciLower), smd.ciUpper.value]).toEqual([-0.218, -0.412, null]);
  });

  it('every study of SOURCES.md is in the set', () => {
    const ids = [
      'fazekas-1997-aims', 'achiron-1998-rrms', 'sorensen-1998-crossover', 'lewanska-2002', 'fazekas-2008-privig', 'kocer-2004',
      'neuroradiology-2000-rrms', 'hommes-2004-esims', 'pohlau-pp-sp', 'noseworthy-2000-weakness', 'noseworthy-2001-optic-neuritis',
      'stangel-2000-remyelination', 'sorensen-2004-acute-relapse', 'visser-2004-acute-relapse', 'roed-2005-optic-neuritis',
      'achiron-2004-cis', 'achiron-2004-postpartum', 'ms-2007-postpartum-dose', 'ifnb-1993-ifnb1b', 'johnson-1995-glatiramer',
      'prisms-1998', 'jacobs-1996-ifnb1a', 'arch-neurol-1992-open', 'ivig-vs-ivmp-acute-open',
      // SOURCES-ADDITIONS.md
      'sorensen-1997-prelim', 'iran-ivig-vs-ifnb1a', 'tselis-2008-optic-neuritis', 'achiron-1996-postpartum-pilot',
      'postpartum-2020-ljubljana-zagreb', 'postpartum-2016-brandt-wouters', 'postpartum-2023-cohort', 'postpartum-2009-observational',
      'postpartum-2015-case-control',
    ];
    expect(evidence.studies.map((s) => s.id).sort()).toEqual([...ids].sort());
    expect(evidence.syntheses.map((s) => s.id).sort()).toEqual([
      'bandolier-2002', 'cochrane-cd002936', 'crd-dare-ivig-neurology', 'ejn-2002-rrms-meta', 'elovaara-2008-efns', 'liu-2009-meta',
      'olyaeemanesh-2016-meta', 'rosa-2018-postpartum-meta', 'sorensen-2003-review', 'wiles-2002-review', 'wu-2008-dose-sr', 'zhang-2012-thesis',
    ]);
  });
});
