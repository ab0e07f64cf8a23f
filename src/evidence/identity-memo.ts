/**
 * Memoisation for the pure derivations from the evidence set (a study's effect inputs, the measures
 * an outcome's data support). They depend only on the studies, the outcome, the measure and the
 * data switches, not on how the effects are pooled: a change of τ² estimator, of model or of the
 * interval re-pools the same effects, and the Summary of Findings and the seed review's claims
 * build forests of the same trials. Deriving an outcome's inputs tries every recovery switch on
 * each study that is not estimable (`includedBy`), which was most of a summary re-compute (CPU
 * profile, 2026-12-01; README, Speed).
 *
 * Keys are object identities, not contents: the evidence set is immutable once parsed (the store
 * replaces it whole on an import), so the same Study object always means the same data, and a list
 * filtered again from the same studies has the same key. The cached values are frozen, so that a
 * caller that tried to change them would fail loudly instead of changing another caller's result.
 */

const identities = new WeakMap<object, number>();
let lastIdentity = 0;

/** A number that names this object for as long as it lives; never reused for another object. */
export function identityOf(o: object): number {
  let id = identities.get(o);
  if (id === undefined) identities.set(o, (id = ++lastIdentity));
  return id;
}

/** The key of a list: its members' identities in order (two copies of one list share it). */
export const listKey = (items: readonly object[]): string => items.map(identityOf).join(',');

/** A bounded memo: when it is full, the entry used least recently is dropped. */
export class LeastRecentlyUsedMemo<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: string, compute: () => V): V {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      // A Map iterates in insertion order: re-inserting makes this the most recent entry.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const value = compute();
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}
