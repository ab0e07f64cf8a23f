/**
 * Text layout of the forest plot's column headers. The sub-header names the method
 * ("IV, Random (REML, Knapp-Hartung), 95% CI"); the effect column is about 150 px wide, so a long
 * method name must wrap there rather than run into the graph column's sub-header.
 */

/**
 * Width of `text` set in DejaVu Sans at `fontSize` px, estimated at 0.64 em a character (0.70 em
 * bold): DejaVu Sans's digits advance 0.636 em (bold 0.696 em), wider than its average letter, so
 * that a line judged to fit does fit, estimates and CIs included.
 */
export function estimateTextWidth(text: string, fontSize: number, bold = false): number {
  return text.length * fontSize * (bold ? 0.7 : 0.64);
}

/** Greedy word wrap into lines no wider than `maxWidth`; a no-break space keeps its words together. */
export function wrapToWidth(text: string, maxWidth: number, fontSize: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    const next = current ? `${current} ${word}` : word;
    if (current && estimateTextWidth(next, fontSize) > maxWidth) {
      lines.push(current);
      current = word;
    } else current = next;
  }
  if (current) lines.push(current);
  return lines.map((l) => l.replace(/\u00a0/g, ' '));
}

/**
 * The method sub-header ("IV, Random (REML, Knapp-Hartung), 95% CI") of the effect column and of
 * the graph column, each wrapped to its width; "95% CI" stays on one line.
 */
export function forestMethodHeaders(subHeader: string, widths: { effect: number; plot: number }, fontSize: number): { effect: string[]; plot: string[] } {
  const text = subHeader.replace(/ (\d+(?:\.\d+)?%) CI$/, ' $1\u00a0CI');
  return { effect: wrapToWidth(text, widths.effect, fontSize), plot: wrapToWidth(text, widths.plot, fontSize) };
}
