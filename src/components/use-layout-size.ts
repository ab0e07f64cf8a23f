import { useCallback, useLayoutEffect, useState, useSyncExternalStore, type RefObject } from 'react';

/**
 * Layout measurements that drive a view's shape (chart width, scroll hints, folded filters).
 * Each one follows the element or the window as it changes (rotation, zoom, a re-render that
 * widens the content). Where the browser cannot tell (jsdom, no ResizeObserver or matchMedia)
 * they answer as on a wide screen, which is what the component tests draw.
 */

const canObserve = () => typeof ResizeObserver === 'function';

/** Whether the element's content is wider than its box, i.e. the box scrolls sideways. */
export function useOverflowsSideways(ref: RefObject<HTMLElement | null>): boolean {
  const [overflows, setOverflows] = useState(false);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || !canObserve()) return;
    // One pixel of slack: sub-pixel widths round either way.
    const update = () => setOverflows(el.scrollWidth > el.clientWidth + 1);
    const observer = new ResizeObserver(update);
    observer.observe(el);
    for (const child of el.children) observer.observe(child);
    update();
    return () => observer.disconnect();
  });
  return overflows;
}

/** The element's content-box width in CSS pixels, or null before it is laid out (and in jsdom). */
export function useContentWidth(ref: RefObject<HTMLElement | null>, present: boolean): number | null {
  const [width, setWidth] = useState<number | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || !present || !canObserve()) return;
    const observer = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect;
      if (box) setWidth(Math.floor(box.width));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, present]);
  return width;
}

/** Below this width the filters start folded (a phone, or a desktop window at 200% zoom). */
export const SMALL_SCREEN_QUERY = '(max-width: 760px)';

function subscribeSmallScreen(onChange: () => void): () => void {
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return () => {};
  const query = window.matchMedia(SMALL_SCREEN_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

const isSmallScreen = () => typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia(SMALL_SCREEN_QUERY).matches;

export function useSmallScreen(): boolean {
  return useSyncExternalStore(subscribeSmallScreen, isSmallScreen, () => false);
}

/**
 * A panel folded on a small screen, where it would fill the first screen, and open on a wide one;
 * once the user opens or closes it, that choice holds (for as long as the component lives).
 */
export function useFoldedOnSmallScreen(): { open: boolean; toggle: () => void } {
  const smallScreen = useSmallScreen();
  const [openChoice, setOpenChoice] = useState<boolean | null>(null);
  const open = openChoice ?? !smallScreen;
  const toggle = useCallback(() => setOpenChoice(!open), [open]);
  return { open, toggle };
}
