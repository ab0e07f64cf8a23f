# Runs each forest R script the app exported under model = bayes
# (tests/reference/fixtures/forest-export-bayes/*.R, written by
# `WRITE_R_FIXTURES=1 npx vitest run src/export/forest-bayes-exports.test.ts`) and stores what it
# computed: the base-R block's `bayes_check` (posterior median and CrI of mu, tau's median and
# interval, the predictive interval, P(benefit) and the threshold's probability) and the metafor
# fit's estimate, so that src/export/forest-bayes-exports.test.ts compares the app against R
# without R. Each script runs in its own environment, as a user would run it; its printed output
# is kept beside it (<name>.Rout.txt).
#
# Run from the repository root:   Rscript tests/reference/make-forest-bayes-export-fixtures.R
# Writes tests/reference/fixtures/forest-export-bayes.json.
suppressPackageStartupMessages({ library(metafor); library(jsonlite) })

dir <- file.path("tests", "reference", "fixtures", "forest-export-bayes")
files <- sort(list.files(dir, pattern = "\\.R$"))
pdf(NULL)  # forest() draws; no Rplots.pdf
scripts <- list()
for (f in files) {
  env <- new.env()
  t0 <- proc.time()[["elapsed"]]
  out <- capture.output(sys.source(file.path(dir, f), envir = env))
  writeLines(out, file.path(dir, sub("\\.R$", ".Rout.txt", f)))
  cat(sprintf("%-55s %.1f s\n", f, proc.time()[["elapsed"]] - t0))
  scripts[[f]] <- list(
    bayesmetaInstalled = requireNamespace("bayesmeta", quietly = TRUE),
    bayes_check = env$bayes_check,
    metafor = list(estimate = as.numeric(env$res$beta[1]), se = env$res$se, tau2 = env$res$tau2)
  )
}
json <- toJSON(list(
  meta = list(R = R.version.string, metafor = as.character(packageVersion("metafor")),
              script = "tests/reference/make-forest-bayes-export-fixtures.R"),
  scripts = scripts
), auto_unbox = TRUE, digits = I(17), pretty = TRUE)
out <- file.path("tests", "reference", "fixtures", "forest-export-bayes.json")
writeLines(json, out)
cat("wrote", out, "\n")
