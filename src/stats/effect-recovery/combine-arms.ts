/**
 * Several arms of one trial (e.g. two IVIG doses) combined into one group for a pairwise
 * comparison with the shared control.
 */
import { InvalidInputError } from '../errors';
import { requireFinite, requireNonNegative, requirePositive } from '../validation';
import { HANDBOOK, type RecoveryProvenance, computed, entered, subtrahend } from './provenance';

export interface ArmCounts {
  events: number;
  total: number;
  /** Shown in the formula when given. */
  label?: string;
}

export interface ArmMeanSd {
  mean: number;
  sd: number;
  n: number;
  label?: string;
}

const COMBINING_REFERENCE = `${HANDBOOK}, §23.3.4 (multi-arm studies: combine groups) and Table 6.5.a`;

function requireArms<T>(arms: readonly T[] | unknown, what: string): readonly T[] {
  if (!Array.isArray(arms) || arms.length < 2) {
    throw new InvalidInputError(`${what} needs at least 2 arms to combine, got ${Array.isArray(arms) ? arms.length : JSON.stringify(arms)}`);
  }
  return arms as readonly T[];
}

const armName = (label: string | undefined, i: number) => label ?? `arm ${i + 1}`;

/**
 * Dichotomous arms combined: events add and totals add.
 *
 * Formula: events = Σ eᵢ, total = Σ nᵢ.
 * Assumptions: the arms are comparable enough to be one "IVIG" group for this comparison (the
 * dose-response view keeps them apart); no patient is in two arms.
 * Reference: Cochrane Handbook v6.5 §23.3.4 (combine groups into a single pair-wise comparison) and
 * Table 6.5.a.
 * Edge cases: at least 2 arms; 0 ≤ events ≤ total, total > 0 in each arm.
 */
export function combineArmCounts(arms: readonly ArmCounts[]): { events: number; total: number; provenance: RecoveryProvenance } {
  const list = requireArms<ArmCounts>(arms, 'combineArmCounts');
  list.forEach((a, i) => {
    const name = armName(a.label, i);
    requireNonNegative(`events of ${name}`, a.events);
    requirePositive(`total of ${name}`, a.total);
    if (a.events > a.total) throw new InvalidInputError(`events of ${name} must be ≤ its total, got ${a.events} of ${a.total}`);
  });
  const events = list.reduce((s, a) => s + a.events, 0);
  const total = list.reduce((s, a) => s + a.total, 0);
  return {
    events,
    total,
    provenance: {
      method: 'combined-arms-counts',
      methodName: `${list.length} arms combined (events and totals added)`,
      formula: `events ${list.map((a) => entered(a.events)).join(' + ')} = ${entered(events)}; total ${list.map((a) => entered(a.total)).join(' + ')} = ${entered(total)}`,
      reference: COMBINING_REFERENCE,
      assumptions: ['the combined arms answer the same question against the shared control (one group for this comparison)'],
      notes: [],
    },
  };
}

/**
 * Two groups' means and SDs combined into one group (Table 6.5.a):
 *   N = n₁ + n₂,  M = (n₁m₁ + n₂m₂)/N,
 *   SD = √{[(n₁ − 1)s₁² + (n₂ − 1)s₂² + (n₁n₂/N)(m₁ − m₂)²] / (N − 1)}.
 * This is exactly the sample mean and SD of the union of the two samples, so folding it over more
 * groups ((1 + 2) + 3 …) gives the combined group of all of them, in any order.
 * Reference: Cochrane Handbook v6.5 Table 6.5.a; §23.3.4.
 * Edge cases: n > 0, sd ≥ 0, and N > 1.
 */
export function combineTwoGroupMeans(a: ArmMeanSd, b: ArmMeanSd): ArmMeanSd {
  const n = a.n + b.n;
  if (!(n > 1)) throw new InvalidInputError(`combined n must be > 1, got ${a.n} + ${b.n}`);
  const mean = (a.n * a.mean + b.n * b.mean) / n;
  const sd = Math.sqrt(((a.n - 1) * a.sd ** 2 + (b.n - 1) * b.sd ** 2 + ((a.n * b.n) / n) * (a.mean - b.mean) ** 2) / (n - 1));
  return { mean, sd, n };
}

/**
 * Continuous arms combined into one group: Table 6.5.a's formula for two groups, folded over the
 * arms in the order given (exact for any number, see `combineTwoGroupMeans`).
 * Assumptions: as `combineArmCounts`; the arms' SDs describe the same outcome on the same scale.
 * Reference: Cochrane Handbook v6.5 §23.3.4 and Table 6.5.a.
 * Edge cases: at least 2 arms; each n > 0, sd ≥ 0, finite mean.
 */
export function combineArmMeans(arms: readonly ArmMeanSd[]): ArmMeanSd & { provenance: RecoveryProvenance } {
  const list = requireArms<ArmMeanSd>(arms, 'combineArmMeans');
  list.forEach((a, i) => {
    const name = armName(a.label, i);
    requireFinite(`mean of ${name}`, a.mean);
    requireNonNegative(`SD of ${name}`, a.sd);
    requirePositive(`n of ${name}`, a.n);
  });
  const first = list[0] as ArmMeanSd;
  const combined = list.slice(1).reduce<ArmMeanSd>((acc, arm) => combineTwoGroupMeans(acc, arm), { mean: first.mean, sd: first.sd, n: first.n });
  const groups = list.map((a) => `${entered(a.mean)} (${entered(a.sd)}) ${entered(a.n)}`).join('; ');
  let formula: string;
  if (list.length === 2) {
    const [a, b] = list as readonly [ArmMeanSd, ArmMeanSd];
    const N = entered(combined.n);
    formula =
      `N = ${entered(a.n)} + ${entered(b.n)} = ${N}; ` +
      `M = (${entered(a.n)} × ${entered(a.mean)} + ${entered(b.n)} × ${entered(b.mean)}) / ${N} = ${computed(combined.mean)}; ` +
      `SD = √{[(${entered(a.n)} − 1) × ${entered(a.sd)}² + (${entered(b.n)} − 1) × ${entered(b.sd)}² + (${entered(a.n)} × ${entered(b.n)} / ${N}) × (${entered(a.mean)} − ${subtrahend(b.mean)})²] / (${N} − 1)} = ${computed(combined.sd)}`;
  } else {
    formula = `groups M (SD) n: ${groups}; combined pairwise in this order (Table 6.5.a): N = ${entered(combined.n)}, M = ${computed(combined.mean)}, SD = ${computed(combined.sd)}`;
  }
  return {
    ...combined,
    provenance: {
      method: 'combined-arms-means',
      methodName: `${list.length} arms combined (mean and SD of the combined group)`,
      formula,
      reference: COMBINING_REFERENCE,
      assumptions: [
        'the combined arms answer the same question against the shared control (one group for this comparison)',
        'the arms report the same outcome on the same scale',
      ],
      notes: [],
    },
  };
}
