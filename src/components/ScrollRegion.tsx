import { useId, useRef, type ReactNode } from 'react';
import { CHART_TARGET } from './SkipLinks';
import { useOverflowsSideways } from './use-layout-size';

/**
 * A box that scrolls sideways when its content is wider than the screen (a table, a forest plot
 * on a phone). While it does, a visible hint above it says so (and the region is described by
 * it), and the box is a Tab stop so that keyboard users can scroll it (axe:
 * scrollable-region-focusable). While everything fits it is neither: no hint, no extra Tab stop,
 * though a skip link can still move the focus to it.
 */
export function ScrollRegion({ label, className = 'table-scroll', hint = 'Scroll sideways for the rest of the table →', chart = false, children }: {
  label: string;
  className?: string;
  hint?: string;
  /** The region holds a chart: "Skip to the chart" moves the focus here. */
  chart?: boolean;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const overflows = useOverflowsSideways(ref);
  const hintId = useId();
  return (
    <>
      {overflows && <p className="scroll-hint" id={hintId}>{hint}</p>}
      <div ref={ref} className={className} role="region" aria-label={label} aria-describedby={overflows ? hintId : undefined} tabIndex={overflows ? 0 : -1} {...(chart ? CHART_TARGET : {})}>
        {children}
      </div>
    </>
  );
}
