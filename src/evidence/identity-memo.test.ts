/**
 * The memo behind the effect inputs: keyed by the identity of the trials (a filtered copy of the
 * same trials hits), by the outcome, measure and data switches; never by pooling settings. Checked
 * on the bundled evidence against the un-memoised derivation.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEvidenceText } from './parse-evidence';
import { ALL_RECOVERY, DEFAULT_RECOVERY } from './recovered-effects/recovery-settings';
import { LeastRecentlyUsedMemo, identityOf, listKey } from './identity-memo';
import { effectInputsOf, sdDonorsFromStudies, toEffectInputs } from './to-effect-inputs';

const evidence = parseEvidenceText(readFileSync('public/data/evidence.json', 'utf8'));
const rcts = () => evidence.studies.filter((s) => s.kind === 'ivig-rct');

describe('identity keys', () => {
  it('name an object for its life and a list by its members', () => {
    const a = {};
    const b = {};
    expect(identityOf(a)).toBe(identityOf(a));
    expect(identityOf(a)).not.toBe(identityOf(b));
    expect(listKey([a, b])).toBe(listKey([a, b]));
    expect(listKey([a, b])).not.toBe(listKey([b, a]));
    // Same content, another object: another key (an import that replaces a trial is new data).
    expect(listKey([{ ...a }])).not.toBe(listKey([a]));
  });
});

describe('LeastRecentlyUsedMemo', () => {
  it('computes once per key and drops the entry used least recently when full', () => {
    const memo = new LeastRecentlyUsedMemo<number>(2);
    let calls = 0;
    const get = (k: string) => memo.get(k, () => ++calls);
    expect([get('a'), get('b'), get('a')]).toEqual([1, 2, 1]);
    get('c'); // full: 'b' was used least recently, so it goes
    expect(memo.size).toBe(2);
    expect(get('a')).toBe(1);
    expect(get('b')).toBe(4);
    expect(calls).toBe(4);
  });
});

describe('effectInputsOf', () => {
  it('equals toEffectInputs with the same SD lenders, frozen', () => {
    for (const recovery of [DEFAULT_RECOVERY, ALL_RECOVERY]) {
      const studies = rcts();
      const lenders = studies.filter((s) => s.phase === 'RR');
      const memoised = effectInputsOf(studies, lenders, 'edss-change', 'MD', { useDerived: true, recovery });
      const direct = toEffectInputs(studies, 'edss-change', 'MD', { useDerived: true, recovery, sdDonors: sdDonorsFromStudies(lenders, 'edss-change', recovery) });
      expect(memoised.effects.length).toBeGreaterThan(0);
      expect(memoised).toEqual(direct);
      expect(Object.isFrozen(memoised.effects)).toBe(true);
      expect(Object.isFrozen(memoised.effects[0])).toBe(true);
      expect(() => (memoised.effects as unknown[]).push(1)).toThrow(TypeError);
    }
  });

  it('hits for a copy of the same trials and misses for other switches', () => {
    const first = effectInputsOf(rcts(), rcts(), 'relapse-free', 'OR', { useDerived: true, recovery: DEFAULT_RECOVERY });
    expect(effectInputsOf(rcts(), rcts(), 'relapse-free', 'OR', { useDerived: true, recovery: DEFAULT_RECOVERY })).toBe(first);
    expect(effectInputsOf(rcts(), rcts(), 'relapse-free', 'OR', { useDerived: true })).toBe(first);
    expect(effectInputsOf(rcts(), rcts(), 'relapse-free', 'OR', { useDerived: false, recovery: DEFAULT_RECOVERY })).not.toBe(first);
    expect(effectInputsOf(rcts(), rcts(), 'relapse-free', 'RR', { useDerived: true, recovery: DEFAULT_RECOVERY })).not.toBe(first);
    expect(effectInputsOf(rcts(), rcts(), 'relapse-free', 'OR', { useDerived: true, recovery: ALL_RECOVERY })).not.toBe(first);
    expect(effectInputsOf(rcts(), rcts().slice(1), 'relapse-free', 'OR', { useDerived: true, recovery: DEFAULT_RECOVERY })).not.toBe(first);
  });
});
