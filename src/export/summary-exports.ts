/**
 * The Summary of Findings as files: CSV (one line per outcome, with every domain's rating, the
 * override and its reason, the footnotes and the user's per-trial judgments), a standalone SVG
 * figure (rasterised to PNG by the export menu) and a self-contained HTML table that pastes into a
 * word processor. All from the same view model and the same cell words as the page (sof-cells.ts).
 */
import { DOMAIN_LABEL, DOMAINS, JUDGMENT_LABEL } from '../model/summary-of-findings/certainty';
import { analysisLine, noPosteriorNotes, sofCells, sofColumns, tableHeading } from '../model/summary-of-findings/sof-cells';
import { riskOfBiasFor, type SummaryOfFindings } from '../model/summary-of-findings/summary-of-findings';
import type { OutcomeKind } from '../evidence/schema';
import type { SummarySettings } from '../model/summary-of-findings/summary-params';
import { toCsv } from './to-csv';
import { EXPORT_FONT } from './to-svg';

const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function judgmentsText(s: SummarySettings, studyIds: readonly string[], labels: Map<string, string>, which: 'riskOfBias' | 'indirectness', outcome: OutcomeKind): string {
  // Risk of bias as it applies to this outcome's row (a per-outcome refinement wins).
  const judgments = which === 'riskOfBias' ? riskOfBiasFor(s.riskOfBias, studyIds.map((studyId) => ({ studyId })), outcome) : s.indirectness;
  return studyIds.map((id) => {
    const j = judgments[id];
    return `${labels.get(id) ?? id}: ${j ? `${JUDGMENT_LABEL[j.level]}${j.reason ? ` (${j.reason})` : ''}` : 'not assessed'}`;
  }).join('; ');
}

export function summaryToCsv(model: SummaryOfFindings, summary: SummarySettings, captionLines: readonly string[]): string {
  const labels = new Map(model.trials.map((t) => [t.studyId, t.label]));
  const header = [
    'population', 'outcome', 'importance', 'measure', 'method', 'k', 'participants', 'studies',
    'estimate', 'ci_lower', 'ci_upper', 'relative_effect',
    'assumed_control_risk_per_1000', 'control_risk_source', 'risk_with_ivig_per_1000', 'difference_per_1000', 'difference_lower_per_1000', 'difference_upper_per_1000',
    'second_control_risk_per_1000', 'second_difference_per_1000', 'second_difference_lower_per_1000', 'second_difference_upper_per_1000',
    'nnt', 'control_mean', 'optimal_information_size', 'egger_p',
    'certainty', 'certainty_provisional',
    ...DOMAINS.flatMap((d) => [`${d}_suggested`, `${d}_applied`, `${d}_status`, `${d}_override_reason`, `${d}_reasons`]),
    'risk_of_bias_judgments', 'indirectness_judgments', 'footnotes', 'statement', 'not_estimable', 'thresholds_rr',
    // The model that made the numbers: under the Bayesian model estimate/ci_* are μ's posterior
    // median and CrI (interval "CrI"), and the posterior's other numbers follow.
    'interval', 'prior', 'prior_source', 'probability_of_benefit', 'probability_beyond_threshold',
    'tau_median', 'tau_lower', 'tau_upper', 'prediction_lower', 'prediction_upper', 'bayesian_not_used_because',
  ];
  const rows = model.tables.flatMap((t) => t.rows.map((r) => {
    const cells = sofCells(r);
    const b = r.bayesian;
    const ids = r.trials.map((x) => x.studyId);
    const domain = (d: (typeof DOMAINS)[number]) => {
      const x = r.domains.find((y) => y.domain === d);
      return x ? [x.suggested, x.applied, x.status, x.override?.reason ?? '', x.reasons.join(' ')] : ['', '', '', '', ''];
    };
    const per = (p: number | null | undefined) => (p === null || p === undefined ? null : Math.round(1000 * p));
    return [
      t.label, r.outcomeLabel, r.importance, r.measure, r.method, r.k, r.participants, r.trials.map((x) => x.label).join('; '),
      r.relative?.estimate, r.relative?.lower, r.relative?.upper, r.pooled ? cells.relative : 'not estimable',
      per(r.absolute?.controlRisk), r.assumedRisk?.source, r.absolute?.perThousand.ivig, r.absolute?.perThousand.difference, r.absolute?.perThousand.lower, r.absolute?.perThousand.upper,
      per(r.secondRisk?.controlRisk), r.secondRisk?.perThousand.difference, r.secondRisk?.perThousand.lower, r.secondRisk?.perThousand.upper,
      r.nnt?.text, r.controlMean, r.oisTotal, r.egger?.pValue,
      r.certainty ? `${r.certainty.symbols} ${r.certainty.label}` : null, r.certainty?.provisional,
      ...DOMAINS.flatMap(domain),
      judgmentsText(summary, ids, labels, 'riskOfBias', r.outcome), judgmentsText(summary, ids, labels, 'indirectness', r.outcome),
      r.footnotes.map((f) => `${f.number}. ${f.text}`).join(' | '), r.statement, r.notEstimable, `${summary.thresholdLow},${summary.thresholdHigh}`,
      r.pooled ? r.interval : null, b?.priorText, b?.priorSource, b?.probabilityOfBenefit, b?.threshold?.probability,
      b?.tau.median, b?.tau.lower, b?.tau.upper, b?.piLower, b?.piUpper, r.bayesianReason,
    ];
  }));
  // The caption as the last lines, in the first column (as the forest CSV's provenance).
  return toCsv(header, [...rows, ...captionLines.map((l) => [`# ${l}`])]);
}

/** Greedy word wrap at `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && (line + ' ' + word).length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/** Column widths in characters of 11 px DejaVu Sans (about 6.3 px each). */
const SVG_COLUMNS: readonly number[] = [22, 13, 16, 20, 20, 24, 22, 30];
const CHAR = 6.4;
const LINE = 14;

export function summaryToSvg(model: SummaryOfFindings, title: string, captionLines: readonly string[]): { svg: string; width: number; height: number } {
  const colX: number[] = [];
  let x = 8;
  for (const w of SVG_COLUMNS) {
    colX.push(x);
    x += w * CHAR + 10;
  }
  const width = Math.ceil(x + 8);
  const body: string[] = [];
  let y = 24;
  body.push(`<text x="8" y="${y}" font-size="15" font-weight="700">${esc(title)}</text>`);
  y += 18;
  for (const l of wrap(analysisLine(model), 190)) { body.push(`<text x="8" y="${y}">${esc(l)}</text>`); y += LINE; }
  for (const t of model.tables) {
    y += 14;
    body.push(`<text x="8" y="${y}" font-size="13" font-weight="700">${esc(tableHeading(t.label))}</text>`);
    y += 10;
    const head = sofColumns(model.interval).map((c, i) => wrap(c.label, SVG_COLUMNS[i]!));
    const headLines = Math.max(...head.map((h) => h.length));
    body.push(`<rect x="4" y="${y}" width="${width - 8}" height="${headLines * LINE + 8}" fill="#e8eef4"/>`);
    head.forEach((h, i) => h.forEach((l, j) => body.push(`<text x="${colX[i]}" y="${y + 14 + j * LINE}" font-weight="700">${esc(l)}</text>`)));
    y += headLines * LINE + 8;
    t.rows.forEach((r, ri) => {
      const cells = sofCells(r);
      const texts = sofColumns(model.interval).map((c) => (c.key === 'certainty' && cells.footnoteRefs ? `${cells.certainty} [${cells.footnoteRefs}]` : cells[c.key]));
      const wrapped = texts.map((s, i) => wrap(s, SVG_COLUMNS[i]!));
      const lines = Math.max(...wrapped.map((w) => w.length));
      if (ri % 2 === 1) body.push(`<rect x="4" y="${y}" width="${width - 8}" height="${lines * LINE + 8}" fill="#f5f7f9"/>`);
      wrapped.forEach((w, i) => w.forEach((l, j) => body.push(`<text x="${colX[i]}" y="${y + 14 + j * LINE}"${i === 0 ? ' font-weight="600"' : ''}>${esc(l)}</text>`)));
      y += lines * LINE + 8;
      body.push(`<line x1="4" x2="${width - 4}" y1="${y}" y2="${y}" stroke="#c9d1d9" stroke-width="1"/>`);
    });
    const notes = [...new Map(t.rows.flatMap((r) => r.footnotes).map((f) => [f.number, f.text])).entries()].sort(([a], [b]) => a - b);
    y += 6;
    for (const [n, text] of notes) {
      for (const [j, l] of wrap(`${n}. ${text}`, 200).entries()) {
        body.push(`<text x="${j === 0 ? 8 : 22}" y="${y + 12}" font-size="10">${esc(l)}</text>`);
        y += 13;
      }
    }
    for (const n of noPosteriorNotes(t)) {
      for (const l of wrap(n, 200)) {
        body.push(`<text x="8" y="${y + 12}" font-size="10">${esc(l)}</text>`);
        y += 13;
      }
    }
  }
  y += 10;
  for (const l of captionLines) { for (const w of wrap(l, 200)) { body.push(`<text x="8" y="${y + 10}" font-size="10" fill="#444444">${esc(w)}</text>`); y += 13; } }
  const height = Math.ceil(y + 12);
  const svg = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${EXPORT_FONT}" font-size="11" fill="#000000" stroke="none">`,
    `<title>${esc(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...body,
    `</svg>`,
  ].join('\n');
  return { svg, width, height };
}

/**
 * A self-contained HTML document: one table per population with inline styles only (a word
 * processor keeps inline styles when the table is pasted; it drops style sheets), the footnotes,
 * and the caption. No script, no external resource.
 */
export function summaryToHtml(model: SummaryOfFindings, title: string, captionLines: readonly string[]): string {
  const cell = 'border:1px solid #8c959f;padding:4px 6px;vertical-align:top;text-align:left;';
  const parts: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${esc(title)}</title>`,
    '</head><body style="font-family:Arial,Helvetica,sans-serif;font-size:10pt;color:#000;">',
    `<h1 style="font-size:14pt;">${esc(title)}</h1>`,
    `<p>${esc(analysisLine(model))}</p>`,
  ];
  for (const t of model.tables) {
    parts.push(`<table style="border-collapse:collapse;margin:12pt 0 4pt;font-size:9pt;">`);
    parts.push(`<caption style="text-align:left;font-weight:bold;font-size:11pt;padding-bottom:4pt;">${esc(tableHeading(t.label))}</caption>`);
    parts.push(`<thead><tr>${sofColumns(model.interval).map((c) => `<th scope="col" style="${cell}background:#e8eef4;">${esc(c.label)}</th>`).join('')}</tr></thead><tbody>`);
    for (const r of t.rows) {
      const c = sofCells(r);
      parts.push(`<tr>${sofColumns(model.interval).map((col) => {
        const text = esc(c[col.key]);
        if (col.key === 'outcome') return `<th scope="row" style="${cell}">${text}</th>`;
        if (col.key === 'certainty' && c.footnoteRefs) return `<td style="${cell}">${text}<sup>${esc(c.footnoteRefs)}</sup></td>`;
        return `<td style="${cell}">${text}</td>`;
      }).join('')}</tr>`);
    }
    parts.push('</tbody></table>');
    const notes = [...new Map(t.rows.flatMap((r) => r.footnotes).map((f) => [f.number, f.text])).entries()].sort(([a], [b]) => a - b);
    if (notes.length) parts.push(`<ol style="font-size:8pt;margin:2pt 0 10pt;padding-left:16pt;">${notes.map(([n, text]) => `<li value="${n}">${esc(text)}</li>`).join('')}</ol>`);
    for (const n of noPosteriorNotes(t)) parts.push(`<p style="font-size:8pt;">${esc(n)}</p>`);
    if (t.leftOut.length) parts.push(`<p style="font-size:8pt;">Also reported, beyond the seven outcomes of this table: ${esc(t.leftOut.join(', '))}.</p>`);
  }
  parts.push(`<p style="font-size:8pt;color:#444;">GRADE certainty: ⊕⊕⊕⊕ HIGH, ⊕⊕⊕◯ MODERATE, ⊕⊕◯◯ LOW, ⊕◯◯◯ VERY LOW. Domains: ${DOMAINS.map((d) => DOMAIN_LABEL[d]).join(', ')}.</p>`);
  for (const l of captionLines) parts.push(`<p style="font-size:8pt;color:#444;">${esc(l)}</p>`);
  parts.push('</body></html>');
  return parts.join('\n');
}
