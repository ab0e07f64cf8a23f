import type { ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { OutcomeKind } from '../evidence/schema';
import { MEASURE_LABEL, type AnalysisMeasure } from '../evidence/to-effect-inputs';
import { OUTCOME_INFO } from '../evidence/vocabulary';
import { TAU2_METHODS, controlApplicability, type AnalysisSettings } from '../model/analysis-params';
import type { ForestMode, ForestSort, SubgroupBy } from '../model/forest-model';
import { useAppStore } from '../store/store-context';
import { RecoveryControls } from './RecoveryControls';
import { BayesianControls } from './bayesian/BayesianControls';

export type AnalysisControl =
  | 'model' | 'tau2' | 'i2' | 'knha' | 'adhoc' | 'mh' | 'derived' | 'subgroups' | 'mode' | 'sort' | 'flip' | 'asOf2003'
  | 'loading' | 'logDose' | 'phaseModerator' | 'recovery' | 'recoveryPerArm';

/** The seed review (Sorensen, J Neurol Sci 2003): "as of 2003" keeps what it could have seen. */
export const SEED_REVIEW_YEAR = 2003;

interface Props {
  /** The outcome and measure pickers; left out where the view shows every outcome. */
  picker?: {
    outcome: OutcomeKind;
    outcomeOptions: readonly OutcomeKind[];
    /** What the view plots: its own choice, never the "Outcome reported" filter. */
    onOutcomeChange: (outcome: OutcomeKind) => void;
    measure: AnalysisMeasure;
    measures: readonly AnalysisMeasure[];
  };
  show: readonly AnalysisControl[];
  /** Controls that cannot apply to the data shown (e.g. no fit for a second moderator), with the reason. */
  unavailable?: Partial<Record<AnalysisControl, string>>;
  label?: string;
  /** The view pooled by Mantel-Haenszel (the forest), so Knapp-Hartung does not apply. */
  mantelHaenszelInEffect?: boolean;
  /** View-specific controls, drawn first. */
  children?: ReactNode;
  /** The view has no Bayesian model (the option is not offered). */
  noBayes?: boolean;
  /** Offer the threshold and the shrunken-estimates mark (the forest). */
  bayesDetails?: boolean;
}

/** Analysis settings shared by the forest, dose-response and phase views (one store, one URL). */
export function AnalysisControls({ picker, show, unavailable = {}, label = 'Analysis settings', mantelHaenszelInEffect = false, children, noBayes = false, bayesDetails = false }: Props) {
  const analysis = useAppStore((s) => s.analysis);
  const yearFilter = useAppStore(useShallow((s) => ({ from: s.filters.yearFrom, to: s.filters.yearTo })));
  const { setAnalysis, setYearRange } = useAppStore(
    useShallow((s) => ({ setAnalysis: s.setAnalysis, setYearRange: s.setYearRange })),
  );
  const has = (c: AnalysisControl) => show.includes(c);
  const notApplicable = controlApplicability(analysis, { modelChoice: has('model'), measure: picker?.measure ?? null, mantelHaenszelInEffect });
  // A control that does nothing for this analysis is disabled, shown unchecked (what is in effect;
  // the stored choice returns when it applies again) and says why in visible text.
  const reason = (c: AnalysisControl, why: string | null) => why && <span className="control-reason" id={`why-${c}`}>{why}</span>;
  const check = (c: AnalysisControl, label: string, checked: boolean, patch: (v: boolean) => Partial<AnalysisSettings>, why: string | null = null) =>
    has(c) && (
      <Explained why={reason(c, why)}>
        <label className="check">
          <input type="checkbox" checked={why ? false : checked} disabled={!!why} aria-describedby={why ? `why-${c}` : undefined} onChange={(e) => setAnalysis(patch(e.target.checked))} />
          {label}
        </label>
      </Explained>
    );
  const asOf2003 = yearFilter.to === SEED_REVIEW_YEAR && yearFilter.from === null;
  return (
    <form className="analysis-bar" aria-label={label} onSubmit={(e) => e.preventDefault()}>
      {children}
      {picker && (
        <>
          <label>
            Outcome
            <select value={picker.outcome} onChange={(e) => picker.onOutcomeChange(e.target.value as OutcomeKind)}>
              {picker.outcomeOptions.map((k) => <option key={k} value={k}>{OUTCOME_INFO[k].label}</option>)}
            </select>
          </label>
          <label>
            Effect measure
            <select value={picker.measure} onChange={(e) => setAnalysis({ measure: e.target.value as AnalysisMeasure })} disabled={picker.measures.length === 0}>
              {(picker.measures.length ? picker.measures : [picker.measure]).map((m) => <option key={m} value={m}>{MEASURE_LABEL[m]}</option>)}
            </select>
          </label>
        </>
      )}
      {has('model') && (
        <label>
          Model
          <select value={analysis.model} onChange={(e) => setAnalysis({ model: e.target.value as AnalysisSettings['model'] })}>
            <option value="random">Random effects</option>
            <option value="common">Common (fixed) effect</option>
            {!noBayes && <option value="bayes">Bayesian (random effects, τ prior)</option>}
          </select>
        </label>
      )}
      {has('model') && analysis.model === 'bayes' && !noBayes && <BayesianControls threshold={bayesDetails} />}
      {has('tau2') && (
        <Explained why={reason('tau2', notApplicable.tau2)}>
        <label>
          τ² estimator
          <select value={analysis.tau2Method} disabled={!!notApplicable.tau2} aria-describedby={notApplicable.tau2 ? 'why-tau2' : undefined} onChange={(e) => setAnalysis({ tau2Method: e.target.value as AnalysisSettings['tau2Method'] })}>
            {TAU2_METHODS.map((m) => <option key={m} value={m}>{m}</option>)}
          </select>
        </label>
        </Explained>
      )}
      {has('i2') && (
        <Explained why={reason('i2', notApplicable.i2)}>
        <label>
          I² beside Chi²
          <select value={analysis.i2Basis} disabled={!!notApplicable.i2} aria-describedby={notApplicable.i2 ? 'why-i2' : undefined} onChange={(e) => setAnalysis({ i2Basis: e.target.value as AnalysisSettings['i2Basis'] })}>
            <option value="tau2">from τ² (metafor)</option>
            <option value="Q">from Q (RevMan)</option>
          </select>
        </label>
        </Explained>
      )}
      {check('knha', 'Knapp-Hartung', analysis.test !== 'z', (v) => ({ test: v ? 'knha' : 'z' }), notApplicable.knha)}
      {check('adhoc', 'ad hoc: s² ≥ 1', analysis.test === 'adhoc', (v) => ({ test: v ? 'adhoc' : 'knha' }), notApplicable.adhoc)}
      {check('mh', 'Mantel-Haenszel (binary, common effect)', analysis.mantelHaenszel, (v) => ({ mantelHaenszel: v }), notApplicable.mh)}
      {check('derived', 'Use derived values †', analysis.useDerived, (v) => ({ useDerived: v }))}
      {has('subgroups') && (
        <label>
          Subgroups
          <select value={analysis.subgroupBy} onChange={(e) => setAnalysis({ subgroupBy: e.target.value as SubgroupBy })}>
            <option value="none">None</option>
            <option value="phase">By MS phase</option>
            <option value="setting">By setting</option>
          </select>
        </label>
      )}
      {has('mode') && (
        <label>
          Mode
          <select value={analysis.mode} onChange={(e) => setAnalysis({ mode: e.target.value as ForestMode })}>
            <option value="standard">Standard</option>
            <option value="leave-one-out">Leave-one-out</option>
            <option value="cumulative">Cumulative by year</option>
          </select>
        </label>
      )}
      {has('sort') && (
        <label>
          Sort by
          <select value={analysis.sort} onChange={(e) => setAnalysis({ sort: e.target.value as ForestSort })}>
            <option value="year">Year</option>
            <option value="effect">Effect</option>
            <option value="weight">Weight</option>
            <option value="label">Label</option>
          </select>
        </label>
      )}
      {check('flip', 'Swap sides (placebo vs IVIG)', analysis.flipDirection, (v) => ({ flipDirection: v }))}
      {check('loading', 'Include loading dose (averaged over year 1)', analysis.includeLoading, (v) => ({ includeLoading: v }))}
      {check('logDose', 'Log dose axis', analysis.logDose, (v) => ({ logDose: v }))}
      {check('phaseModerator', 'Phase as a second moderator', analysis.phaseModerator, (v) => ({ phaseModerator: v }), unavailable.phaseModerator ?? null)}
      {has('asOf2003') && (
        <label className="check">
          <input type="checkbox" checked={asOf2003} onChange={(e) => setYearRange(null, e.target.checked ? SEED_REVIEW_YEAR : null)} />
          As of 2003 (seed review)
        </label>
      )}
      {/* 'recoveryPerArm': the view has one point per arm, so the arms choice does not apply. */}
      {(has('recovery') || has('recoveryPerArm')) && <RecoveryControls armsApply={!has('recoveryPerArm')} />}
    </form>
  );
}

/**
 * A control and, below it, why it is disabled (outside the label, so the control keeps its name).
 * Always the same wrapper, so that the control is not re-mounted (and focus lost) when it toggles.
 */
function Explained({ why, children }: { why: ReactNode; children: ReactNode }) {
  return <div className="explained-control">{children}{why}</div>;
}
