/** Charts rendered in jsdom and exported, for the export tests (dat.bcg, as metafor ships it). */
import { render } from '@testing-library/react';
import metaReg from '../../tests/reference/fixtures/meta-regression.json';
import rmaMh from '../../tests/reference/fixtures/rma-mh.json';
import { toDoseResponseModel } from '../model/dose-response-model';
import { DEFAULT_ANALYSIS, toForestModel } from '../model/forest-model';
import { serializeChartSvg } from '../export/to-svg';
import { DoseResponseChart } from '../views/dose-response/DoseResponseChart';
import { ForestPlot } from '../views/forest/ForestPlot';
import { evidenceFromBinaryRows } from './evidence-from-rows';

const bcgRows = rmaMh.cases.find((c) => c.name === 'bcg-MH-RR')!.rows;
const ablat = metaReg.cases.find((c) => c.name === 'bcg-RR/~ ablat/REML/z')!.moderators.map((m) => m[0]!);

/** dat.bcg as a risk-ratio forest plot, Trial 3 toggled out. */
export const bcgForestModel = toForestModel(evidenceFromBinaryRows(bcgRows).studies, [], { ...DEFAULT_ANALYSIS, outcome: 'new-relapse', measure: 'RR', excludedStudyIds: ['trial-3'] });

/** The live forest plot (interactive rows), exported. */
export function exportedForest() {
  const { container } = render(<ForestPlot model={bcgForestModel} title="BCG" summary="s" onToggleStudy={() => {}} onFocusStudy={() => {}} />);
  return serializeChartSvg(container.querySelector('svg')!, { title: 'BCG forest', captionLines: ['caption'], legend: [{ label: 'band', colour: '#555555', shape: 'band' }, { label: 'RR', colour: '#0072B2', shape: 'circle' }] });
}

/** The recharts dose-response chart (dat.bcg against absolute latitude as the "dose"), exported. */
export function exportedDoseChart() {
  const model = toDoseResponseModel(evidenceFromBinaryRows(bcgRows, { doses: ablat }).studies, {
    outcome: 'new-relapse', measure: 'RR', tau2Method: 'REML', test: 'z', useDerived: true, includeLoading: false, phaseModerator: false, excludedStudyIds: [],
  });
  const { container } = render(<DoseResponseChart model={model} logDose={false} width={880} height={460} />);
  const surface = container.querySelector('svg.recharts-surface') as SVGSVGElement | null;
  if (!surface) throw new Error('recharts drew no surface');
  return serializeChartSvg(surface, { title: 'Dose', captionLines: ['caption'], legend: [{ label: '95% CI', colour: '#555555', shape: 'band' }] });
}

/** Paint and markup that some renderers get wrong, or that only the live app needs. */
export const FORBIDDEN_IN_EXPORT = [/transparent/, /rgba?\(/, /hsla?\(/, /opacity/, /\sstyle=/, /\sclass=/, /tabindex/, /\srole=/, /aria-/, /\son[a-z]+=/, /data-/, /currentcolor/i, /clip-path/, /url\(/];
