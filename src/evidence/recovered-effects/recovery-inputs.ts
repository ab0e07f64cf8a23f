/**
 * Which reported numbers a recovery method may use, and why one may not: the between-arms p of a
 * contrast (never an "overall" repeated-measures test or a within-arm change), and the SDs that
 * other trials of the same outcome report (the donors of an imputed SD).
 */
import { seFromEstimateAndP, type RecoveredStandardErrorFromP, type SdDonor } from '../../stats';
import type { Outcome, OutcomeKind, SourcedNumber, Study } from '../schema';
import type { RecoverySettings } from './recovery-settings';
import { outcomeArmN } from '../outcome-n';

type PValueLike = Outcome['pValues'][number];

/** The outcome's p-values, each with the comparison it tests. */
export const pValuesOf = (outcome: Outcome): PValueLike[] => outcome.pValues;

const COMPARISON_WORDS: Record<PValueLike['comparison'], string> = {
  'between-arms': 'between arms',
  overall: 'an overall (repeated-measures) test, not this contrast',
  'within-arm': 'a change within one arm, not a comparison of the arms',
  'not stated': 'its comparison is not stated, so it may not be this contrast',
};

interface ArmSide { arm: string; mean: number; n: number }

/**
 * The SE of a mean difference from the two-sided p-value of the same between-arms comparison
 * (Cochrane Handbook 6.3.2; the formula is the engine's `seFromEstimateAndP`). A p-value is used
 * only when it says it compares these two arms between groups; a z test is assumed unless the
 * source names a t test (then n₁ + n₂ − 2 df). Every p-value not used gets its reason.
 */
export function seFromBetweenArmsP(
  study: Study,
  outcome: Outcome,
  treatment: ArmSide,
  control: ArmSide,
  recovery: RecoverySettings,
): { se: RecoveredStandardErrorFromP; used: { label: string; value: number; status: SourcedNumber['status']; quote: string; source: string; formula?: string } } | { reason: string } | null {
  const ps = pValuesOf(outcome);
  if (ps.length === 0) return null;
  const shown = (p: PValueLike) => `p ${p.relation} ${p.value.value}`;
  if (!recovery.seFromP) return { reason: `${shown(ps[0]!)} reported, but “SE from p” is off` };
  const reasons: string[] = [];
  const armsInData = outcome.data.form === 'continuous' ? outcome.data.arms.length : 0;
  for (const p of ps) {
    if (p.comparison !== 'between-arms') {
      reasons.push(`${shown(p)} not used: ${COMPARISON_WORDS[p.comparison]}`);
      continue;
    }
    const pair = p.arms ?? [];
    const samePair = pair.length === 2 ? pair.includes(treatment.arm) && pair.includes(control.arm) : armsInData === 2;
    if (!samePair) {
      reasons.push(`${shown(p)} not used: it compares ${pair.length ? pair.join(' vs ') : 'arms it does not name'}, not ${treatment.arm} vs ${control.arm}`);
      continue;
    }
    if (p.relation === '>') {
      reasons.push(`${shown(p)} not used: a lower bound on p gives no SE`);
      continue;
    }
    if (p.test !== 'z' && p.test !== 't' && p.test !== 'not stated') {
      reasons.push(`${shown(p)} not used: a ${p.test} test's p is not a z or t test of the mean difference`);
      continue;
    }
    const estimate = treatment.mean - control.mean;
    try {
      const se = seFromEstimateAndP({
        estimate,
        scale: 'difference',
        p: p.value.value,
        relation: p.relation,
        test: p.test === 't' ? 't' : 'z',
        groupSizes: { n1: treatment.n, n2: control.n },
      });
      return { se, used: { label: 'p (between arms)', value: p.value.value, status: p.value.status, quote: p.value.quote, source: p.value.source, formula: p.value.formula } };
    } catch (e) {
      reasons.push(`${shown(p)} not used: ${(e as Error).message}`);
    }
  }
  void study;
  return { reason: reasons.join('; ') };
}

/**
 * The SDs that the other trials report for this outcome (each arm with a reported SD and n, from
 * the first report of the outcome that has them): the donors of an imputed SD (Handbook 6.5.2.7).
 * `eligible` says which studies may lend (those that enter the analysis).
 */
export function sdDonorsFor(studies: readonly Study[], kind: OutcomeKind, eligible: (s: Study) => boolean): (studyId: string) => SdDonor[] {
  const all: { studyId: string; donor: SdDonor }[] = [];
  for (const s of studies) {
    if (!eligible(s)) continue;
    const outcome = s.outcomes.find((o) => o.kind === kind && o.data.form === 'continuous' && !/baseline/i.test(o.timepoint) && o.analysed !== false && o.data.arms.some((a) => a.sd.value !== null));
    if (!outcome || outcome.data.form !== 'continuous') continue;
    for (const a of outcome.data.arms) {
      const arm = s.arms.find((x) => x.id === a.arm);
      if (!arm || (arm.role !== 'ivig' && arm.role !== 'placebo')) continue;
      // The donor's own n for this outcome (a substudy's, never its trial's): it weights the pooled SD.
      const n = outcomeArmN(s, outcome, a.arm, a.n).value;
      if (a.sd.value === null || n === null || !(a.sd.value > 0)) continue;
      all.push({ studyId: s.id, donor: { id: `${s.label} ${arm.label}`, sd: a.sd.value, n } });
    }
  }
  return (studyId) => all.filter((d) => d.studyId !== studyId).map((d) => d.donor);
}
