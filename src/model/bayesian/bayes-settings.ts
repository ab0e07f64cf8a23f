/**
 * The priors of the Bayesian model as the user chooses them (and as the address carries them):
 * a named preset with its source, or a custom scale. Pure and engine-free, so that the URL code
 * (on the first load) can read `tau-prior=` and `mu-prior=` without the statistics engine.
 *
 * Address forms:
 *   tau-prior=half-normal-0.5 | half-normal-1.0 | half-cauchy-0.5 | turner-any | turner-<outcome type> (presets)
 *   tau-prior=half-normal:0.3 | half-cauchy:0.3 | log-normal:-2.56,1.74             (custom)
 *   mu-prior=flat | normal:0,4                                                       (mean, sd)
 */

import { TAU_PRIOR_PRESETS as ENGINE_PRESETS } from '../../stats/bayesian/prior-presets';

/** Structurally the engine's `TauPrior` (src/stats/bayesian/priors.ts), without the uniform. */
export type TauPriorSpec =
  | { name: 'halfNormal'; scale: number }
  | { name: 'halfCauchy'; scale: number }
  | { name: 'logNormalTau2'; meanLog: number; sdLog: number };

export type MuPriorSpec = { name: 'flat' } | { name: 'normal'; mean: number; sd: number };

/**
 * The τ presets are the bayes engine's (src/stats/bayesian/prior-presets.ts: half-normal 0.5 and
 * 1.0, half-Cauchy 0.5, Turner et al. 2015 marginal and by outcome type, each with its source),
 * imported from that module alone (not the engine's index) so that the first load stays small.
 */
export const TAU_PRIOR_PRESETS: readonly { id: string; label: string; prior: TauPriorSpec; source: string; note?: string; turner?: { outcomeType: string; comparison: string } }[] = ENGINE_PRESETS.filter(
  (p): p is typeof p & { prior: TauPriorSpec } => p.prior.name !== 'uniform',
);

export const DEFAULT_TAU_PRIOR = 'half-normal-0.5';
export const DEFAULT_MU_PRIOR = 'flat';

const NUMBER = '-?\\d+(?:\\.\\d+)?(?:e-?\\d+)?';
const CUSTOM = new RegExp(`^(half-normal|half-cauchy):(${NUMBER})$|^log-normal:(${NUMBER}),(${NUMBER})$`);

/**
 * The τ prior presets as the control lists them: the half-normal and half-Cauchy scales, then
 * Turner et al.'s priors under one group heading that says what they share (log τ² ~ N(m, s²);
 * pharmacological vs placebo), each option naming only its outcome type and (m, s), so that the
 * select is not as wide as the longest full name. The full name is the preset's `label`.
 */
export function tauPriorOptionGroups(): { label: string; options: { id: string; text: string }[] }[] {
  const turner = TAU_PRIOR_PRESETS.filter((p) => p.turner && p.prior.name === 'logNormalTau2');
  const turnerText = (p: (typeof TAU_PRIOR_PRESETS)[number]) => {
    const t = p.prior as Extract<TauPriorSpec, { name: 'logNormalTau2' }>;
    return `${p.turner!.outcomeType === 'any' ? 'any outcome, any comparison' : p.turner!.outcomeType}: N(${t.meanLog}, ${t.sdLog}²)`;
  };
  return [
    { label: 'Half-normal, half-Cauchy', options: TAU_PRIOR_PRESETS.filter((p) => !p.turner).map((p) => ({ id: p.id, text: p.label })) },
    { label: 'Turner 2015, pharmacological vs placebo: log τ² ~ N(m, s²)', options: turner.map((p) => ({ id: p.id, text: turnerText(p) })) },
  ];
}

/** "half-normal(0.5)", "half-Cauchy(0.5)", "Turner: log τ² ~ N(−2.06, 1.51²)". */
export function shortPriorLabel(prior: TauPriorSpec, turner = false): string {
  if (prior.name === 'halfNormal') return `half-normal(${prior.scale})`;
  if (prior.name === 'halfCauchy') return `half-Cauchy(${prior.scale})`;
  return `${turner ? 'Turner: ' : ''}log τ² ~ N(${prior.meanLog}, ${prior.sdLog}²)`;
}

/** The τ prior an address value names, or an error message naming the value. */
export function parseTauPrior(value: string): { prior: TauPriorSpec; label: string; source: string } | { error: string } {
  const preset = TAU_PRIOR_PRESETS.find((p) => p.id === value);
  if (preset) return { prior: preset.prior, label: shortPriorLabel(preset.prior, preset.id.startsWith('turner')), source: preset.note ? `${preset.source}; ${preset.note}` : preset.source };
  const m = CUSTOM.exec(value);
  if (!m) return { error: `Ignored tau-prior="${value}" (expected one of ${TAU_PRIOR_PRESETS.map((p) => p.id).join(', ')}, or half-normal:<scale>, half-cauchy:<scale>, log-normal:<mean of log τ²>,<sd of log τ²>).` };
  if (m[1]) {
    const scale = Number(m[2]);
    if (!(scale > 0)) return { error: `Ignored tau-prior="${value}" (the scale must be > 0).` };
    const half = m[1] === 'half-normal' ? 'halfNormal' : 'halfCauchy';
    return { prior: { name: half, scale }, label: `${m[1] === 'half-normal' ? 'half-normal' : 'half-Cauchy'}(${scale})`, source: 'user-set scale' };
  }
  const meanLog = Number(m[3]);
  const sdLog = Number(m[4]);
  if (!(sdLog > 0)) return { error: `Ignored tau-prior="${value}" (the sd of log τ² must be > 0).` };
  return { prior: { name: 'logNormalTau2', meanLog, sdLog }, label: `log τ² ~ N(${meanLog}, ${sdLog}²)`, source: 'user-set' };
}

export function parseMuPrior(value: string): { prior: MuPriorSpec; label: string } | { error: string } {
  if (value === 'flat') return { prior: { name: 'flat' }, label: 'flat' };
  const m = new RegExp(`^normal:(${NUMBER}),(${NUMBER})$`).exec(value);
  if (!m || !(Number(m[2]) > 0)) return { error: `Ignored mu-prior="${value}" (expected flat or normal:<mean>,<sd> with sd > 0).` };
  return { prior: { name: 'normal', mean: Number(m[1]), sd: Number(m[2]) }, label: `N(${Number(m[1])}, ${Number(m[2])}²)` };
}

/** The address value of a τ prior (a preset's id, or the custom form). */
export function tauPriorValue(prior: TauPriorSpec): string {
  const preset = TAU_PRIOR_PRESETS.find((p) => JSON.stringify(p.prior) === JSON.stringify(prior));
  if (preset) return preset.id;
  if (prior.name === 'logNormalTau2') return `log-normal:${prior.meanLog},${prior.sdLog}`;
  return `${prior.name === 'halfNormal' ? 'half-normal' : 'half-cauchy'}:${prior.scale}`;
}

/** How captions, exports and the header name the model: "τ ~ half-normal(0.5), μ flat". */
export function priorText(tau: string, mu: string): string {
  const t = parseTauPrior(tau);
  const m = parseMuPrior(mu);
  return `τ ~ ${'error' in t ? tau : t.label}, μ ~ ${'error' in m ? mu : m.label}`;
}
