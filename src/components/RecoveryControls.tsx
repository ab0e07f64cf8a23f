import { useShallow } from 'zustand/react/shallow';
import {
  ALL_RECOVERY,
  DEFAULT_RECOVERY,
  RECOVERY_METHODS,
  recoveryText,
  sameRecovery,
  type RecoveryMethod,
  type RecoverySettings,
} from '../evidence/recovered-effects/recovery-settings';
import { useAppStore } from '../store/store-context';

interface Props {
  /** The dose-response view always has one point per arm: the arms choice does not apply there. */
  armsApply?: boolean;
}

/**
 * The effect-recovery switches: the "All recoverable evidence" preset and one control per method,
 * each with its name, its symbol (as drawn beside the rows it changes) and the one thing it
 * assumes. The summary line says which methods are on, so it is visible while folded.
 */
export function RecoveryControls({ armsApply = true }: Props) {
  const { recovery, setAnalysis } = useAppStore(useShallow((s) => ({ recovery: s.analysis.recovery, setAnalysis: s.setAnalysis })));
  const set = (patch: Partial<RecoverySettings>) => setAnalysis({ recovery: { ...recovery, ...patch } });
  const all = sameRecovery(recovery, ALL_RECOVERY);
  const item = (method: RecoveryMethod, control: React.ReactNode, why?: string) => {
    const info = RECOVERY_METHODS[method];
    return (
      <div className="recovery-item" key={method}>
        {control}
        <span className="recovery-assumption" id={`assumes-${method}`}>{why ?? `Assumes ${info.assumption}.`}</span>
      </div>
    );
  };
  const check = (method: RecoveryMethod, checked: boolean, onChange: (v: boolean) => void) =>
    item(method, (
      <label className="check">
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={`assumes-${method}`} />
        <span className="recovery-symbol" aria-hidden="true">{RECOVERY_METHODS[method].symbol}</span> {RECOVERY_METHODS[method].name}
      </label>
    ));
  return (
    <details className="recovery-controls">
      <summary>{recoveryText(recovery)}</summary>
      <fieldset>
        <legend>Effect recovery: how an effect is recovered from what a trial reports (our arithmetic, marked on every row it changes)</legend>
        <div className="recovery-presets">
          <label className="check">
            <input type="checkbox" checked={all} onChange={(e) => setAnalysis({ recovery: e.target.checked ? ALL_RECOVERY : DEFAULT_RECOVERY })} />
            All recoverable evidence (recover=all)
          </label>
          {!sameRecovery(recovery, DEFAULT_RECOVERY) && (
            <button type="button" className="link" onClick={() => setAnalysis({ recovery: DEFAULT_RECOVERY })}>Back to the defaults</button>
          )}
        </div>
        <div className="recovery-grid">
          {check('se-from-ci', recovery.seFromCi, (v) => set({ seFromCi: v }))}
          {check('se-from-p', recovery.seFromP, (v) => set({ seFromP: v }))}
          {armsApply
            ? item('combined-arms', (
              <label>
                <span><span className="recovery-symbol" aria-hidden="true">{RECOVERY_METHODS['combined-arms'].symbol}</span> Multi-arm trials</span>
                <select value={recovery.arms} onChange={(e) => set({ arms: e.target.value as RecoverySettings['arms'] })} aria-describedby="assumes-combined-arms">
                  <option value="combined">IVIG arms combined</option>
                  <option value="separate">one row per IVIG arm (placebo split)</option>
                </select>
              </label>
            ))
            : item('combined-arms', <span className="recovery-fixed"><span className="recovery-symbol" aria-hidden="true">{RECOVERY_METHODS['combined-arms'].symbol}</span> Multi-arm trials: one point per IVIG arm</span>, 'Here always one point per arm, the shared placebo group split between them (Handbook 23.3.4).')}
          {check('crossover-as-parallel', recovery.crossover === 'parallel', (v) => set({ crossover: v ? 'parallel' : 'exclude' }))}
          {check('medians', recovery.medians, (v) => set({ medians: v }))}
          {item('imputed-sd', (
            <label>
              <span><span className="recovery-symbol" aria-hidden="true">{RECOVERY_METHODS['imputed-sd'].symbol}</span> Missing SD imputed</span>
              <select value={recovery.imputeSd} onChange={(e) => set({ imputeSd: e.target.value as RecoverySettings['imputeSd'] })} aria-describedby="assumes-imputed-sd">
                <option value="off">off</option>
                <option value="largest">largest SD of the other trials</option>
                <option value="pooled">pooled SD of the other trials</option>
              </select>
            </label>
          ))}
        </div>
      </fieldset>
    </details>
  );
}
