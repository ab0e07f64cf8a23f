import type { ReactNode } from 'react';

/** A horizontally scrolling box that keyboard users can reach and scroll (axe: scrollable-region-focusable). */
export function ScrollRegion({ label, className = 'table-scroll', children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div className={className} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
