import { memo, useLayoutEffect, useMemo } from 'react';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { MethodSensitivityPanel } from '../../components/method-sensitivity/MethodSensitivityPanel';
import type { OutcomeKind } from '../../evidence/schema';
import type { AnalysisMeasure } from '../../evidence/to-effect-inputs';
import { captionLines } from '../../export/caption';
import { exportFileName } from '../../export/file-name';
import type { Filters } from '../../model/filters';
import type { ForestModel } from '../../model/forest-model';
import { bayesianSensitivityRows } from '../../model/method-sensitivity/bayesian-rows';
import { sensitivityInputFromForest, toMethodSensitivity } from '../../model/method-sensitivity/method-sensitivity';

/** The method-sensitivity panel of a forest, timed for the bench ("sensitivity-compute"). */
function timedSensitivity(model: ForestModel, options: { flipDirection: boolean; level: number; outcome: OutcomeKind }) {
  const t0 = performance.now();
  const panel = toMethodSensitivity(sensitivityInputFromForest(model, options), bayesianSensitivityRows);
  performance.measure('sensitivity-compute', { start: t0, end: performance.now() });
  return panel;
}

interface Props {
  /** The forest whose included study effects the panel pools by every method. */
  model: ForestModel;
  flipDirection: boolean;
  level: number;
  outcome: OutcomeKind;
  measure: AnalysisMeasure;
  /** The phase-comparison row the forest is limited to, if any. */
  phaseLabel: string | null;
  useDerived: boolean;
  filters: Filters;
  excluded: readonly string[];
  evidenceVersion: string;
}

/**
 * The forest view's method-sensitivity panel: the forest's study effects (its included rows)
 * pooled by every method (ten fits), drawn in the same commit as the forest.
 *
 * Until 2026-12-01 the panel was deferred (`useDeferredValue`) so that the forest repainted first,
 * when its three Bayesian fits cost ~6 ms. Since the fits compute shrinkage estimates and density
 * grids only when read (stats/bayesian), the panel's compute is ~3 ms, and the deferral cost more
 * than it saved: a second render, layout and paint, often a frame later. Median of 60 filter
 * clicks, unminified build: panel painted 17 ms after the click without the deferral, 18–21 ms with
 * it (75th percentile 19–23 vs 28–30 ms); the forest 1–2 ms later than with it (README, Speed).
 *
 * Its own memoised component, so that a render of the view with unchanged panel props (a control
 * that does not touch the included studies) re-uses the panel as it is.
 */
export const SensitivitySection = memo(function SensitivitySection(props: Props) {
  const { model, flipDirection, level, outcome, measure, phaseLabel, useDerived, filters, excluded, evidenceVersion } = props;
  const sensitivity = useMemo(() => timedSensitivity(model, { flipDirection, level, outcome }), [model, flipDirection, level, outcome]);
  useLayoutEffect(() => {
    // The bench measures a filter change → the method-sensitivity panel re-computed and painted:
    // the mark is set in the first frame after the panel's commit. A layout effect, because the
    // passive effects of a commit that is not from a discrete event (a store update from a link,
    // an import) run in a task of their own after the browser has painted it: a mark requested
    // there would fall a frame late.
    if (sensitivity) requestAnimationFrame(() => performance.mark('sensitivity-painted'));
  }, [sensitivity]);

  const { outcomeLabel, measureLabel, favoursLeft, favoursRight } = model;
  return useMemo(() => {
    if (!sensitivity) return null;
    const studies = `${sensitivity.k} ${sensitivity.k === 1 ? 'study' : 'studies'}`;
    return (
      <ErrorBoundary name="The method-sensitivity panel">
        <MethodSensitivityPanel
          model={sensitivity}
          title={`${outcomeLabel}: how much does the method matter? (${studies}, ${measureLabel.toLowerCase()})`}
          favoursLeft={favoursLeft}
          favoursRight={favoursRight}
          captionLines={captionLines({
            what: `${outcomeLabel}: IVIG vs placebo, method sensitivity`,
            settings: `${measureLabel}; the forest's ${sensitivity.k} included ${sensitivity.k === 1 ? 'study' : 'studies'} pooled by each method` + (phaseLabel !== null ? `; ${phaseLabel} trials only` : '') + (useDerived ? '' : '; derived values off'),
            filters, excluded, evidenceVersion, date: new Date(),
          })}
          fileName={(ext) => exportFileName(['method-sensitivity', outcome, measure], new Date(), ext)}
        />
      </ErrorBoundary>
    );
  }, [sensitivity, outcomeLabel, measureLabel, favoursLeft, favoursRight, phaseLabel, useDerived, filters, excluded, evidenceVersion, outcome, measure]);
});
