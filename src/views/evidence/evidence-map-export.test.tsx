/**
 * The evidence map's SVG and CSV exports say what the map on screen says: the badges beside each
 * trial (not randomised, comparator, active comparator, the same-trial link naming the other
 * report) and each cell's text (level, derived or secondary values, the outcome, "not analysed"
 * with its reason when that is all a trial has). Read from the rendered DOM and from the files the export buttons save, on the
 * bundled evidence.
 */
import { readFileSync } from 'node:fs';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseEvidenceText } from '../../evidence/parse-evidence';
import { parseCsv } from '../../evidence/csv';
import { EvidenceMap } from './EvidenceMap';

// Rendering the whole map (40 trials × 30 outcomes) takes seconds on a loaded machine.
vi.setConfig({ testTimeout: 60_000 });

const bundled = parseEvidenceText(readFileSync('public/data/evidence.json', 'utf8'));

let saved: Blob[] = [];
beforeEach(() => {
  saved = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    saved.push(blob as Blob);
    return 'blob:evidence-map';
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  // The download link is clicked; jsdom does not navigate.
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

interface MapRow { label: string; badges: string[]; cells: string[] }

/** The rows as the screen shows them: the name, its badges, and each cell's accessible name. */
function rowsOnScreen(): MapRow[] {
  const table = within(screen.getByRole('region', { name: 'Evidence map table' })).getByRole('table');
  return within(table).getAllByRole('rowheader').map((th) => {
    const badges = [...th.querySelectorAll('.badge')].map((b) => b.textContent ?? '');
    const label = [...th.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('');
    const cells = [...th.closest('tr')!.querySelectorAll('td')].map((td) => td.getAttribute('aria-label') ?? '');
    return { label, badges, cells };
  });
}

/** The rows of the exported SVG: a row's name (semibold), the badge texts on its baseline, and its cells' titles. */
function rowsInSvg(svgText: string): MapRow[] {
  const doc = new DOMParser().parseFromString(svgText.replace(/^<\?xml[^>]*>\s*/, ''), 'image/svg+xml');
  const texts = [...doc.querySelectorAll('text')];
  const labels = texts.filter((t) => t.getAttribute('font-weight') === '600');
  const titles = [...doc.querySelectorAll('g > title')].map((t) => t.textContent ?? '');
  const perRow = titles.length / labels.length;
  return labels.map((l, i) => ({
    label: l.textContent ?? '',
    badges: texts.filter((t) => t.getAttribute('font-size') === '9' && t.getAttribute('y') === l.getAttribute('y')).map((t) => t.textContent ?? ''),
    cells: titles.slice(i * perRow, (i + 1) * perRow),
  }));
}

async function exported(button: 'SVG' | 'CSV'): Promise<string> {
  await userEvent.click(within(screen.getByRole('group', { name: 'Export evidence map' })).getByRole('button', { name: button }));
  expect(await screen.findByText(`${button} saved.`)).toBeInTheDocument();
  return saved.at(-1)!.text();
}

const truncated = (label: string) => (label.length > 40 ? `${label.slice(0, 39)}…` : label);

describe('the evidence map export shows what the map shows', () => {
  it('all bundled studies: every badge and every cell text is in the SVG, row by row', async () => {
    render(<EvidenceMap studies={bundled.studies} captionLines={['caption']} />);
    const screenRows = rowsOnScreen();
    const svgRows = rowsInSvg(await exported('SVG'));
    expect(svgRows.map((r) => r.label)).toEqual(screenRows.map((r) => truncated(r.label)));
    expect(svgRows.map((r) => r.badges)).toEqual(screenRows.map((r) => r.badges));
    expect(svgRows.map((r) => r.cells)).toEqual(screenRows.map((r) => r.cells));
    // The badges the new evidence brought, as the sources classify the studies.
    const badgesOf = (label: string) => screenRows.find((r) => r.label === label)!.badges;
    expect(badgesOf('Sorensen 1997 (preliminary report of the 1998 crossover)')).toEqual(['earlier report of Sorensen 1998 (crossover), not pooled twice']);
    expect(badgesOf('IVIG vs interferon beta-1a (Iran, single-blind)')).toEqual(['active comparator']);
    expect(screenRows.filter((r) => r.badges.includes('not randomised')).length).toBeGreaterThan(0);
    // A cell of medians (Sorensen 1998's lesions per scan) reads as incomplete arm values, naming the form.
    expect(screenRows.find((r) => r.label === 'Sorensen 1998 (crossover)')!.cells).toContain('Sorensen 1998 (crossover), MRI: gadolinium-enhancing lesions: Arm values, incomplete: Enhancing lesions per patient per scan (serial MRI; median, range) (during the treatment periods)');
  });

  it('the CSV carries the same badges, one value per trial', async () => {
    render(<EvidenceMap studies={bundled.studies} captionLines={['caption']} />);
    const screenRows = rowsOnScreen();
    const [header, ...rows] = parseCsv(await exported('CSV'));
    const at = (name: string) => header!.indexOf(name);
    const byLabel = new Map(rows.map((r) => [r[at('label')]!, r[at('badges')]!]));
    expect(screenRows.map((r) => byLabel.get(r.label))).toEqual(screenRows.map((r) => r.badges.join('; ')));
  });

  it('a same-trial link names the other report even when the filters hide it', async () => {
    const shown = bundled.studies.filter((s) => s.id !== 'sorensen-1998-crossover');
    render(<EvidenceMap studies={shown} allStudies={bundled.studies} captionLines={['caption']} />);
    const svgRows = rowsInSvg(await exported('SVG'));
    expect(svgRows.find((r) => r.label.startsWith('Sorensen 1997'))!.badges).toEqual(['earlier report of Sorensen 1998 (crossover), not pooled twice']);
    expect(svgRows.map((r) => r.badges)).toEqual(rowsOnScreen().map((r) => r.badges));
  });
});
