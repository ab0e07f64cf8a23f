/**
 * The Bayesian part of the forest's R script (model = bayes), written after the metafor part, on
 * its data frame `dat` (the included studies, in the plot's direction): the prior exactly as the
 * app uses it, then
 *   1. a `bayesmeta` call (Röver 2020, J Stat Softw 93(6)) for users who have the package, with
 *      central intervals as the app's;
 *   2. the same posterior in base R alone — μ integrated out given τ (a conditional normal), the
 *      marginal posterior of τ integrated by integrate() over pieces split around its mode, μ and a
 *      new study's θ as mixtures over τ of their conditional normals, quantiles by uniroot() — as
 *      tests/reference/make-bayes-fixtures.R computes the engine's fixtures. It prints the
 *      posterior median and CrI of μ, τ's median and interval, the predictive interval and the
 *      probability statements of the app, and leaves them in `bayes_check`.
 * The numbers agree with the app's to about 1e-8 (both integrate to ≈1e-10); bayesmeta's μ figures
 * come from its DIRECT grid approximation of the τ-mixture (Röver 2020 §3.3), so to about 1e-4.
 */
import type { MuPrior, TauPrior } from '../stats';
import type { AnalysisChoices, ForestModel } from '../model/forest-model';
import { parseMuPrior, parseTauPrior } from '../model/bayesian/bayes-settings';

const rNum = (x: number) => (Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(15))));

/** The τ prior as a base-R density on τ (a log-normal on τ² times its Jacobian |dτ²/dτ| = 2τ). */
export function baseRTauPrior(prior: TauPrior): string {
  switch (prior.name) {
    case 'halfNormal': return `function(t) 2 * dnorm(t, 0, ${rNum(prior.scale)})`;
    case 'halfCauchy': return `function(t) 2 * dcauchy(t, 0, ${rNum(prior.scale)})`;
    case 'logNormalTau2': return `function(t) dlnorm(t^2, meanlog = ${rNum(prior.meanLog)}, sdlog = ${rNum(prior.sdLog)}) * 2 * t`;
    case 'uniform': return `function(t) dunif(t, 0, ${rNum(prior.upper)})`;
  }
}

/** The τ prior as bayesmeta's `tau.prior` argument (its own half-normal / half-Cauchy densities). */
export function bayesmetaTauPrior(prior: TauPrior): string {
  switch (prior.name) {
    case 'halfNormal': return `function(t) dhalfnormal(t, scale = ${rNum(prior.scale)})`;
    case 'halfCauchy': return `function(t) dhalfcauchy(t, scale = ${rNum(prior.scale)})`;
    case 'logNormalTau2': return `function(t) dlnorm(t^2, meanlog = ${rNum(prior.meanLog)}, sdlog = ${rNum(prior.sdLog)}) * 2 * t`;
    case 'uniform': return `function(t) dunif(t, 0, ${rNum(prior.upper)})`;
  }
}

const TAU_PRIOR_NOTE: Record<TauPrior['name'], string> = {
  halfNormal: 'a half-normal density on tau',
  halfCauchy: 'a half-Cauchy density on tau',
  logNormalTau2: 'log(tau^2) ~ N(meanlog, sdlog^2): the density of tau^2 times |d tau^2 / d tau| = 2 tau',
  uniform: 'uniform on [0, upper]',
};

/** The lines after the metafor part; [] unless the model is Bayesian. */
export function bayesianRLines(model: ForestModel, c: AnalysisChoices): string[] {
  if (c.model !== 'bayes') return [];
  const b = model.bayesian;
  if (!b) return ['', `# No Bayesian row in the app: ${model.bayesianReason ?? 'nothing to pool'}`];
  const t = parseTauPrior(c.tauPrior);
  const m = parseMuPrior(c.muPrior);
  // The model's row was fitted with these priors, so they parse; a guard for the types.
  if ('error' in t || 'error' in m) return ['', `# No Bayesian row: ${'error' in t ? t.error : ''}${'error' in m ? m.error : ''}`];
  // The engine's prior type (the address offers no uniform, the script writer handles it too).
  const tau = t.prior as TauPrior;
  const mu: MuPrior = m.prior;
  const scale = model.isRatio ? `log ${b.measure}` : b.measure;
  const level = b.level / 100;
  const back = model.isRatio ? 'exp' : '';
  // P(benefit) = P(mu on the IVIG side of no effect); the threshold likewise (bayesian-forest.ts).
  const side = (x: string) => (b.lowerFavoursIvig ? `post$mu_cdf(${x})` : `1 - post$mu_cdf(${x})`);
  const thresholdAt = b.threshold ? (model.isRatio ? `log(${rNum(b.threshold.value)})` : rNum(b.threshold.value)) : null;
  const tauMax = tau.name === 'uniform' ? rNum(tau.upper) : 'Inf';
  const muArgs = mu.name === 'flat' ? 'mu.prior.mean = NA, mu.prior.sd = NA,  # flat' : `mu.prior.mean = ${rNum(mu.mean)}, mu.prior.sd = ${rNum(mu.sd)},`;
  return [
    '',
    '# ---- Bayesian random effects: the app\'s Bayesian row -------------------------------------',
    '# y_i ~ N(theta_i, v_i), theta_i ~ N(mu, tau^2) (Roever 2020, J Stat Softw 93(6)), on the data above.',
    `# Prior: ${b.priorText} (${b.priorSource}).`,
    `# The app shows: ${b.measure} ${b.effectText} (posterior median, ${b.level}% central CrI); tau ${b.tau.median.toFixed(2)} [${b.tau.lower.toFixed(2)}, ${b.tau.upper.toFixed(2)}]; ${b.benefitText}${b.threshold ? `; ${b.threshold.text}` : ''}.`,
    `y <- as.numeric(dat$yi)  # ${scale}, in the plot's direction`,
    'v <- as.numeric(dat$vi)',
    `tau_prior <- ${baseRTauPrior(tau)}  # ${TAU_PRIOR_NOTE[tau.name]}`,
    `tau_max <- ${tauMax}  # upper end of the tau prior's support`,
    `mu_prior <- ${mu.name === 'flat' ? 'NULL  # flat' : `c(mean = ${rNum(mu.mean)}, sd = ${rNum(mu.sd)})  # normal`}`,
    `level <- ${rNum(level)}`,
    '',
    '# 1. With bayesmeta (install.packages("bayesmeta")), central intervals as in the app. Its mu',
    '#    figures come from a grid approximation of the tau-mixture (DIRECT; Roever 2020, section 3.3),',
    '#    so expect agreement with the app to about 1e-4 there, about 1e-6 on tau.',
    'if (requireNamespace("bayesmeta", quietly = TRUE)) {',
    '  library(bayesmeta)',
    '  bm <- bayesmeta(y = y, sigma = sqrt(v), labels = dat$study,',
    `                  tau.prior = ${bayesmetaTauPrior(tau)},`,
    `                  ${muArgs}`,
    '                  interval.type = "central")',
    '  print(bm)',
    '  cat("bayesmeta: mu median", bm$qposterior(mu.p = 0.5), "; CrI", bm$post.interval(mu.level = level),',
    '      "\\n  tau median", bm$qposterior(tau.p = 0.5), "; interval", bm$post.interval(tau.level = level),',
    '      "\\n  predictive interval", bm$post.interval(mu.level = level, predict = TRUE),',
    '      "\\n  P(mu < 0) =", bm$pposterior(mu = 0), "\\n")',
    '} else cat("\\nbayesmeta is not installed: the base-R computation below gives the app\'s numbers.\\n")',
    '',
    '# 2. Base R only. mu integrates out given tau (mu | tau, y is normal), so p(tau | y) is',
    '#    one-dimensional: integrate() over tau, in pieces around its mode; mu and a new study\'s theta',
    '#    are mixtures over tau of their conditional normals; quantiles by uniroot().',
    'bayes_posterior <- function(y, v, tau_prior, mu_prior = NULL, tau_max = Inf) {',
    '  yy <- c(y, mu_prior[["mean"]])  # a normal mu prior enters as one more observation',
    '  conditional <- function(t) {    # mu | tau, y ~ N(m, V); loglik: log p(y | tau) + constant',
    '    Vy <- outer(v, t^2, "+")',
    '    W <- 1 / rbind(Vy, if (!is.null(mu_prior)) matrix(mu_prior[["sd"]]^2, 1, length(t)))',
    '    S <- colSums(W)',
    '    m <- colSums(W * yy) / S',
    '    list(m = m, V = 1 / S, loglik = -0.5 * (colSums(log(Vy)) + log(S) + colSums(W * (yy - rep(m, each = length(yy)))^2)))',
    '  }',
    '  logpost <- function(t) log(tau_prior(t)) + conditional(t)$loglik',
    '  mode <- exp(optimize(function(l) logpost(exp(l)) + l, c(log(1e-6), log(min(tau_max, 1e3))), maximum = TRUE)$maximum)',
    '  ref <- logpost(mode)',
    '  cuts <- sort(unique(c(0, mode * 2^(-8:8), tau_max)))',
    '  cuts <- cuts[cuts <= tau_max]',
    '  Z <- 1',
    '  over_tau <- function(f, to = tau_max) {  # the integral of f(tau) p(tau | y) over (0, to)',
    '    pts <- c(cuts[cuts < to], to)',
    '    sum(sapply(seq_len(length(pts) - 1), function(j)',
    '      integrate(function(t) f(t) * exp(logpost(t) - ref), pts[j], pts[j + 1], rel.tol = 1e-10, subdivisions = 1000L)$value)) / Z',
    '  }',
    '  Z <- over_tau(function(t) 1)',
    '  mu_cdf <- function(x, predictive = FALSE)',
    '    over_tau(function(t) { cc <- conditional(t); pnorm(x, cc$m, sqrt(cc$V + predictive * t^2)) })',
    '  quantile_of <- function(cdf, p, centre, width) {',
    '    lo <- centre - width; hi <- centre + width',
    '    while (cdf(lo) > p) lo <- centre - 2 * (centre - lo)',
    '    while (cdf(hi) < p) hi <- centre + 2 * (hi - centre)',
    '    uniroot(function(x) cdf(x) - p, c(lo, hi), tol = 1e-12)$root',
    '  }',
    '  c0 <- conditional(mode)',
    '  tau_cdf <- function(x) if (x <= 0) 0 else over_tau(function(t) 1, min(x, tau_max))',
    '  list(mu_cdf = mu_cdf,',
    '       mu_q = function(p) quantile_of(mu_cdf, p, c0$m, 10 * sqrt(c0$V)),',
    '       pred_q = function(p) quantile_of(function(x) mu_cdf(x, TRUE), p, c0$m, 10 * sqrt(c0$V + mode^2)),',
    '       tau_q = function(p) { hi <- mode; while (tau_cdf(hi) < p) hi <- 2 * hi; uniroot(function(x) tau_cdf(x) - p, c(0, hi), tol = 1e-12)$root })',
    '}',
    'post <- bayes_posterior(y, v, tau_prior, mu_prior, tau_max)',
    'a <- (1 - level) / 2',
    'bayes_check <- list(',
    '  mu_median = post$mu_q(0.5), mu_lower = post$mu_q(a), mu_upper = post$mu_q(1 - a),',
    '  tau_median = post$tau_q(0.5), tau_lower = post$tau_q(a), tau_upper = post$tau_q(1 - a),',
    '  pred_lower = post$pred_q(a), pred_upper = post$pred_q(1 - a),',
    `  p_benefit = ${side('0')}${thresholdAt ? ',' : ''}  # ${b.benefitText.replace(/ = .*/, '')}`,
    ...(thresholdAt ? [`  p_threshold = ${side(thresholdAt)}  # ${b.threshold!.text.replace(/ = .*/, '')}`] : []),
    ')',
    `cat("\\nBayesian (base R): ${b.measure} ", sprintf("%.2f [%.2f, %.2f]", ${back}(bayes_check$mu_median), ${back}(bayes_check$mu_lower), ${back}(bayes_check$mu_upper)),`,
    `    " (posterior median, ", 100 * level, "% CrI); tau ", sprintf("%.2f [%.2f, %.2f]", bayes_check$tau_median, bayes_check$tau_lower, bayes_check$tau_upper),`,
    `    "; predictive interval ", sprintf("[%.2f, %.2f]", ${back}(bayes_check$pred_lower), ${back}(bayes_check$pred_upper)), "\\n", sep = "")`,
    `print(unlist(bayes_check), digits = 10)  # ${scale} scale for mu and the predictive interval`,
  ];
}
