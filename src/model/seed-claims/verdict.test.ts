/** The verdict rules at their boundaries, on small inputs. */
import { describe, expect, it } from 'vitest';
import { benefitClaimFinding, comparabilityFinding, foldRangeFinding, noBenefitClaimFinding, trialCountFinding, verdictOf } from './verdict';

describe('verdictOf', () => {
  it('every part supported → consistent; one not supported → partly consistent', () => {
    expect(verdictOf(['supports', 'supports'])).toBe('consistent');
    expect(verdictOf(['supports', 'inconclusive'])).toBe('partly consistent');
    expect(verdictOf(['supports', 'no data'])).toBe('partly consistent');
    expect(verdictOf(['supports', 'contradicts'])).toBe('partly consistent');
  });
  it('nothing supported: contradicted when a part is contradicted, else not assessable', () => {
    expect(verdictOf(['contradicts', 'no data'])).toBe('contradicted');
    expect(verdictOf(['contradicts', 'inconclusive'])).toBe('contradicted');
    expect(verdictOf(['inconclusive', 'no data'])).toBe('not assessable');
    expect(verdictOf(['no data'])).toBe('not assessable');
    expect(verdictOf([])).toBe('not assessable');
  });
});

describe('part findings', () => {
  it('a claimed benefit: every signal for IVIG supports; one for control contradicts; a null CI is inconclusive', () => {
    expect(benefitClaimFinding(['favours IVIG', 'favours IVIG'])).toBe('supports');
    expect(benefitClaimFinding(['favours IVIG', 'no difference shown'])).toBe('inconclusive');
    expect(benefitClaimFinding(['favours IVIG', 'favours control'])).toBe('contradicts');
    expect(benefitClaimFinding(['favours IVIG', null])).toBe('supports');
    expect(benefitClaimFinding([null])).toBe('no data');
  });
  it('a claimed absence of benefit: any signal for IVIG contradicts', () => {
    expect(noBenefitClaimFinding(['no difference shown', 'favours control'])).toBe('supports');
    expect(noBenefitClaimFinding(['no difference shown', 'favours IVIG'])).toBe('contradicts');
    expect(noBenefitClaimFinding([])).toBe('no data');
  });
  it('a claimed trial count: at least as many supports, fewer contradicts, none is no data', () => {
    expect(trialCountFinding(4, 4)).toBe('supports');
    expect(trialCountFinding(4, 5)).toBe('supports');
    expect(trialCountFinding(4, 3)).toBe('contradicts');
    expect(trialCountFinding(4, 0)).toBe('no data');
  });
  it('a claimed 10-fold range: 5 to 20 inclusive supports, just outside contradicts', () => {
    expect(foldRangeFinding(10, 5)).toBe('supports');
    expect(foldRangeFinding(10, 20)).toBe('supports');
    expect(foldRangeFinding(10, 4.999)).toBe('contradicts');
    expect(foldRangeFinding(10, 20.001)).toBe('contradicts');
    expect(foldRangeFinding(10, null)).toBe('no data');
  });
  it('comparability: a CI touching no difference still includes it', () => {
    expect(comparabilityFinding({ lower: -0.2, upper: 0, nullValue: 0 })).toBe('supports');
    expect(comparabilityFinding({ lower: 0.001, upper: 0.4, nullValue: 0 })).toBe('contradicts');
    expect(comparabilityFinding({ lower: -0.4, upper: -0.001, nullValue: 0 })).toBe('contradicts');
    expect(comparabilityFinding(null)).toBe('no data');
  });
});
