import { describe, expect, it } from 'vitest';
import { estimateTextWidth, forestMethodHeaders, wrapToWidth } from './forest-layout';

// The forest plot's columns (ForestPlot.tsx): effect column 152 px, graph column 300 px, 12 px text.
const WIDTHS = { effect: 152, plot: 300 };

describe('forestMethodHeaders', () => {
  it('wraps the Knapp-Hartung sub-header inside the effect column, keeping "95% CI" together', () => {
    const h = forestMethodHeaders('IV, Random (REML, Knapp-Hartung), 95% CI', WIDTHS, 12);
    expect(h.effect).toEqual(['IV, Random (REML,', 'Knapp-Hartung),', '95% CI']);
    expect(h.plot).toEqual(['IV, Random (REML, Knapp-Hartung),', '95% CI']);
    // Each line ends before the graph column begins (500 + width < 660 - 8).
    for (const line of h.effect) expect(estimateTextWidth(line, 12)).toBeLessThanOrEqual(WIDTHS.effect);
    // The graph column's lines are centred at 810: their left ends stay right of the effect column.
    for (const line of h.plot) expect(810 - estimateTextWidth(line, 12) / 2).toBeGreaterThan(500 + WIDTHS.effect);
  });
  it('leaves a short sub-header on one line', () => {
    expect(forestMethodHeaders('M-H, Fixed, 95% CI', WIDTHS, 12)).toEqual({ effect: ['M-H, Fixed, 95% CI'], plot: ['M-H, Fixed, 95% CI'] });
  });
  it('never splits a word, even one wider than the column', () => {
    expect(wrapToWidth('Knapp-Hartung-Sidik-Jonkman-Hartung x', 50, 12)).toEqual(['Knapp-Hartung-Sidik-Jonkman-Hartung', 'x']);
  });
});
