import { describe, expect, it } from 'vitest';
import { miniEvidence, study } from '../test-support/mini-evidence';
import { studyKindText, toStudyDetail } from './study-detail-model';

const none = { randomised: 'not stated', allocation: 'not stated', blinding: 'not stated', control: 'not stated', durationMonths: { value: null, reason: 'Not in the imported file.' } } as const;
const sources = miniEvidence().sources;

describe('the detail panel states only the design the source gives', () => {
  it('prints the design, or "design not stated"', () => {
    expect(toStudyDetail(study({ id: 'u', label: 'U', year: 2000, phase: 'RR', design: none }), sources)[0]!.notes).toEqual(['Design: design not stated']);
    expect(toStudyDetail(miniEvidence().studies[0]!, sources)[0]!.notes).toEqual(['Design: randomised, parallel, double-blind, placebo-controlled, 12 months']);
  });
  it('does not call a trial randomised when its source does not say so', () => {
    expect(studyKindText(study({ id: 'u', label: 'U', year: 2000, phase: 'RR', design: none }))).toBe('IVIG trial, randomisation not stated');
    expect(studyKindText(miniEvidence().studies[0]!)).toBe('IVIG randomised trial');
  });
});
