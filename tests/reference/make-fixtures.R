# Reference fixtures for the meta-analysis engine (src/stats), computed with metafor.
#
# Run from the repository root:   Rscript tests/reference/make-fixtures.R
# Writes tests/reference/fixtures/*.json (committed, so CI needs no R). Every fixture records the
# R call that produced it; every file records R.version.string and packageVersion("metafor").
# Numbers are written with 15 significant digits; NA becomes null.
#
# Data: metafor's own data sets (dat.bcg, dat.normand1999, dat.hart1999, dat.nielweise2007) and
# "ivig-aims", a small set built from published IVIG trial numbers (AIMS, Fazekas 1997; Achiron
# 1998; ESIMS), so that the evidence the app shows is covered too.
#
# Iteration control: metafor stops Fisher scoring at a change < 1e-5 and root finding (uniroot) at
# tol = .Machine$double.eps^0.25 (about 1.2e-4), which moves PM estimates and Q-profile bounds by
# up to ~1e-4. The main fixtures therefore use TIGHT settings (recorded in each call), so that the
# engine can be held to 1e-6. rma-defaults.json keeps metafor's defaults for the headline numbers.

suppressPackageStartupMessages({
  library(metafor)
  library(jsonlite)
})

args <- commandArgs(trailingOnly = FALSE)
file_arg <- sub("^--file=", "", args[grep("^--file=", args)])
here <- if (length(file_arg) == 1L) dirname(normalizePath(file_arg)) else file.path("tests", "reference")
out_dir <- file.path(here, "fixtures")
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)

META <- list(
  R = R.version.string,
  metafor = as.character(packageVersion("metafor")),
  script = "tests/reference/make-fixtures.R"
)

TIGHT <- "control = list(threshold = 1e-12, tol = 1e-12, maxiter = 1000)"
CONFINT_TIGHT <- "control = list(tol = 1e-12)"
METHODS <- c("FE", "DL", "REML", "ML", "PM", "HS", "HE", "SJ", "EB")
# "adhoc": Knapp-Hartung with its factor floored at 1 (metafor >= 2.1; Knapp & Hartung 2003).
TESTS <- c("z", "knha", "adhoc")

# Evaluates a call given as text (so the recorded string is exactly what ran).
run <- function(call) suppressWarnings(eval(parse(text = call), envir = globalenv()))

num <- function(x) {
  if (is.null(x) || length(x) == 0L) return(NA_real_)
  unname(as.numeric(x))
}
vec <- function(x) I(unname(as.numeric(x)))

write_fixture <- function(name, content) {
  path <- file.path(out_dir, paste0(name, ".json"))
  json <- toJSON(c(list(meta = META), content), auto_unbox = TRUE, digits = I(15), na = "null",
                 null = "null", pretty = TRUE)
  writeLines(json, path)
  cat("wrote", path, "\n")
}

# ---------------------------------------------------------------------------------------------
# Data sets
# ---------------------------------------------------------------------------------------------

bcg <- dat.bcg
bcg$n1i <- bcg$tpos + bcg$tneg
bcg$n2i <- bcg$cpos + bcg$cneg
niel <- dat.nielweise2007
normand <- dat.normand1999
hart <- dat.hart1999

# Synthetic tables for the zero-cell conventions: one zero cell, a no-event double zero, an
# all-event double zero.
zeros_bin <- data.frame(ai = c(0, 0, 10, 3), n1i = c(25, 30, 10, 40), ci = c(4, 0, 12, 0), n2i = c(26, 28, 12, 38))
zeros_irr <- data.frame(x1i = c(0, 0, 3), t1i = c(500, 300, 200), x2i = c(4, 0, 0), t2i = c(600, 350, 220))

# ivig-aims: published trial numbers.
ivig_cont <- data.frame(
  outcome = c("EDSS change", "annualized relapse rate"),
  m1i = c(-0.23, 0.52), sd1i = c(0.89, 0.85), n1i = c(75, 75),
  m2i = c(0.12, 1.26), sd2i = c(1.07, 2.2), n2i = c(73, 73)
)
ivig_bin <- data.frame(
  outcome = c("AIMS worsened", "AIMS improved", "Achiron relapse-free", "AIMS relapse-free"),
  ai = c(12, 23, 6, 40), n1i = c(75, 75, 20, 75), ci = c(17, 10, 0, 26), n2i = c(73, 73, 20, 73)
)
ivig_relapse_free <- ivig_bin[c(4, 3), ]
ivig_worsened <- ivig_bin[1, , drop = FALSE]

# Effect-size data frames for the pooling fixtures (name -> escalc call).
POOL_DATA <- list(
  "bcg-RR" = 'escalc("RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)',
  "normand-SMD" = 'escalc("SMD", m1i = m1i, sd1i = sd1i, n1i = n1i, m2i = m2i, sd2i = sd2i, n2i = n2i, data = dat.normand1999)',
  "normand-MD" = 'escalc("MD", m1i = m1i, sd1i = sd1i, n1i = n1i, m2i = m2i, sd2i = sd2i, n2i = n2i, data = dat.normand1999)',
  "hart-IRR" = 'escalc("IRR", x1i = x1i, t1i = t1i, x2i = x2i, t2i = t2i, data = dat.hart1999)',
  "nielweise2007-OR" = 'escalc("OR", ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = dat.nielweise2007)',
  "homogeneous-synthetic" = 'data.frame(yi = c(0.10, 0.11, 0.09), vi = c(0.04, 0.05, 0.06))',
  # Three identical estimates: Knapp-Hartung's s^2 is 0 (a CI of width 0); "adhoc" floors it at 1.
  "identical-synthetic" = 'data.frame(yi = c(0.2, 0.2, 0.2), vi = c(0.1, 0.2, 0.3))',
  "ivig-relapse-free-OR-k2" = 'escalc("OR", ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = ivig_relapse_free)',
  # Evidence 2026.12.01-2: AIMS, Achiron and PRIVIG (Fazekas 2008, 50/86 vs 28/41), the bundled relapse-free forest.
  "ivig-relapse-free-OR-k3" = 'escalc("OR", ai = c(40, 6, 50), n1i = c(75, 20, 86), ci = c(26, 0, 28), n2i = c(73, 20, 41))',
  "ivig-worsened-OR-k1" = 'escalc("OR", ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = ivig_worsened)'
)
pool_frames <- lapply(POOL_DATA, run)
for (nm in names(pool_frames)) assign(paste0("pd_", gsub("-", "_", nm)), pool_frames[[nm]])
frame_var <- function(nm) paste0("pd_", gsub("-", "_", nm))

datasets_json <- lapply(names(POOL_DATA), function(nm) {
  d <- pool_frames[[nm]]
  list(name = nm, call = POOL_DATA[[nm]], yi = vec(d$yi), vi = vec(d$vi))
})

# ---------------------------------------------------------------------------------------------
# Summaries
# ---------------------------------------------------------------------------------------------

summarize_rma <- function(res, confint_control) {
  pr <- predict(res)
  random <- !(res$method %in% c("FE", "EE", "CE")) && res$k > 1
  ci <- if (random) {
    cc <- if (is.null(confint_control)) "confint(res)" else paste0("confint(res, ", confint_control, ")")
    tmp <- eval(parse(text = cc))
    tmp$random["tau^2", c("ci.lb", "ci.ub")]
  } else c(NA, NA)
  # confint() searches tau2 only up to tau2.max = max(100, 10 * tau2) and then reports that limit
  # (printed as "> limit"). The engine finds the actual root, so the fixture also records the
  # bound found with a wide search interval.
  limit <- max(100, 10 * res$tau2)
  at_limit <- random && isTRUE(all.equal(unname(ci[2]), limit))
  wide_call <- NA
  if (at_limit) {
    wide_call <- "confint(res, control = list(tol = 1e-12, tau2.max = 1e7))"
    wide <- eval(parse(text = wide_call))
    ci_limited <- ci[2]
    ci[2] <- wide$random["tau^2", "ci.ub"]
  }
  list(
    tau2CiUpperMetaforLimit = if (at_limit) num(ci_limited) else NA,
    tau2CiUpperWideCall = wide_call,
    k = res$k,
    estimate = num(res$beta[1]), se = num(res$se[1]),
    ciLower = num(res$ci.lb[1]), ciUpper = num(res$ci.ub[1]),
    statistic = num(res$zval[1]), pValue = num(res$pval[1]),
    df = num(res$ddf),
    tau2 = num(res$tau2),
    tau2CiLower = num(ci[1]), tau2CiUpper = num(ci[2]),
    I2 = num(res$I2), H2 = num(res$H2),
    Q = num(res$QE), QpValue = num(res$QEp),
    piLower = num(pr$pi.lb), piUpper = num(pr$pi.ub),
    weights = vec(weights(res))
  )
}

rma_call <- function(data_var, method, test, control = TIGHT) {
  ctl <- if (is.null(control)) "" else paste0(", ", control)
  sprintf('rma(yi, vi, data = %s, method = "%s", test = "%s"%s)', data_var, method, test, ctl)
}

fit_fixture <- function(nm, method, test, control, confint_control) {
  call <- rma_call(frame_var(nm), method, test, control)
  res <- run(call)
  ccall <- if (method == "FE" || res$k == 1) NULL else if (is.null(confint_control)) "confint(res)" else
    paste0("confint(res, ", confint_control, ")")
  list(
    name = paste(nm, method, test, sep = "/"), dataset = nm, method = method, test = test,
    call = call, confintCall = ccall, predictCall = "predict(res)",
    expected = summarize_rma(res, confint_control)
  )
}

# ---------------------------------------------------------------------------------------------
# escalc
# ---------------------------------------------------------------------------------------------

escalc_case <- function(name, measure, call, rows) {
  d <- run(call)
  list(name = name, measure = measure, call = call, rows = rows, yi = vec(d$yi), vi = vec(d$vi))
}
bin_rows <- function(ai, n1i, ci, n2i) lapply(seq_along(ai), function(i) list(ai = ai[i], n1i = n1i[i], ci = ci[i], n2i = n2i[i]))
cont_rows <- function(d) lapply(seq_len(nrow(d)), function(i) list(m1i = d$m1i[i], sd1i = d$sd1i[i], n1i = d$n1i[i], m2i = d$m2i[i], sd2i = d$sd2i[i], n2i = d$n2i[i]))
irr_rows <- function(d) lapply(seq_len(nrow(d)), function(i) list(x1i = d$x1i[i], t1i = d$t1i[i], x2i = d$x2i[i], t2i = d$t2i[i]))

escalc_cases <- list()
for (m in c("OR", "RR", "RD")) {
  escalc_cases[[length(escalc_cases) + 1]] <- escalc_case(paste0("bcg-", m), m,
    sprintf('escalc("%s", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)', m),
    bin_rows(bcg$tpos, bcg$n1i, bcg$cpos, bcg$n2i))
  escalc_cases[[length(escalc_cases) + 1]] <- escalc_case(paste0("nielweise2007-", m), m,
    sprintf('escalc("%s", ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = dat.nielweise2007)', m),
    bin_rows(niel$ai, niel$n1i, niel$ci, niel$n2i))
  escalc_cases[[length(escalc_cases) + 1]] <- escalc_case(paste0("zero-cells-", m), m,
    sprintf('escalc("%s", ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = zeros_bin)', m),
    bin_rows(zeros_bin$ai, zeros_bin$n1i, zeros_bin$ci, zeros_bin$n2i))
}
for (m in c("MD", "SMD")) {
  escalc_cases[[length(escalc_cases) + 1]] <- escalc_case(paste0("normand-", m), m,
    sprintf('escalc("%s", m1i = m1i, sd1i = sd1i, n1i = n1i, m2i = m2i, sd2i = sd2i, n2i = n2i, data = dat.normand1999)', m),
    cont_rows(normand))
}
escalc_cases[[length(escalc_cases) + 1]] <- escalc_case("hart-IRR", "IRR",
  'escalc("IRR", x1i = x1i, t1i = t1i, x2i = x2i, t2i = t2i, data = dat.hart1999)', irr_rows(hart))
escalc_cases[[length(escalc_cases) + 1]] <- escalc_case("zero-events-IRR", "IRR",
  'escalc("IRR", x1i = x1i, t1i = t1i, x2i = x2i, t2i = t2i, data = zeros_irr)', irr_rows(zeros_irr))
# Hedges' correction for very small and large samples.
smd_sizes <- data.frame(m1i = c(1, 1, 1), sd1i = c(1, 1, 1), n1i = c(2, 5, 2000), m2i = c(0, 0, 0), sd2i = c(1, 2, 1), n2i = c(2, 4, 3000))
escalc_cases[[length(escalc_cases) + 1]] <- escalc_case("smd-sample-sizes", "SMD",
  'escalc("SMD", m1i = m1i, sd1i = sd1i, n1i = n1i, m2i = m2i, sd2i = sd2i, n2i = n2i, data = smd_sizes)', cont_rows(smd_sizes))

write_fixture("escalc", list(cases = escalc_cases))

# ---------------------------------------------------------------------------------------------
# rma.uni: every method x test, tight control
# ---------------------------------------------------------------------------------------------

fits <- list()
for (nm in names(POOL_DATA)) for (m in METHODS) for (t in TESTS) {
  fits[[length(fits) + 1]] <- fit_fixture(nm, m, t, TIGHT, CONFINT_TIGHT)
}
write_fixture("rma", list(datasets = datasets_json, fits = fits))

# metafor defaults (no control): the numbers a user of metafor sees.
default_fits <- list()
for (m in METHODS) for (t in TESTS) {
  default_fits[[length(default_fits) + 1]] <- fit_fixture("bcg-RR", m, t, NULL, NULL)
}
write_fixture("rma-defaults", list(datasets = datasets_json[1], fits = default_fits))

# ---------------------------------------------------------------------------------------------
# rma.mh
# ---------------------------------------------------------------------------------------------

# weights(res) is weights.rma.mh(): the Mantel-Haenszel weights in percent of their sum, from the
# uncorrected tables (OR: bi*ci/Ni; RR: ci*(ai+bi)/Ni; RD: (ai+bi)*(ci+di)/Ni), so a table with a
# zero in the cells of its weight gets 0, and a double-zero table keeps its place.
mh_case <- function(name, measure, call, rows) {
  res <- run(call)
  list(name = name, measure = measure, call = call, weightsCall = "weights(res)", rows = rows,
       expected = list(k = res$k, estimate = num(res$beta), se = num(res$se),
                       ciLower = num(res$ci.lb), ciUpper = num(res$ci.ub),
                       statistic = num(res$zval), pValue = num(res$pval),
                       Q = num(res$QE), QpValue = num(res$QEp), kQ = res$k.yi,
                       weights = vec(weights(res))))
}
mh_cases <- list()
for (m in c("OR", "RR", "RD")) {
  mh_cases[[length(mh_cases) + 1]] <- mh_case(paste0("bcg-MH-", m), m,
    sprintf('rma.mh(ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg, measure = "%s")', m),
    bin_rows(bcg$tpos, bcg$n1i, bcg$cpos, bcg$n2i))
  mh_cases[[length(mh_cases) + 1]] <- mh_case(paste0("nielweise2007-MH-", m), m,
    sprintf('rma.mh(ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = dat.nielweise2007, measure = "%s")', m),
    bin_rows(niel$ai, niel$n1i, niel$ci, niel$n2i))
  mh_cases[[length(mh_cases) + 1]] <- mh_case(paste0("zero-cells-MH-", m), m,
    sprintf('rma.mh(ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = zeros_bin, measure = "%s")', m),
    bin_rows(zeros_bin$ai, zeros_bin$n1i, zeros_bin$ci, zeros_bin$n2i))
  mh_cases[[length(mh_cases) + 1]] <- mh_case(paste0("ivig-relapse-free-k3-MH-", m), m,
    sprintf('rma.mh(ai = c(40, 6, 50), n1i = c(75, 20, 86), ci = c(26, 0, 28), n2i = c(73, 20, 41), measure = "%s")', m),
    bin_rows(c(40, 6, 50), c(75, 20, 86), c(26, 0, 28), c(73, 20, 41)))
  mh_cases[[length(mh_cases) + 1]] <- mh_case(paste0("ivig-relapse-free-MH-", m), m,
    sprintf('rma.mh(ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = ivig_relapse_free, measure = "%s")', m),
    bin_rows(ivig_relapse_free$ai, ivig_relapse_free$n1i, ivig_relapse_free$ci, ivig_relapse_free$n2i))
}
write_fixture("rma-mh", list(cases = mh_cases))

# ---------------------------------------------------------------------------------------------
# Subgroups: dat.bcg by allocation; RevMan's test = common-effect Q of the subgroup estimates
# ---------------------------------------------------------------------------------------------

pd_bcg_RR$alloc <- dat.bcg$alloc
subgroup_cases <- list()
for (spec in list(c("REML", "z"), c("DL", "z"), c("REML", "knha"), c("PM", "z"))) {
  m <- spec[1]; t <- spec[2]
  labels <- unique(pd_bcg_RR$alloc)
  groups <- list()
  est <- c(); ses <- c()
  for (g in labels) {
    call <- sprintf('rma(yi, vi, data = pd_bcg_RR, subset = alloc == "%s", method = "%s", test = "%s", %s)', g, m, t, TIGHT)
    res <- run(call)
    groups[[g]] <- c(list(call = call), summarize_rma(res, CONFINT_TIGHT))
    est <- c(est, res$beta[1]); ses <- c(ses, res$se[1])
  }
  between_call <- "rma(yi = est, sei = ses, method = \"FE\")"
  between <- run(between_call)
  subgroup_cases[[length(subgroup_cases) + 1]] <- list(
    name = paste("bcg-RR by alloc", m, t, sep = "/"), dataset = "bcg-RR", groupLabels = I(as.character(pd_bcg_RR$alloc)),
    method = m, test = t, betweenCall = between_call,
    expected = list(groups = groups, Qbetween = num(between$QE), df = length(labels) - 1, pValue = num(between$QEp))
  )
}
write_fixture("subgroups", list(datasets = datasets_json[1], cases = subgroup_cases))

# ---------------------------------------------------------------------------------------------
# Adjusted indirect comparison (Bucher et al., J Clin Epidemiol 1997;50:683-691): A vs B through a
# common comparator C. In base R from the paper's formula, and, as an independent check, with
# metafor: a common-effect meta-regression of the two contrasts on an indicator of "A vs C" gives
# the difference of the two estimates and SE = sqrt(se1^2 + se2^2) as the moderator's coefficient.
# Inputs are synthetic (the evidence set gives no comparator CI on the IVIG trials' measure).
# ---------------------------------------------------------------------------------------------

bucher_case <- function(name, scale, a_call, b_call) {
  a <- run(a_call); b <- run(b_call)
  call <- "d <- a[['yi']] - b[['yi']]; se <- sqrt(a[['sei']]^2 + b[['sei']]^2); c(d, se, d - qnorm(0.975) * se, d + qnorm(0.975) * se, d / se, 2 * pnorm(-abs(d / se)))"
  r <- eval(parse(text = call))
  mr_call <- "rma(yi = c(a[['yi']], b[['yi']]), sei = c(a[['sei']], b[['sei']]), mods = ~ c(1, 0), method = 'FE')"
  mr <- eval(parse(text = mr_call))
  list(name = name, scale = scale, aCall = a_call, bCall = b_call,
       a = list(estimate = num(a[["yi"]]), se = num(a[["sei"]])), b = list(estimate = num(b[["yi"]]), se = num(b[["sei"]])),
       call = call, metaforCall = mr_call,
       expected = list(estimate = num(r[1]), se = num(r[2]), ciLower = num(r[3]), ciUpper = num(r[4]),
                       statistic = num(r[5]), pValue = num(r[6])),
       metafor = list(estimate = num(mr$beta[2]), se = num(mr$se[2]), ciLower = num(mr$ci.lb[2]),
                      ciUpper = num(mr$ci.ub[2]), statistic = num(mr$zval[2]), pValue = num(mr$pval[2])))
}
ratio_from_ci <- "c(yi = log(%s), sei = (log(%s) - log(%s)) / (2 * qnorm(0.975)))"
indirect_cases <- list(
  bucher_case("RR 0.70 [0.55, 0.89] vs RR 0.80 [0.70, 0.91]", "log",
              sprintf(ratio_from_ci, 0.70, 0.89, 0.55), sprintf(ratio_from_ci, 0.80, 0.91, 0.70)),
  bucher_case("RR 0.41 [0.22, 0.76] vs RR 0.71 [0.62, 0.81]", "log",
              sprintf(ratio_from_ci, 0.41, 0.76, 0.22), sprintf(ratio_from_ci, 0.71, 0.81, 0.62)),
  bucher_case("MD -0.74 (SE 0.2768) vs MD -0.25 (SE 0.09)", "difference",
              "c(yi = -0.74, sei = 0.2768)", "c(yi = -0.25, sei = 0.09)")
)
write_fixture("indirect", list(cases = indirect_cases))

# ---------------------------------------------------------------------------------------------
# Meta-regression: dat.bcg log RR on absolute latitude (and latitude + year)
# ---------------------------------------------------------------------------------------------

pd_bcg_RR$ablat <- dat.bcg$ablat
pd_bcg_RR$year <- dat.bcg$year
grid <- list(list(10), list(20), list(30), list(33.46), list(40), list(50), list(60))
grid2 <- list(list(20, 1950), list(40, 1970), list(55, 1980))
metareg_case <- function(mods, columns, method, test, grid) {
  call <- sprintf('rma(yi, vi, mods = %s, data = pd_bcg_RR, method = "%s", test = "%s", %s)', mods, method, test, TIGHT)
  res <- run(call)
  coefs <- lapply(seq_along(res$beta), function(j) list(
    estimate = num(res$beta[j]), se = num(res$se[j]), ciLower = num(res$ci.lb[j]), ciUpper = num(res$ci.ub[j]),
    statistic = num(res$zval[j]), pValue = num(res$pval[j])))
  preds <- lapply(grid, function(x) {
    pr <- predict(res, newmods = matrix(unlist(x), nrow = 1))
    list(x = I(unlist(x)), pred = num(pr$pred), se = num(pr$se), ciLower = num(pr$ci.lb), ciUpper = num(pr$ci.ub),
         piLower = num(pr$pi.lb), piUpper = num(pr$pi.ub))
  })
  ci <- if (method != "FE") confint(res, control = list(tol = 1e-12))$random["tau^2", c("ci.lb", "ci.ub")] else c(NA, NA)
  list(
    name = paste("bcg-RR", mods, method, test, sep = "/"), dataset = "bcg-RR",
    moderators = lapply(seq_len(nrow(pd_bcg_RR)), function(i) I(as.numeric(pd_bcg_RR[i, columns]))),
    moderatorNames = I(columns), method = method, test = test, call = call,
    predictCall = "predict(res, newmods = x)", confintCall = if (method != "FE") paste0("confint(res, ", CONFINT_TIGHT, ")") else NULL,
    expected = list(
      coefficients = coefs, tau2 = num(res$tau2), tau2CiLower = num(ci[1]), tau2CiUpper = num(ci[2]),
      QM = num(res$QM), QMpValue = num(res$QMp), QE = num(res$QE), QEpValue = num(res$QEp),
      I2 = num(res$I2), H2 = num(res$H2), R2 = num(res$R2), df = num(res$ddf), predictions = preds)
  )
}
metareg_cases <- list()
for (m in METHODS) for (t in TESTS) metareg_cases[[length(metareg_cases) + 1]] <- metareg_case("~ ablat", "ablat", m, t, grid)
for (t in TESTS) metareg_cases[[length(metareg_cases) + 1]] <- metareg_case("~ ablat + year", c("ablat", "year"), "REML", t, grid2)
write_fixture("meta-regression", list(datasets = datasets_json[1], cases = metareg_cases))

# ---------------------------------------------------------------------------------------------
# Leave-one-out and cumulative (order as in dat.bcg)
# ---------------------------------------------------------------------------------------------

# With test = "knha", leave1out()/cumul() name the columns tval and pvals instead of zval and pval.
sens_rows <- function(x) {
  stat <- if (!is.null(x[["zval"]])) x[["zval"]] else x[["tval"]]
  pval <- if (!is.null(x[["pval"]])) x[["pval"]] else x[["pvals"]]
  lapply(seq_along(x$estimate), function(i) list(
  estimate = num(x$estimate[i]), se = num(x$se[i]), statistic = num(stat[i]), pValue = num(pval[i]),
  ciLower = num(x$ci.lb[i]), ciUpper = num(x$ci.ub[i]), Q = num(x$Q[i]), QpValue = num(x$Qp[i]),
  tau2 = num(x$tau2[i]), I2 = num(x$I2[i]), H2 = num(x$H2[i])))
}
sens_cases <- list()
for (spec in list(c("REML", "z"), c("REML", "knha"), c("DL", "z"), c("FE", "z"))) {
  m <- spec[1]; t <- spec[2]
  fit <- rma_call("pd_bcg_RR", m, t)
  res <- run(fit)
  sens_cases[[length(sens_cases) + 1]] <- list(
    name = paste("bcg-RR", m, t, sep = "/"), dataset = "bcg-RR", method = m, test = t,
    leave1outCall = paste0("leave1out(", fit, ")"), cumulCall = paste0("cumul(", fit, ")"),
    leave1out = sens_rows(leave1out(res)), cumul = sens_rows(cumul(res)))
}
write_fixture("sensitivity", list(datasets = datasets_json[1], cases = sens_cases))

# ---------------------------------------------------------------------------------------------
# Mantel-Haenszel throughout: leave1out() / cumul() on an rma.mh fit, and RevMan's test for
# subgroup differences on the rma.mh subgroup fits (dat.bcg by allocation)
# ---------------------------------------------------------------------------------------------

mh_step_rows <- function(x) lapply(seq_along(x$estimate), function(i) list(
  estimate = num(x$estimate[i]), se = num(x$se[i]), statistic = num(x$zval[i]), pValue = num(x$pval[i]),
  ciLower = num(x$ci.lb[i]), ciUpper = num(x$ci.ub[i]), Q = num(x$Q[i]), QpValue = num(x$Qp[i]), I2 = num(x$I2[i])))
mh_steps_cases <- list()
for (m in c("OR", "RR")) {
  fit <- sprintf('rma.mh(measure = "%s", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)', m)
  res <- run(fit)
  cumul_order <- "dat.bcg$year"  # metafor 3.8: the variable to sort by (stable, so 1973: trial 5 before 7)
  labels <- unique(dat.bcg$alloc)
  est <- c(); ses <- c(); group_fits <- list()
  for (g in labels) {
    call <- sprintf('rma.mh(measure = "%s", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg, subset = alloc == "%s")', m, g)
    res_g <- run(call)
    group_fits[[g]] <- list(call = call, k = res_g$k, estimate = num(res_g$beta), se = num(res_g$se))
    est <- c(est, res_g$beta[1]); ses <- c(ses, res_g$se[1])
  }
  between_call <- "rma(yi = est, sei = ses, method = \"FE\")"
  between <- run(between_call)
  mh_steps_cases[[length(mh_steps_cases) + 1]] <- list(
    name = paste0("bcg-MH-", m), measure = m, rows = bin_rows(bcg$tpos, bcg$n1i, bcg$cpos, bcg$n2i),
    years = I(dat.bcg$year), groupLabels = I(as.character(dat.bcg$alloc)),
    leave1outCall = paste0("leave1out(", fit, ")"),
    cumulCall = paste0("cumul(", fit, ", order = ", cumul_order, ")"), cumulOrder = I(order(dat.bcg$year)),  # the resulting study order (1-based)
    leave1out = mh_step_rows(leave1out(res)), cumul = mh_step_rows(cumul(res, order = dat.bcg$year)),
    subgroups = list(groups = group_fits, betweenCall = between_call,
                     Qbetween = num(between$QE), df = length(labels) - 1, pValue = num(between$QEp)))
}
write_fixture("sensitivity-mh", list(cases = mh_steps_cases))

# ---------------------------------------------------------------------------------------------
# ivig-aims: effect sizes from the trial reports, the ESIMS hazard ratio, and an SE from a p-value
# ---------------------------------------------------------------------------------------------

ivig_effects <- list()
for (m in c("MD", "SMD")) for (i in seq_len(nrow(ivig_cont))) {
  call <- sprintf('escalc("%s", m1i = %s, sd1i = %s, n1i = %s, m2i = %s, sd2i = %s, n2i = %s)', m,
    ivig_cont$m1i[i], ivig_cont$sd1i[i], ivig_cont$n1i[i], ivig_cont$m2i[i], ivig_cont$sd2i[i], ivig_cont$n2i[i])
  d <- run(call)
  ivig_effects[[length(ivig_effects) + 1]] <- list(name = paste(ivig_cont$outcome[i], m), measure = m, call = call,
    row = cont_rows(ivig_cont[i, ])[[1]], yi = num(d$yi), vi = num(d$vi))
}
for (m in c("OR", "RR", "RD")) for (i in seq_len(nrow(ivig_bin))) {
  call <- sprintf('escalc("%s", ai = %s, n1i = %s, ci = %s, n2i = %s)', m, ivig_bin$ai[i], ivig_bin$n1i[i], ivig_bin$ci[i], ivig_bin$n2i[i])
  d <- run(call)
  ivig_effects[[length(ivig_effects) + 1]] <- list(name = paste(ivig_bin$outcome[i], m), measure = m, call = call,
    row = bin_rows(ivig_bin$ai[i], ivig_bin$n1i[i], ivig_bin$ci[i], ivig_bin$n2i[i])[[1]], yi = num(d$yi), vi = num(d$vi))
}
esims_call <- "c(yi = log(1.11), sei = (log(1.53) - log(0.80)) / (2 * qnorm(0.975)))"
esims <- run(esims_call)
# The engine's seFromEstimateAndP takes the ratio (it logs it) and, for a t test, the two group sizes
# (df = n1 + n2 - 2): the t case is two groups of 11, so df = 20. Upper-tail quantiles, as the
# engine computes them (1 - p/2 would round a tiny p away).
p_call <- "abs(log(1.11)) / qnorm(0.53 / 2, lower.tail = FALSE)"
p_t_call <- "abs(log(1.11)) / qt(0.53 / 2, df = 11 + 11 - 2, lower.tail = FALSE)"
write_fixture("ivig-aims", list(
  sources = I(c("AIMS: Fazekas et al., Lancet 1997;349:589-593", "Achiron et al., Neurology 1998;50:398-402",
                "ESIMS: Fazekas et al., Neurology 2008;71:265-271")),
  effects = ivig_effects,
  ratioCi = list(name = "ESIMS HR 1.11 [0.80, 1.53]", ratio = 1.11, lower = 0.80, upper = 1.53, call = esims_call,
                 yi = num(esims["yi"]), sei = num(esims["sei"])),
  seFromP = list(
    list(name = "normal", ratio = 1.11, pValue = 0.53, call = p_call, sei = num(run(p_call))),
    list(name = "t(20)", ratio = 1.11, pValue = 0.53, groupSizes = list(n1 = 11, n2 = 11), call = p_t_call,
         sei = num(run(p_t_call)))
  ),
  pooledDatasets = I(c("ivig-worsened-OR-k1", "ivig-relapse-free-OR-k2")),
  note = "Pooled results for these two sets are in rma.json (all methods x tests) and rma-mh.json."
))
