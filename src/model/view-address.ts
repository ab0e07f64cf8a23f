/**
 * A view's whole address, read and written in one place: the filters (which trials are listed),
 * the analysis settings (what each chart plots and how), the studies toggled out and the open
 * study. A link restores the view exactly; anything in it that is not understood is dropped with
 * a notice, as is a parameter the app does not have.
 *
 * Addresses written before the plotted outcome had its own parameters used `outcome=` for two
 * things at once: the "Outcome reported" filter and the outcome the forest or dose-response chart
 * plotted. Those views never filtered by it (they listed every trial and plotted that outcome), so
 * such a link is read as what it showed there: on the forest and the dose-response view the
 * plotted outcome, elsewhere (the Evidence view listed only the trials reporting it) the filter.
 */
import type { OutcomeKind } from '../evidence/schema';
import { OUTCOME_KINDS } from '../evidence/terms';
import { filtersFromSearchParams, filtersToSearchParams, type Filters } from './filters';
import { settingsFromSearchParams, settingsToSearchParams, type AnalysisSettings } from './analysis-params';
import { summaryFromSearchParams, summaryToSearchParams, type SummarySettings } from './summary-of-findings/summary-params';

export interface ViewAddress {
  filters: Filters;
  settings: AnalysisSettings;
  excluded: string[];
  study: string | null;
  /**
   * The Summary of Findings' thresholds, risks, judgments and overrides (`sof-…`, `rob=`); null when
   * the address has none of these parameters: the judgments are the user's work, and a link
   * without them (an older link, a plain address) leaves them as they are.
   */
  summary: SummarySettings | null;
  /** One sentence per parameter that was ignored. */
  problems: string[];
}

/** The parameter names the readers ask for: whatever else an address holds is not the app's. */
class RecordingParams extends URLSearchParams {
  readonly asked = new Set<string>();
  override get(name: string): string | null {
    this.asked.add(name);
    return super.get(name);
  }
  override getAll(name: string): string[] {
    this.asked.add(name);
    return super.getAll(name);
  }
  override has(name: string, value?: string): boolean {
    this.asked.add(name);
    return value === undefined ? super.has(name) : super.has(name, value);
  }
}

export function readViewAddress(params: URLSearchParams, pathname: string): ViewAddress {
  const recorded = new RecordingParams(params);
  const parsed = filtersFromSearchParams(recorded);
  const settings = settingsFromSearchParams(recorded);
  const study = recorded.get('study');
  const summary = summaryFromSearchParams(recorded);
  const problems = [...parsed.problems, ...settings.problems, ...summary.problems];
  const filters = { ...parsed.filters };
  const analysis = { ...settings.settings };

  const legacy = recorded.get('outcome');
  if (legacy) {
    if (!(OUTCOME_KINDS as readonly string[]).includes(legacy)) problems.push(`Ignored outcome="${legacy}" (unknown outcome).`);
    else if (pathname === '/forest') analysis.forestOutcome ??= legacy as OutcomeKind;
    else if (pathname === '/dose-response') analysis.doseOutcome ??= legacy as OutcomeKind;
    else filters.outcome ??= legacy as OutcomeKind;
  }

  for (const name of new Set(params.keys())) {
    if (!recorded.asked.has(name)) problems.push(`Ignored ${name}="${params.get(name)}" (not a setting of this app).`);
  }
  return { filters, settings: analysis, excluded: settings.excluded, study: study || null, summary: summary.present ? summary.summary : null, problems };
}

/** The address of a state: only what differs from the defaults, and nothing else. */
export function writeViewAddress(state: { filters: Filters; analysis: AnalysisSettings; excludedStudyIds: readonly string[]; selectedStudyId: string | null; summary?: SummarySettings }): URLSearchParams {
  const analysed = settingsToSearchParams(state.analysis, state.excludedStudyIds, filtersToSearchParams(state.filters));
  const params = state.summary ? summaryToSearchParams(state.summary, analysed) : analysed;
  if (state.selectedStudyId) params.set('study', state.selectedStudyId);
  return params;
}
