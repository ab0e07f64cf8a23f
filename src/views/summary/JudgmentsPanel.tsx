import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { JUDGMENT_LABEL, type JudgmentLevel } from '../../model/summary-of-findings/certainty';
import type { SummaryOfFindings } from '../../model/summary-of-findings/summary-of-findings';
import { ScrollRegion } from '../../components/ScrollRegion';
import { useAppStore } from '../../store/store-context';

type Which = 'riskOfBias' | 'indirectness';
const WHAT: Record<Which, string> = { riskOfBias: 'Risk of bias', indirectness: 'Indirectness' };

/**
 * A judgment's level and reason. `judgmentKey`: a trial id, or for a risk-of-bias judgment refined
 * for one outcome `outcomeJudgmentKey(trial, outcome)`; `label` names the inputs for a screen reader.
 */
export function JudgmentInputs({ which, judgmentKey, label, flags, emptyLabel = 'not assessed', what = WHAT[which] }: { which: Which; judgmentKey: string; label: string; flags: string[]; emptyLabel?: string; what?: string }) {
  const studyId = judgmentKey;
  const { judgment, setTrialJudgment } = useAppStore(useShallow((s) => ({ judgment: s.summary[which][studyId], setTrialJudgment: s.setTrialJudgment })));
  const [reason, setReason] = useState<string | null>(null);
  const shownReason = reason ?? judgment?.reason ?? '';
  const listId = `reasons-${which}-${studyId.replace(/\./g, '-')}`;
  const commit = (next: { level?: JudgmentLevel | ''; reason?: string }) => {
    const level = next.level === undefined ? judgment?.level : next.level || undefined;
    if (!level) setTrialJudgment(which, studyId, null);
    else setTrialJudgment(which, studyId, { level, reason: (next.reason ?? shownReason).trim().slice(0, 300) });
    setReason(null);
  };
  return (
    <>
      <label className="visually-hidden" htmlFor={`${listId}-level`}>{what}, {label}</label>
      <select id={`${listId}-level`} value={judgment?.level ?? ''} onChange={(e) => commit({ level: e.target.value as JudgmentLevel | '' })}>
        <option value="">{emptyLabel}</option>
        {(['low', 'some', 'high'] as const).map((l) => <option key={l} value={l}>{JUDGMENT_LABEL[l]}</option>)}
      </select>
      <label className="visually-hidden" htmlFor={`${listId}-reason`}>{what} reason, {label}</label>
      <input id={`${listId}-reason`} type="text" list={listId} value={shownReason} maxLength={300} placeholder="reason"
        disabled={!judgment} onChange={(e) => setReason(e.target.value)} onBlur={() => reason !== null && commit({})}
        onKeyDown={(e) => { if (e.key === 'Enter') commit({}); }} />
      <datalist id={listId}>{flags.map((f) => <option key={f} value={f} />)}</datalist>
    </>
  );
}

function JudgmentCell({ which, studyId, label, flags }: { which: Which; studyId: string; label: string; flags: string[] }) {
  return <td><JudgmentInputs which={which} judgmentKey={studyId} label={label} flags={flags} /></td>;
}

/**
 * The user's per-trial judgments of risk of bias and indirectness (low / some concerns / high,
 * with a reason). The app judges nothing: it offers what the evidence already flags as reasons.
 */
export function JudgmentsPanel({ trials }: { trials: SummaryOfFindings['trials'] }) {
  if (trials.length === 0) return null;
  return (
    <section aria-labelledby="sof-judgments-title" className="sof-judgments">
      <h2 id="sof-judgments-title">Your judgments: risk of bias and indirectness per trial</h2>
      <p className="note">
        GRADE leaves these to judgment, so the app does not make them: until every trial in a row is judged, the row says
        &ldquo;risk of bias not assessed&rdquo; and its certainty is provisional. A row is rated down once when trials judged
        &ldquo;some concerns&rdquo; or &ldquo;high&rdquo; carry half its weight or more, twice when trials judged &ldquo;high&rdquo; do.
        The flags the evidence holds are offered as reasons (type to choose). Judgments stay with you: in this browser, in the copied link and in the exports.
      </p>
      <ScrollRegion label="Judgments per trial">
        <table className="sof-judgment-table">
          <caption className="visually-hidden">Risk of bias and indirectness judgments per trial</caption>
          <thead><tr><th scope="col">Trial</th><th scope="col">Population</th><th scope="col">Flags in the evidence</th><th scope="col">Risk of bias</th><th scope="col">Indirectness</th></tr></thead>
          <tbody>
            {trials.map((t) => (
              <tr key={t.studyId}>
                <th scope="row">{t.label}</th>
                <td>{t.populations.join(', ')}</td>
                <td>{t.flags.length ? t.flags.join('; ') : 'none'}</td>
                <JudgmentCell which="riskOfBias" studyId={t.studyId} label={t.label} flags={t.flags} />
                <JudgmentCell which="indirectness" studyId={t.studyId} label={t.label} flags={t.flags} />
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}
