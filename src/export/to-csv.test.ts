import { describe, expect, it } from 'vitest';
import { parseCsv } from '../evidence/csv';
import { csvCell, toCsv } from './to-csv';
import { exportFileName } from './file-name';

describe('CSV', () => {
  it('quotes what needs quoting and neutralises formulas', () => {
    expect(csvCell('Lewańska 2002')).toBe('Lewańska 2002');
    expect(csvCell('a, "b"')).toBe('"a, ""b"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(-0.23)).toBe('-0.23');
    expect(csvCell('-0.23')).toBe('-0.23');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });
  it('round-trips through the parser, BOM and line breaks included', () => {
    const text = toCsv(['a', 'b'], [['x\ny', 'τ²'], [1, '']]);
    expect(parseCsv(text)).toEqual([['a', 'b'], ['x\ny', 'τ²'], ['1', '']]);
  });
});

describe('exportFileName', () => {
  it('says what the file holds and is safe on every OS', () => {
    expect(exportFileName(['forest', 'relapse-free', 'RR', 'REML'], new Date('2026-11-24T10:00:00Z'), 'svg')).toBe('ivig-ms_forest_relapse-free_RR_REML_2026-11-24.svg');
    expect(exportFileName(['a/b:c*?', 'Pöhlau <x>'], new Date('2026-11-24T10:00:00Z'), 'csv')).toBe('ivig-ms_a-b-c_Pohlau-x_2026-11-24.csv');
  });
});
