/**
 * Analysis settings in the URL, so that a shared link reproduces a plot:
 * `forest-outcome=relapse-free&focus=RR&measure=RR&model=random&tau2=REML&test=z&mh=1&derived=1&sub=phase&mode=standard&sort=year&flip=0&i2=Q&off=id1,id2`.
 * Only what differs from the defaults is written; a bad value is dropped with a notice.
 */
import type { OutcomeKind } from '../evidence/schema';
import { OUTCOME_KINDS } from '../evidence/terms';
import type { AnalysisMeasure } from '../evidence/to-effect-inputs';
// Type-only imports from the models: this module is on the first load (store, URL), which must not
// pull in the statistics engine.
import type { ForestMode, ForestSort, I2Basis, SubgroupBy, Tau2Method } from './forest-model';
import { PHASE_ROWS, type PhaseRow } from './phase-rows';
import { ALL_RECOVERY, DEFAULT_RECOVERY, type RecoverySettings } from '../evidence/recovered-effects/recovery-settings';
import { DEFAULT_MU_PRIOR, DEFAULT_TAU_PRIOR, parseMuPrior, parseTauPrior } from './bayesian/bayes-settings';

export interface AnalysisSettings {
  /**
   * What each chart plots, chosen in that view; not a filter (the "Outcome reported" filter, which
   * chooses the trials listed, is `Filters.outcome`). null: the view's default outcome.
   */
  forestOutcome: OutcomeKind | null;
  doseOutcome: OutcomeKind | null;
  /** The forest shows one row of the phase comparison only (opened from its cell); null: every phase. */
  forestPhase: PhaseRow | null;
  /** null: the measure most studies' data support for the chosen outcome. */
  measure: AnalysisMeasure | null;
  /** 'bayes': the Bayesian normal-normal model beside the frequentist random-effects forest. */
  model: 'common' | 'random' | 'bayes';
  /** Bayesian model: the τ and μ priors as the address writes them (bayesian/bayes-settings.ts). */
  tauPrior: string;
  muPrior: string;
  /** Bayesian model: P(effect beyond this value, display scale, on the IVIG side); null: not asked. */
  bayesThreshold: number | null;
  /** Bayesian model: the shrunken study estimates as a second mark per row. */
  shrinkage: boolean;
  tau2Method: Tau2Method;
  /** z, Knapp-Hartung, or Knapp-Hartung with the ad hoc correction (s² floored at 1). */
  test: 'z' | 'knha' | 'adhoc';
  mantelHaenszel: boolean;
  useDerived: boolean;
  subgroupBy: SubgroupBy;
  mode: ForestMode;
  sort: ForestSort;
  flipDirection: boolean;
  /** Random effects: print metafor's τ²-based I² or RevMan's Q-based one beside Chi². */
  i2Basis: I2Basis;
  /** Dose-response: loading dose averaged over the first year, log x axis, phase as moderator. */
  includeLoading: boolean;
  logDose: boolean;
  phaseModerator: boolean;
  /** Phase comparison: the rows compared (default RR vs SP). */
  comparePhases: PhaseRow[];
  /** Effect recovery, one switch per method (`recover=all` and its own parameters; README). */
  recovery: RecoverySettings;
}

export const DEFAULT_SETTINGS: AnalysisSettings = {
  forestOutcome: null,
  doseOutcome: null,
  forestPhase: null,
  measure: null,
  model: 'random',
  tauPrior: DEFAULT_TAU_PRIOR,
  muPrior: DEFAULT_MU_PRIOR,
  bayesThreshold: null,
  shrinkage: false,
  tau2Method: 'REML',
  test: 'z',
  mantelHaenszel: true,
  useDerived: true,
  subgroupBy: 'none',
  mode: 'standard',
  sort: 'year',
  flipDirection: false,
  i2Basis: 'tau2',
  includeLoading: false,
  logDose: false,
  phaseModerator: false,
  comparePhases: ['RR', 'SP'],
  recovery: DEFAULT_RECOVERY,
};

/** Why a control has no effect on the analysis now shown (null: it applies). */
export interface ControlApplicability {
  tau2: string | null;
  i2: string | null;
  knha: string | null;
  /** The ad hoc correction modifies Knapp-Hartung: it applies where Knapp-Hartung is on and applies. */
  adhoc: string | null;
  mh: string | null;
}

/**
 * The frequentist model drawn under a setting: under 'bayes' the forest is the random-effects one
 * (the chosen τ² estimator and test) with the Bayesian row added beside it, so both are on screen.
 */
export const frequentistModel = (model: AnalysisSettings['model']): 'common' | 'random' => (model === 'bayes' ? 'random' : model);

/** How a header or caption names the test: '' (z), ', Knapp-Hartung' or ', Knapp-Hartung ad hoc'. */
export function testSuffix(test: AnalysisSettings['test']): string {
  return test === 'knha' ? ', Knapp-Hartung' : test === 'adhoc' ? ', Knapp-Hartung ad hoc' : '';
}

/**
 * Which analysis controls apply, and why not, so that a control that would do nothing is disabled
 * with its reason on screen rather than silently ignored.
 * - τ² estimator and the I² choice: random effects only (a common-effect model has no τ², and its
 *   I² is the Q-based one).
 * - Mantel-Haenszel: binary measures (OR, RR, RD) under the common-effect model. Random effects
 *   here are inverse-variance with the chosen τ² estimator, as metafor's rma(); RevMan's
 *   "M-H, Random" is DerSimonian-Laird with the M-H Q, which this app does not offer, so the box
 *   does not pretend to change the random-effects model.
 * - Knapp-Hartung: any inverse-variance model (metafor allows test = "knha" with method = "FE"),
 *   but not when the pooling is Mantel-Haenszel, which has only a z test (metafor's rma.mh).
 * - The ad hoc correction (metafor's test = "adhoc"): only with Knapp-Hartung on, since it is a
 *   floor on Knapp-Hartung's variance factor.
 * `context.mantelHaenszelInEffect`: the view pooled by M-H (it needs 2×2 counts for every study).
 */
export function controlApplicability(
  s: Pick<AnalysisSettings, 'model'> & Partial<Pick<AnalysisSettings, 'test'>>,
  context: { modelChoice: boolean; measure: AnalysisMeasure | null; mantelHaenszelInEffect: boolean },
): ControlApplicability {
  const common = context.modelChoice && s.model === 'common';
  const binary = context.measure === 'OR' || context.measure === 'RR' || context.measure === 'RD';
  const knha = context.mantelHaenszelInEffect ? 'not with Mantel-Haenszel (z test only, as rma.mh)' : null;
  return {
    tau2: common ? 'random effects only' : null,
    i2: common ? 'random effects only; a common-effect I² is Q-based' : null,
    mh: !context.modelChoice ? null
      : s.model !== 'common' ? 'common-effect model only (random effects are inverse-variance here)'
        : !binary ? 'binary outcomes (OR, RR, RD) only' : null,
    knha,
    adhoc: knha ?? ((s.test ?? 'z') === 'z' ? 'with Knapp-Hartung only (it floors its factor s² at 1)' : null),
  };
}

export const MEASURES: AnalysisMeasure[] = ['RR', 'OR', 'RD', 'MD', 'SMD', 'HR', 'RateRatio'];
export const TAU2_METHODS: Tau2Method[] = ['REML', 'DL', 'ML', 'PM', 'HS', 'HE', 'SJ', 'EB'];
const MODES: ForestMode[] = ['standard', 'leave-one-out', 'cumulative'];
const SORTS: ForestSort[] = ['year', 'effect', 'weight', 'label'];
const SUBGROUPS: SubgroupBy[] = ['none', 'phase', 'setting'];

export function settingsFromSearchParams(params: URLSearchParams): { settings: AnalysisSettings; excluded: string[]; problems: string[] } {
  const problems: string[] = [];
  const s: AnalysisSettings = { ...DEFAULT_SETTINGS };
  const one = <T extends string>(name: string, allowed: readonly T[], apply: (v: T) => void) => {
    const raw = params.get(name);
    if (raw === null || raw === '') return;
    if ((allowed as readonly string[]).includes(raw)) apply(raw as T);
    else problems.push(`Ignored ${name}="${raw}" (expected one of ${allowed.join(', ')}).`);
  };
  const flag = (name: string, apply: (v: boolean) => void) => one(name, ['0', '1'] as const, (v) => apply(v === '1'));
  one('forest-outcome', OUTCOME_KINDS, (v) => (s.forestOutcome = v));
  one('dose-outcome', OUTCOME_KINDS, (v) => (s.doseOutcome = v));
  one('focus', PHASE_ROWS, (v) => (s.forestPhase = v));
  one('measure', MEASURES, (v) => (s.measure = v));
  one('model', ['common', 'random', 'bayes'] as const, (v) => (s.model = v));
  const prior = (name: string, parse: (v: string) => { error: string } | object, apply: (v: string) => void) => {
    const raw = params.get(name);
    if (raw === null || raw === '') return;
    const r = parse(raw);
    if ('error' in r) problems.push(r.error);
    else apply(raw);
  };
  prior('tau-prior', parseTauPrior, (v) => (s.tauPrior = v));
  prior('mu-prior', parseMuPrior, (v) => (s.muPrior = v));
  const beyond = params.get('beyond');
  if (beyond !== null && beyond !== '') {
    const x = Number(beyond);
    if (Number.isFinite(x) && /^-?\d/.test(beyond)) s.bayesThreshold = x;
    else problems.push(`Ignored beyond="${beyond}" (expected a number, e.g. 0.8).`);
  }
  flag('shrink', (v) => (s.shrinkage = v));
  one('tau2', TAU2_METHODS, (v) => (s.tau2Method = v));
  one('test', ['z', 'knha', 'adhoc'] as const, (v) => (s.test = v));
  flag('mh', (v) => (s.mantelHaenszel = v));
  flag('derived', (v) => (s.useDerived = v));
  one('sub', SUBGROUPS, (v) => (s.subgroupBy = v));
  one('mode', MODES, (v) => (s.mode = v));
  one('sort', SORTS, (v) => (s.sort = v));
  flag('flip', (v) => (s.flipDirection = v));
  one('i2', ['tau2', 'Q'] as const, (v) => (s.i2Basis = v));
  flag('loading', (v) => (s.includeLoading = v));
  flag('logdose', (v) => (s.logDose = v));
  flag('phasemod', (v) => (s.phaseModerator = v));
  const cmp = params.get('cmp');
  if (cmp) {
    const rows = cmp.split(',').filter((r): r is PhaseRow => (PHASE_ROWS as readonly string[]).includes(r));
    if (rows.length) s.comparePhases = [...new Set(rows)];
    if (rows.length !== cmp.split(',').length) problems.push(`Ignored part of cmp="${cmp}" (expected phases among ${PHASE_ROWS.join(', ')}).`);
  }
  s.recovery = recoveryFromSearchParams(params, problems);
  const excluded = (params.get('off') ?? '').split(',').map((x) => x.trim()).filter((x) => /^[a-z0-9-]{1,80}$/i.test(x));
  return { settings: s, excluded: [...new Set(excluded)], problems };
}

export function settingsToSearchParams(s: AnalysisSettings, excluded: readonly string[], base: URLSearchParams): URLSearchParams {
  const p = new URLSearchParams(base);
  const put = (name: string, value: string, def: string) => (value === def ? p.delete(name) : p.set(name, value));
  put('forest-outcome', s.forestOutcome ?? '', '');
  put('dose-outcome', s.doseOutcome ?? '', '');
  put('focus', s.forestPhase ?? '', '');
  put('measure', s.measure ?? '', '');
  put('model', s.model, DEFAULT_SETTINGS.model);
  put('tau-prior', s.tauPrior, DEFAULT_SETTINGS.tauPrior);
  put('mu-prior', s.muPrior, DEFAULT_SETTINGS.muPrior);
  put('beyond', s.bayesThreshold === null ? '' : String(s.bayesThreshold), '');
  put('shrink', s.shrinkage ? '1' : '0', '0');
  put('tau2', s.tau2Method, DEFAULT_SETTINGS.tau2Method);
  put('test', s.test, DEFAULT_SETTINGS.test);
  put('mh', s.mantelHaenszel ? '1' : '0', '1');
  put('derived', s.useDerived ? '1' : '0', '1');
  put('sub', s.subgroupBy, DEFAULT_SETTINGS.subgroupBy);
  put('mode', s.mode, DEFAULT_SETTINGS.mode);
  put('sort', s.sort, DEFAULT_SETTINGS.sort);
  put('flip', s.flipDirection ? '1' : '0', '0');
  put('i2', s.i2Basis, DEFAULT_SETTINGS.i2Basis);
  put('loading', s.includeLoading ? '1' : '0', '0');
  put('logdose', s.logDose ? '1' : '0', '0');
  put('phasemod', s.phaseModerator ? '1' : '0', '0');
  put('cmp', s.comparePhases.join(','), DEFAULT_SETTINGS.comparePhases.join(','));
  writeRecovery(p, s.recovery);
  put('off', [...excluded].sort().join(','), '');
  return p;
}

/**
 * The recovery switches: `recover=all` sets the "All recoverable evidence" preset, and each
 * method's own parameter (`se-ci`, `se-p`, `arms`, `crossover`, `medians`, `impute-sd`) sets or
 * overrides one switch, on top of the preset when both are given.
 */
function recoveryFromSearchParams(params: URLSearchParams, problems: string[]): RecoverySettings {
  const preset = params.get('recover');
  let r: RecoverySettings = { ...DEFAULT_RECOVERY };
  if (preset === 'all') r = { ...ALL_RECOVERY };
  else if (preset) problems.push(`Ignored recover="${preset}" (expected all).`);
  const one = <T extends string>(name: string, allowed: readonly T[], apply: (v: T) => void) => {
    const raw = params.get(name);
    if (raw === null || raw === '') return;
    if ((allowed as readonly string[]).includes(raw)) apply(raw as T);
    else problems.push(`Ignored ${name}="${raw}" (expected one of ${allowed.join(', ')}).`);
  };
  one('se-ci', ['0', '1'] as const, (v) => (r.seFromCi = v === '1'));
  one('se-p', ['0', '1'] as const, (v) => (r.seFromP = v === '1'));
  one('arms', ['combined', 'separate'] as const, (v) => (r.arms = v));
  one('crossover', ['exclude', 'parallel'] as const, (v) => (r.crossover = v));
  one('medians', ['0', '1'] as const, (v) => (r.medians = v === '1'));
  one('impute-sd', ['off', 'largest', 'pooled'] as const, (v) => (r.imputeSd = v));
  return r;
}

/** The switches that differ from a base, as parameters. */
function recoveryParams(r: RecoverySettings, base: RecoverySettings): [string, string][] {
  const out: [string, string][] = [];
  const flag = (b: boolean) => (b ? '1' : '0');
  if (r.seFromCi !== base.seFromCi) out.push(['se-ci', flag(r.seFromCi)]);
  if (r.seFromP !== base.seFromP) out.push(['se-p', flag(r.seFromP)]);
  if (r.arms !== base.arms) out.push(['arms', r.arms]);
  if (r.crossover !== base.crossover) out.push(['crossover', r.crossover]);
  if (r.medians !== base.medians) out.push(['medians', flag(r.medians)]);
  if (r.imputeSd !== base.imputeSd) out.push(['impute-sd', r.imputeSd]);
  return out;
}

/** Written the shorter way: as changes from the defaults, or as `recover=all` and changes from it. */
function writeRecovery(p: URLSearchParams, r: RecoverySettings) {
  for (const name of ['recover', 'se-ci', 'se-p', 'arms', 'crossover', 'medians', 'impute-sd']) p.delete(name);
  const fromDefaults = recoveryParams(r, DEFAULT_RECOVERY);
  const fromAll = recoveryParams(r, ALL_RECOVERY);
  const chosen: [string, string][] = fromAll.length + 1 < fromDefaults.length || (fromAll.length === 0 && fromDefaults.length > 0) ? [['recover', 'all'], ...fromAll] : fromDefaults;
  for (const [name, value] of chosen) p.set(name, value);
}
