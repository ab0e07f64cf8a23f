/**
 * The evidence map (trials × outcomes) as a standalone SVG and as CSV. The on-screen map is an
 * HTML table; for papers it is drawn here from the same view model, with its legend, the badges
 * beside each trial (kind, same-trial link) and each cell's text as its hover title, as on screen.
 */
import type { OutcomeKind, Study } from '../evidence/schema';
import { OUTCOME_INFO } from '../evidence/vocabulary';
import { EVIDENCE_LEVEL_SYMBOL as LEVEL_SYMBOL, evidenceMapCellText, evidenceMapRowBadges } from '../model/evidence-map-badges';
import { EVIDENCE_LEVEL_LABEL, evidenceMapCell, type EvidenceLevel } from '../model/evidence-table-model';
import { toCsv } from './to-csv';
import { EXPORT_FONT } from './to-svg';

export const LEVEL_COLOUR: Record<EvidenceLevel, string> = {
  'arm-level': '#1a7f37',
  contrast: '#0b5cad',
  'arm-level-incomplete': '#9a6700',
  'p-value-only': '#6e4fb3',
  qualitative: '#6e7781',
  'not-reported': '#b9c0c7',
};

const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const LABEL_CHARS = 40;
const rowLabel = (s: Study) => (s.label.length > LABEL_CHARS ? `${s.label.slice(0, LABEL_CHARS - 1)}…` : s.label);
// Approximate advance widths of DejaVu Sans: semibold 11 px labels, 9 px badge text.
const LABEL_CHAR_W = 7.2;
const BADGE_CHAR_W = 4.9;
const BADGE_PAD = 4;
const badgeWidth = (text: string) => Math.ceil(text.length * BADGE_CHAR_W + 2 * BADGE_PAD);

/**
 * `allStudies` (default: `studies`) names the other report of a same-trial link when the filters
 * hide it, as the on-screen map does.
 */
export function evidenceMapToSvg(studies: readonly Study[], columns: readonly OutcomeKind[], title: string, captionLines: readonly string[], allStudies: readonly Study[] = studies): string {
  const badgesOf = new Map(studies.map((s) => [s.id, evidenceMapRowBadges(s, allStudies)]));
  const rowWidth = (s: Study) => 8 + rowLabel(s).length * LABEL_CHAR_W + badgesOf.get(s.id)!.reduce((w, b) => w + 6 + badgeWidth(b.text), 0) + 8;
  const labelW = Math.ceil(Math.max(250, ...studies.map(rowWidth)));
  const colW = 62;
  const rowH = 20;
  const headH = 110;
  // The column headers are rotated 50° up to the right: the last ones reach past the last column.
  // Bold 11 px DejaVu Sans is about 7 px a character; the export then fits the canvas to the text
  // as laid out (fitToText), and the estimate keeps the row stripes as wide as the canvas.
  const reach = Math.max(0, ...columns.map((k, j) => labelW + j * colW + colW / 2 + 4 + OUTCOME_INFO[k].short.length * 7 * Math.cos((50 * Math.PI) / 180)));
  const width = Math.ceil(Math.max(labelW + columns.length * colW, reach) + 16);
  const bodyBottom = headH + studies.length * rowH;
  const height = bodyBottom + 40 + captionLines.length * 15 + 10;
  const out: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${EXPORT_FONT}" font-size="11" fill="#000000" stroke="none">`,
    `<title>${esc(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="8" y="18" font-size="14" font-weight="700">${esc(title)}</text>`,
  ];
  columns.forEach((k, j) => {
    const x = labelW + j * colW + colW / 2;
    out.push(`<text transform="translate(${x + 4},${headH - 6}) rotate(-50)" font-weight="700">${esc(OUTCOME_INFO[k].short)}</text>`);
  });
  studies.forEach((s, i) => {
    const y = headH + i * rowH;
    if (i % 2 === 0) out.push(`<rect x="0" y="${y}" width="${width}" height="${rowH}" fill="#f5f7f9"/>`);
    const label = rowLabel(s);
    out.push(`<text x="8" y="${y + 14}" font-weight="600">${esc(label)}</text>`);
    let bx = 8 + label.length * LABEL_CHAR_W + 6;
    for (const b of badgesOf.get(s.id)!) {
      const w = badgeWidth(b.text);
      out.push(`<g><rect x="${bx}" y="${y + 4}" width="${w}" height="13" rx="3" fill="#eef1f4" stroke="#8c959f" stroke-width="0.75"/><text x="${bx + BADGE_PAD}" y="${y + 14}" font-size="9" fill="#3d444d">${esc(b.text)}</text></g>`);
      bx += w + 6;
    }
    columns.forEach((k, j) => {
      const cell = evidenceMapCell(s, k);
      const x = labelW + j * colW + colW / 2;
      // The cell's text as its title: the tooltip the map shows on screen.
      out.push(`<g><title>${esc(`${s.label}, ${OUTCOME_INFO[k].label}: ${evidenceMapCellText(s, k)}`)}</title>`);
      out.push(`<text x="${x}" y="${y + 14}" text-anchor="middle" fill="${LEVEL_COLOUR[cell.level]}" font-size="13">${esc(LEVEL_SYMBOL[cell.level])}</text>`);
      // The indirect mark is a text of its own beside the symbol: ImageMagick draws a tspan without an x at its text's start.
      if (cell.indirect) out.push(`<text x="${x + 5}" y="${y + 14}" fill="#8a4b00" font-weight="700" font-size="13">*</text>`);
      out.push('</g>');
    });
  });
  let x = 8;
  const ly = bodyBottom + 22;
  for (const level of Object.keys(LEVEL_SYMBOL) as EvidenceLevel[]) {
    out.push(`<text x="${x}" y="${ly}" fill="${LEVEL_COLOUR[level]}" font-size="13">${esc(LEVEL_SYMBOL[level])}</text><text x="${x + 16}" y="${ly}">${esc(EVIDENCE_LEVEL_LABEL[level])}</text>`);
    x += 30 + EVIDENCE_LEVEL_LABEL[level].length * 6;
  }
  out.push(`<text x="${x}" y="${ly}" fill="#8a4b00" font-weight="700">*</text><text x="${x + 10}" y="${ly}">derived or secondary values</text>`);
  captionLines.forEach((line, i) => out.push(`<text x="8" y="${ly + 20 + i * 15}" fill="#444444" font-size="10">${esc(line)}</text>`));
  out.push('</svg>');
  return out.join('\n');
}

export function evidenceMapToCsv(studies: readonly Study[], columns: readonly OutcomeKind[], allStudies: readonly Study[] = studies): string {
  const rows = studies.flatMap((s) => {
    const badges = evidenceMapRowBadges(s, allStudies).map((b) => b.text).join('; ');
    return columns.map((k) => {
      const cell = evidenceMapCell(s, k);
      return [s.id, s.label, s.year, s.phase, OUTCOME_INFO[k].label, EVIDENCE_LEVEL_LABEL[cell.level], cell.indirect, cell.detail, s.sources.join(' '), badges];
    });
  });
  return toCsv(['study_id', 'label', 'year', 'phase', 'outcome', 'what_the_sources_give', 'derived_or_secondary', 'detail', 'source_ids', 'badges'], rows);
}
