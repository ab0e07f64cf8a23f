/**
 * The forest plot's data leave the app as CSV (one row per study, one per pooled result) and as
 * a metafor script that reproduces the analysis, so that a reviewer can check our numbers in the
 * field's reference tool.
 */
import type { AnalysisChoices, ForestModel, PooledRow } from '../model/forest-model';
import { toCsv, type CsvValue } from './to-csv';

const HEADER = [
  'row_type', 'study_id', 'label', 'year', 'subgroup', 'included', 'ivig_data', 'placebo_data', 'yi', 'vi', 'sei',
  'effect', 'ci_lower', 'ci_upper', 'weight_percent', 'value_status', 'derivations', 'not_estimable_reason', 'source_ids',
  'k', 'p_value', 'tau2', 'I2_percent', 'I2_basis', 'Q', 'Q_p_value', 'pi_lower', 'pi_upper', 'method',
];

function pooledCsvRow(r: PooledRow, subgroup: string, method: string): CsvValue[] {
  return [
    'pooled', '', r.label, '', subgroup, '', '', '', r.yi, '', '',
    r.estimate, r.ciLower, r.ciUpper, 100, '', '', '', '',
    // Heterogeneity as on the plot's line: the M-H Q under M-H, the I² of the chosen basis.
    r.k, r.pValue, r.heterogeneity?.tau2 ?? null, r.heterogeneity?.I2 ?? null, r.heterogeneity?.I2Basis ?? '',
    r.heterogeneity?.Q ?? null, r.heterogeneity?.QpValue ?? null,
    r.piLower, r.piUpper, method,
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
      ]);
    }
    if (g.pooled) rows.push(pooledCsvRow(g.pooled, g.heading ?? '', model.header));
    for (const s of g.steps) rows.push(pooledCsvRow(s, g.heading ?? '', model.header));
  }
  if (model.overall) rows.push(pooledCsvRow(model.overall, 'overall', model.header));
  for (const n of model.nonEstimable) {
    rows.push(['not-estimable', n.studyId, n.label, n.year, '', false, '', '', '', '', '', '', '', '', '', '', '', n.reason, '', '', '', '', '', '', '', '', '', '', '']);
  }
  return toCsv(HEADER, rows);
}

const rString = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const rNum = (x: number) => (Number.isInteger(x) ? String(x) : x.toPrecision(15));

/** A metafor script that reproduces the plot's pooled result with the same settings. */
export function forestToR(model: ForestModel, c: AnalysisChoices, meta: { evidenceVersion: string; date: string }): string {
  const included = model.groups.flatMap((g) => g.rows).filter((r) => !r.excluded);
  const binary = included.every((r) => r.input.counts !== null) && ['OR', 'RR', 'RD'].includes(c.measure);
  const lines = [
    '# IVIG in MS evidence explorer: reproduce this analysis with metafor.',
    `# Outcome: ${model.outcomeLabel}; ${model.header}.`,
    `# Evidence set ${meta.evidenceVersion}; exported ${meta.date}.`,
    '# install.packages("metafor")',
    'library(metafor)',
    '',
    `study <- c(${included.map((r) => rString(r.label)).join(', ')})`,
  ];
  const sign = c.flipDirection ? -1 : 1;
  if (binary) {
    const col = (f: (r: (typeof included)[number]) => number) => `c(${included.map((r) => rNum(f(r))).join(', ')})`;
    // Swapped sides (placebo vs IVIG) swap the arms of the table, as the plot's M-H pooling does.
    const [first, second] = c.flipDirection ? ['placebo', 'IVIG'] : ['IVIG', 'placebo'];
    const arm1 = (r: (typeof included)[number]) => (c.flipDirection ? { e: r.input.counts!.ci, n: r.input.counts!.n2i } : { e: r.input.counts!.ai, n: r.input.counts!.n1i });
    const arm2 = (r: (typeof included)[number]) => (c.flipDirection ? { e: r.input.counts!.ai, n: r.input.counts!.n1i } : { e: r.input.counts!.ci, n: r.input.counts!.n2i });
    lines.push(
      `ai  <- ${col((r) => arm1(r).e)}  # ${first} events`,
      `n1i <- ${col((r) => arm1(r).n)}  # ${first} total`,
      `ci  <- ${col((r) => arm2(r).e)}  # ${second} events`,
      `n2i <- ${col((r) => arm2(r).n)}  # ${second} total`,
      `dat <- escalc(measure = ${rString(c.measure)}, ai = ai, n1i = n1i, ci = ci, n2i = n2i, slab = study)`,
    );
  } else {
    lines.push(
      `yi <- c(${included.map((r) => rNum(sign * r.input.yi)).join(', ')})  # ${model.isRatio ? 'log ' : ''}${c.measure}${c.flipDirection ? ', placebo vs IVIG' : ''}`,
      `vi <- c(${included.map((r) => rNum(r.input.vi)).join(', ')})`,
      'dat <- data.frame(yi = yi, vi = vi, study = study)',
    );
  }
  const level = c.level === 95 ? '' : `, level = ${c.level}`;
  if (model.mantelHaenszel && binary) {
    lines.push(`res <- rma.mh(ai = ai, n1i = n1i, ci = ci, n2i = n2i, measure = ${rString(c.measure)}, slab = study${level})`);
  } else {
    const method = c.model === 'common' ? 'FE' : c.tau2Method;
    lines.push(`res <- rma(yi, vi, data = dat, method = ${rString(method)}, test = ${rString(c.test)}${level}, slab = study)`);
  }
  lines.push('print(res, digits = 4)');
  if (c.model === 'random' && c.i2Basis === 'Q') {
    // print() shows metafor's I² (from τ²); the plot shows RevMan's, from Q.
    lines.push('# I² on the plot is Q-based, as RevMan: max(0, (Q - df) / Q); print(res) above shows metafor\'s tau²-based I².', 'cat("I^2 (Q-based, as RevMan):", round(100 * max(0, (res$QE - (res$k - 1)) / res$QE)), "%\\n")');
  }
  if (model.isRatio) lines.push('predict(res, transf = exp, digits = 4)');
  else lines.push('predict(res, digits = 4)');
  lines.push('forest(res' + (model.isRatio ? ', atransf = exp' : '') + ')', '');
  return lines.join('\n');
}
