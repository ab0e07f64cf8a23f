import { describe, expect, it } from 'vitest';
import { miniEvidence, study } from '../test-support/mini-evidence';
import { pValueLabel, studyKindText, toStudyDetail } from './study-detail-model';

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

describe('p-values say what they test', () => {
  it('between arms, within one arm, or not stated; with the test when the source names it', () => {
    const label = (id: string) => ({ ivig: 'IVIG', placebo: 'Placebo' })[id] ?? id;
    const v = { value: 0.013, source: 's', quote: 'p= 0.013', status: 'reported' as const };
    expect(pValueLabel({ value: v, relation: '=', comparison: 'between-arms', test: 'chi-square', arms: ['ivig', 'placebo'] }, label)).toBe('p — between arms: IVIG vs Placebo; chi-square test');
    expect(pValueLabel({ value: v, relation: '<', comparison: 'within-arm', test: 'not stated', arms: ['ivig'] }, label)).toBe('p < — within one arm (before vs after): IVIG; test not stated');
    expect(pValueLabel({ value: v, relation: '=', comparison: 'not stated', test: 'not stated' }, label)).toBe('p — comparison not stated; test not stated');
  });
});
