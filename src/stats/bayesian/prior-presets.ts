/**
 * τ prior presets, as data the UI can list (id, label, family, parameters, source, what they suit),
 * and the unit-information SD that scales a prior for a continuous outcome.
 *
 * Sources:
 * - Friede T, Röver C, Wandel S, Neuenschwander B (2017). Meta-analysis of two studies in the
 *   presence of heterogeneity with applications in rare diseases. Biometrical Journal 59:658–671;
 *   and Friede T, Röver C, Wandel S, Neuenschwander B (2017). Meta-analysis of few small studies in
 *   orphan diseases. Research Synthesis Methods 8:79–91. Half-normal scales 0.5 and 1.0 for log odds
 *   ratios (and similar log ratios), shown to work well in simulations with k = 2 to 5.
 * - Röver C (2020). Bayesian random-effects meta-analysis using the bayesmeta R package. Journal of
 *   Statistical Software 93(6):1–51, §2.2: half-normal(0.5) confines τ on the log-OR scale mostly to
 *   "reasonable" to "fairly high" values (Spiegelhalter, Abrams & Myles 2004, §5.7: 0.1–0.5
 *   reasonable, 0.5–1.0 fairly high, > 1.0 fairly extreme), leaving ~5% for "fairly extreme"; a
 *   heavier tail (half-Cauchy) for robustness.
 * - Röver C, Bender R, Dias S, Schmid CH, Schmidli H, Sturtz S, Weber S, Friede T (2021). On weakly
 *   informative prior distributions for the heterogeneity parameter in Bayesian random-effects
 *   meta-analysis. Research Synthesis Methods 12:448–474: heterogeneity prior scales expressed
 *   relative to the unit-information SD (UISD).
 * - Turner RM, Jackson D, Wei Y, Thompson SG, Higgins JPT (2015). Predictive distributions for
 *   between-study heterogeneity and simple methods for their application in Bayesian
 *   meta-analysis. Statistics in Medicine 34:984–998, Table IV (log-normal predictive
 *   distributions for τ² of log odds ratios, by outcome type and type of comparison) and p. 993
 *   (the marginal "any outcome, any comparison" distribution LN(−2.56, 1.74²)). The Table IV values
 *   below are those of bayesmeta's TurnerEtAlPrior() (bayesmeta 3.4, R/bayesmeta.R), which
 *   transcribes the table.
 */
import { InvalidInputError } from '../errors';
import { requirePositive } from '../validation';
import type { TauPrior } from './priors';

/** The effect scales a preset is meant for. */
export type PriorScale = 'log-ratio' | 'continuous';

export interface TauPriorPreset {
  /** Stable identifier, URL-safe (e.g. `half-normal-0.5`). */
  id: string;
  label: string;
  family: TauPrior['name'];
  /** The prior on the scale it is meant for (log ratios); continuous presets are built by `unitInformationPreset`. */
  prior: TauPrior;
  /** A short citation for captions and the UI. */
  source: string;
  /** The effect scales it suits. */
  suits: readonly PriorScale[];
  /** For Turner et al. priors: their outcome type and comparison. */
  turner?: { outcomeType: TurnerOutcomeType | 'any'; comparison: 'pharmacological vs placebo / control' | 'any' };
  note?: string;
}

/** Turner et al. (2015) outcome types (their Table IV rows), in their order. */
export const TURNER_OUTCOME_TYPES = [
  'all-cause mortality',
  'obstetric outcomes',
  'cause-specific mortality / major morbidity event / composite (mortality or morbidity)',
  'resource use / hospital stay / process',
  'surgical / device related success / failure',
  'withdrawals / drop-outs',
  'internal / structure-related outcomes',
  'general physical health indicators',
  'adverse events',
  'infection / onset of new disease',
  'signs / symptoms reflecting continuation / end of condition',
  'pain',
  'quality of life / functioning (dichotomized)',
  'mental health indicators',
  'biological markers (dichotomized)',
  'subjective outcomes (various)',
] as const;
export type TurnerOutcomeType = (typeof TURNER_OUTCOME_TYPES)[number];

/**
 * Turner et al. (2015) Table IV, column "pharmacological vs placebo / control": log τ² ~ N(meanLog, sdLog²)
 * for the log odds ratio. (IVIG against placebo is this comparison in every pooled analysis here.)
 */
export const TURNER_PHARMACOLOGICAL_VS_PLACEBO: Readonly<Record<TurnerOutcomeType, { meanLog: number; sdLog: number }>> = {
  'all-cause mortality': { meanLog: -3.95, sdLog: 1.34 },
  'obstetric outcomes': { meanLog: -3.52, sdLog: 1.74 },
  'cause-specific mortality / major morbidity event / composite (mortality or morbidity)': { meanLog: -3.71, sdLog: 1.74 },
  'resource use / hospital stay / process': { meanLog: -2.34, sdLog: 1.74 },
  'surgical / device related success / failure': { meanLog: -2.14, sdLog: 1.74 },
  'withdrawals / drop-outs': { meanLog: -2.99, sdLog: 1.74 },
  'internal / structure-related outcomes': { meanLog: -2.71, sdLog: 1.74 },
  'general physical health indicators': { meanLog: -2.29, sdLog: 1.53 },
  'adverse events': { meanLog: -1.87, sdLog: 1.52 },
  'infection / onset of new disease': { meanLog: -2.49, sdLog: 1.52 },
  'signs / symptoms reflecting continuation / end of condition': { meanLog: -2.06, sdLog: 1.51 },
  pain: { meanLog: -1.83, sdLog: 1.52 },
  'quality of life / functioning (dichotomized)': { meanLog: -2.54, sdLog: 1.54 },
  'mental health indicators': { meanLog: -2.12, sdLog: 1.53 },
  'biological markers (dichotomized)': { meanLog: -1.77, sdLog: 1.52 },
  'subjective outcomes (various)': { meanLog: -2.7, sdLog: 1.52 },
};

/** Turner et al. (2015), p. 993: the marginal distribution over outcome types and comparisons. */
export const TURNER_ANY = { meanLog: -2.56, sdLog: 1.74 } as const;

const TURNER_SOURCE = 'Turner et al. 2015, Stat Med 34:984–998, Table IV';

function turnerPreset(outcomeType: TurnerOutcomeType): TauPriorPreset {
  const { meanLog, sdLog } = TURNER_PHARMACOLOGICAL_VS_PLACEBO[outcomeType];
  return {
    id: `turner-${outcomeType.replace(/[^a-z]+/g, '-').replace(/^-|-$/g, '')}`,
    label: `Turner 2015: ${outcomeType}, pharmacological vs placebo (log τ² ~ N(${meanLog}, ${sdLog}²))`,
    family: 'logNormalTau2',
    prior: { name: 'logNormalTau2', meanLog, sdLog },
    source: `${TURNER_SOURCE} (${outcomeType}; pharmacological vs placebo / control)`,
    suits: ['log-ratio'],
    turner: { outcomeType, comparison: 'pharmacological vs placebo / control' },
    note: 'Turner et al. derived these for log odds ratios; on a log risk ratio they are an approximation.',
  };
}

/** The presets for log ratios (odds, risk, rate, hazard ratios), in the order the UI lists them. */
export const TAU_PRIOR_PRESETS: readonly TauPriorPreset[] = [
  {
    id: 'half-normal-0.5',
    label: 'Half-normal, scale 0.5',
    family: 'halfNormal',
    prior: { name: 'halfNormal', scale: 0.5 },
    source: 'Friede et al. 2017, Res Synth Methods 8:79–91; Röver et al. 2021, Res Synth Methods 12:448–474',
    suits: ['log-ratio'],
    note: 'τ mostly "reasonable" to "fairly high" (Spiegelhalter et al. 2004, §5.7); P(τ > 1) ≈ 4.6%.',
  },
  {
    id: 'half-normal-1.0',
    label: 'Half-normal, scale 1.0',
    family: 'halfNormal',
    prior: { name: 'halfNormal', scale: 1 },
    source: 'Friede et al. 2017, Res Synth Methods 8:79–91; Röver et al. 2021, Res Synth Methods 12:448–474',
    suits: ['log-ratio'],
    note: 'The more conservative of the two Friede et al. scales.',
  },
  {
    id: 'half-cauchy-0.5',
    label: 'Half-Cauchy, scale 0.5',
    family: 'halfCauchy',
    prior: { name: 'halfCauchy', scale: 0.5 },
    source: 'Röver 2020, J Stat Softw 93(6), §2.2; Gelman 2006, Bayesian Anal 1:515–534',
    suits: ['log-ratio'],
    note: 'Heavy-tailed: gives way to the data when they conflict with the prior. With k ≤ 2 and a flat μ prior some posterior moments do not exist (shown as ∞).',
  },
  {
    id: 'turner-any',
    label: `Turner 2015: any outcome, any comparison (log τ² ~ N(${TURNER_ANY.meanLog}, ${TURNER_ANY.sdLog}²))`,
    family: 'logNormalTau2',
    prior: { name: 'logNormalTau2', ...TURNER_ANY },
    source: 'Turner et al. 2015, Stat Med 34:984–998, p. 993 (marginal distribution)',
    suits: ['log-ratio'],
    turner: { outcomeType: 'any', comparison: 'any' },
  },
  ...TURNER_OUTCOME_TYPES.map(turnerPreset),
];

/** The preset with this id, or an error naming it. */
export function tauPriorPreset(id: string): TauPriorPreset {
  const preset = TAU_PRIOR_PRESETS.find((p) => p.id === id);
  if (preset === undefined) throw new InvalidInputError(`unknown tau prior preset: "${id}"`);
  return preset;
}

/**
 * The unit-information standard deviation, as bayesmeta's `uisd()`: with standard errors
 * σᵢ = σ_u/√nᵢ, σ_u is estimated by √(Σnᵢ / Σσᵢ⁻²) (equating the complete-pooling standard error
 * (Σσᵢ⁻²)^−½ with σ_u/√(Σnᵢ)). Röver et al. 2021, Res Synth Methods 12:448–474, §2.5.
 * `n` are the studies' total sample sizes, `vi` their sampling variances σᵢ².
 */
export function unitInformationSd(n: readonly number[], vi: readonly number[]): number {
  if (n.length !== vi.length) {
    throw new InvalidInputError(`n and vi must have the same length, got ${n.length} and ${vi.length}`);
  }
  if (n.length === 0) throw new InvalidInputError('the unit-information SD needs at least one study');
  let sumN = 0;
  let sumPrecision = 0;
  for (let i = 0; i < n.length; i++) {
    sumN += requirePositive('n', n[i], i);
    sumPrecision += 1 / requirePositive('vi', vi[i], i);
  }
  return Math.sqrt(sumN / sumPrecision);
}

/**
 * A half-normal τ prior for a continuous outcome, scaled by its unit-information SD:
 * half-normal(fraction·UISD). The default fraction 1/8 carries Friede et al.'s (2017) log-odds-ratio
 * scales over: Röver 2020 (J Stat Softw 93(6), Appendix A.1) derives the log odds ratio's unit
 * information SD as 4 (a 2×2 table a = b = c = d = N/4 with N = 1: √(1/a + 1/b + 1/c + 1/d) = 4),
 * so half-normal(0.5) is half-normal(UISD/8) there and half-normal(1.0) is UISD/4. The factor is
 * tied to the log odds ratio: for a log risk ratio the same appendix (A.2) gives a unit-information
 * SD of 2, against which half-normal(0.5) is UISD/4. Checked (December 2026) against bayesmeta's
 * uisd() documentation, which defines the estimator (Röver et al. 2021, Res Synth Methods
 * 12:448–474) but recommends no fraction, and against Röver 2020, Appendix A; the fraction 1/8 is
 * therefore our derivation from the log-OR case, not a published recommendation, and is named so
 * wherever it is used (the preset's label says "UISD/8").
 */
export function unitInformationPreset(uisd: number, fraction = 1 / 8): TauPriorPreset {
  const u = requirePositive('uisd', uisd);
  const f = requirePositive('fraction', fraction);
  const scale = f * u;
  const fractionText = Math.abs(1 / f - Math.round(1 / f)) < 1e-12 ? `UISD/${Math.round(1 / f)}` : `${f}·UISD`;
  return {
    id: `half-normal-uisd-${f}`,
    label: `Half-normal, scale ${fractionText} = ${scale.toPrecision(3)}`,
    family: 'halfNormal',
    prior: { name: 'halfNormal', scale },
    source: 'Röver et al. 2021, Res Synth Methods 12:448–474 (UISD); bayesmeta uisd()',
    suits: ['continuous'],
    note: `UISD = √(ΣN / Σ1/vᵢ) = ${u.toPrecision(4)}; ${fractionText} carries half-normal(${f === 1 / 4 ? '1.0' : '0.5'}) for log odds ratios (UISD ≈ 4) over to this scale.`,
  };
}
