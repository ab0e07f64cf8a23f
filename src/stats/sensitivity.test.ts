import { describe, expect, it } from 'vitest';
import { metaAnalysis } from './meta-analysis';
import { cumulative, leaveOneOut } from './sensitivity';

const effects = [
  { yi: 0.3, vi: 0.04 },
  { yi: 0.1, vi: 0.02 },
  { yi: 0.6, vi: 0.09 },
  { yi: -0.2, vi: 0.05 },
];

describe('leaveOneOut', () => {
  it('refits without each study in turn', () => {
    const results = leaveOneOut(effects, { method: 'DL', test: 'knha' });
    expect(results).toHaveLength(4);
    results.forEach((r, i) => {
      const expected = metaAnalysis(
        effects.filter((_, j) => j !== i),
        { method: 'DL', test: 'knha' },
      );
      expect(r).toEqual(expected);
    });
  });

  it('with k = 2 gives the two single studies', () => {
    const [first, second] = leaveOneOut(effects.slice(0, 2));
    expect(first?.estimate).toBe(0.1);
    expect(second?.estimate).toBe(0.3);
    expect(first?.I2).toBeNull();
  });

  it('needs two studies', () => {
    expect(() => leaveOneOut(effects.slice(0, 1))).toThrow('effects must contain at least 2 item(s), got 1');
  });
});

describe('cumulative', () => {
  it('adds studies in the order given', () => {
    const results = cumulative(effects, { method: 'REML' });
    expect(results.map((r) => r.k)).toEqual([1, 2, 3, 4]);
    expect(results[0]?.estimate).toBe(0.3);
    expect(results[0]?.Q).toBeNull();
    expect(results[3]).toEqual(metaAnalysis(effects, { method: 'REML' }));
    const reversed = cumulative([...effects].reverse(), { method: 'REML' });
    expect(reversed[0]?.estimate).toBe(-0.2);
  });
});
