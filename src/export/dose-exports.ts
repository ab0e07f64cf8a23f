/** The dose-response chart's data as CSV and as a metafor meta-regression script. */
import type { DoseChoices, DoseResponseModel } from '../model/dose-response-model';
import { toCsv, type CsvValue } from './to-csv';
import { markLines, markNames } from '../evidence/recovered-effects/recovery-mark';

const HEADER = ['row_type', 'study_id', 'label', 'arm', 'phase', 'dose_g_per_kg_month', 'dose_status', 'dose_formula', 'yi', 'vi', 'ci_lower', 'ci_upper', 'in_regression', 'weight_percent', 'coefficient', 'estimate', 'se', 'p_value', 'tau2', 'R2_percent', 'k', 'dose_range_lower', 'dose_range_upper', 'recovery_methods', 'recovery_formulas'];

export function doseToCsv(model: DoseResponseModel): string {
  const rows: CsvValue[][] = model.points.map((p) => [
    'comparison', p.studyId, p.label, p.armLabel, p.phase, p.dose, p.doseStatus, p.doseFormula, p.yi, p.vi, p.ciLower, p.ciUpper, p.inRegression, p.weightPercent,
    '', '', '', '', '', '', '',
    p.doseRange?.lower ?? null, p.doseRange?.upper ?? null, markNames(p.recoveries), markLines(p.recoveries).concat(p.caveats).join(' | '),
  ]);
  const r = model.regression;
  if (r) {
    for (const c of r.result.coefficients) {
      rows.push(['coefficient', '', '', '', '', '', '', '', '', '', c.ciLower, c.ciUpper, '', '', c.name, c.estimate, c.se, c.pValue, r.tau2, r.R2, r.k, '', '', '', '']);
    }
  } else {
    rows.push(['note', '', model.regressionNote ?? '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '']);
  }
  return toCsv(HEADER, rows);
}

const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toPrecision(15));

export function doseToR(model: DoseResponseModel, c: DoseChoices, meta: { evidenceVersion: string; date: string }): string {
  const pts = model.points.filter((p) => !p.hollow);
  return [
    '# IVIG in MS evidence explorer: reproduce the dose-response meta-regression with metafor.',
    `# Outcome: ${model.outcomeLabel}; ${model.measureLabel}${model.isRatio ? ' (log scale)' : ''} against ${model.xLabel}.`,
    `# Evidence set ${meta.evidenceVersion}; exported ${meta.date}.`,
    ...recoveryComments(pts),
    'library(metafor)',
    `study <- c(${pts.map((p) => JSON.stringify(`${p.label}, ${p.armLabel}`)).join(', ')})`,
    `dose  <- c(${pts.map((p) => num(p.dose)).join(', ')})`,
    `phase <- c(${pts.map((p) => JSON.stringify(p.phase)).join(', ')})`,
    `yi    <- c(${pts.map((p) => num(p.yi)).join(', ')})`,
    `vi    <- c(${pts.map((p) => num(p.vi as number)).join(', ')})`,
    `res <- rma(yi, vi, mods = ~ dose${c.phaseModerator ? ' + relevel(factor(phase), ref = "RR")' : ''}, method = ${JSON.stringify(c.tau2Method)}, test = ${JSON.stringify(c.test)}, slab = study)`,
    'print(res, digits = 4)',
    `predict(res, newmods = ${c.phaseModerator ? 'cbind(seq(min(dose), max(dose), length.out = 5), 0)' : 'seq(min(dose), max(dose), length.out = 5)'}${model.isRatio ? ', transf = exp' : ''}, digits = 4)`,
    '',
  ].join('\n');
}

/**
 * The recovered values behind the points, as comments: the yi and vi below are their results (our
 * arithmetic on what the sources report), so the script reproduces the app's numbers exactly.
 */
function recoveryComments(pts: DoseResponseModel['points']): string[] {
  const recovered = pts.filter((p) => p.recoveries.length > 0 || p.caveats.length > 0);
  if (!recovered.length) return [];
  return [
    '# Recovered values (the yi and vi below are their results; formulas with the entered numbers):',
    ...recovered.flatMap((p) => [...markLines(p.recoveries), ...p.caveats].map((l) => `#   ${p.label}, ${p.armLabel}: ${l}`)),
  ];
}
