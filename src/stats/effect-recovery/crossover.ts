/**
 * Crossover trials: the period summaries analysed as if from a parallel trial (conservative), or
 * the paired analysis when the within-patient correlation or the SD of the differences is known.
 */
import { InvalidInputError } from '../errors';
import { requireFinite, requireNonNegative, requirePositive } from '../validation';
import { HANDBOOK, HANDBOOK_5_1, type RecoveryProvenance, computed, entered, subtrahend } from './provenance';

/** One intervention period of a crossover trial: the mean and SD over the patients measured on it. */
export interface PeriodSummary {
  mean: number;
  sd: number;
  /** Patients measured on this intervention (for a crossover, usually the same patients in both). */
  n: number;
}

export interface CrossoverMeanDifference {
  /** MD = M_E − M_C. */
  md: number;
  sei: number;
  vi: number;
  /** The SD of the within-patient differences used (paired analyses only). */
  sdDifference: number | null;
  provenance: RecoveryProvenance;
}

function readPeriod(p: PeriodSummary, name: string): PeriodSummary {
  return {
    mean: requireFinite(`${name} mean`, p.mean),
    sd: requireNonNegative(`${name} SD`, p.sd),
    n: requirePositive(`${name} n`, p.n),
  };
}

/**
 * A crossover trial's two intervention periods treated as two independent groups.
 *
 * Formula: MD = M_E − M_C, SE = √(SD_E²/n_E + SD_C²/n_C).
 * Assumptions: the within-patient correlation is ignored (taken as 0). With a positive correlation —
 * the usual case — the true SE is smaller, so this SE is too large and the trial is under-weighted:
 * conservative, but a unit-of-analysis error (the same patients are counted in both groups). Carry-over
 * and period effects are assumed absent.
 * Reference: Cochrane Handbook v6.5 §23.2.6 (crossover trials analysed as if parallel: "a unit-of-
 * analysis error … conservative"); Handbook v5.1 §16.4.5; Elbourne et al., Int J Epidemiol
 * 2002;31:140–9.
 * Edge cases: SDs ≥ 0, n > 0; an SE of 0 (both SDs 0) is refused.
 */
export function crossoverAsParallel(input: { treatment: PeriodSummary; control: PeriodSummary }): CrossoverMeanDifference {
  const e = readPeriod(input.treatment, 'treatment period');
  const c = readPeriod(input.control, 'control period');
  const md = e.mean - c.mean;
  const vi = e.sd ** 2 / e.n + c.sd ** 2 / c.n;
  if (!(vi > 0)) throw new InvalidInputError(`the SE is 0 (both period SDs are 0, got ${e.sd} and ${c.sd})`);
  const sei = Math.sqrt(vi);
  return {
    md,
    sei,
    vi,
    sdDifference: null,
    provenance: {
      method: 'crossover-as-parallel',
      methodName: 'Crossover analysed as if parallel (correlation ignored)',
      formula: `MD = ${entered(e.mean)} − ${subtrahend(c.mean)} = ${computed(md)}; SE = √(${entered(e.sd)}²/${entered(e.n)} + ${entered(c.sd)}²/${entered(c.n)}) = ${computed(sei)}`,
      reference: `${HANDBOOK}, §23.2.6; ${HANDBOOK_5_1}, §16.4.5`,
      assumptions: [
        'the two periods are treated as independent groups: the within-patient correlation is ignored, so the SE is too large (conservative) and the same patients count twice',
        'no carry-over and no period effect',
      ],
      notes: [],
    },
  };
}

/**
 * The paired (within-patient) mean difference of a crossover trial from the period summaries and
 * either the SD of the within-patient differences or the within-patient correlation.
 *
 * Formula: MD = M_E − M_C; SD_diff = √(SD_E² + SD_C² − 2·r·SD_E·SD_C) when r is given;
 * SE = SD_diff / √N, with N the number of patients measured on both.
 * Assumptions: the correlation (or SD_diff) is the trial's own or, more often, imputed from other
 * trials — a sensitivity analysis over r is then advised; no carry-over or period effect.
 * Reference: Cochrane Handbook v5.1 §16.4.6.1–16.4.6.3 and the worked example §16.4.6.4 (n 10,
 * M_E 7.0, SD_E 2.38, M_C 6.5, SD_C 2.21: SD_diff 2 gives SE 0.632; r 0.68 gives SE 0.583);
 * Handbook v6.5 §23.2.7 (the same formulas); Elbourne et al. 2002.
 * Edge cases: −1 ≤ r ≤ 1; exactly one of `correlation` and `sdDifference`; SD_diff must be > 0.
 */
export function crossoverPairedMeanDifference(input: {
  treatment: Omit<PeriodSummary, 'n'>;
  control: Omit<PeriodSummary, 'n'>;
  /** Patients with measurements on both interventions. */
  n: number;
  correlation?: number;
  sdDifference?: number;
}): CrossoverMeanDifference {
  const eMean = requireFinite('treatment period mean', input.treatment.mean);
  const cMean = requireFinite('control period mean', input.control.mean);
  const n = requirePositive('n', input.n);
  const hasR = input.correlation !== undefined;
  const hasSdDiff = input.sdDifference !== undefined;
  if (hasR === hasSdDiff) {
    throw new InvalidInputError('give exactly one of correlation and sdDifference for a paired crossover analysis');
  }
  const md = eMean - cMean;
  let sdDifference: number;
  let sdText: string;
  if (hasR) {
    const r = requireFinite('correlation', input.correlation);
    if (r < -1 || r > 1) throw new InvalidInputError(`correlation must lie in [−1, 1], got ${r}`);
    const sdE = requireNonNegative('treatment period SD', input.treatment.sd);
    const sdC = requireNonNegative('control period SD', input.control.sd);
    const v = sdE ** 2 + sdC ** 2 - 2 * r * sdE * sdC;
    sdDifference = Math.sqrt(Math.max(0, v));
    sdText = `SD_diff = √(${entered(sdE)}² + ${entered(sdC)}² − 2 × ${entered(r)} × ${entered(sdE)} × ${entered(sdC)}) = ${computed(sdDifference)}; `;
  } else {
    sdDifference = requirePositive('sdDifference', input.sdDifference);
    sdText = `SD_diff = ${entered(sdDifference)}; `;
  }
  if (!(sdDifference > 0)) throw new InvalidInputError(`the SD of the differences is 0 (correlation ${input.correlation} with these SDs): no SE`);
  const sei = sdDifference / Math.sqrt(n);
  return {
    md,
    sei,
    vi: sei * sei,
    sdDifference,
    provenance: {
      method: hasR ? 'crossover-paired-correlation' : 'crossover-paired-sd-difference',
      methodName: hasR ? `Crossover, paired analysis (within-patient correlation ${entered(input.correlation as number)})` : 'Crossover, paired analysis (SD of the differences)',
      formula: `MD = ${entered(eMean)} − ${subtrahend(cMean)} = ${computed(md)}; ${sdText}SE = ${computed(sdDifference)} / √${entered(n)} = ${computed(sei)}`,
      reference: `${HANDBOOK_5_1}, §16.4.6 (example §16.4.6.4); ${HANDBOOK}, §23.2.7`,
      assumptions: [
        hasR ? 'the within-patient correlation applies to this trial (usually imputed from others: vary it in a sensitivity analysis)' : 'the SD of the within-patient differences applies to this trial',
        'no carry-over and no period effect',
      ],
      notes: [],
    },
  };
}

/**
 * The paired standardized mean difference of a crossover trial.
 *
 * Formula: SMD = MD / SD_pooled with SD_pooled = √((SD_E² + SD_C²)/2);
 * SE(SMD) = √(1/N + SMD²/(2N)) × √(2(1 − r)).
 * Assumptions: as `crossoverPairedMeanDifference` with a correlation; the SMD is not corrected for
 * small-sample bias (as the Handbook's example).
 * Reference: Cochrane Handbook v5.1 §16.4.6.2 and the example §16.4.6.4 (SMD 0.218, SE 0.256 with
 * r 0.68); Elbourne et al. 2002.
 * Edge cases: −1 ≤ r < 1 (r = 1 gives SE 0); SDs not both 0.
 */
export function crossoverPairedSmd(input: {
  treatment: Omit<PeriodSummary, 'n'>;
  control: Omit<PeriodSummary, 'n'>;
  n: number;
  correlation: number;
}): { smd: number; sei: number; vi: number; provenance: RecoveryProvenance } {
  const eMean = requireFinite('treatment period mean', input.treatment.mean);
  const cMean = requireFinite('control period mean', input.control.mean);
  const sdE = requireNonNegative('treatment period SD', input.treatment.sd);
  const sdC = requireNonNegative('control period SD', input.control.sd);
  const n = requirePositive('n', input.n);
  const r = requireFinite('correlation', input.correlation);
  if (r < -1 || r >= 1) throw new InvalidInputError(`correlation must lie in [−1, 1) for an SMD's SE, got ${r}`);
  const sdPooled = Math.sqrt((sdE ** 2 + sdC ** 2) / 2);
  if (!(sdPooled > 0)) throw new InvalidInputError(`both period SDs are 0 (got ${sdE} and ${sdC}): no SMD`);
  const smd = (eMean - cMean) / sdPooled;
  const sei = Math.sqrt(1 / n + smd ** 2 / (2 * n)) * Math.sqrt(2 * (1 - r));
  return {
    smd,
    sei,
    vi: sei * sei,
    provenance: {
      method: 'crossover-paired-smd',
      methodName: `Crossover, paired SMD (within-patient correlation ${entered(r)})`,
      formula: `SMD = (${entered(eMean)} − ${subtrahend(cMean)}) / √((${entered(sdE)}² + ${entered(sdC)}²)/2) = ${computed(smd)}; SE = √(1/${entered(n)} + ${computed(smd)}²/(2 × ${entered(n)})) × √(2 × (1 − ${entered(r)})) = ${computed(sei)}`,
      reference: `${HANDBOOK_5_1}, §16.4.6.2 (example §16.4.6.4); ${HANDBOOK}, §23.2.7`,
      assumptions: ['the within-patient correlation applies to this trial', 'no small-sample (Hedges) correction', 'no carry-over and no period effect'],
      notes: [],
    },
  };
}
