# Reference values for the Summary of Findings model (src/model/summary-of-findings/), computed in R.
#
# Run from the repository root:   Rscript tests/reference/make-summary-fixtures.R
# Writes tests/reference/fixtures/summary-of-findings.json (committed, so the tests need no R).
#
# 1. Optimal information size (GRADE guideline 6, Guyatt 2011, J Clin Epidemiol 64:1283): the total
#    number of patients a single trial would need to detect a relative risk reduction (RRR) of 25% from
#    the control risk p1, alpha 0.05 (two-sided), beta 0.20. Computed twice: by stats::power.prop.test
#    (which solves its power equation numerically) and by the closed form of that same equation,
#      n per group = (z_{1-a/2} sqrt(2 pbar (1 - pbar)) + z_{1-b} sqrt(p1 q1 + p2 q2))^2 / (p1 - p2)^2,
#    pbar = (p1 + p2)/2 (Fleiss, Levin & Paik 2003, eq. 4.14 without continuity correction); the OIS
#    is 2 * ceiling(n).
# 2. Egger's regression test for funnel-plot asymmetry (Egger et al. 1997, BMJ 315:629), as metafor's
#    regtest(model = "lm"): weighted least squares of yi on sei with weights 1/vi; t test of the sei
#    slope with k - 2 df. And regtest() on an rma fit (model = "rma", predictor = "sei"), for reference.
suppressPackageStartupMessages({
  library(metafor)
  library(jsonlite)
})

args <- commandArgs(trailingOnly = FALSE)
file_arg <- sub("^--file=", "", args[grep("^--file=", args)])
here <- if (length(file_arg) == 1L) dirname(normalizePath(file_arg)) else file.path("tests", "reference")
out_dir <- file.path(here, "fixtures")
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)

ois <- lapply(c(0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.75), function(p1) {
  p2 <- p1 * (1 - 0.25)
  pw <- power.prop.test(p1 = p1, p2 = p2, sig.level = 0.05, power = 0.8)
  za <- qnorm(1 - 0.05 / 2); zb <- qnorm(0.8); pbar <- (p1 + p2) / 2
  closed <- (za * sqrt(2 * pbar * (1 - pbar)) + zb * sqrt(p1 * (1 - p1) + p2 * (1 - p2)))^2 / (p1 - p2)^2
  list(call = sprintf("power.prop.test(p1 = %s, p2 = %s, sig.level = 0.05, power = 0.8)", p1, p2),
       controlRisk = p1, treatedRisk = p2, nPerGroupPowerPropTest = pw$n, nPerGroupClosedForm = closed,
       ois = 2 * ceiling(pw$n))
})

dat <- escalc(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)
egger_lm <- regtest(dat$yi, dat$vi, model = "lm")
fit <- rma(yi, vi, data = dat, method = "REML", control = list(threshold = 1e-12, tol = 1e-12, maxiter = 1000))
egger_rma <- regtest(fit)
dat_or <- escalc(measure = "OR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)
egger_lm_or <- regtest(dat_or$yi, dat_or$vi, model = "lm")
egger <- list(
  list(call = 'regtest(escalc("RR", dat.bcg)$yi, $vi, model = "lm")', measure = "RR", yi = I(as.numeric(dat$yi)), vi = I(as.numeric(dat$vi)),
       statistic = unname(egger_lm$zval), df = egger_lm$dfs, pValue = egger_lm$pval, intercept = unname(coef(egger_lm$fit)[1])),
  list(call = 'regtest(escalc("OR", dat.bcg)$yi, $vi, model = "lm")', measure = "OR", yi = I(as.numeric(dat_or$yi)), vi = I(as.numeric(dat_or$vi)),
       statistic = unname(egger_lm_or$zval), df = egger_lm_or$dfs, pValue = egger_lm_or$pval, intercept = unname(coef(egger_lm_or$fit)[1]))
)
egger_rma_out <- list(call = 'regtest(rma(yi, vi, data = escalc("RR", dat.bcg), method = "REML"))', statistic = unname(egger_rma$zval), pValue = egger_rma$pval)

json <- toJSON(list(meta = list(R = R.version.string, metafor = as.character(packageVersion("metafor")), script = "tests/reference/make-summary-fixtures.R"),
                    ois = ois, egger = egger, eggerRma = egger_rma_out),
               auto_unbox = TRUE, digits = I(15), na = "null", pretty = TRUE)
writeLines(json, file.path(out_dir, "summary-of-findings.json"))
