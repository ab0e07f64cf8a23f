/**
 * A shared link with Summary of Findings judgments, opened in a browser that holds different ones:
 * the link's are shown, the user is told, and chooses; neither set is lost (the other is set aside
 * in the browser), and the choice can be swapped back. Without a conflict, nothing is asked.
 */
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SUMMARY, isDefaultSummary, summaryFromSearchParams, type SummarySettings } from '../model/summary-of-findings/summary-params';
import { createAppStore } from '../store/app-store';
import { AppStoreProvider } from '../store/store-context';
import { SUMMARY_SET_ASIDE_KEY, SUMMARY_STORAGE_KEY, summaryText } from '../store/summary-persistence';
import { SummaryPersistence } from './SummaryPersistence';

const settings = (text: string): SummarySettings => summaryFromSearchParams(new URLSearchParams(text)).summary;
// Mine: AIMS high risk of bias, Achiron low, an override. The colleague's link: AIMS low, Achiron low, no override.
const MINE = 'rob=achiron-1998-rrms:l,fazekas-1997-aims:h:unblinded%20assessor&sof-ov=RR.relapse-free.imp:1:few%20events';
const LINK = 'rob=achiron-1998-rrms:l,fazekas-1997-aims:l';

function open(linkSummary: SummarySettings) {
  const store = createAppStore();
  // UrlSync has read the address before SummaryPersistence runs.
  if (!isDefaultSummary(linkSummary)) store.getState().setSummaryFromLink(linkSummary);
  render(<AppStoreProvider store={store}><SummaryPersistence /></AppStoreProvider>);
  return store;
}
const stored = () => window.localStorage.getItem(SUMMARY_STORAGE_KEY);
const setAside = () => window.localStorage.getItem(SUMMARY_SET_ASIDE_KEY);

beforeEach(() => window.localStorage.clear());

describe('a shared link whose judgments differ from the stored ones', () => {
  it('shows the link’s, says that the stored ones differ, and writes nothing until the user chooses', async () => {
    window.localStorage.setItem(SUMMARY_STORAGE_KEY, summaryText(settings(MINE)));
    const store = open(settings(LINK));
    const status = await screen.findByText(/This link brings its own Summary of Findings judgments/);
    expect(status).toHaveTextContent('risk-of-bias judgments for 1 trial; 1 domain override');
    expect(summaryText(store.getState().summary)).toBe(summaryText(settings(LINK)));
    // The user's own judgments are still stored, even after a further change in the link's view.
    act(() => store.getState().setTrialJudgment('riskOfBias', 'lewanska-2002', { level: 'some', reason: '' }));
    expect(stored()).toBe(summaryText(settings(MINE)));
    expect(setAside()).toBeNull();
  });

  it('“Restore my judgments” brings mine back and sets the link’s aside; swapping again loses neither', async () => {
    const user = userEvent.setup();
    window.localStorage.setItem(SUMMARY_STORAGE_KEY, summaryText(settings(MINE)));
    const store = open(settings(LINK));
    await user.click(await screen.findByRole('button', { name: 'Restore my judgments (set the link’s aside)' }));
    expect(summaryText(store.getState().summary)).toBe(summaryText(settings(MINE)));
    expect(store.getState().summary.riskOfBias['fazekas-1997-aims']).toEqual({ level: 'high', reason: 'unblinded assessor' });
    expect(stored()).toBe(summaryText(settings(MINE)));
    expect(setAside()).toBe(summaryText(settings(LINK)));
    expect(screen.getByRole('status')).toHaveTextContent('Your judgments are restored; the link’s are set aside in this browser.');
    await user.click(screen.getByRole('button', { name: 'Use the link’s judgments again' }));
    expect(summaryText(store.getState().summary)).toBe(summaryText(settings(LINK)));
    expect(stored()).toBe(summaryText(settings(LINK)));
    expect(setAside()).toBe(summaryText(settings(MINE)));
  });

  it('“Keep the link’s judgments” stores them and sets mine aside, restorable afterwards', async () => {
    const user = userEvent.setup();
    window.localStorage.setItem(SUMMARY_STORAGE_KEY, summaryText(settings(MINE)));
    const store = open(settings(LINK));
    await user.click(await screen.findByRole('button', { name: 'Keep the link’s judgments (set mine aside)' }));
    expect(stored()).toBe(summaryText(settings(LINK)));
    expect(setAside()).toBe(summaryText(settings(MINE)));
    await user.click(screen.getByRole('button', { name: 'Restore my judgments' }));
    expect(summaryText(store.getState().summary)).toBe(summaryText(settings(MINE)));
    expect(stored()).toBe(summaryText(settings(MINE)));
    expect(setAside()).toBe(summaryText(settings(LINK)));
  });
});

describe('a link pasted into the open app', () => {
  it('asks too: the stored judgments are not replaced by the link’s silently', async () => {
    const user = userEvent.setup();
    window.localStorage.setItem(SUMMARY_STORAGE_KEY, summaryText(settings(MINE)));
    const store = open(DEFAULT_SUMMARY);
    await act(async () => {});
    expect(summaryText(store.getState().summary)).toBe(summaryText(settings(MINE)));
    // The user edits their own judgments (saved), then opens a colleague's link in the same tab.
    act(() => store.getState().setTrialJudgment('riskOfBias', 'lewanska-2002', { level: 'some', reason: '' }));
    const mineNow = summaryText(store.getState().summary);
    expect(stored()).toBe(mineNow);
    act(() => store.getState().setSummaryFromLink(settings(LINK)));
    expect(await screen.findByText(/This link brings its own Summary of Findings judgments/)).toHaveTextContent('risk-of-bias judgments for 2 trials; 1 domain override');
    expect(stored()).toBe(mineNow);
    await user.click(screen.getByRole('button', { name: 'Restore my judgments (set the link’s aside)' }));
    expect(summaryText(store.getState().summary)).toBe(mineNow);
    expect(setAside()).toBe(summaryText(settings(LINK)));
  });
});

describe('without a conflict nothing is asked', () => {
  it('a link without judgments restores the stored ones; the same judgments in both are simply kept', async () => {
    window.localStorage.setItem(SUMMARY_STORAGE_KEY, summaryText(settings(MINE)));
    const store = open(DEFAULT_SUMMARY);
    await act(async () => {});
    expect(summaryText(store.getState().summary)).toBe(summaryText(settings(MINE)));
    expect(screen.queryByText(/This link brings its own/)).toBeNull();
  });
  it('the same judgments in the link and the browser', async () => {
    window.localStorage.setItem(SUMMARY_STORAGE_KEY, summaryText(settings(LINK)));
    open(settings(LINK));
    await act(async () => {});
    expect(screen.queryByText(/This link brings its own/)).toBeNull();
    expect(stored()).toBe(summaryText(settings(LINK)));
  });
  it('a link in a browser with nothing stored: the link’s are stored', async () => {
    open(settings(LINK));
    await act(async () => {});
    expect(screen.queryByText(/This link brings its own/)).toBeNull();
    expect(stored()).toBe(summaryText(settings(LINK)));
  });
});
