import { describe, expect, it } from 'vitest';
import { OUTCOME_KINDS } from '../evidence/terms';
import { TURNER_OUTCOME_TYPE, turnerPresetFor } from './turner-outcome-types';

describe('Turner et al. 2015 outcome type of each outcome kind', () => {
  it('maps every outcome kind, each with a reason', () => {
    for (const kind of OUTCOME_KINDS) expect(TURNER_OUTCOME_TYPE[kind].reason.length).toBeGreaterThan(5);
  });
  it('relapse-free patients → “signs/symptoms reflecting continuation/end of condition”, LN(−2.06, 1.51²)', () => {
    expect(turnerPresetFor('relapse-free')?.prior).toEqual({ name: 'logNormalTau2', meanLog: -2.06, sdLog: 1.51 });
  });
  it('no Turner prior for continuous outcomes (they are for log odds ratios)', () => {
    expect(turnerPresetFor('edss-change')).toBeNull();
  });
});
