import { startTransition, useEffect, useState } from 'react';

/**
 * Runs `task` in a task of its own after the browser's next paint: a requestAnimationFrame callback
 * runs just before the frame's paint, and a timeout set from it runs after that paint. Returns the
 * cancel function (for an effect's clean-up).
 */
function afterNextPaint(task: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(task, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
  };
}

/**
 * False until a frame has been painted after `ready` first became true; then true for good (set
 * at transition priority, so that the work it releases can yield to the browser).
 *
 * Why: on a cold load of the summary the first table is what the reader sees; the other
 * populations' tables and the seed review's claims are below the fold. The claims (a dozen forests
 * re-pooled, 64–108 ms, and a long DOM) rendered in the first paint's task held it back by about
 * 250 ms on this project's 2-core machine under load (README, Speed). `useDeferredValue` would defer
 * them too, but React may start the deferred render before the browser paints; `afterNextPaint`
 * makes the order certain.
 */
export function useAfterPaint(ready: boolean): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!ready || painted) return;
    return afterNextPaint(() => startTransition(() => setPainted(true)));
  }, [ready, painted]);
  return painted;
}

/**
 * `compute(input)`, re-computed when `input` changes (by identity) only after the browser has
 * painted the rest of the page's update, in a task of its own, and then drawn at transition
 * priority; until then the previous result stays (`input` is the one it was computed from), with
 * `pending` true. `compute` must be pure (a module-level function of its input).
 *
 * Why: the seed review's claims are below the Summary of Findings tables and take 15–25 ms to
 * re-compute. With `useDeferredValue` their background render started in a task that React's
 * scheduler posts right after the urgent commit, before the browser's next frame: a change of τ²
 * estimator repainted the tables in 47 ms with the claims on the page and 28 ms with them removed
 * (median of 20 back-to-back changes, 2026-12-01; README, Speed). Deferring only the state update
 * is not enough: a render at transition priority that a new change interrupts is restarted, compute
 * and all, before the next frame. Computing in the timeout keeps the expensive part out of React's
 * render; what React renders (and may restart) is the claims' DOM alone.
 */
export function useComputedAfterPaint<I, T>(input: I, compute: (input: I) => T): { value: T; input: I; pending: boolean } {
  const [state, setState] = useState(() => ({ input, value: compute(input) }));
  useEffect(() => {
    if (Object.is(state.input, input)) return;
    return afterNextPaint(() => {
      const value = compute(input);
      startTransition(() => setState({ input, value }));
    });
  }, [input, state.input, compute]);
  return { value: state.value, input: state.input, pending: !Object.is(state.input, input) };
}

/** `compute()`, timed as the user-timing measure `name` (read by `npm run bench`). */
export function timed<T>(name: string, compute: () => T): T {
  const t0 = performance.now();
  const value = compute();
  performance.measure(name, { start: t0, end: performance.now() });
  return value;
}
