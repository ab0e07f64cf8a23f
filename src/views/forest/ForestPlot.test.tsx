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
const modelWith = (test: 'z' | 'knha') => toForestModel(evidence.studies, [], { ...DEFAULT_ANALYSIS, outcome: 'relapse-free', measure: 'OR', test });

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
    // Tips outside the graph's edges (660 and 960), pointing outwards.
    const tips = arrows.map((a) => Number(a.getAttribute('points')!.split(' ')[0]!.split(',')[0]));
    expect(tips).toEqual([659, 961]);
  });
  it('gets none when the diamond fits (z test: 3.76 [0.56, 25.42])', () => {
    expect(pooledRow('z').querySelectorAll('polygon.forest-arrow')).toHaveLength(0);
  });
});
