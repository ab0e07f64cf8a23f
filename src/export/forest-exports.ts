/**
 * The forest plot's data leave the app as CSV (one row per study, one per pooled result) and as
 * a metafor script that reproduces the analysis, so that a reviewer can check our numbers in the
 * field's reference tool.
 */
import type { AnalysisChoices, ForestModel, PooledRow } from '../model/forest-model';
import { toCsv, type CsvValue } from './to-csv';
import { markLines, markNames } from '../evidence/recovered-effects/recovery-mark';
import { DEFAULT_RECOVERY, sameRecovery } from '../evidence/recovered-effects/recovery-settings';
import { bayesianRLines } from './bayes-r-script';

const HEADER = [
  'row_type', 'study_id', 'label', 'year', 'subgroup', 'included', 'ivig_data', 'placebo_data', 'yi', 'vi', 'sei',
  'effect', 'ci_lower', 'ci_upper', 'weight_percent', 'value_status', 'derivations', 'not_estimable_reason', 'source_ids',
  'k', 'p_value', 'tau2', 'I2_percent', 'I2_basis', 'Q', 'Q_p_value', 'pi_lower', 'pi_upper', 'method',
  'recovery_methods', 'recovery_formulas', 'included_by',
  // The Bayesian row (model = bayes); empty elsewhere.
  'prior', 'prior_source', 'tau_median', 'tau_lower', 'tau_upper', 'p_benefit', 'threshold', 'p_threshold', 'probability_statements',
];

/**
 * The Bayesian pooled row, as under the plot: posterior median of μ and its central CrI (effect,
 * ci_lower, ci_upper; yi the median on the analysis scale), the posterior predictive interval
 * (pi_lower, pi_upper), τ's posterior median and interval, P(benefit) and the threshold's
 * probability, with the prior named.
 */
function bayesianCsvRow(model: ForestModel): CsvValue[] | null {
  const b = model.bayesian;
  if (!b) return null;
  return [
    'bayesian', '', b.label, '', 'overall', '', '', '', b.yi, '', '',
    b.estimate, b.lower, b.upper, '', '', '', '', '',
    b.k, '', '', '', '', '', '',
    b.piLower, b.piUpper, `Bayesian normal-normal random effects: posterior median, ${b.level}% central CrI, ${b.level}% posterior predictive interval (exact quadrature)`,
    '', '', '',
    b.priorText, b.priorSource, b.tau.median, b.tau.lower, b.tau.upper, b.probabilityOfBenefit,
    b.threshold?.value ?? null, b.threshold?.probability ?? null,
    [b.benefitText, b.threshold?.text].filter(Boolean).join('; '),
  ];
}

function pooledCsvRow(r: PooledRow, subgroup: string, method: string): CsvValue[] {
  return [
    'pooled', '', r.label, '', subgroup, '', '', '', r.yi, '', '',
    r.estimate, r.ciLower, r.ciUpper, 100, '', '', '', '',
    // Heterogeneity as on the plot's line: the M-H Q under M-H, the I² of the chosen basis.
    r.k, r.pValue, r.heterogeneity?.tau2 ?? null, r.heterogeneity?.I2 ?? null, r.heterogeneity?.I2Basis ?? '',
    r.heterogeneity?.Q ?? null, r.heterogeneity?.QpValue ?? null,
    r.piLower, r.piUpper, method,
    '', '', '',
  ];
}

export function forestToCsv(model: ForestModel): string {
  const rows: CsvValue[][] = [];
  for (const g of model.groups) {
    for (const r of g.rows) {
      rows.push([
        'study', r.studyId, r.label, r.year, g.heading ?? '', !r.excluded, r.treatmentData, r.controlData,
        r.yi, r.input.vi, r.sei, r.estimate, r.ciLower, r.ciUpper, r.weightPercent,
        [r.derived ? 'derived' : r.secondary ? 'secondary' : 'reported', r.input.userSupplied ? 'user-supplied' : ''].filter(Boolean).join('+'),
        r.derivations.join(' | '), '', [...new Set(r.input.provenance.map((p) => p.source))].join(' '),
        '', '', '', '', '', '', '', '', '', model.header,
        markNames(r.recoveries), markLines(r.recoveries).concat(r.input.caveats).join(' | '), '',
      ]);
    }
    if (g.pooled) rows.push(pooledCsvRow(g.pooled, g.heading ?? '', model.header));
    for (const s of g.steps) rows.push(pooledCsvRow(s, g.heading ?? '', model.header));
  }
  if (model.overall) rows.push(pooledCsvRow(model.overall, 'overall', model.header));
  const bayes = bayesianCsvRow(model);
  if (bayes) rows.push(bayes);
  for (const n of model.nonEstimable) {
    rows.push(['not-estimable', n.studyId, n.label, n.year, '', false, '', '', '', '', '', '', '', '', '', '', '', n.reason, '', '', '', '', '', '', '', '', '', '', '', '', '', n.includedBy ?? '']);
  }
  // Every row as wide as the header (the Bayesian columns are empty on the other rows).
  return toCsv(HEADER, rows.map((r) => (r.length < HEADER.length ? [...r, ...Array<CsvValue>(HEADER.length - r.length).fill('')] : r)));
}

const rString = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const rNum = (x: number) => (Number.isInteger(x) ? String(x) : x.toPrecision(15));

/** Estimators that metafor finds by iteration: the app's engine iterates to the exact optimum. */
const ITERATIVE = new Set(['REML', 'ML', 'PM', 'EB']);

/**
 * A metafor script that reproduces what is on screen: the same studies (toggled-out ones left
 * out), in the on-screen order, on the same scale and in the same direction; the same model
 * (measure, FE or the τ² estimator, z or Knapp-Hartung, level, `rma.mh` where the app pools by
 * Mantel-Haenszel); and the same mode: one fit, per-subgroup fits with RevMan's test for
 * subgroup differences (computed as `subgroupDifferences` does: a common-effect meta-analysis of
 * the subgroup fits' estimates and SEs), `leave1out()` or `cumul()` in the plot's order. One
 * `fit()` makes every number, so under M-H the subtotals, the subgroup test and every step are
 * those of `rma.mh`, as in the app. Its header says what on screen, if anything, the script does
 * not compute.
 */
export function forestToR(model: ForestModel, c: AnalysisChoices, meta: { evidenceVersion: string; date: string }): string {
  type Row = ForestModel['groups'][number]['rows'][number];
  const shown = model.groups.flatMap((g) => g.rows.map((r) => ({ row: r, group: g.heading ?? '' })));
  const included = shown.filter((x) => !x.row.excluded);
  const toggledOut = shown.filter((x) => x.row.excluded).map((x) => x.row);
  const binary = included.length > 0 && included.every((x) => x.row.input.counts !== null) && ['OR', 'RR', 'RD'].includes(c.measure);
  // The model's own decision (M-H needs every included table under a common-effect model).
  const mh = model.mantelHaenszel && binary;
  const subgroups = c.subgroupBy !== 'none';
  // The plot's I² under random effects may be RevMan's, from Q: print(res) shows metafor's, from τ².
  const qI2 = c.model === 'random' && c.i2Basis === 'Q';
  const transf = model.isRatio ? ', transf = exp' : '';
  const method = c.model === 'common' ? 'FE' : c.tau2Method;
  const level = c.level === 95 ? '' : `, level = ${c.level}`;
  const control = ITERATIVE.has(method) ? ', control = list(threshold = 1e-12, tol = 1e-12, maxiter = 1000)' : '';
  const rmaCall = `rma(yi, vi, data = d, method = ${rString(method)}, test = ${rString(c.test)}${level}, slab = study${control})`;
  const mhCall = `rma.mh(ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = d, measure = ${rString(c.measure)}${level}, slab = study)`;
  const modeText = c.mode === 'leave-one-out' ? 'leave-one-out' : c.mode === 'cumulative' ? 'cumulative meta-analysis by year' : 'standard';
  const sideText = c.flipDirection ? 'placebo vs IVIG (direction flipped)' : 'IVIG vs placebo';

  const leftOut: string[] = [];
  if (model.published.length) leftOut.push('the published syntheses drawn for comparison (printed values, not re-analysed)');
  const printedCi = included.filter((x) => x.row.input.reportedCi && c.level === 95).map((x) => x.row.label);
  if (printedCi.length) leftOut.push(`the CIs printed by the source in the rows of ${printedCi.join(', ')} (here, as in the app's pooling, the Wald CI of the SE derived from them)`);
  if (model.bayesian) leftOut.push('the shrunken study estimates and the posterior densities drawn (the Bayesian pooled row is computed at the end)');

  const lines = [
    `# IVIG in MS evidence explorer: reproduce this analysis with metafor${model.bayesian ? ', and its Bayesian row with bayesmeta or base R' : ''}.`,
    `# Outcome: ${model.outcomeLabel}; ${model.header}; ${sideText}.`,
    `# On screen: ${modeText}${subgroups ? `, subgroups by ${c.subgroupBy}` : ''}; ${included.length} ${included.length === 1 ? 'study' : 'studies'} pooled, in the plot's order.`,
    `# Evidence set ${meta.evidenceVersion}; exported ${meta.date}.`,
    `# Not computed here: ${leftOut.length ? leftOut.join('; ') : 'nothing (every number on screen comes from the calls below)'}.`,
  ];
  const recovered = included.filter((x) => x.row.recoveries.length > 0 || x.row.input.caveats.length > 0);
  // Which recovery methods are on, whenever they change something (a recovered row, or a switch
  // off its default that may have left a study out).
  if (recovered.length || !sameRecovery(c.recovery, DEFAULT_RECOVERY)) lines.push(`# ${model.recoveryText}.`);
  if (recovered.length) {
    // The recovery is the app's arithmetic on what the sources report: its results are the data
    // below (the counts, or yi and vi), and each formula is given here with the numbers put in.
    lines.push(`# Recovered values (the ${binary ? 'counts' : 'yi and vi'} below are their results; formulas with the entered numbers):`);
    for (const { row } of recovered) {
      for (const l of markLines(row.recoveries)) lines.push(`#   ${row.label}: ${l}`);
      for (const cav of row.input.caveats) lines.push(`#   ${row.label}: ${cav}`);
    }
  }
  if (toggledOut.length) lines.push(`# Toggled out in the app, so not in the data: ${toggledOut.map((r) => r.label).join(', ')}.`);
  if (model.nonEstimable.length) lines.push('# Not estimable, so not in the data:', ...model.nonEstimable.map((n) => `#   ${n.label}: ${n.reason}${n.includedBy ? ` (${n.includedBy})` : ''}`));
  if (qI2) lines.push("# The plot's I² is Q-based, as RevMan: max(0, (Q - df) / Q); print() shows metafor's tau²-based I².");
  lines.push('# install.packages("metafor")', 'library(metafor)', 'options(width = 200)  # tables on one line each', '');

  const col = (f: (r: Row) => string) => `c(${included.map((x) => f(x.row)).join(', ')})`;
  const cols: [string, string?][] = [[`study = ${col((r) => rString(r.label))}`], [`year  = ${col((r) => (r.year === null ? 'NA' : String(r.year)))}`]];
  if (subgroups) cols.push([`group = c(${included.map((x) => rString(x.group)).join(', ')})`]);
  const frame = () => ['dat <- data.frame(', ...cols.map(([code, comment], i) => `  ${code}${i < cols.length - 1 ? ',' : ''}${comment ? `  # ${comment}` : ''}`), ')'];
  if (binary) {
    // Flipped: the placebo arm is group 1, as the app swaps the arms of each 2×2 table.
    const [first, second] = c.flipDirection ? ['placebo', 'IVIG'] : ['IVIG', 'placebo'];
    const counts = (r: Row) => (c.flipDirection ? { ai: r.input.counts!.ci, n1i: r.input.counts!.n2i, ci: r.input.counts!.ai, n2i: r.input.counts!.n1i } : r.input.counts!);
    cols.push(
      [`ai  = ${col((r) => rNum(counts(r).ai))}`, `${first} events`],
      [`n1i = ${col((r) => rNum(counts(r).n1i))}`, `${first} total`],
      [`ci  = ${col((r) => rNum(counts(r).ci))}`, `${second} events`],
      [`n2i = ${col((r) => rNum(counts(r).n2i))}`, `${second} total`],
    );
    lines.push(...frame());
    lines.push(`dat <- escalc(measure = ${rString(c.measure)}, ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = dat)`);
  } else {
    const sign = c.flipDirection ? -1 : 1;
    cols.push(
      [`yi    = ${col((r) => rNum(sign * r.input.yi))}`, `${model.isRatio ? 'log ' : ''}${c.measure}${c.flipDirection ? ', placebo vs IVIG' : ''}`],
      [`vi    = ${col((r) => rNum(r.input.vi))}`, 'sampling variance'],
    );
    lines.push(...frame());
  }
  lines.push(`fit <- function(d) ${mh ? mhCall : rmaCall}`);
  const predict = (x: string) => `print(predict(${x}${transf}, digits = 4))`;

  const printQI2 = (x: string) => `cat("I^2 (Q-based, as RevMan):", round(100 * max(0, (${x}$QE - (${x}$k - 1)) / ${x}$QE)), "%\\n")`;
  const stepCall = (d: string) => (c.mode === 'leave-one-out' ? `leave1out(fit(${d})${transf})` : `cumul(fit(${d}), order = year${transf})`);
  // Each step's Q-based I², (Q − df)/Q with df = its k − 1 (leave-one-out: k − 2 of the whole set).
  const stepDf = (d: string) => (c.mode === 'leave-one-out' ? `nrow(${d}) - 2` : `seq_len(nrow(${d})) - 1`);
  const step = (d: string) => (qI2
    ? `{ s <- ${stepCall(d)}; s$I2_Q <- ifelse(s$Q > 0, 100 * pmax(0, (s$Q - (${stepDf(d)})) / s$Q), 0); print(s, digits = 4); cat("I2_Q: I^2 (Q-based, as RevMan), as on the plot\\n") }`
    : `print(${stepCall(d)}, digits = 4)`);
  if (subgroups) {
    lines.push('groups <- unique(dat$group)  # in the order shown');
    if (c.mode === 'standard') {
      lines.push(
        'for (g in groups) {',
        '  cat("\\nSubgroup:", g, "\\n")',
        '  res_g <- fit(dat[dat$group == g, ])',
        '  print(res_g, digits = 4)',
        ...(qI2 ? [`  ${printQI2('res_g')}`] : []),
        `  ${predict('res_g')}`,
        '}',
      );
      if (new Set(included.map((x) => x.group)).size >= 2) {
        lines.push(
          "# Test for subgroup differences (RevMan's Chi²): a common-effect meta-analysis of the subgroup",
          `# estimates and their standard errors, those of the subtotals above (${mh ? 'rma.mh' : 'rma'} fits).`,
          'sub <- lapply(groups, function(g) fit(dat[dat$group == g, ]))',
          'test <- rma(yi = sapply(sub, function(r) r$beta[1]), sei = sapply(sub, function(r) r$se), method = "FE")',
          'cat(sprintf("\\nTest for subgroup differences: Chi^2 = %.4f, df = %d, p = %.6f\\n", test$QE, test$k - 1, test$QEp))',
        );
      } else {
        lines.push('# Test for subgroup differences: not applicable, as on screen (fewer than two subgroups with estimable studies).');
      }
      lines.push(
        '',
        'cat("\\nOverall\\n")',
        'res <- fit(dat)',
        'print(res, digits = 4)',
        ...(qI2 ? [printQI2('res')] : []),
        predict('res'),
      );
    } else {
      lines.push(
        'for (g in groups) {',
        '  cat("\\nSubgroup:", g, "\\n")',
        `  d_g <- dat[dat$group == g, ]`,
        `  if (nrow(d_g) >= ${c.mode === 'leave-one-out' ? 2 : 1}) ${step('d_g')}`,
        '}',
      );
    }
  } else if (c.mode === 'standard') {
    lines.push('res <- fit(dat)', 'print(res, digits = 4)', ...(qI2 ? [printQI2('res')] : []), predict('res'), `forest(res${model.isRatio ? ', atransf = exp' : ''})`);
  } else {
    lines.push(step('dat'));
  }
  lines.push(...bayesianRLines(model, c));
  lines.push('');
  return lines.join('\n');
}
