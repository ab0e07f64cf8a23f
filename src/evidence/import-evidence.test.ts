import { describe, expect, it } from 'vitest';
import { miniEvidence, study, num } from '../test-support/mini-evidence';
import { importEvidenceFile } from './import-evidence';
import { CSV_TEMPLATE, MAX_IMPORT_BYTES, mergeImports, supersedeImports, type ImportedFile } from './imported-file';
import { BCG_TRIALS, bcgCsv } from '../test-support/bcg';

const base = miniEvidence();
const now = new Date('2026-11-24T12:00:00Z');
const fragment = (patch: object = {}) => ({
  sources: [{ id: 'ft', title: 'Full text', url: 'https://example.org/ft', kind: 'abstract' }],
  studies: [study({ id: 'new-2010', label: 'New 2010', year: 2010, phase: 'RR', sources: ['ft'], ...patch })],
});

describe('importEvidenceFile', () => {
  it('adds a valid JSON fragment and marks it user-supplied when merged', () => {
    const r = importEvidenceFile('extra.json', JSON.stringify(fragment()), base, [], now);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.summary).toBe('extra.json: 1 new study, 0 updated, 0 outcomes.');
    const merged = mergeImports(base, [r.file]);
    expect(merged.studies.map((s) => s.id)).toContain('new-2010');
    expect(merged.studies.find((s) => s.id === 'new-2010')!.userSupplied).toEqual({ fileName: 'extra.json', importedAt: '2026-11-24T12:00:00.000Z' });
  });

  it('replaces an outcome of an existing study with the imported one (e.g. SDs from a full text)', () => {
    const outcome = {
      id: 'rf', kind: 'relapse-free', label: 'Relapse-free (full text)', timepoint: '2 years', primary: false, notes: [],
      data: { form: 'counts', arms: [{ arm: 'ivig', events: num(21), total: num(50) }, { arm: 'placebo', events: num(11), total: num(50) }] },
    };
    const r = importEvidenceFile('ft.json', JSON.stringify({ studies: [{ ...base.studies[0], outcomes: [outcome] }] }), base, [], now);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const merged = mergeImports(base, [r.file]).studies[0]!;
    expect(merged.outcomes).toHaveLength(1);
    expect(merged.outcomes[0]!.label).toBe('Relapse-free (full text)');
    expect(merged.outcomes[0]!.userSupplied?.fileName).toBe('ft.json');
  });

  it('names the field of a schema error and changes nothing', () => {
    const bad = fragment();
    (bad.studies[0]!.arms[0]!.nAnalysed as { value: number }).value = -3;
    const r = importEvidenceFile('bad.json', JSON.stringify(bad), base, [], now);
    // The path is the file's (its only study is studies[0]), not the merged set's.
    expect(r).toEqual({ ok: false, problems: ['study "new-2010", studies[0].arms[0].nAnalysed.value: expected a positive integer, got -3'] });
  });

  it('refuses hostile files: prototype pollution, script in a name, javascript: links, size, nesting', () => {
    expect(importEvidenceFile('p.json', '{"__proto__": {"x": 1}, "studies": []}', base)).toEqual({ ok: false, problems: ['Not valid JSON: the key "__proto__" is not allowed (prototype pollution)'] });
    const script = importEvidenceFile('s.json', JSON.stringify(fragment({ label: '<script>alert(1)</script>' })), base);
    expect(script.ok || script.problems).toContain('studies[0].label: contains markup or script ("<script>alert(1)</script>")');
    const link = fragment();
    link.sources[0]!.url = 'javascript:alert(1)';
    expect(importEvidenceFile('l.json', JSON.stringify(link), base)).toEqual({ ok: false, problems: ['sources[0].url: contains markup or script ("javascript:alert(1)")', 'sources[0].url: links must be http(s), got "javascript:alert(1)"'] });
    expect(importEvidenceFile('big.json', 'x'.repeat(MAX_IMPORT_BYTES + 1), base)).toEqual({ ok: false, problems: ['The file is 5.0 MB; the limit is 5 MB.'] });
    const deep = '{"a":'.repeat(40) + '1' + '}'.repeat(40);
    expect(importEvidenceFile('d.json', deep, base)).toEqual({ ok: false, problems: ['The JSON is nested more than 32 levels deep.'] });
  });

  it('imports the documented CSV template', () => {
    const r = importEvidenceFile('template.csv', CSV_TEMPLATE, base, [], now);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.file.studies[0]!;
    expect([s.id, s.phase, s.year, s.arms.map((a) => a.role)]).toEqual(['smith-2024', 'RR', 2024, ['ivig', 'placebo']]);
    const d = s.outcomes[0]!.data;
    expect(d.form === 'counts' && d.arms.map((a) => [a.events.value, a.total.value])).toEqual([[30, 50], [20, 50]]);
  });

  it('names the row and column of a CSV error', () => {
    const csv = CSV_TEMPLATE.replace(',30,50,', ',thirty,50,').replace('https://example.org/smith-2024,Smith 2024 full text,"30 of 50 IVIG patients and 20 of 50 placebo patients were relapse-free"\r\nsmith', 'ftp://x,Smith,"q"\r\nsmith');
    const r = importEvidenceFile('bad.csv', csv, base);
    expect(r).toEqual({ ok: false, problems: ['row 2, column source_url: expected an http(s) address, got "ftp://x"', 'row 2, column events: expected a non-negative integer, got "thirty"'] });
  });

  it('imports trials from before 1950 (dat.bcg starts in 1948) and states the accepted range when it refuses a year', () => {
    const r = importEvidenceFile('bcg.csv', bcgCsv(), base, [], now);
    expect(r.ok || r.problems).toBe(true);
    if (!r.ok) return;
    expect(r.file.studies.map((s) => s.year)).toEqual(BCG_TRIALS.map((t) => t.year));
    const next = new Date().getUTCFullYear() + 1;
    const early = importEvidenceFile('early.csv', bcgCsv().replaceAll(',1948,', ',1899,'), base, [], now);
    expect(early.ok || early.problems).toEqual([`row 2, column year: expected a year from 1900 to ${next}, got "1899"`, `row 3, column year: expected a year from 1900 to ${next}, got "1899"`]);
    const late = importEvidenceFile('late.csv', bcgCsv().replaceAll(',1948,', `,${next + 1},`), base, [], now);
    expect(late.ok || late.problems).toContain(`row 2, column year: expected a year from 1900 to ${next}, got "${next + 1}"`);
  });

  describe('CSV as spreadsheets save it', () => {
    // European Excel: ";" between fields, "," as the decimal mark, CRLF, a UTF-8 byte-order mark.
    const header = 'study_id;label;year;phase;setting;outcome;timepoint;arm;arm_role;events;total;mean;sd;n;monthly_dose_g_per_kg;source_url;source_title;quote';
    const european = '\uFEFF' + [
      header,
      'muller-2019;Müller 2019;2019;RR;relapse-prevention;relapse-free;2 years;ivig;ivig;30;50;;;;0,4;https://example.org/m;Müller 2019;"30 von 50; 20 von 50"',
      'muller-2019;Müller 2019;2019;RR;relapse-prevention;relapse-free;2 years;placebo;placebo;20;50;;;;;https://example.org/m;Müller 2019;"30 von 50; 20 von 50"',
      'muller-2019;Müller 2019;2019;RR;relapse-prevention;edss-change;2 years;ivig;ivig;;;-0,25;0,8;50;0,4;https://example.org/m;Müller 2019;EDSS -0,25 (0,8) vs 0,1 (0,75)',
      'muller-2019;Müller 2019;2019;RR;relapse-prevention;edss-change;2 years;placebo;placebo;;;0,1;0,75;50;;https://example.org/m;Müller 2019;EDSS -0,25 (0,8) vs 0,1 (0,75)',
    ].join('\r\n') + '\r\n';

    it('reads ";" with decimal commas, CRLF and a BOM', () => {
      const r = importEvidenceFile('muller.csv', european, base, [], now);
      expect(r.ok || r.problems).toBe(true);
      if (!r.ok) return;
      const s = r.file.studies[0]!;
      expect([s.id, s.label, s.arms.map((a) => a.monthlyDoseGPerKg.value)]).toEqual(['muller-2019', 'Müller 2019', [0.4, null]]);
      const edss = s.outcomes.find((o) => o.kind === 'edss-change')!.data;
      expect(edss.form === 'continuous' && edss.arms.map((a) => [a.mean.value, a.sd.value, a.n.value])).toEqual([[-0.25, 0.8, 50], [0.1, 0.75, 50]]);
      expect(s.outcomes[0]!.data.form === 'counts' && s.outcomes[0]!.data.arms.map((a) => a.events.value)).toEqual([30, 20]);
    });

    it('reads dat.bcg saved with ";" and CRLF (all 13 trials, counts as entered)', () => {
      const r = importEvidenceFile('bcg.csv', bcgCsv({ delimiter: ';', eol: '\r\n' }), base, [], now);
      expect(r.ok || r.problems).toBe(true);
      if (!r.ok) return;
      expect(r.file.studies).toHaveLength(13);
      const madras = r.file.studies[7]!.outcomes[0]!.data;
      expect(madras.form === 'counts' && madras.arms.map((a) => [a.events.value, a.total.value])).toEqual([[505, 88391], [499, 88391]]);
    });

    it('says the file is empty instead of listing missing columns', () => {
      expect(importEvidenceFile('empty.csv', '', base)).toEqual({ ok: false, problems: ['The file is empty.'] });
      expect(importEvidenceFile('blank.csv', '\uFEFF\r\n\r\n', base)).toEqual({ ok: false, problems: ['The file is empty.'] });
      expect(importEvidenceFile('empty.json', '', base)).toEqual({ ok: false, problems: ['The file is empty.'] });
      expect(importEvidenceFile('header.csv', `${header}\r\n;;;;;;;;;;;;;;;;;\r\n`, base)).toEqual({ ok: false, problems: ['The file is empty: it has the header row but no data rows.'] });
    });

    it('never reads a thousands separator as a decimal mark', () => {
      // In a ";" file with decimal commas, "1.250" may be 1250 written with a thousands point.
      const dotted = importEvidenceFile('m.csv', european.replace(';;;;0,4;', ';;;;1.250;'), base);
      expect(dotted.ok || dotted.problems).toEqual(['row 2, column monthly_dose_g_per_kg: "1.250" is ambiguous in a file with decimal commas (a thousands separator?); write the number without thousands separators, with a decimal comma']);
      // In a "," file, a quoted "27,338" is a thousands separator or a decimal comma: refused, not guessed.
      const comma = importEvidenceFile('c.csv', CSV_TEMPLATE.replace(',30,50,', ',30,"1,050",'), base);
      expect(comma.ok || comma.problems).toEqual(['row 2, column total: expected a non-negative integer, got "1,050" (a comma inside a number is read as neither a thousands separator nor a decimal mark in a comma-separated file; write 1050, or use a decimal point)']);
    });
  });

  describe('design', () => {
    it('states no design the file does not give: without design columns every field is "not stated"', () => {
      const r = importEvidenceFile('bcg.csv', bcgCsv(), base, [], now);
      if (!r.ok) throw new Error(r.problems.join('\n'));
      const d = r.file.studies[0]!.design;
      expect([d.randomised, d.allocation, d.blinding, d.control, d.allocationMethod]).toEqual(['not stated', 'not stated', 'not stated', 'not stated', undefined]);
    });

    it('reads the design columns (dat.bcg: alternate and systematic allocation are not randomisation, and are not pooled)', () => {
      const csv = bcgCsv({ extra: { allocation: (t) => t.alloc, design: () => 'parallel', comparator: () => 'untreated' } });
      const r = importEvidenceFile('bcg.csv', csv, base, [], now);
      if (!r.ok) throw new Error(r.problems.join('\n'));
      const byTrial = (n: number) => r.file.studies[n - 1]!;
      expect(byTrial(1).design).toMatchObject({ randomised: true, allocationMethod: 'random', allocation: 'parallel', blinding: 'not stated', control: 'untreated' });
      expect(byTrial(5).design).toMatchObject({ randomised: false, allocationMethod: 'alternate' });
      expect(r.file.studies.filter((s) => s.kind === 'ivig-non-randomised').map((s) => s.id)).toEqual(['bcg-05', 'bcg-06', 'bcg-10', 'bcg-11', 'bcg-12', 'bcg-13']);
    });

    it('names the row and column of a design value it cannot read, or one that contradicts another', () => {
      const bad = importEvidenceFile('b.csv', bcgCsv({ extra: { randomised: (t) => (t.trial === 1 ? 'maybe' : 'yes'), allocation: (t) => t.alloc } }), base);
      expect(bad.ok || bad.problems.slice(0, 3)).toEqual([
        'row 2, column randomised: expected yes, no or not stated, got "maybe"',
        'row 3, column randomised: expected yes, no or not stated, got "maybe"',
        'row 10, column allocation: "alternate" allocation is not randomisation, but column randomised says "yes"',
      ]);
      const rows = bcgCsv({ extra: { blinding: () => 'open' } }).split('\r\n');
      rows[2] = rows[2]!.replace(/,open$/, ',double-blind');
      const mixed = importEvidenceFile('m.csv', rows.join('\r\n'), base);
      expect(mixed.ok || mixed.problems).toEqual(['row 3, column blinding: "double-blind" contradicts row 2 ("open") for study "bcg-01"']);
    });
  });

  describe('importing the same studies again', () => {
    it('reports them as updated, names the file they came from, and keeps one entry per study', () => {
      const first = importEvidenceFile('bcg.csv', bcgCsv(), base, [], now);
      if (!first.ok) throw new Error(first.problems.join('\n'));
      const again = importEvidenceFile('bcg-copy.csv', bcgCsv(), base, [first.file], new Date('2026-11-25T09:00:00Z'));
      if (!again.ok) throw new Error(again.problems.join('\n'));
      expect(again.summary).toBe('bcg-copy.csv: 0 new studies, 13 updated (already imported from bcg.csv), 13 outcomes.');
      // The later file replaces the studies it shares with the earlier one; an emptied file is dropped.
      const files = supersedeImports([first.file], again.file);
      expect(files.map((f) => [f.fileName, f.studies.length])).toEqual([['bcg-copy.csv', 13]]);
      const merged = mergeImports(base, files);
      expect(merged.studies.filter((s) => s.id.startsWith('bcg-'))).toHaveLength(13);
      expect(merged.studies.find((s) => s.id === 'bcg-01')!.userSupplied?.fileName).toBe('bcg-copy.csv');
    });

    it('says which updated studies are bundled and which were imported, and leaves other studies of the earlier file', () => {
      const first = importEvidenceFile('bcg.csv', bcgCsv(), base, [], now);
      if (!first.ok) throw new Error(first.problems.join('\n'));
      let files: ImportedFile[] = [first.file];
      const two = bcgCsv().split('\r\n').filter((line, i) => i === 0 || line.startsWith('bcg-01,') || line.startsWith('bcg-02,')).join('\r\n');
      const partial = importEvidenceFile('two.csv', two, base, files, now);
      if (!partial.ok) throw new Error(partial.problems.join('\n'));
      expect(partial.summary).toBe('two.csv: 0 new studies, 2 updated (already imported from bcg.csv), 2 outcomes.');
      files = supersedeImports(files, partial.file);
      expect(files.map((f) => [f.fileName, f.studies.length])).toEqual([['bcg.csv', 11], ['two.csv', 2]]);
      const mixed = importEvidenceFile('mixed.json', JSON.stringify({ sources: first.file.sources, studies: [{ ...base.studies[0], outcomes: [] }, ...first.file.studies.slice(0, 3)] }), base, files, now);
      expect(mixed.ok && mixed.summary).toBe('mixed.json: 0 new studies, 4 updated (1 in the bundled set, 2 already imported from two.csv, 1 already imported from bcg.csv), 3 outcomes.');
    });
  });

  describe('every message names the CSV row and column or the JSON path, the expected type and the value received', () => {
    it('CSV: a problem found on the merged set names the row and column, not a schema path', () => {
      const over = importEvidenceFile('o.csv', CSV_TEMPLATE.replace(',30,50,', ',60,50,'), base);
      expect(over.ok || over.problems).toEqual(['row 2, column events: events (60) exceed the total (50)']);
      const zero = importEvidenceFile('z.csv', CSV_TEMPLATE.replace(',20,50,', ',0,0,'), base);
      expect(zero.ok || zero.problems).toEqual(['row 3, column total: expected a positive integer, got 0']);
      const lines = CSV_TEMPLATE.split('\r\n');
      const oneArm = importEvidenceFile('one.csv', [lines[0], lines[1], ''].join('\r\n'), base);
      const script = importEvidenceFile('s.csv', CSV_TEMPLATE.replace(',Smith 2024,', ',<script>x</script>,'), base);
      expect(script.ok || script.problems).toEqual(['row 2, column label: contains markup or script ("<script>x</script>")']);
      expect(oneArm.ok || oneArm.problems).toEqual(['row 2, column arm: outcome "relapse-free" (2 years) of study "smith-2024" has a row for 1 arm; a comparison needs a row for each of at least 2 arms']);
    });

    it('JSON: a value of the wrong type names its path in the file, the type expected and the value received', () => {
      const asString = fragment();
      (asString.studies[0]!.arms[0] as { nRandomised: unknown }).nRandomised = '20';
      expect(importEvidenceFile('s.json', JSON.stringify(asString), base)).toEqual({ ok: false, problems: [
        'studies[0].arms[0].nRandomised: expected an object, got "20" (a string); a number is written with its source: { "value": 20, "source": …, "quote": …, "status": "reported" }, or { "value": null, "reason": … } when not reported',
      ] });
      const valueAsString = fragment();
      (valueAsString.studies[0]!.arms[0] as { nAnalysed: unknown }).nAnalysed = { value: '50', source: 'ft', quote: 'q', status: 'reported' };
      (valueAsString.studies[0] as { year: unknown }).year = '2010';
      (valueAsString.studies[0] as { phase: unknown }).phase = 'RRMS';
      expect(importEvidenceFile('v.json', JSON.stringify(valueAsString), base)).toEqual({ ok: false, problems: [
        'studies[0].year: expected a number, got "2010" (a string)',
        'studies[0].phase: expected one of "CIS", "RR", "SP", "PP", "PP+SP", "unspecified", got "RRMS" (a string)',
        'studies[0].arms[0].nAnalysed.value: expected a number, got "50" (a string)',
      ] });
    });
  });
});
