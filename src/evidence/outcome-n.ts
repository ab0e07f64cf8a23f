/**
 * How many patients an outcome was measured in, per arm. The outcome's own n when it reports one;
 * the trial arm's n only when the source says the outcome was measured in all randomised (or all
 * analysed) patients (`measuredInAll`); otherwise absent with its reason. A substudy (ESIMS's MRI
 * cohort) is a subset of the trial, so the trial's 159 per arm would overstate its precision and
 * its № of participants: its n is never borrowed.
 */
import type { MaybeNumber, Outcome, Study } from './schema';

export function outcomeArmN(study: Study, outcome: Outcome, armId: string, reported: MaybeNumber): MaybeNumber {
  if (reported.value !== null) return reported;
  const all = outcome.measuredInAll;
  const arm = study.arms.find((a) => a.id === armId);
  if (!all || !arm) return reported;
  const trialN = all.population === 'analysed' ? arm.nAnalysed : arm.nRandomised;
  if (trialN.value === null) return reported;
  return { ...trialN, note: `Measured in all ${all.population} patients: “${all.statement.text}”${trialN.note ? ` ${trialN.note}` : ''}` };
}
