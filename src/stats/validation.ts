import { InvalidInputError, atStudy, describeValue } from './errors';

/** Throws unless `value` is a finite number. */
export function requireFinite(name: string, value: unknown, study?: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidInputError(
      `${name} must be a finite number, got ${describeValue(value)}${atStudy(study)}`,
    );
  }
  return value;
}

/** Throws unless `value` is a finite number > 0. */
export function requirePositive(name: string, value: unknown, study?: number): number {
  const x = requireFinite(name, value, study);
  if (!(x > 0)) throw new InvalidInputError(`${name} must be > 0, got ${x}${atStudy(study)}`);
  return x;
}

/** Throws unless `value` is a finite number >= 0. */
export function requireNonNegative(name: string, value: unknown, study?: number): number {
  const x = requireFinite(name, value, study);
  if (!(x >= 0)) throw new InvalidInputError(`${name} must be >= 0, got ${x}${atStudy(study)}`);
  return x;
}

/** Throws unless the array has at least `min` entries. */
export function requireLength(name: string, value: unknown, min: number): readonly unknown[] {
  if (!Array.isArray(value)) {
    throw new InvalidInputError(`${name} must be an array, got ${describeValue(value)}`);
  }
  if (value.length < min) {
    throw new InvalidInputError(`${name} must contain at least ${min} item(s), got ${value.length}`);
  }
  return value;
}

/**
 * A confidence level in percent, as metafor's `level = 95`. Values <= 1 are rejected rather than
 * read as proportions (metafor accepts 0.95 too): an ambiguous level is a bug in the caller.
 */
export function requireLevel(level: unknown): number {
  const x = requireFinite('level', level);
  if (!(x > 1 && x < 100)) {
    throw new InvalidInputError(`level must be a percentage between 1 and 100 (e.g. 95), got ${x}`);
  }
  return x;
}

/** Throws unless `value` is one of `allowed`. */
export function requireOneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new InvalidInputError(
      `invalid ${name}: ${describeValue(value)} (expected one of ${allowed.join(', ')})`,
    );
  }
  return value as T;
}

/**
 * Copies study effects into typed arrays, checking every value: yi finite, vi finite and > 0
 * (`vi must be > 0, got 0 at study 3`).
 */
export function validateEffects(effects: unknown, minStudies = 1): { yi: Float64Array; vi: Float64Array } {
  const list = requireLength('effects', effects, minStudies);
  const k = list.length;
  const yi = new Float64Array(k);
  const vi = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const e = list[i];
    if (typeof e !== 'object' || e === null) {
      throw new InvalidInputError(`effect must be an object { yi, vi }, got ${describeValue(e)}${atStudy(i)}`);
    }
    const row = e as { yi?: unknown; vi?: unknown };
    yi[i] = requireFinite('yi', row.yi, i);
    vi[i] = requirePositive('vi', row.vi, i);
  }
  return { yi, vi };
}
