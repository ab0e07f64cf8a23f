# Bayesian rows of the method-sensitivity panel, computed independently of the TypeScript engine:
# base R integrate() over τ for the normal-normal model with a flat μ prior (Röver 2020, J Stat Softw
# 93(6), eqs. 9-12), on the bundled IVIG relapse-free trials (AIMS 40/75 vs 26/73, Achiron 6/20 vs
# 0/20; log odds ratios from metafor's escalc) and on dat.bcg (log RR).
#
# Run from the repository root:   Rscript tests/reference/make-bayes-sensitivity-fixtures.R
# Writes tests/reference/fixtures/bayes-sensitivity.json.
suppressPackageStartupMessages({ library(metafor); library(jsonlite) })

priors <- list(
  "half-normal-0.5" = list(call = "2 * dnorm(t, 0, 0.5)", f = function(t) 2 * dnorm(t, 0, 0.5)),
  "half-normal-1.0" = list(call = "2 * dnorm(t, 0, 1)", f = function(t) 2 * dnorm(t, 0, 1)),
  # Turner et al. 2015 Table IV, signs/symptoms reflecting continuation/end of condition,
  # pharmacological vs placebo: log τ² ~ N(-2.06, 1.51²) (the relapse outcomes' type)
  "turner-signs-symptoms-reflecting-continuation-end-of-condition" = list(call = "dlnorm(t^2, -2.06, 1.51) * 2 * t", f = function(t) ifelse(t > 0, dlnorm(t^2, -2.06, 1.51) * 2 * t, 0)),
  # log τ² ~ N(-2.56, 1.74²) (Turner et al. 2015): p(τ) = dlnorm(τ², -2.56, 1.74) · 2τ
  "turner-any" = list(call = "dlnorm(t^2, -2.56, 1.74) * 2 * t", f = function(t) ifelse(t > 0, dlnorm(t^2, -2.56, 1.74) * 2 * t, 0))
)
TOL <- 1e-12

bayes_summary <- function(y, v, prior) {
  cond <- function(t) { w <- 1 / (v + t^2); S <- sum(w); m <- sum(w * y) / S; list(S = S, m = m, w = w) }
  loglik <- function(t) sapply(t, function(tt) { c <- cond(tt); -0.5 * (sum(log(v + tt^2)) + log(c$S) + sum(c$w * (y - c$m)^2)) })
  ref <- loglik(0.1)
  dens <- function(t) prior(t) * exp(loglik(t) - ref)
  Z <- integrate(dens, 0, Inf, rel.tol = TOL, subdivisions = 2000L)$value
  post <- function(t) dens(t) / Z
  mixcdf <- function(x, sdfun) integrate(function(t) post(t) * sapply(t, function(tt) { c <- cond(tt); pnorm((x - c$m) / sdfun(c, tt)) }), 0, Inf, rel.tol = TOL, subdivisions = 2000L)$value
  musd <- function(c, tt) sqrt(1 / c$S)
  predsd <- function(c, tt) sqrt(1 / c$S + tt^2)
  q <- function(p, sdfun) uniroot(function(x) mixcdf(x, sdfun) - p, c(-20, 20), tol = 1e-13)$root
  taucdf <- function(x) integrate(post, 0, x, rel.tol = TOL)$value
  tq <- function(p) uniroot(function(x) taucdf(x) - p, c(1e-12, 20), tol = 1e-13)$root
  list(
    muMedian = q(0.5, musd), muLower = q(0.025, musd), muUpper = q(0.975, musd),
    tauMedian = tq(0.5), tauLower = tq(0.025), tauUpper = tq(0.975),
    predictionLower = q(0.025, predsd), predictionUpper = q(0.975, predsd),
    probabilityBelow0 = mixcdf(0, musd)
  )
}

ivig <- escalc("OR", ai = c(40, 6), n1i = c(75, 20), ci = c(26, 0), n2i = c(73, 20))
ivig3 <- escalc("OR", ai = c(40, 6, 50), n1i = c(75, 20, 86), ci = c(26, 0, 28), n2i = c(73, 20, 41))
bcg <- escalc("RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)
sets <- list(
  "ivig-relapse-free-OR-k2" = list(call = 'escalc("OR", ai = c(40, 6), n1i = c(75, 20), ci = c(26, 0), n2i = c(73, 20))', d = ivig),
  "ivig-relapse-free-OR-k3" = list(call = 'escalc("OR", ai = c(40, 6, 50), n1i = c(75, 20, 86), ci = c(26, 0, 28), n2i = c(73, 20, 41))', d = ivig3),
  "bcg-RR" = list(call = 'escalc("RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)', d = bcg)
)
cases <- list()
for (nm in names(sets)) for (p in names(priors)) {
  d <- sets[[nm]]$d
  cases[[length(cases) + 1]] <- c(list(dataset = nm, datasetCall = sets[[nm]]$call, tauPrior = p, tauPriorDensity = priors[[p]]$call, muPrior = "flat",
                                        yi = I(as.numeric(d$yi)), vi = I(as.numeric(d$vi))),
                                   bayes_summary(as.numeric(d$yi), as.numeric(d$vi), priors[[p]]$f))
}
out <- file.path("tests", "reference", "fixtures", "bayes-sensitivity.json")
writeLines(toJSON(list(meta = list(R = R.version.string, metafor = as.character(packageVersion("metafor")), script = "tests/reference/make-bayes-sensitivity-fixtures.R",
                                   method = "integrate() over tau (rel.tol 1e-12), uniroot() for quantiles (tol 1e-13); flat mu prior"),
                       cases = cases), auto_unbox = TRUE, digits = I(15), pretty = TRUE), out)
cat("wrote", out, "\n")
