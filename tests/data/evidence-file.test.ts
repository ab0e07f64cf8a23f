// @vitest-environment node
/**
 * The bundled evidence file against its schema and its own quotes (rule 1: no number without
 * the verbatim sentence that contains it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkedEvidenceSetSchema } from '../../src/evidence/schema';
import { numberAppearsInQuote } from '../../src/evidence/quote-check';

const raw: unknown = JSON.parse(readFileSync(join(process.cwd(), 'public/data/evidence.json'), 'utf8'));

interface Found { path: string; value: number; quote: string; status: string; valueText?: string; formula?: string }

/** Every sourced number in the file, wherever it sits, with its JSON path. */
function sourcedNumbers(value: unknown, path = '$'): Found[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => sourcedNumbers(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  const o = value as Record<string, unknown>;
  if (typeof o.value === 'number' && typeof o.quote === 'string') {
    return [{ path, value: o.value, quote: o.quote, status: String(o.status), valueText: o.valueText as string | undefined, formula: o.formula as string | undefined }];
  }
  return Object.entries(o).flatMap(([k, v]) => sourcedNumbers(v, `${path}.${k}`));
}

describe('public/data/evidence.json', () => {
  it('parses under the schema, cross-references included', () => {
    const result = checkedEvidenceSetSchema.safeParse(raw);
    const messages = result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toEqual([]);
  });

  const numbers = sourcedNumbers(raw);

  it('holds sourced numbers', () => {
    expect(numbers.length).toBeGreaterThan(300);
  });

  it('every reported or secondary number appears in its own quote', () => {
    const missing = numbers
      .filter((n) => n.status !== 'derived')
      .filter((n) => !numberAppearsInQuote(n.value, n.quote, n.valueText))
      .map((n) => `${n.path}: ${n.value} not in "${n.quote}"`);
    expect(missing).toEqual([]);
  });

  it('every derived number shows its formula, and its inputs are quoted', () => {
    const bad = numbers.filter((n) => n.status === 'derived' && !(n.formula && n.formula.length > 3)).map((n) => n.path);
    expect(bad).toEqual([]);
  });
});
