/**
 * Prior distributions of the Bayesian normal-normal hierarchical model (Röver 2020, J Stat Softw
 * 93(6), §2: yᵢ | θᵢ ~ N(θᵢ, vᵢ), θᵢ | μ, τ ~ N(μ, τ²), μ and τ independent a priori).
 *
 * τ priors (densities on τ ≥ 0):
 * - half-normal(s):  p(τ) = 2/(s√(2π)) · exp(−τ²/(2s²))      (Friede et al. 2017, Res Synth Methods 8:79–91;
 *                                                               Röver et al. 2021, Res Synth Methods 12:448–474)
 * - half-Cauchy(s):  p(τ) = 2/(πs) · 1/(1 + (τ/s)²)           (Gelman 2006, Bayesian Anal 1:515–534)
 * - log-normal on τ²: log τ² ~ N(m, σ²), so log τ ~ N(m/2, (σ/2)²) and
 *                    p(τ) = 1/(τ·(σ/2)√(2π)) · exp(−(log τ − m/2)²/(2(σ/2)²))   (Turner et al. 2015,
 *                                                               Stat Med 34:984–998, Table IV)
 * - uniform(0, u):   p(τ) = 1/u on [0, u]
 * μ priors: flat (improper, p(μ) ∝ 1) or normal N(m₀, s₀²).
 *
 * All τ priors here are proper, so the posterior is proper whenever μ's conditional posterior is,
 * i.e. with k ≥ 1 studies or a normal μ prior.
 */
import { InvalidInputError, describeValue } from '../errors';
import { requireFinite } from '../validation';

export type TauPrior =
  | { name: 'halfNormal'; scale: number }
  | { name: 'halfCauchy'; scale: number }
  | { name: 'logNormalTau2'; meanLog: number; sdLog: number }
  | { name: 'uniform'; upper: number };

export type MuPrior = { name: 'flat' } | { name: 'normal'; mean: number; sd: number };

export const TAU_PRIOR_NAMES = ['halfNormal', 'halfCauchy', 'logNormalTau2', 'uniform'] as const;

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

function requirePositiveParameter(name: string, value: unknown): number {
  const x = requireFinite(name, value);
  if (!(x > 0)) throw new InvalidInputError(`${name} must be > 0, got ${x}`);
  return x;
}

/** Checks a τ prior and returns a clean copy; errors name the bad field (`tauPrior.scale must be > 0, got 0`). */
export function validateTauPrior(prior: unknown): TauPrior {
  if (typeof prior !== 'object' || prior === null) {
    throw new InvalidInputError(`tauPrior must be an object, got ${describeValue(prior)}`);
  }
  const p = prior as Record<string, unknown>;
  switch (p.name) {
    case 'halfNormal':
      return { name: 'halfNormal', scale: requirePositiveParameter('tauPrior.scale', p.scale) };
    case 'halfCauchy':
      return { name: 'halfCauchy', scale: requirePositiveParameter('tauPrior.scale', p.scale) };
    case 'logNormalTau2':
      return {
        name: 'logNormalTau2',
        meanLog: requireFinite('tauPrior.meanLog', p.meanLog),
        sdLog: requirePositiveParameter('tauPrior.sdLog', p.sdLog),
      };
    case 'uniform':
      return { name: 'uniform', upper: requirePositiveParameter('tauPrior.upper', p.upper) };
    default:
      throw new InvalidInputError(
        `invalid tauPrior.name: ${describeValue(p.name)} (expected one of ${TAU_PRIOR_NAMES.join(', ')})`,
      );
  }
}

/** Checks a μ prior (undefined = flat). */
export function validateMuPrior(prior: unknown): MuPrior {
  if (prior === undefined) return { name: 'flat' };
  if (typeof prior !== 'object' || prior === null) {
    throw new InvalidInputError(`muPrior must be an object, got ${describeValue(prior)}`);
  }
  const p = prior as Record<string, unknown>;
  if (p.name === 'flat') return { name: 'flat' };
  if (p.name === 'normal') {
    return { name: 'normal', mean: requireFinite('muPrior.mean', p.mean), sd: requirePositiveParameter('muPrior.sd', p.sd) };
  }
  throw new InvalidInputError(`invalid muPrior.name: ${describeValue(p.name)} (expected one of flat, normal)`);
}

/** log p(τ) including its normalising constant; −Infinity outside the support (and at τ = 0 for the log-normal). */
export function tauPriorLogDensity(prior: TauPrior, tau: number): number {
  if (!(tau >= 0)) return Number.NEGATIVE_INFINITY;
  switch (prior.name) {
    case 'halfNormal': {
      const z = tau / prior.scale;
      return Math.LN2 - LOG_SQRT_2PI - Math.log(prior.scale) - 0.5 * z * z;
    }
    case 'halfCauchy': {
      const z = tau / prior.scale;
      return Math.LN2 - Math.log(Math.PI * prior.scale) - Math.log1p(z * z);
    }
    case 'logNormalTau2': {
      if (tau === 0) return Number.NEGATIVE_INFINITY;
      const sdLogTau = 0.5 * prior.sdLog;
      const logTau = Math.log(tau);
      const z = (logTau - 0.5 * prior.meanLog) / sdLogTau;
      return -logTau - Math.log(sdLogTau) - LOG_SQRT_2PI - 0.5 * z * z;
    }
    case 'uniform':
      return tau <= prior.upper ? -Math.log(prior.upper) : Number.NEGATIVE_INFINITY;
  }
}

/** p(τ), the prior density (for plotting the prior beside the posterior). */
export function tauPriorDensity(prior: TauPrior, tau: number): number {
  return Math.exp(tauPriorLogDensity(prior, tau));
}

/** p(μ) for a normal prior; null for the flat (improper) prior, which has no density to draw. */
export function muPriorDensity(prior: MuPrior, mu: number): number | null {
  if (prior.name === 'flat') return null;
  const z = (mu - prior.mean) / prior.sd;
  return Math.exp(-0.5 * z * z - LOG_SQRT_2PI) / prior.sd;
}

/**
 * A τ value on the prior's own scale, where the quadrature splits the half-line: the half-normal
 * and half-Cauchy scale, the log-normal's median exp(m/2), half the uniform's upper bound.
 */
export function tauPriorScale(prior: TauPrior): number {
  switch (prior.name) {
    case 'halfNormal':
    case 'halfCauchy':
      return prior.scale;
    case 'logNormalTau2':
      return Math.exp(0.5 * prior.meanLog);
    case 'uniform':
      return 0.5 * prior.upper;
  }
}
