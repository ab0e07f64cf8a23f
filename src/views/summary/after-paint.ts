import { startTransition, useEffect, useState } from 'react';

/**
 * False until a frame has been painted after `ready` first became true; then true for good (set
 * at transition priority, so that the work it releases can yield to the browser).
 *
 * Why: on a cold load of the summary the first table is what the reader sees; the other
 * populations' tables and the seed review's claims are below the fold. The claims (a dozen forests
 * re-pooled, 64–108 ms, and a long DOM) rendered in the first paint's task held it back by about
 * 250 ms on this project's 2-core machine under load (README, Speed). `useDeferredValue` would defer
 * them too, but React may start the deferred render before the browser paints; a
 * requestAnimationFrame callback runs just before the frame's paint, and a timeout set from it runs
 * after that paint, so the order is certain.
 */
export function useAfterPaint(ready: boolean): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!ready || painted) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setPainted(true)), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [ready, painted]);
  return painted;
}

/** `compute()`, timed as the user-timing measure `name` (read by `npm run bench`). */
export function timed<T>(name: string, compute: () => T): T {
  const t0 = performance.now();
  const value = compute();
  performance.measure(name, { start: t0, end: performance.now() });
  return value;
}
