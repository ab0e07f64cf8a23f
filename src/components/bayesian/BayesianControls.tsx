import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { TAU_PRIOR_PRESETS, parseMuPrior, parseTauPrior, tauPriorOptionGroups } from '../../model/bayesian/bayes-settings';
import { useAppStore } from '../../store/store-context';

/**
 * The Bayesian model's settings, shown beside the model choice when it is "Bayesian": the τ prior
 * (a preset with its source, or a custom half-normal / half-Cauchy scale), the μ prior (flat or
 * normal), the threshold of the second probability statement and the shrunken-estimates mark.
 * Every choice is in the address (tau-prior=, mu-prior=, beyond=, shrink=).
 */
export function BayesianControls({ threshold = true }: { threshold?: boolean }) {
  const { tauPrior, muPrior, bayesThreshold, shrinkage } = useAppStore(
    useShallow((s) => ({ tauPrior: s.analysis.tauPrior, muPrior: s.analysis.muPrior, bayesThreshold: s.analysis.bayesThreshold, shrinkage: s.analysis.shrinkage })),
  );
  const setAnalysis = useAppStore((s) => s.setAnalysis);
  const tau = parseTauPrior(tauPrior);
  const preset = TAU_PRIOR_PRESETS.find((p) => p.id === tauPrior);
  const customKind = preset ? null : tauPrior.split(':')[0] ?? 'half-normal';
  const customScale = preset ? '' : (tauPrior.split(':')[1] ?? '');
  const mu = parseMuPrior(muPrior);
  const [scaleText, setScaleText] = useState(customScale);
  const [muText, setMuText] = useState(muPrior.startsWith('normal:') ? muPrior.slice(7) : '0,4');
  const [thresholdText, setThresholdText] = useState(bayesThreshold === null ? '' : String(bayesThreshold));
  // Follow the store when it changes from elsewhere (a link, Back): derived state, reset in render.
  const [seen, setSeen] = useState({ customScale, bayesThreshold });
  if (seen.customScale !== customScale || seen.bayesThreshold !== bayesThreshold) {
    setSeen({ customScale, bayesThreshold });
    if (seen.customScale !== customScale) setScaleText(customScale);
    if (seen.bayesThreshold !== bayesThreshold && Number(thresholdText) !== bayesThreshold) setThresholdText(bayesThreshold === null ? '' : String(bayesThreshold));
  }
  const scaleProblem = customKind && customKind !== 'log-normal' && 'error' in parseTauPrior(`${customKind}:${scaleText}`) ? 'a number > 0' : null;

  return (
    <fieldset className="bayes-controls">
      <legend>Bayesian priors</legend>
      <label>
        τ prior
        <select
          value={preset ? preset.id : customKind === 'half-cauchy' ? 'custom-half-cauchy' : customKind === 'log-normal' ? 'custom-log-normal' : 'custom-half-normal'}
          aria-describedby="tau-prior-source"
          title={preset?.label}
          onChange={(e) => {
            const v = e.target.value;
            if (v === 'custom-half-normal') setAnalysis({ tauPrior: `half-normal:${scaleText || '0.5'}` });
            else if (v === 'custom-half-cauchy') setAnalysis({ tauPrior: `half-cauchy:${scaleText || '0.5'}` });
            else setAnalysis({ tauPrior: v });
          }}
        >
          {tauPriorOptionGroups().map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.options.map((o) => <option key={o.id} value={o.id}>{o.text}</option>)}
            </optgroup>
          ))}
          <optgroup label="Custom">
            <option value="custom-half-normal">half-normal, custom scale</option>
            <option value="custom-half-cauchy">half-Cauchy, custom scale</option>
            {customKind === 'log-normal' && <option value="custom-log-normal">{'error' in tau ? tauPrior : tau.label}</option>}
          </optgroup>
        </select>
      </label>
      {customKind && customKind !== 'log-normal' && (
        <label>
          τ scale
          <input
            type="text" inputMode="decimal" size={5} value={scaleText} aria-invalid={!!scaleProblem}
            onChange={(e) => {
              setScaleText(e.target.value);
              if (!('error' in parseTauPrior(`${customKind}:${e.target.value}`))) setAnalysis({ tauPrior: `${customKind}:${e.target.value}` });
            }}
          />
          {scaleProblem && <span className="control-reason">{scaleProblem}</span>}
        </label>
      )}
      <span className="control-reason" id="tau-prior-source">{'error' in tau ? tau.error : `${preset ? `${preset.label}. ` : ''}Source: ${tau.source}`}</span>
      <label>
        μ prior
        <select value={mu && !('error' in mu) && mu.prior.name === 'normal' ? 'normal' : 'flat'} onChange={(e) => setAnalysis({ muPrior: e.target.value === 'flat' ? 'flat' : `normal:${muText}` })}>
          <option value="flat">flat (improper)</option>
          <option value="normal">normal (mean, sd)</option>
        </select>
      </label>
      {muPrior.startsWith('normal:') && (
        <label>
          μ mean, sd
          <input
            type="text" size={7} value={muText}
            onChange={(e) => {
              setMuText(e.target.value);
              if (!('error' in parseMuPrior(`normal:${e.target.value}`))) setAnalysis({ muPrior: `normal:${e.target.value}` });
            }}
          />
        </label>
      )}
      {threshold && (
        <label>
          Threshold (IVIG side)
          <input
            type="text" inputMode="decimal" size={5} value={thresholdText} placeholder="e.g. 0.8"
            onChange={(e) => {
              setThresholdText(e.target.value);
              const x = Number(e.target.value);
              if (e.target.value.trim() === '') setAnalysis({ bayesThreshold: null });
              else if (Number.isFinite(x)) setAnalysis({ bayesThreshold: x });
            }}
          />
        </label>
      )}
      {threshold && (
        <label className="check">
          <input type="checkbox" checked={shrinkage} onChange={(e) => setAnalysis({ shrinkage: e.target.checked })} />
          Shrunken study estimates
        </label>
      )}
    </fieldset>
  );
}
