import { describe, expect, it } from 'vitest';
import { ConvergenceError } from './errors';
import { newtonDecreasingRoot } from './root-finding';

describe('newtonDecreasingRoot', () => {
  it('finds the root of a decreasing convex function', () => {
    // 4/(1 + x) − 1 = 0 at x = 3.
    const f = (x: number) => ({ value: 4 / (1 + x) - 1, derivative: -4 / (1 + x) ** 2 });
    const { root, iterations } = newtonDecreasingRoot(f, 0, 100, 'test');
    expect(root).toBeCloseTo(3, 13);
    expect(iterations).toBeLessThan(20);
  });

  it('falls back to bisection when the derivative is useless, and gives up loudly', () => {
    const f = (x: number) => ({ value: 2 - x, derivative: 0 });
    expect(newtonDecreasingRoot(f, 0, 10, 'flat').root).toBeCloseTo(2, 12);
    expect(() => newtonDecreasingRoot(f, 0, 10, 'flat', 1e-13, 3)).toThrow(ConvergenceError);
  });
});
