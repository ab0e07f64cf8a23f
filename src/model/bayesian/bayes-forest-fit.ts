/** One Bayesian fit of a set of study effects with the priors as the address names them. */
import { InvalidInputError, bayesianMetaAnalysis, type BayesianMetaAnalysisResult } from '../../stats';
import { parseMuPrior, parseTauPrior } from './bayes-settings';

/** The Bayesian fit of a sensitivity input (the forest's effects) with the priors named. */
export function bayesianFit(input: { studies: readonly { yi: number; vi: number }[]; level: number }, tauPrior: string, muPrior: string): { result: BayesianMetaAnalysisResult; priorText: string; priorSource: string } {
  const t = parseTauPrior(tauPrior);
  const m = parseMuPrior(muPrior);
  if ('error' in t) throw new InvalidInputError(t.error);
  if ('error' in m) throw new InvalidInputError(m.error);
  const result = bayesianMetaAnalysis(input.studies.map((s) => ({ yi: s.yi, vi: s.vi })), { tauPrior: t.prior, muPrior: m.prior, level: input.level });
  return { result, priorText: `τ ~ ${t.label}, μ ~ ${m.label}`, priorSource: t.source };
}

