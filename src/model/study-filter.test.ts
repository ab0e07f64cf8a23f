/** The year filter on published syntheses, on the bundled evidence file (its real publication years). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEvidenceText } from '../evidence/parse-evidence';
import { filterSyntheses, hiddenSynthesesNote } from './study-filter';

const evidence = parseEvidenceText(readFileSync('public/data/evidence.json', 'utf8'));

describe('filterSyntheses', () => {
  it('as of 2003 keeps the syntheses published by 2003 and names the ones it leaves out', () => {
    const { shown, hidden } = filterSyntheses(evidence.syntheses, { yearTo: 2003 });
    expect(shown.every((s) => s.year !== null && s.year <= 2003)).toBe(true);
    expect(shown.map((s) => s.id)).toContain('cochrane-cd002936');
    // EFNS 2008, Wu 2008, Liu 2009, Zhang 2012, Olyaeemanesh 2016, Rosa 2018, and the undated CRD/DARE record.
    expect(hidden.map((s) => s.id).sort()).toEqual(['crd-dare-ivig-neurology', 'elovaara-2008-efns', 'liu-2009-meta', 'olyaeemanesh-2016-meta', 'rosa-2018-postpartum-meta', 'wu-2008-dose-sr', 'zhang-2012-thesis']);
    expect(hiddenSynthesesNote(hidden, 2003)).toMatch(/^Not shown \(year filter to 2003\): 7 syntheses published after 2003 or undated — /);
  });

  it('without an upper bound shows every synthesis', () => {
    expect(filterSyntheses(evidence.syntheses, { yearTo: null }).hidden).toEqual([]);
    expect(hiddenSynthesesNote([], 2003)).toBeNull();
  });
});
