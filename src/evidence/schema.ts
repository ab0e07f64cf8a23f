/**
 * The evidence set's schema. Types come from these schemas (z.infer), so the file on disk, the
 * validator and the code cannot drift apart.
 *
 * Design rules (DEVELOPERS.md rule 1, shared/evidence/SOURCES.md):
 * - Every number is a `SourcedNumber`: value + source id + verbatim quote + status
 *   (reported | derived | secondary). A derived value carries its formula.
 * - A value the sources do not give is `NotReported`: `{ value: null, reason }`. Never estimated.
 * - Outcome data keep the form the source gives them (counts, mean/SD/n, a reported contrast,
 *   a p-value only, percentages without denominators, a qualitative statement).
 */
import { z } from 'zod';
import { EARLIEST_YEAR, MS_PHASES, OUTCOME_KINDS, SETTINGS, latestYear, yearRangeText } from './terms';

export { MS_PHASES, OUTCOME_KINDS, SETTINGS };

// No code generation: the app's Content-Security-Policy forbids eval, and zod's JIT would try it.
z.config({ jitless: true });

export const SCHEMA_VERSION = 1;

const nonEmpty = z.string().trim().min(1, 'expected a non-empty string');

export const valueStatusSchema = z.enum(['reported', 'derived', 'secondary']);
export type ValueStatus = z.infer<typeof valueStatusSchema>;

/** A number with its provenance. `valueText` is how the number is written in the quote when
 * that is not a plain decimal (e.g. "ten", "2.1 x 10(-8)", "O.05" [sic]). */
export const sourcedNumberSchema = z
  .object({
    value: z.number().refine(Number.isFinite, 'expected a finite number'),
    source: nonEmpty,
    quote: nonEmpty,
    status: valueStatusSchema,
    formula: nonEmpty.optional(),
    valueText: nonEmpty.optional(),
    note: nonEmpty.optional(),
  })
  .strict()
  .refine((v) => v.status !== 'derived' || v.formula !== undefined, {
    message: 'a derived value needs its formula',
    path: ['formula'],
  });
export type SourcedNumber = z.infer<typeof sourcedNumberSchema>;

/** An absent value: the sources do not give it. `reason` says so in words a user can read.
 * `none: true` when there is nothing to give: the reported regimen has no such thing (a loading
 * dose in a regimen that is a monthly dose from the start). Shown as "none", with the reason. */
export const notReportedSchema = z
  .object({ value: z.null(), reason: nonEmpty, none: z.literal(true).optional() })
  .strict();
export type NotReported = z.infer<typeof notReportedSchema>;

export const maybeNumberSchema = z.union([sourcedNumberSchema, notReportedSchema]);
export type MaybeNumber = z.infer<typeof maybeNumberSchema>;

/** A verbatim passage (regimen, qualitative result) with its source. */
export const sourcedTextSchema = z
  .object({ text: nonEmpty, source: nonEmpty, status: valueStatusSchema, note: nonEmpty.optional() })
  .strict();
export type SourcedText = z.infer<typeof sourcedTextSchema>;

export const sourceSchema = z
  .object({
    id: nonEmpty,
    title: nonEmpty,
    url: z.url().optional(),
    kind: z.enum([
      'abstract',
      'index-record',
      'secondary-table',
      'review',
      'meta-analysis',
      'guideline',
      'conference-abstract',
      'journal-summary',
      'bibliographic-record',
    ]),
    pmid: nonEmpty.optional(),
    doi: nonEmpty.optional(),
  })
  .strict();
export type Source = z.infer<typeof sourceSchema>;

const identifierSchema = z
  .object({
    value: nonEmpty,
    /** `unverified`: given in SOURCES.md without a page that prints it (kept, not relied on). */
    basis: z.enum(['verified', 'pubmed-url', 'inferred', 'publisher-page', 'unverified']),
    source: nonEmpty.optional(),
  })
  .strict();

export const msPhaseSchema = z.enum(MS_PHASES);
export type MsPhase = z.infer<typeof msPhaseSchema>;

export const settingSchema = z.enum(SETTINGS);
export type Setting = z.infer<typeof settingSchema>;

/** A publication year in the plausible range of terms.ts (next year's bound is read when this loads). */
const yearSchema = z.number().int(`expected ${yearRangeText()}`).min(EARLIEST_YEAR, `expected ${yearRangeText()}`).max(latestYear(), `expected ${yearRangeText()}`);

/**
 * What a study is, for pooling. `ivig-active-comparator-rct`: IVIG randomised against another active
 * drug (e.g. interferon beta-1a). Its contrast answers a different question from IVIG vs placebo, so
 * it is shown (table, map) but never pooled with the placebo-controlled trials.
 */
export const studyKindSchema = z.enum(['ivig-rct', 'ivig-non-randomised', 'comparator-rct', 'ivig-active-comparator-rct']);
export type StudyKind = z.infer<typeof studyKindSchema>;

export const flagCodeSchema = z.enum([
  'possible-duplicate-cohort',
  'crossover-within-patient',
  'not-randomised',
  'mixed-pp-sp',
  'mixed-rr-relapsing-progressive',
  'no-placebo-arm',
  'secondary-source-only',
  'interim-analysis',
  'citation-unverified',
  'conflicting-reports',
  'dose-arm-mapping-unknown',
  'observational',
]);
export type FlagCode = z.infer<typeof flagCodeSchema>;

export const flagSchema = z.object({ code: flagCodeSchema, text: nonEmpty }).strict();
export type StudyFlag = z.infer<typeof flagSchema>;

/**
 * A dose the source gives as a range ("0.15–0.2 g/kg"): both bounds are kept as the source's numbers,
 * because a midpoint is our arithmetic. The arm's scalar dose then holds the midpoint, status
 * `derived` with its formula, so that analyses that need one number say where it came from.
 */
export const doseRangeSchema = z.object({ lower: sourcedNumberSchema, upper: sourcedNumberSchema }).strict();
export type DoseRange = z.infer<typeof doseRangeSchema>;

export const armSchema = z
  .object({
    id: nonEmpty,
    role: z.enum(['ivig', 'placebo', 'other']),
    label: nonEmpty,
    nRandomised: maybeNumberSchema,
    nAnalysed: maybeNumberSchema,
    regimen: z.union([sourcedTextSchema, notReportedSchema]),
    loadingDoseGPerKg: maybeNumberSchema,
    maintenanceDoseGPerKg: maybeNumberSchema,
    maintenanceIntervalDays: maybeNumberSchema,
    /** Monthly-equivalent maintenance dose (per calendar month), with its formula when derived. */
    monthlyDoseGPerKg: maybeNumberSchema,
    /** Average monthly dose over the treatment period including the loading dose, where the
     * sources derive it (approximate; the formula says over which period). */
    monthlyDoseInclLoadingGPerKg: maybeNumberSchema,
    /** The maintenance dose per infusion as the source's range (AIMS: 0.15–0.2 g/kg). */
    maintenanceDoseRangeGPerKg: doseRangeSchema.optional(),
    /** The monthly-equivalent dose as a range, when the per-infusion dose is one. */
    monthlyDoseRangeGPerKg: doseRangeSchema.optional(),
  })
  .strict();
export type Arm = z.infer<typeof armSchema>;

export const outcomeKindSchema = z.enum(OUTCOME_KINDS);
export type OutcomeKind = z.infer<typeof outcomeKindSchema>;

const countArmSchema = z
  .object({
    arm: nonEmpty,
    events: sourcedNumberSchema,
    total: sourcedNumberSchema,
    percent: sourcedNumberSchema.optional(),
  })
  .strict();

const continuousArmSchema = z
  .object({
    arm: nonEmpty,
    mean: sourcedNumberSchema,
    sd: maybeNumberSchema,
    n: maybeNumberSchema,
    ciLower: sourcedNumberSchema.optional(),
    ciUpper: sourcedNumberSchema.optional(),
  })
  .strict();

const percentArmSchema = z
  .object({ arm: nonEmpty, percent: sourcedNumberSchema, total: maybeNumberSchema })
  .strict();

/**
 * Medians per arm, with the range and/or the interquartile range when the source gives them
 * (skewed outcomes such as new lesions per scan). Kept as medians: a mean and SD recovered from
 * them (Wan 2014, Luo 2018) is our arithmetic under a normality assumption, done in the model layer.
 */
const medianArmSchema = z
  .object({
    arm: nonEmpty,
    median: sourcedNumberSchema,
    rangeLower: sourcedNumberSchema.optional(),
    rangeUpper: sourcedNumberSchema.optional(),
    q1: sourcedNumberSchema.optional(),
    q3: sourcedNumberSchema.optional(),
    n: maybeNumberSchema,
  })
  .strict();

/**
 * Events counted without a patient denominator (AIMS: 62 vs 116 confirmed relapses): one patient
 * may have several, so they are not counts of patients with an event. `personYears` when the source
 * gives the exposure (then a rate ratio is possible).
 */
const eventTotalArmSchema = z
  .object({ arm: nonEmpty, events: sourcedNumberSchema, n: maybeNumberSchema, personYears: maybeNumberSchema.optional() })
  .strict();

const comparisonSchema = z.object({ treatment: nonEmpty, control: nonEmpty }).strict();

export const contrastMeasureSchema = z.enum(['HR', 'RR', 'OR', 'RateRatio', 'MD', 'SMD', 'RD']);
export type ContrastMeasure = z.infer<typeof contrastMeasureSchema>;

export const outcomeDataSchema = z.discriminatedUnion('form', [
  z.object({ form: z.literal('counts'), arms: z.array(countArmSchema).min(2) }).strict(),
  z.object({ form: z.literal('continuous'), arms: z.array(continuousArmSchema).min(2) }).strict(),
  z
    .object({
      form: z.literal('contrast'),
      measure: contrastMeasureSchema,
      comparison: comparisonSchema,
      estimate: sourcedNumberSchema,
      ciLower: sourcedNumberSchema,
      ciUpper: sourcedNumberSchema,
      levelPercent: z.number().gt(0).lt(100),
    })
    .strict(),
  z.object({ form: z.literal('percentages'), arms: z.array(percentArmSchema).min(2) }).strict(),
  z.object({ form: z.literal('medians'), arms: z.array(medianArmSchema).min(2) }).strict(),
  z.object({ form: z.literal('event-totals'), arms: z.array(eventTotalArmSchema).min(2) }).strict(),
  z.object({ form: z.literal('p-value-only') }).strict(),
  z.object({ form: z.literal('qualitative') }).strict(),
]);
export type OutcomeData = z.infer<typeof outcomeDataSchema>;
export type OutcomeForm = OutcomeData['form'];

/**
 * A p-value and what it tests. Trials print several per outcome (between arms at a time point, an
 * overall repeated-measures test, a change within one arm), and only a between-arms p of the same
 * contrast can give a standard error (Cochrane Handbook 6.3.2): so every p says its comparison, and
 * "not stated" when the source does not say (then it is shown, never used for an SE).
 */
export const pValueSchema = z
  .object({
    value: sourcedNumberSchema,
    relation: z.enum(['=', '<', '>']).default('='),
    comparison: z.enum(['between-arms', 'overall', 'within-arm', 'not stated']),
    test: z.enum(['z', 't', 'chi-square', 'fisher', 'rank', 'not stated']).default('not stated'),
    /** The arm ids compared, or the one arm of a within-arm test. */
    arms: z.array(nonEmpty).min(1).optional(),
    note: nonEmpty.optional(),
  })
  .strict();
export type PValue = z.infer<typeof pValueSchema>;

/**
 * Files written before `pValues` existed (imports, saved browser state) hold one `pValue`
 * without its comparison: read as a one-element `pValues` whose comparison is "not stated",
 * which is all such a file says. A file with both keys is refused (strict object), not guessed.
 */
function migrateSinglePValue(input: unknown): unknown {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return input;
  const o = input as Record<string, unknown>;
  if (!('pValue' in o) || 'pValues' in o) return input;
  const { pValue, ...rest } = o;
  if (pValue === undefined) return rest;
  const legacy = pValue !== null && typeof pValue === 'object' && !Array.isArray(pValue) ? { comparison: 'not stated', ...(pValue as Record<string, unknown>) } : pValue;
  return { ...rest, pValues: [legacy] };
}

/** An overall qualitative result of a trial, in the source's words, and which way it points. */
export const overallResultSchema = z
  .object({ statement: sourcedTextSchema, direction: z.enum(['favours-ivig', 'favours-control', 'no-difference', 'unclear']) })
  .strict();
export type OverallResult = z.infer<typeof overallResultSchema>;

/**
 * Another report of a trial that has its own entry (a preliminary or earlier publication): set on
 * the report that is NOT analysed. It is listed and mapped but never pooled, so no patient is
 * counted twice. `certainty: 'probable'` when the sources do not say outright that it is the same
 * trial (same centre, design and period); `note` says why it is thought to be the same and which
 * report is analysed.
 */
export const sameTrialSchema = z
  .object({ study: nonEmpty, certainty: z.enum(['same', 'probable']), note: nonEmpty })
  .strict();
export type SameTrial = z.infer<typeof sameTrialSchema>;

/** Marks data a user imported (kept in the browser), as opposed to the bundled evidence. */
export const userSuppliedSchema = z.object({ fileName: nonEmpty, importedAt: nonEmpty }).strict();

const outcomeObjectSchema = z
  .object({
    id: nonEmpty,
    kind: outcomeKindSchema,
    label: nonEmpty,
    timepoint: nonEmpty,
    primary: z.boolean().default(false),
    data: outcomeDataSchema,
    pValues: z.array(pValueSchema).default([]),
    statement: sourcedTextSchema.optional(),
    /** Which way the reported result points, when the source says so. */
    direction: z.enum(['favours-ivig', 'favours-control', 'no-difference', 'unclear']).optional(),
    /**
     * `false` for a value kept only as a conflicting report (AIMS's 17% "worse" in a secondary
     * summary against the Lancet's 23%): shown and flagged, never pooled. Absent = analysed.
     */
    analysed: z.literal(false).optional(),
    notAnalysedReason: nonEmpty.optional(),
    /**
     * The source says this outcome was measured in every randomised (or every analysed) patient of
     * the trial, in its own words: only then does a per-arm n the outcome leaves out become the
     * arm's n. Without it a missing n stays missing (an MRI substudy has its own, smaller n).
     */
    measuredInAll: z.object({ population: z.enum(['randomised', 'analysed']), statement: sourcedTextSchema }).strict().optional(),
    notes: z.array(nonEmpty).default([]),
    userSupplied: userSuppliedSchema.optional(),
  })
  .strict()
  .refine((o) => (o.analysed === false) === (o.notAnalysedReason !== undefined), {
    message: 'an outcome with analysed: false needs its notAnalysedReason, and only such an outcome has one',
    path: ['notAnalysedReason'],
  });

export const outcomeSchema = z.preprocess(migrateSinglePValue, outcomeObjectSchema);
export type Outcome = z.infer<typeof outcomeSchema>;

/** An outcome the study did not report in the available sources (for the evidence map). */
export const missingOutcomeSchema = z
  .object({ kind: outcomeKindSchema, reason: nonEmpty })
  .strict();

/**
 * A study's design as its sources state it. "not stated" is a value of its own (an imported file
 * may give no design at all): the app never fills in "randomised" or "placebo" by default.
 */
export const designSchema = z
  .object({
    /** How the groups are arranged: parallel arms, crossover, etc. */
    allocation: z.enum([
      'parallel',
      'crossover',
      'fixed-sequence',
      'matched-controls',
      'consecutive',
      'retrospective-cohort',
      'prospective-cohort',
      'case-control',
      'not stated',
    ]),
    randomised: z.union([z.boolean(), z.literal('not stated')]),
    /** How patients were assigned, when the source names it: alternation and systematic
     * assignment (e.g. by birth date) are not randomisation (metafor's dat.bcg "alloc"). */
    allocationMethod: z.enum(['random', 'alternate', 'systematic']).optional(),
    blinding: z.enum(['double-blind', 'single-blind', 'open', 'not stated']),
    control: z.enum(['placebo', 'other-dose', 'untreated', 'active', 'not stated']),
    multicentre: z.boolean().optional(),
    durationMonths: maybeNumberSchema,
    statement: sourcedTextSchema.optional(),
  })
  .strict();

export const studySchema = z
  .object({
    id: nonEmpty,
    kind: studyKindSchema,
    label: nonEmpty,
    citation: nonEmpty,
    citationVerified: z.boolean(),
    /** null when no source gives a date (then year filters leave the study out). */
    year: yearSchema.nullable(),
    /** Why this year, when the primary report's date is not verified. */
    yearNote: nonEmpty.optional(),
    pmid: identifierSchema.nullable(),
    doi: identifierSchema.nullable(),
    pmcid: nonEmpty.optional(),
    otherReports: z.array(nonEmpty).default([]),
    sources: z.array(nonEmpty).min(1),
    design: designSchema,
    phase: msPhaseSchema,
    setting: settingSchema,
    totalRandomised: maybeNumberSchema,
    arms: z.array(armSchema),
    outcomes: z.array(outcomeSchema),
    notReported: z.array(missingOutcomeSchema).default([]),
    flags: z.array(flagSchema).default([]),
    /** The trial's overall result in the source's words (e.g. a commentary's qualitative summary). */
    overallResult: overallResultSchema.optional(),
    /** Set on an earlier report of a trial that has its own, analysed entry: never pooled twice. */
    sameTrialAs: sameTrialSchema.optional(),
    notes: z.array(nonEmpty).default([]),
    userSupplied: userSuppliedSchema.optional(),
  })
  .strict();
export type Study = z.infer<typeof studySchema>;

export const pooledResultSchema = z
  .object({
    id: nonEmpty,
    kind: outcomeKindSchema,
    label: nonEmpty,
    phase: msPhaseSchema.or(z.literal('RR+SP')),
    measure: z.enum(['OR', 'RR', 'SMD', 'WMD', 'MD', 'difference', 'effect-size', 'unspecified']),
    estimate: maybeNumberSchema,
    ciLower: maybeNumberSchema,
    ciUpper: maybeNumberSchema,
    pValue: maybeNumberSchema,
    trials: maybeNumberSchema,
    participants: maybeNumberSchema,
    /**
     * Whether the published effect is oriented as ours (IVIG vs control, for the outcome as named
     * here), reversed (e.g. an OR for relapsing under "relapse-free", as the Cochrane review's
     * 0.63), or unclear (an unnamed "effect size"). Only oriented results are drawn on our axes.
     */
    direction: z.enum(['ivig-vs-control', 'reversed', 'unclear']).default('unclear'),
    notes: z.array(nonEmpty).default([]),
  })
  .strict();
export type PooledResult = z.infer<typeof pooledResultSchema>;

export const synthesisSchema = z
  .object({
    id: nonEmpty,
    kind: z.enum(['meta-analysis', 'systematic-review', 'review', 'guideline', 'thesis', 'structured-abstract']),
    label: nonEmpty,
    citation: nonEmpty,
    year: yearSchema.nullable(),
    pmid: identifierSchema.nullable(),
    doi: identifierSchema.nullable(),
    sources: z.array(nonEmpty).min(1),
    includedTrials: nonEmpty,
    statements: z.array(sourcedTextSchema).default([]),
    pooledResults: z.array(pooledResultSchema).default([]),
    flags: z.array(nonEmpty).default([]),
  })
  .strict();
export type Synthesis = z.infer<typeof synthesisSchema>;

export const evidenceSetSchema = z
  .object({
    schemaVersion: z.literal(SCHEMA_VERSION),
    version: nonEmpty,
    title: nonEmpty,
    updated: z.iso.date(),
    sources: z.array(sourceSchema).min(1),
    studies: z.array(studySchema).min(1),
    syntheses: z.array(synthesisSchema).default([]),
  })
  .strict();
export type EvidenceSet = z.infer<typeof evidenceSetSchema>;

/**
 * Cross-references the schema alone cannot express: unique ids, sources that exist, arms that
 * exist. Reported as zod issues with a path, so the loader's message names the failing place.
 */
export const checkedEvidenceSetSchema = evidenceSetSchema.superRefine((set, ctx) => {
  const sourceIds = new Set<string>();
  set.sources.forEach((s, i) => {
    if (sourceIds.has(s.id)) ctx.addIssue({ code: 'custom', path: ['sources', i, 'id'], message: `duplicate source id "${s.id}"` });
    sourceIds.add(s.id);
  });
  const studyIds = new Set<string>();
  const checkSource = (id: string, path: (string | number)[]) => {
    if (!sourceIds.has(id)) ctx.addIssue({ code: 'custom', path, message: `unknown source "${id}"` });
  };
  // Walk any value and check every `source` field it holds.
  const walkSources = (value: unknown, path: (string | number)[]): void => {
    if (Array.isArray(value)) {
      value.forEach((v, i) => walkSources(v, [...path, i]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        if (key === 'source' && typeof v === 'string') checkSource(v, [...path, key]);
        else if (key === 'sources' && Array.isArray(v)) v.forEach((s, i) => typeof s === 'string' && checkSource(s, [...path, key, i]));
        else walkSources(v, [...path, key]);
      }
    }
  };
  set.studies.forEach((study, si) => {
    const base = ['studies', si];
    if (studyIds.has(study.id)) ctx.addIssue({ code: 'custom', path: [...base, 'id'], message: `duplicate study id "${study.id}"` });
    studyIds.add(study.id);
    walkSources(study, base);
    const armIds = new Set(study.arms.map((a) => a.id));
    if (armIds.size !== study.arms.length) ctx.addIssue({ code: 'custom', path: [...base, 'arms'], message: 'duplicate arm id' });
    const outcomeIds = new Set<string>();
    study.outcomes.forEach((o, oi) => {
      const opath = [...base, 'outcomes', oi];
      if (outcomeIds.has(o.id)) ctx.addIssue({ code: 'custom', path: [...opath, 'id'], message: `duplicate outcome id "${o.id}"` });
      outcomeIds.add(o.id);
      const armRefs: [string, (string | number)[]][] = [];
      const d = o.data;
      if (d.form === 'counts' || d.form === 'continuous' || d.form === 'percentages' || d.form === 'medians' || d.form === 'event-totals') {
        d.arms.forEach((a, ai) => armRefs.push([a.arm, [...opath, 'data', 'arms', ai, 'arm']]));
      } else if (d.form === 'contrast') {
        armRefs.push([d.comparison.treatment, [...opath, 'data', 'comparison', 'treatment']]);
        armRefs.push([d.comparison.control, [...opath, 'data', 'comparison', 'control']]);
      }
      o.pValues.forEach((p, pi) => p.arms?.forEach((id, ai) => armRefs.push([id, [...opath, 'pValues', pi, 'arms', ai]])));
      for (const [id, path] of armRefs) {
        if (!armIds.has(id)) ctx.addIssue({ code: 'custom', path, message: `unknown arm "${id}"` });
      }
      if (d.form === 'medians') {
        d.arms.forEach((a, ai) => {
          const apath = [...opath, 'data', 'arms', ai];
          const ordered = (lo: SourcedNumber | undefined, hi: SourcedNumber | undefined, what: string, key: string) => {
            if (lo && hi && lo.value > hi.value) ctx.addIssue({ code: 'custom', path: [...apath, key, 'value'], message: `${what}: ${lo.value} is above ${hi.value}` });
          };
          ordered(a.rangeLower, a.median, 'range lower bound above the median', 'rangeLower');
          ordered(a.median, a.rangeUpper, 'median above the range upper bound', 'rangeUpper');
          ordered(a.q1, a.median, 'first quartile above the median', 'q1');
          ordered(a.median, a.q3, 'median above the third quartile', 'q3');
        });
      }
      if (d.form === 'event-totals') {
        d.arms.forEach((a, ai) => {
          if (!Number.isInteger(a.events.value) || a.events.value < 0)
            ctx.addIssue({ code: 'custom', path: [...opath, 'data', 'arms', ai, 'events', 'value'], message: `expected a non-negative integer, got ${a.events.value}` });
        });
      }
      if (d.form === 'counts') {
        d.arms.forEach((a, ai) => {
          if (!Number.isInteger(a.events.value) || a.events.value < 0)
            ctx.addIssue({ code: 'custom', path: [...opath, 'data', 'arms', ai, 'events', 'value'], message: `expected a non-negative integer, got ${a.events.value}` });
          if (!Number.isInteger(a.total.value) || a.total.value <= 0)
            ctx.addIssue({ code: 'custom', path: [...opath, 'data', 'arms', ai, 'total', 'value'], message: `expected a positive integer, got ${a.total.value}` });
          else if (a.events.value > a.total.value)
            ctx.addIssue({ code: 'custom', path: [...opath, 'data', 'arms', ai, 'events', 'value'], message: `events (${a.events.value}) exceed the total (${a.total.value})` });
        });
      }
    });
    study.arms.forEach((a, ai) => {
      // A range's bounds in order, and the scalar dose (the midpoint, derived) inside the range.
      for (const [rangeKey, scalarKey] of [['maintenanceDoseRangeGPerKg', 'maintenanceDoseGPerKg'], ['monthlyDoseRangeGPerKg', 'monthlyDoseGPerKg']] as const) {
        const range = a[rangeKey];
        if (!range) continue;
        const rpath = [...base, 'arms', ai, rangeKey];
        if (range.lower.value > range.upper.value)
          ctx.addIssue({ code: 'custom', path: [...rpath, 'lower', 'value'], message: `dose range lower bound (${range.lower.value}) above its upper bound (${range.upper.value})` });
        const scalar = a[scalarKey];
        if (scalar.value !== null && (scalar.value < range.lower.value || scalar.value > range.upper.value))
          ctx.addIssue({ code: 'custom', path: [...base, 'arms', ai, scalarKey, 'value'], message: `${scalar.value} lies outside its range ${range.lower.value}–${range.upper.value}` });
      }
      for (const key of ['nRandomised', 'nAnalysed'] as const) {
        const n = a[key];
        if (n.value !== null && (!Number.isInteger(n.value) || n.value <= 0))
          ctx.addIssue({ code: 'custom', path: [...base, 'arms', ai, key, 'value'], message: `expected a positive integer, got ${n.value}` });
      }
    });
  });
  // A same-trial link points to another study of the set (checked once every id is known).
  set.studies.forEach((study, si) => {
    const link = study.sameTrialAs;
    if (!link) return;
    const path = ['studies', si, 'sameTrialAs', 'study'];
    if (link.study === study.id) ctx.addIssue({ code: 'custom', path, message: 'a study cannot be the same trial as itself' });
    else if (!studyIds.has(link.study)) ctx.addIssue({ code: 'custom', path, message: `unknown study "${link.study}"` });
  });
  set.syntheses.forEach((s, i) => walkSources(s, ['syntheses', i]));
});
