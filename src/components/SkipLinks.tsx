import type { MouseEvent } from 'react';
import { useLocation } from './router';

/** The main landmark's id, the target of "Skip to main content". */
export const MAIN_CONTENT_ID = 'main-content';
/**
 * Marks the element "Skip to the chart" moves the focus to (the first one, where a view has
 * several panels): a chart's region or figure, focusable by script (tabIndex -1 at least).
 */
export const CHART_TARGET = { 'data-skip-target': 'chart' } as const;

/**
 * The first Tab stops of every view: past the header, the filters and the analysis settings
 * (some forty stops) straight to the chart, or to the main content. The address is a hash route,
 * so a skip link cannot be a plain `#id` jump: it moves the focus itself and leaves the address.
 */
export function SkipLinks() {
  const { pathname } = useLocation();
  const hasChart = pathname !== '/evidence';
  const skip = (find: () => HTMLElement | null) => (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    // A view without a chart at the moment (nothing estimable) still has its main content.
    const target = find() ?? document.getElementById(MAIN_CONTENT_ID);
    if (!target) return;
    target.focus({ preventScroll: true });
    // Show the chart with its caption (and scroll hint) above it, not cut at its top edge.
    (target.closest<HTMLElement>('figure, section') ?? target).scrollIntoView?.({ block: 'start' });
  };
  return (
    <div className="skip-links">
      {hasChart && (
        <a className="skip-link" href={`#${MAIN_CONTENT_ID}`} onClick={skip(() => document.querySelector<HTMLElement>('[data-skip-target="chart"]'))}>
          Skip to the chart
        </a>
      )}
      <a className="skip-link" href={`#${MAIN_CONTENT_ID}`} onClick={skip(() => document.getElementById(MAIN_CONTENT_ID))}>
        Skip to main content
      </a>
    </div>
  );
}
