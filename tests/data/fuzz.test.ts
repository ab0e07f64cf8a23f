// @vitest-environment node
/**
 * Robustness: 1,000 mutated copies of the bundled evidence file (wrong types, missing fields,
 * huge numbers, NaN, negative n, events above n, deep nesting, very long strings, hostile keys)
 * through the loader and the import path. No mutation may throw anything but the loader's own
 * error, and every rejection must say where (a path) or why (JSON syntax).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EvidenceFileError, parseEvidenceSet, parseEvidenceText } from '../../src/evidence/parse-evidence';
import { importEvidenceFile } from '../../src/evidence/import-evidence';

const text = readFileSync(join(process.cwd(), 'public/data/evidence.json'), 'utf8');
const base = parseEvidenceText(text);

let seed = 20261124;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** A random path to a node inside the document. */
function randomSite(doc: Json): { parent: Json[] | { [k: string]: Json }; key: string | number } | null {
  let node: Json = doc;
  let site: { parent: Json[] | { [k: string]: Json }; key: string | number } | null = null;
  for (let depth = 0; depth < 12; depth++) {
    if (Array.isArray(node) && node.length) {
      const i = Math.floor(rand() * node.length);
      site = { parent: node, key: i };
      node = node[i] as Json;
    } else if (node && typeof node === 'object' && !Array.isArray(node) && Object.keys(node).length) {
      const k = pick(Object.keys(node));
      site = { parent: node, key: k };
      node = node[k] as Json;
    } else break;
    if (rand() < 0.15) break;
  }
  return site;
}

const MUTATIONS: ((v: Json) => Json | undefined)[] = [
  () => undefined, // delete
  () => null,
  () => 'a string',
  () => -1,
  () => 1e308,
  () => Number.NaN as unknown as Json,
  () => [],
  () => ({}),
  () => true,
  () => 'x'.repeat(100_000),
  (v) => (typeof v === 'number' ? -v - 1 : v),
  (v) => (typeof v === 'number' ? v * 1000 + 0.5 : v),
  () => JSON.parse('{"a":'.repeat(60) + '1' + '}'.repeat(60)) as Json,
];

function mutate(): { doc: Json; raw: string } {
  const doc = JSON.parse(text) as Json;
  const n = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < n; i++) {
    const site = randomSite(doc);
    if (!site) continue;
    const { parent, key } = site;
    const current = (parent as Record<string | number, Json>)[key] as Json;
    const next = pick(MUTATIONS)(current);
    if (next === undefined) {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete (parent as Record<string, Json>)[key as string];
    } else (parent as Record<string | number, Json>)[key] = next;
  }
  // Events above n: a targeted mutation, often.
  if (rand() < 0.2) {
    const studies = (doc as { studies?: { outcomes?: { data?: { form?: string; arms?: { events?: { value?: number } }[] } }[] }[] }).studies;
    const o = studies?.[0]?.outcomes?.find((x) => x.data?.form === 'counts');
    const arm = o?.data?.arms?.[0];
    if (arm?.events) arm.events.value = 10_000;
  }
  let raw = JSON.stringify(doc);
  if (rand() < 0.05) raw = raw.slice(0, Math.floor(rand() * raw.length)); // truncated file
  if (rand() < 0.03) raw = raw.replace('"studies"', '"__proto__":{"x":1},"studies"');
  return { doc, raw };
}

describe('fuzzing the loader and the import path', () => {
  // A generous timeout, not a speed goal: 2,000 full validations take about 12 s on 2 cores.
  it('1,000 mutated files: no uncaught exception, every rejection names the field or the syntax error', { timeout: 120_000 }, () => {
    let rejected = 0;
    let importsRejected = 0;
    const unexplained: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const { raw } = mutate();
      try {
        parseEvidenceText(raw);
      } catch (e) {
        expect(e).toBeInstanceOf(EvidenceFileError);
        rejected++;
        for (const p of (e as EvidenceFileError).problems) {
          if (!/^[a-zA-Z(][\w.[\]()]*( \(study "[^"]+"\))?: |^not valid JSON/.test(p)) unexplained.push(p);
        }
      }
      const r = importEvidenceFile(`fuzz-${i}.json`, raw, base);
      if (!r.ok) {
        importsRejected++;
        expect(r.problems.length).toBeGreaterThan(0);
        for (const p of r.problems) if (!/: |^Not valid JSON|^The (file|JSON)/.test(p)) unexplained.push(p);
      }
    }
    expect(unexplained).toEqual([]);
    // Most mutations must be caught (a few land on free text, which is still valid).
    expect(rejected).toBeGreaterThan(600);
    expect(importsRejected).toBeGreaterThan(600);
  });

  it('NaN and Infinity never pass as numbers', () => {
    const doc = JSON.parse(text);
    doc.studies[0].arms[0].nAnalysed.value = Number.NaN;
    expect(() => parseEvidenceSet(doc)).toThrow(EvidenceFileError);
    doc.studies[0].arms[0].nAnalysed.value = Number.POSITIVE_INFINITY;
    expect(() => parseEvidenceSet(doc)).toThrow(/nAnalysed/);
  });
});
