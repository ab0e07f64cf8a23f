import { describe, expect, it } from 'vitest';
import { miniEvidence } from '../test-support/mini-evidence';
import { evidenceProblemsOf } from '../test-support/evidence-problems';
import { parseEvidenceSet, parseEvidenceText } from './parse-evidence';

const clone = () => JSON.parse(JSON.stringify(miniEvidence()));

const problemsOf = evidenceProblemsOf;

describe('parseEvidenceSet', () => {
  it('accepts a valid set', () => {
    expect(parseEvidenceSet(clone()).studies).toHaveLength(4);
  });
  it('names the failing path and the study for a negative n', () => {
    const raw = clone();
    raw.studies[1].arms[0].nAnalysed.value = -2;
    expect(problemsOf(() => parseEvidenceSet(raw))).toEqual(['studies[1].arms[0].nAnalysed.value (study "sp-2004"): expected a positive integer, got -2']);
  });
  it('rejects a reported number without its quote', () => {
    const raw = clone();
    delete raw.studies[0].outcomes[0].data.arms[0].events.quote;
    expect(problemsOf(() => parseEvidenceSet(raw))[0]).toMatch(/^studies\[0\]\.outcomes\[0\]\.data\.arms\[0\]\.events/);
  });
  it('rejects a derived number without its formula', () => {
    const raw = clone();
    delete raw.studies[0].outcomes[0].data.arms[1].events.formula;
    expect(problemsOf(() => parseEvidenceSet(raw))).toEqual(['studies[0].outcomes[0].data.arms[1].events.formula (study "rr-1997"): a derived value needs its formula']);
  });
  it('rejects events above the total, unknown arms and unknown sources', () => {
    const raw = clone();
    raw.studies[0].outcomes[0].data.arms[0].events.value = 60;
    raw.studies[0].outcomes[0].data.arms[1].arm = 'nope';
    raw.studies[1].outcomes[0].data.estimate.source = 'missing-source';
    const problems = problemsOf(() => parseEvidenceSet(raw));
    expect([...problems].sort()).toEqual([
      'studies[0].outcomes[0].data.arms[0].events.value (study "rr-1997"): events (60) exceed the total (50)',
      'studies[0].outcomes[0].data.arms[1].arm (study "rr-1997"): unknown arm "nope"',
      'studies[1].outcomes[0].data.estimate.source (study "sp-2004"): unknown source "missing-source"',
    ]);
  });
  it('reports invalid JSON as such', () => {
    expect(() => parseEvidenceText('{"studies": [')).toThrow(/The evidence file is not valid:\nnot valid JSON/);
  });
  it('rejects a file of another schema version', () => {
    const raw = clone();
    raw.schemaVersion = 2;
    expect(problemsOf(() => parseEvidenceSet(raw))[0]).toMatch(/^schemaVersion: /);
  });
});
