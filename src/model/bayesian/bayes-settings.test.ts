/** The τ prior control's option groups: every preset once, Turner's named by outcome type and (m, s). */
import { describe, expect, it } from 'vitest';
import { TAU_PRIOR_PRESETS, tauPriorOptionGroups } from './bayes-settings';

describe('tauPriorOptionGroups', () => {
  it('lists every preset once, Turner et al.’s under one heading with short option texts', () => {
    const groups = tauPriorOptionGroups();
    expect(groups.flatMap((g) => g.options.map((o) => o.id)).sort()).toEqual(TAU_PRIOR_PRESETS.map((p) => p.id).sort());
    expect(groups[0]!.options.map((o) => o.text)).toEqual(['Half-normal, scale 0.5', 'Half-normal, scale 1.0', 'Half-Cauchy, scale 0.5']);
    const turner = groups[1]!;
    expect(turner.label).toBe('Turner 2015, pharmacological vs placebo: log τ² ~ N(m, s²)');
    // Turner et al. 2015, Table IV: the relapse outcomes' type.
    expect(turner.options.find((o) => o.id === 'turner-signs-symptoms-reflecting-continuation-end-of-condition')!.text).toBe('signs / symptoms reflecting continuation / end of condition: N(-2.06, 1.51²)');
    expect(turner.options.find((o) => o.id === 'turner-any')!.text).toBe('any outcome, any comparison: N(-2.56, 1.74²)');
    for (const o of turner.options) expect(o.text.length).toBeLessThan(TAU_PRIOR_PRESETS.find((p) => p.id === o.id)!.label.length);
  });
});
