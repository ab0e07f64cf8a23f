/**
 * The claims' re-compute waits for the frame that paints the tables: until a frame and a task have
 * passed, the previous result stays, marked pending; then the new one, computed once.
 */
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useComputedAfterPaint } from './after-paint';

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'] }));
afterEach(() => vi.useRealTimers());

describe('useComputedAfterPaint', () => {
  it('keeps the previous result until a frame has painted, then computes the new one once', () => {
    const compute = vi.fn((x: { n: number }) => x.n * 10);
    const first = { n: 1 };
    const { result, rerender } = renderHook(({ input }) => useComputedAfterPaint(input, compute), { initialProps: { input: first } });
    expect(result.current).toEqual({ value: 10, input: first, pending: false });
    expect(compute).toHaveBeenCalledTimes(1);

    const second = { n: 2 };
    rerender({ input: second });
    expect(result.current).toEqual({ value: 10, input: first, pending: true });
    expect(compute).toHaveBeenCalledTimes(1);

    act(() => vi.advanceTimersToNextFrame()); // the frame: the compute is scheduled after it
    expect(compute).toHaveBeenCalledTimes(1);
    act(() => vi.runOnlyPendingTimers()); // the task after the frame
    expect(result.current).toEqual({ value: 20, input: second, pending: false });
    expect(compute).toHaveBeenCalledTimes(2);
  });

  it('computes only the last of several changes made before a frame', () => {
    const compute = vi.fn((x: { n: number }) => x.n);
    const { result, rerender } = renderHook(({ input }) => useComputedAfterPaint(input, compute), { initialProps: { input: { n: 1 } } });
    rerender({ input: { n: 2 } });
    rerender({ input: { n: 3 } });
    act(() => vi.advanceTimersToNextFrame());
    act(() => vi.runOnlyPendingTimers());
    expect(result.current.value).toBe(3);
    expect(compute.mock.calls.map(([x]) => x.n)).toEqual([1, 3]);
  });
});
