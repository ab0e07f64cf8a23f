import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/store-context';

/** The thresholds of importance (risk ratios) the imprecision rule and the statements use. */
export function ThresholdsForm() {
  const { low, high, setThresholds } = useAppStore(useShallow((s) => ({ low: s.summary.thresholdLow, high: s.summary.thresholdHigh, setThresholds: s.setThresholds })));
  const [draft, setDraft] = useState<{ low: string; high: string } | null>(null);
  const shown = draft ?? { low: String(low), high: String(high) };
  const a = Number(shown.low);
  const b = Number(shown.high);
  const problem = !(a > 0 && a < 1) ? 'The lower threshold must be a risk ratio between 0 and 1.' : !(b > 1 && Number.isFinite(b)) ? 'The upper threshold must be a risk ratio above 1.' : null;
  return (
    <form className="sof-thresholds" aria-label="Thresholds of importance" onSubmit={(e) => {
      e.preventDefault();
      if (problem) return;
      setThresholds(a, b);
      setDraft(null);
    }}>
      <span>Thresholds of importance (GRADE guideline 6 suggests RR 0.75 and 1.25):</span>
      <label>Lower RR <input type="number" step="0.01" min="0.01" max="0.99" value={shown.low} onChange={(e) => setDraft({ ...shown, low: e.target.value })} aria-invalid={!!problem && !(a > 0 && a < 1)} /></label>
      <label>Upper RR <input type="number" step="0.01" min="1.01" value={shown.high} onChange={(e) => setDraft({ ...shown, high: e.target.value })} aria-invalid={!!problem && !(b > 1)} /></label>
      <button type="submit" disabled={!draft || !!problem}>Apply thresholds</button>
      {problem && <span className="problem" role="alert">{problem}</span>}
    </form>
  );
}
