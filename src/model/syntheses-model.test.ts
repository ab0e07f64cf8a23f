/** Published results on the bundled evidence file: printed as the sources print them, impossible ones marked. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEvidenceText } from '../evidence/parse-evidence';
import { formatPublishedResult, printedResultCaveat } from './syntheses-model';

const evidence = parseEvidenceText(readFileSync('public/data/evidence.json', 'utf8'));
const result = (synthesis: string, id: string) => evidence.syntheses.find((s) => s.id === synthesis)!.pooledResults.find((r) => r.id === id)!;

describe('published results as printed', () => {
  it('Wu 2008: "OR -0.00 (95% CI -0.36 to 0.36)" is kept as printed and marked as not a valid OR', () => {
    const r = result('wu-2008-dose-sr', 'arr');
    expect([r.estimate.value, r.ciLower.value, r.ciUpper.value]).toEqual([0, -0.36, 0.36]);
    expect(formatPublishedResult(r)).toBe('OR -0.00 [-0.36, 0.36]; p = 0.98 (as printed; not a valid OR: an odds ratio is always above 0)');
  });

  it('Olyaeemanesh 2016: the truncated "SMD=-0.218; 95% CI-0.412 to -" says its upper limit is missing, and why', () => {
    const r = result('olyaeemanesh-2016-meta', 'arr');
    expect(formatPublishedResult(r)).toBe('SMD -0.218 [-0.412, not given] (as printed; upper CI limit missing (upper confidence bound not available: the abstract text is truncated after "95% CI-0.412 to -" in every available copy))');
  });

  it('possible results carry no mark', () => {
    expect(printedResultCaveat(result('cochrane-cd002936', 'rr-relapse-free'))).toBeNull();
    expect(formatPublishedResult(result('olyaeemanesh-2016-meta', 'relapse-free'))).toBe('OR 1.693 [1.205, 2.38]');
  });
});
