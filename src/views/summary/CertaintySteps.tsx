import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { DOMAIN_LABEL, JUDGMENT_LABEL, type Domain, type DomainRating, type Downgrade } from '../../model/summary-of-findings/certainty';
import { outcomeJudgmentKey, overrideKey } from '../../model/summary-of-findings/summary-params';
import type { SofRow } from '../../model/summary-of-findings/summary-of-findings';
import { useAppStore } from '../../store/store-context';
import { FunnelPlot } from './FunnelPlot';
import { JudgmentInputs } from './JudgmentsPanel';

const STATUS: Record<DomainRating['status'], string> = { rated: 'rated by the rule', 'not-assessable': 'not assessable', 'not-assessed': 'not assessed yet' };
const levels = (n: Downgrade) => (n === 0 ? 'not rated down' : `−${n}`);

function OverrideForm({ row, rating }: { row: SofRow; rating: DomainRating }) {
  const key = overrideKey(row.key, rating.domain);
  const setOverride = useAppStore((s) => s.setOverride);
  const [downgrade, setDowngrade] = useState<string>(rating.override ? String(rating.override.downgrade) : '');
  const [reason, setReason] = useState(rating.override?.reason ?? '');
  const label = `${DOMAIN_LABEL[rating.domain]}, ${row.outcomeLabel}`;
  return (
    <form className="sof-override" aria-label={`Override: ${label}`} onSubmit={(e) => {
      e.preventDefault();
      if (downgrade === '' || !reason.trim()) return;
      setOverride(key, { downgrade: Number(downgrade) as Downgrade, reason: reason.trim() });
    }}>
      <label>Rate down
        <select value={downgrade} onChange={(e) => setDowngrade(e.target.value)}>
          <option value="">(choose)</option>
          <option value="0">not at all</option>
          <option value="1">one level</option>
          <option value="2">two levels</option>
        </select>
      </label>
      <label>because <input type="text" value={reason} maxLength={300} onChange={(e) => setReason(e.target.value)} placeholder="reason (required)" /></label>
      <button type="submit" disabled={downgrade === '' || !reason.trim()}>Override</button>
      {rating.override && <button type="button" onClick={() => { setOverride(key, null); setDowngrade(''); setReason(''); }}>Use the rule</button>}
    </form>
  );
}

function RiskInputs({ row }: { row: SofRow }) {
  const { risks, setAssumedRisk } = useAppStore(useShallow((s) => ({ risks: s.summary.risks[row.key], setAssumedRisk: s.setAssumedRisk })));
  const field = (which: 'assumed' | 'second', label: string) => {
    const value = risks?.[which];
    return (
      <label>{label}
        <input type="number" min="0.1" max="999" step="1" defaultValue={value ?? ''} key={`${which}-${value ?? ''}`}
          onBlur={(e) => {
            const v = e.target.value === '' ? null : Number(e.target.value);
            if (v === null || (v > 0 && v < 1000)) setAssumedRisk(row.key, which, v);
          }}
          onKeyDown={(e) => { if (e.key === 'Enter') (e.target as HTMLInputElement).blur(); }} />
        per 1,000
      </label>
    );
  };
  if (!(row.measure === 'RR' || row.measure === 'OR' || row.measure === 'RD' || row.measure === 'HR')) return null;
  return (
    <fieldset className="sof-risks">
      <legend>Assumed control risk</legend>
      <p className="note">
        {row.medianControlRisk !== null
          ? `Median control-arm risk of the ${row.trials.filter((t) => t.controlRisk !== null).length} included ${row.trials.length === 1 ? 'trial' : 'trials'}: ${Math.round(1000 * row.medianControlRisk)} per 1,000 (the default).`
          : 'The trials give no control-arm risk (a reported contrast only): enter one to see absolute effects.'}
        {' '}Empty fields use the default; a second baseline adds a row for another population (e.g. a higher-risk group).
      </p>
      {field('assumed', 'Assumed risk')}
      {field('second', 'Second baseline')}
    </fieldset>
  );
}

/**
 * RoB 2 judges a result, GRADE rates risk of bias per outcome, our judgments are per trial: here a
 * trial's judgment can be refined for this outcome (e.g. an unblinded EDSS rater biases disability,
 * not relapse counts). Empty: the trial's judgment applies.
 */
function OutcomeRefinements({ row }: { row: SofRow }) {
  const judgments = useAppStore((s) => s.summary.riskOfBias);
  return (
    <details className="sof-refine">
      <summary>Refine a trial’s risk of bias for {row.outcomeLabel.replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase())}</summary>
      <ul>
        {row.trials.map((t) => {
          const own = judgments[t.studyId];
          return (
            <li key={t.studyId}>
              {t.label} (per trial: {own ? JUDGMENT_LABEL[own.level] : 'not assessed'}):{' '}
              <JudgmentInputs which="riskOfBias" judgmentKey={outcomeJudgmentKey(t.studyId, row.outcome)} label={`${t.label}, ${row.outcomeLabel}`}
                flags={t.flags} emptyLabel="as the trial" what="Risk of bias for this outcome" />
            </li>
          );
        })}
      </ul>
    </details>
  );
}

export function CertaintySteps({ row }: { row: SofRow }) {
  // The steps are drawn only while open: a closed panel costs nothing when a setting re-computes every table.
  const [open, setOpen] = useState(false);
  if (!row.certainty) return null;
  return (
    <details className="sof-steps" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Certainty step by step: {row.outcomeLabel} ({row.certainty.label.toLowerCase()}{row.certainty.provisional ? ', provisional' : ''})</summary>
      {open && <Steps row={row} />}
    </details>
  );
}

function Steps({ row }: { row: SofRow }) {
  const certainty = row.certainty!;
  const order: Domain[] = ['risk-of-bias', 'inconsistency', 'indirectness', 'imprecision', 'publication-bias'];
  return (
    <>
      <p>Start: high (randomised trials). Then each domain, with the rule&rsquo;s suggestion, what applies, and an override with your reason.</p>
      <ul className="sof-domains">
        {order.map((d) => {
          const rating = row.domains.find((x) => x.domain === d)!;
          return (
            <li key={d}>
              <strong>{DOMAIN_LABEL[d]}</strong>: {STATUS[rating.status]}; the rule suggests {levels(rating.suggested)}
              {rating.override ? <>; <strong>overridden: {levels(rating.override.downgrade)}</strong> ({rating.override.reason})</> : null}.
              <div className="note">{rating.reasons.join(' ')}</div>
              {d === 'risk-of-bias' && <OutcomeRefinements row={row} />}
              <OverrideForm row={row} rating={rating} />
            </li>
          );
        })}
      </ul>
      <p>Result: {certainty.symbols} {certainty.label}{certainty.provisional ? ' (provisional: risk of bias or indirectness not judged for every trial)' : ''}. Statement: {row.statement} ({row.sizeRule}; wording of Santesso et al. 2020).</p>
      {row.ois && <p className="note">Optimal information size: {row.ois.total} patients ({Math.ceil(row.ois.nPerGroup)} per group) to detect a {Math.round(row.ois.relativeRiskReduction * 100)}% relative risk reduction from a control risk of {(row.ois.controlRisk * 100).toFixed(1)}% with α {row.ois.alpha} and β {row.ois.beta} (two-proportion formula, as R&rsquo;s power.prop.test); this row has {row.participants ?? 'an unknown number of'} patients.</p>}
      <RiskInputs row={row} />
      {row.egger && <FunnelPlot row={row} />}
    </>
  );
}
