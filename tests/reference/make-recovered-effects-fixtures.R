# Reference values for the recovered effects of the bundled evidence set, computed in R from the
# numbers in public/data/evidence.json: the recovery (combined IVIG arms, a crossover read as
# parallel, a shared placebo split between dose arms, an imputed SD, an SE from a p-value) in base
# R arithmetic on the Cochrane Handbook formulas (metafor 3.8 has no conv.*), the pooling and the
# meta-regression with metafor's rma(). The app's e2e tests check its screens against this file.
#
# Run from the repository root:   Rscript tests/reference/make-recovered-effects-fixtures.R
# Writes tests/reference/fixtures/recovery-ivig.json.
#
# Which trials enter (as the app's studyExclusionReason): randomised IVIG-vs-placebo trials
# (kind "ivig-rct"), not an earlier report of a trial analysed elsewhere (sameTrialAs), not
# flagged not-randomised / observational / no-placebo-arm; a crossover only with "crossover as
# parallel" (recover=all). Each trial's first non-baseline report of the outcome is used.

suppressPackageStartupMessages({
  library(metafor)
  library(jsonlite)
})

args <- commandArgs(trailingOnly = FALSE)
file_arg <- sub("^--file=", "", args[grep("^--file=", args)])
here <- if (length(file_arg) == 1L) dirname(normalizePath(file_arg)) else file.path("tests", "reference")
root <- normalizePath(file.path(here, "..", ".."))
ev <- fromJSON(file.path(root, "public", "data", "evidence.json"), simplifyVector = FALSE)

TIGHT <- list(threshold = 1e-12, tol = 1e-12, maxiter = 1000)

flag_codes <- function(s) vapply(s$flags, function(f) f$code, "")
is_crossover <- function(s) s$design$allocation == "crossover" || "crossover-within-patient" %in% flag_codes(s)
enters <- function(s, crossover_as_parallel) {
  if (s$kind != "ivig-rct") return(FALSE)
  if (!is.null(s$sameTrialAs)) return(FALSE)
  if (any(c("not-randomised", "observational", "no-placebo-arm") %in% flag_codes(s))) return(FALSE)
  if (is_crossover(s) && !crossover_as_parallel) return(FALSE)
  TRUE
}
role_of <- function(s, arm_id) {
  for (a in s$arms) if (a$id == arm_id) return(a$role)
  NA_character_
}
arm_of <- function(s, arm_id) {
  for (a in s$arms) if (a$id == arm_id) return(a)
  NULL
}
first_outcome <- function(s, kind, form) {
  for (o in s$outcomes) {
    if (o$kind == kind && !grepl("baseline", o$timepoint, ignore.case = TRUE) && !identical(o$analysed, FALSE)) {
      return(if (o$data$form == form) o else NULL)
    }
  }
  NULL
}
num <- function(x) if (is.null(x) || is.null(x$value)) NA_real_ else x$value

# ---- Relapse-free patients: counts ----------------------------------------------------------------
# Combined IVIG arms (Handbook 23.3.4): events and totals added. Crossover as parallel
# (Handbook 23.2.6): the IVIG period's and the placebo period's counts as two groups.
relapse_free_rows <- function(crossover_as_parallel) {
  rows <- list()
  for (s in ev$studies) {
    if (!enters(s, crossover_as_parallel)) next
    o <- first_outcome(s, "relapse-free", "counts")
    if (is.null(o)) next
    ivig <- Filter(function(a) identical(role_of(s, a$arm), "ivig"), o$data$arms)
    plac <- Filter(function(a) identical(role_of(s, a$arm), "placebo"), o$data$arms)
    if (length(ivig) == 0 || length(plac) != 1) next
    rows[[length(rows) + 1]] <- data.frame(
      id = s$id, study = s$label, year = s$year,
      ai = sum(vapply(ivig, function(a) num(a$events), 0)), n1i = sum(vapply(ivig, function(a) num(a$total), 0)),
      ci = num(plac[[1]]$events), n2i = num(plac[[1]]$total),
      arms_combined = length(ivig), crossover = is_crossover(s), stringsAsFactors = FALSE)
  }
  d <- do.call(rbind, rows)
  d[order(d$year, d$study), ]
}

pool_rr <- function(d) {
  dat <- escalc(measure = "RR", ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = d)
  res <- rma(yi, vi, data = dat, method = "REML", control = TIGHT)
  pr <- predict(res)
  list(
    call = 'escalc(measure = "RR", ai, n1i, ci, n2i); rma(yi, vi, method = "REML", control = TIGHT)',
    k = res$k,
    studies = lapply(seq_len(nrow(dat)), function(i) list(
      id = dat$id[i], label = dat$study[i], ai = dat$ai[i], n1i = dat$n1i[i], ci = dat$ci[i], n2i = dat$n2i[i],
      armsCombined = dat$arms_combined[i], crossover = dat$crossover[i],
      yi = dat$yi[i], vi = dat$vi[i], rr = exp(dat$yi[i]),
      ciLower = exp(dat$yi[i] - qnorm(0.975) * sqrt(dat$vi[i])), ciUpper = exp(dat$yi[i] + qnorm(0.975) * sqrt(dat$vi[i])),
      weightPercent = unname(weights(res))[i])),
    estimate = exp(res$b[1]), ciLower = exp(res$ci.lb), ciUpper = exp(res$ci.ub),
    yi = res$b[1], se = res$se, tau2 = res$tau2, I2 = res$I2, QE = res$QE, QEp = res$QEp,
    piLower = exp(pr$pi.lb), piUpper = exp(pr$pi.ub))
}

# ---- Relapse-free by dose: one point per IVIG arm --------------------------------------------------
# A placebo group shared by k dose arms is split between them (events and total divided by k,
# Handbook 23.3.4); x is the arm's monthly dose (g/kg/month; a range's midpoint, as the evidence
# set derives it).
dose_rows <- function(crossover_as_parallel) {
  rows <- list()
  for (s in ev$studies) {
    if (!enters(s, crossover_as_parallel)) next
    o <- first_outcome(s, "relapse-free", "counts")
    if (is.null(o)) next
    ivig <- Filter(function(a) identical(role_of(s, a$arm), "ivig"), o$data$arms)
    plac <- Filter(function(a) identical(role_of(s, a$arm), "placebo"), o$data$arms)
    if (length(ivig) == 0 || length(plac) != 1) next
    k <- length(ivig)
    for (a in ivig) {
      arm <- arm_of(s, a$arm)
      dose <- num(arm$monthlyDoseGPerKg)
      if (is.na(dose)) next
      rng <- arm$monthlyDoseRangeGPerKg
      rows[[length(rows) + 1]] <- data.frame(
        id = s$id, study = s$label, arm = arm$label, dose = dose,
        doseLower = if (is.null(rng)) NA_real_ else num(rng$lower), doseUpper = if (is.null(rng)) NA_real_ else num(rng$upper),
        ai = num(a$events), n1i = num(a$total), ci = num(plac[[1]]$events) / k, n2i = num(plac[[1]]$total) / k,
        stringsAsFactors = FALSE)
    }
  }
  d <- do.call(rbind, rows)
  d[order(d$dose, d$study), ]
}

dose_regression <- function(d) {
  dat <- escalc(measure = "RR", ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = d)
  res <- rma(yi, vi, mods = ~ dose, data = dat, method = "REML", control = TIGHT)
  lo <- min(dat$dose); hi <- max(dat$dose)
  pr <- predict(res, newmods = c(lo, hi))
  list(
    call = 'escalc(measure = "RR", ai, n1i, ci, n2i); rma(yi, vi, mods = ~ dose, method = "REML", control = TIGHT)',
    k = res$k,
    points = lapply(seq_len(nrow(dat)), function(i) Filter(Negate(is.null), list(
      id = dat$id[i], label = dat$study[i], arm = dat$arm[i], dose = dat$dose[i],
      doseLower = if (is.na(dat$doseLower[i])) NULL else dat$doseLower[i], doseUpper = if (is.na(dat$doseUpper[i])) NULL else dat$doseUpper[i],
      ai = dat$ai[i], n1i = dat$n1i[i], ci = dat$ci[i], n2i = dat$n2i[i], yi = dat$yi[i], vi = dat$vi[i]))),
    intercept = res$b[1], slope = res$b[2], slopeSe = res$se[2], slopeCiLower = res$ci.lb[2], slopeCiUpper = res$ci.ub[2],
    slopeP = res$pval[2], tau2 = res$tau2, QE = res$QE, QEp = res$QEp,
    predAtMin = list(dose = lo, pred = pr$pred[1], ciLower = pr$ci.lb[1], ciUpper = pr$ci.ub[1], piLower = pr$pi.lb[1], piUpper = pr$pi.ub[1]),
    predAtMax = list(dose = hi, pred = pr$pred[2], ciLower = pr$ci.lb[2], ciUpper = pr$ci.ub[2], piLower = pr$pi.lb[2], piUpper = pr$pi.ub[2]))
}

out <- list(
  meta = list(R = R.version.string, metafor = as.character(packageVersion("metafor")),
              script = "tests/reference/make-recovered-effects-fixtures.R", evidenceVersion = ev$version),
  relapseFree = list(
    default = pool_rr(relapse_free_rows(FALSE)),
    recoverAll = pool_rr(relapse_free_rows(TRUE))),
  doseRelapseFree = list(recoverAll = dose_regression(dose_rows(TRUE)))
)

path <- file.path(here, "fixtures", "recovery-ivig.json")
writeLines(toJSON(out, auto_unbox = TRUE, digits = I(15), na = "null", pretty = TRUE), path)
cat("wrote", path, "\n")
