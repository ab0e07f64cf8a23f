/**
 * The priors of the Bayesian model as the user chooses them (and as the address carries them):
 * a named preset with its source, or a custom scale. Pure and engine-free, so that the URL code
 * (on the first load) can read `tau-prior=` and `mu-prior=` without the statistics engine.
 *
 * Address forms:
 *   tau-prior=half-normal-0.5 | half-normal-1 | half-cauchy-0.5 | turner-any       (presets)
 *   tau-prior=half-normal:0.3 | half-cauchy:0.3 | log-normal:-2.56,1.74             (custom)
 *   mu-prior=flat | normal:0,4                                                       (mean, sd)
 */

/** Structurally the engine's `TauPrior` (src/stats/bayesian/priors.ts). */
export type TauPriorSpec =
  | { name: 'halfNormal'; scale: number }
  | { name: 'halfCauchy'; scale: number }
  | { name: 'logNormalTau2'; meanLog: number; sdLog: number };

export type MuPriorSpec = { name: 'flat' } | { name: 'normal'; mean: number; sd: number };

export interface TauPriorPreset {
  id: string;
  label: string;
  prior: TauPriorSpec;
  /** Where the prior comes from and why it is offered, shown beside the choice. */
  source: string;
}

/**
 * The τ presets for effects on the log scale (log OR, log RR, log HR, log rate ratio) and for SMDs.
 * - Half-normal(0.5): "fairly conservative" for log ORs, P(τ > 1) ≈ 5% — Friede et al. 2017,
 *   Res Synth Methods 8:79–91; Röver et al. 2021, Res Synth Methods 12:448–474.
 * - Half-normal(1.0): weakly informative, wider — Friede et al. 2017; Röver et al. 2021.
 * - Half-Cauchy(0.5): heavier tail — Gelman 2006, Bayesian Anal 1:515–534; Röver et al. 2021.
 * - Turner et al. 2015 (Stat Med 34:984–998, Table IV): the predictive distribution for τ² in a
 *   new meta-analysis of log ORs, here the marginal "any outcome, any comparison" setting,
 *   log τ² ~ N(−2.56, 1.74²). Why this one: their outcome-specific settings are for
 *   pharmacological vs placebo comparisons by outcome type, and our outcomes (relapse-free,
 *   EDSS worsening, MRI counts) map to their categories only by judgement; the marginal setting
 *   states no such judgement. The bayes engine's documentation (and the README) give the
 *   mapping for the outcome-specific priors.
 */
export const TAU_PRIOR_PRESETS: readonly TauPriorPreset[] = [
  { id: 'half-normal-0.5', label: 'half-normal(0.5)', prior: { name: 'halfNormal', scale: 0.5 }, source: 'Friede et al. 2017; Röver et al. 2021 (weakly informative for log odds/risk ratios: P(τ > 1) ≈ 5%)' },
  { id: 'half-normal-1', label: 'half-normal(1.0)', prior: { name: 'halfNormal', scale: 1 }, source: 'Friede et al. 2017; Röver et al. 2021 (wider: P(τ > 1) ≈ 32%)' },
  { id: 'half-cauchy-0.5', label: 'half-Cauchy(0.5)', prior: { name: 'halfCauchy', scale: 0.5 }, source: 'Gelman 2006; Röver et al. 2021 (heavy tail)' },
  { id: 'turner-any', label: 'Turner 2015 log-normal (any)', prior: { name: 'logNormalTau2', meanLog: -2.56, sdLog: 1.74 }, source: 'Turner et al. 2015, Stat Med 34:984–998, Table IV: log τ² ~ N(−2.56, 1.74²), the marginal setting for any outcome and comparison (log odds ratios)' },
];

export const DEFAULT_TAU_PRIOR = 'half-normal-0.5';
export const DEFAULT_MU_PRIOR = 'flat';

const NUMBER = '-?\\d+(?:\\.\\d+)?(?:e-?\\d+)?';
const CUSTOM = new RegExp(`^(half-normal|half-cauchy):(${NUMBER})$|^log-normal:(${NUMBER}),(${NUMBER})$`);

/** The τ prior an address value names, or an error message naming the value. */
export function parseTauPrior(value: string): { prior: TauPriorSpec; label: string; source: string } | { error: string } {
  const preset = TAU_PRIOR_PRESETS.find((p) => p.id === value);
  if (preset) return { prior: preset.prior, label: preset.label, source: preset.source };
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
