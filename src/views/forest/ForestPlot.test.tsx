/**
 * The forest plot's drawing of a pooled diamond wider than the axis, on the bundled evidence:
 * relapse-free patients, OR, REML + Knapp-Hartung (k = 2, t with 1 df) gives 3.76 [<0.01, 901901.99],
 * far beyond the widest axis (0.001 to 1000).
 */
import { readFileSync } from 'node:fs';
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { parseEvidenceText } from '../../evidence/parse-evidence';
import { DEFAULT_ANALYSIS, toForestModel } from '../../model/forest-model';
import { ForestPlot } from './ForestPlot';

const evidence = parseEvidenceText(readFileSync('public/data/evidence.json', 'utf8'));
// AIMS and Achiron 1998 only (PRIVIG, in the set since evidence 2026.12.01-2, toggled off): k = 2.
const modelWith = (test: 'z' | 'knha') => toForestModel(evidence.studies, [], { ...DEFAULT_ANALYSIS, outcome: 'relapse-free', measure: 'OR', test, excludedStudyIds: ['fazekas-2008-privig'] });

function pooledRow(test: 'z' | 'knha') {
  const { container } = render(<ForestPlot model={modelWith(test)} title="t" summary="s" />);
  return container.querySelector('g.forest-pooled')!;
}

describe('ForestPlot: a pooled diamond cut at the axis edge', () => {
  it('gets an arrow at each cut side (Knapp-Hartung: <0.01 to 901901.99 on a 0.001–1000 axis)', () => {
    const model = modelWith('knha');
    expect(model.overall!.effectText).toBe('3.76 [<0.01, 901901.99]');
    const row = pooledRow('knha');
    const arrows = Array.from(row.querySelectorAll('polygon.forest-arrow'));
    expect(arrows).toHaveLength(2);
    // Tips just outside the cut diamond's ends (the graph's edges), the arrows pointing outwards.
    const xs = (el: Element) => el.getAttribute('points')!.split(' ').map((p) => Number(p.split(',')[0]));
    const diamond = xs(row.querySelector('polygon:not(.forest-arrow)')!);
    const [left, right] = arrows.map(xs) as [number[], number[]];
    expect(left[0]).toBe(Math.min(...diamond) - 1);
    expect(right[0]).toBe(Math.max(...diamond) + 1);
    expect(Math.min(...left)).toBe(left[0]);
    expect(Math.max(...right)).toBe(right[0]);
    expect(Math.max(...diamond) - Math.min(...diamond)).toBe(300);
  });
  it('starts the graph after the widest estimate text, which in bold needs more than the 160 px column', () => {
    const row = pooledRow('knha');
    const diamondLeft = Math.min(...row.querySelector('polygon:not(.forest-arrow)')!.getAttribute('points')!.split(' ').map((p) => Number(p.split(',')[0])));
    // "3.76 [<0.01, 901901.99]": 23 characters at 12 px × 0.70 em (bold digits) = 193 px, from x = 500.
    expect(diamondLeft).toBeGreaterThanOrEqual(500 + 193);
  });
  it('gets none when the diamond fits (z test: 3.76 [0.56, 25.42])', () => {
    expect(pooledRow('z').querySelectorAll('polygon.forest-arrow')).toHaveLength(0);
  });
});
