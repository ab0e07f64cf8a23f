// @vitest-environment node
/**
 * Robustness: mutated copies of the bundled evidence file (wrong types, missing fields, huge
 * numbers, NaN, negative n, events above n, deep nesting, very long strings, hostile keys, a
 * truncated file) through the loader and the import path. No mutation may throw anything but the
 * loader's own error, and every rejection must say where (a path) or why (JSON syntax).
 *
 * The cases are laid out, not drawn blindly: every mutation kind lands in every region of the file
 * (header, sources, a study's own fields, its arms, design, outcome data, the rest of an outcome,
 * the syntheses) REPEATS times at a random site there, with up to two more random mutations
 * anywhere; the events-above-n, truncation and __proto__ cases run as their own kinds. A fixed
 * seed keeps the run reproducible. 13 × 8 × 2 + 3 × 8 = 232 files instead of the earlier 1,000
 * random ones (whose mutation kinds and regions were left to chance), for ~1/4 of the time.
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

/** A random site at or below `node` (the node itself when `parent` is given and the walk stops at once). */
function randomSiteFrom(
  node: Json,
  start: { parent: Json[] | { [k: string]: Json }; key: string | number } | null,
): { parent: Json[] | { [k: string]: Json }; key: string | number } | null {
  let site = start;
  for (let depth = 0; depth < 12; depth++) {
    if (site && rand() < 0.15) break;
    if (Array.isArray(node) && node.length) {
      const i = Math.floor(rand() * node.length);
      site = { parent: node, key: i };
      node = node[i] as Json;
    } else if (node && typeof node === 'object' && !Array.isArray(node) && Object.keys(node).length) {
      const k = pick(Object.keys(node));
      site = { parent: node, key: k };
      node = node[k] as Json;
    } else break;
  }
  return site;
}

type Obj = { [k: string]: Json };
type Site = { parent: Json[] | Obj; key: string | number };
const at = (parent: Json[] | Obj, key: string | number): Site => ({ parent, key });
const studiesOf = (doc: Json) => (doc as { studies: Obj[] }).studies;
const aStudy = (doc: Json) => pick(studiesOf(doc));
const anOutcome = (doc: Json) => {
  const withOutcomes = studiesOf(doc).filter((s) => (s.outcomes as Json[]).length > 0);
  return pick(pick(withOutcomes).outcomes as Obj[]);
};

/** Where a case's first mutation lands: one site in this region of the file, at a random depth. */
const REGIONS: Record<string, (doc: Json) => Site | null> = {
  header: (doc) => at(doc as Obj, pick(['schemaVersion', 'version', 'title', 'updated', 'sources', 'studies', 'syntheses'])),
  sources: (doc) => randomSiteFrom((doc as Obj).sources as Json, at(doc as Obj, 'sources')),
  'study fields': (doc) => {
    const s = aStudy(doc);
    return at(s, pick(Object.keys(s).filter((k) => k !== 'arms' && k !== 'design' && k !== 'outcomes')));
  },
  arms: (doc) => {
    const s = aStudy(doc);
    return randomSiteFrom(s.arms as Json, at(s, 'arms'));
  },
  design: (doc) => {
    const s = aStudy(doc);
    return randomSiteFrom(s.design as Json, at(s, 'design'));
  },
  'outcome data': (doc) => {
    const o = anOutcome(doc);
    return randomSiteFrom(o.data as Json, at(o, 'data'));
  },
  'outcome fields': (doc) => {
    const o = anOutcome(doc);
    return randomSiteFrom(o as Json, null);
  },
  syntheses: (doc) => randomSiteFrom((doc as Obj).syntheses as Json, at(doc as Obj, 'syntheses')),
};

const MUTATIONS: Record<string, (v: Json) => Json | undefined> = {
  delete: () => undefined,
  null: () => null,
  string: () => 'a string',
  'minus one': () => -1,
  huge: () => 1e308,
  NaN: () => Number.NaN as unknown as Json,
  'empty array': () => [],
  'empty object': () => ({}),
  true: () => true,
  'long string': () => 'x'.repeat(100_000),
  negated: (v) => (typeof v === 'number' ? -v - 1 : v),
  scaled: (v) => (typeof v === 'number' ? v * 1000 + 0.5 : v),
  'deep nesting': () => JSON.parse('{"a":'.repeat(60) + '1' + '}'.repeat(60)) as Json,
};

function apply(site: Site, mutation: (v: Json) => Json | undefined): void {
  const { parent, key } = site;
  const next = mutation((parent as Record<string | number, Json>)[key] as Json);
  if (next === undefined) {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete (parent as Obj)[key as string];
  } else (parent as Record<string | number, Json>)[key] = next;
}

/** Whole-file mutations, each run once per region slot. */
const FILE_MUTATIONS: Record<string, (doc: Json) => string> = {
  // Events above n, in a counts outcome of a random study.
  'events above n': (doc) => {
    const counts = studiesOf(doc).flatMap((s) => (s.outcomes as Obj[]).filter((o) => (o.data as Obj).form === 'counts'));
    const arm = pick((pick(counts).data as { arms: Obj[] }).arms);
    (arm.events as Obj).value = 10_000;
    return JSON.stringify(doc);
  },
  'truncated file': (doc) => {
    const raw = JSON.stringify(doc);
    return raw.slice(0, Math.floor(rand() * raw.length));
  },
  '__proto__ key': (doc) => JSON.stringify(doc).replace('"studies"', '"__proto__":{"x":1},"studies"'),
};

const REPEATS = 2;
const parsed = JSON.parse(text) as Json;

interface FuzzCase { kind: string; region: string; raw: string }

function cases(): FuzzCase[] {
  const out: FuzzCase[] = [];
  for (const region of Object.keys(REGIONS)) {
    for (const [kind, mutation] of Object.entries(MUTATIONS)) {
      for (let r = 0; r < REPEATS; r++) {
        const doc = structuredClone(parsed);
        const site = REGIONS[region]!(doc);
        if (!site) throw new Error(`no site in ${region}`);
        apply(site, mutation);
        // Up to two more mutations anywhere, as a file broken in several places.
        for (let extra = Math.floor(rand() * 3); extra > 0; extra--) {
          const more = randomSiteFrom(doc, null);
          if (more) apply(more, pick(Object.values(MUTATIONS)));
        }
        out.push({ kind, region, raw: JSON.stringify(doc) });
      }
    }
    for (const [kind, mutation] of Object.entries(FILE_MUTATIONS)) out.push({ kind, region, raw: mutation(structuredClone(parsed)) });
  }
  return out;
}

describe('fuzzing the loader and the import path', () => {
  const all = cases();

  it('lays out every mutation kind in every region of the file', () => {
    const kinds = [...Object.keys(MUTATIONS), ...Object.keys(FILE_MUTATIONS)];
    for (const region of Object.keys(REGIONS)) {
      for (const kind of kinds) expect(all.filter((c) => c.region === region && c.kind === kind).length, `${kind} in ${region}`).toBeGreaterThan(0);
    }
    expect(all.length).toBe(Object.keys(REGIONS).length * (Object.keys(MUTATIONS).length * REPEATS + Object.keys(FILE_MUTATIONS).length));
  });

  // A generous timeout, not a speed goal: the 464 validations take a few seconds on 2 cores.
  it('mutated files: no uncaught exception, every rejection names the field or the syntax error', { timeout: 60_000 }, () => {
    let rejected = 0;
    let importsRejected = 0;
    const unexplained: string[] = [];
    all.forEach(({ raw }, i) => {
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
    });
    expect(unexplained).toEqual([]);
    // Most mutations must be caught (a few land on free text, which is still valid).
    expect(rejected).toBeGreaterThan(0.6 * all.length);
    expect(importsRejected).toBeGreaterThan(0.6 * all.length);
  });

  it('NaN and Infinity never pass as numbers', () => {
    const doc = JSON.parse(text);
    doc.studies[0].arms[0].nAnalysed.value = Number.NaN;
    expect(() => parseEvidenceSet(doc)).toThrow(EvidenceFileError);
    doc.studies[0].arms[0].nAnalysed.value = Number.POSITIVE_INFINITY;
    expect(() => parseEvidenceSet(doc)).toThrow(/nAnalysed/);
  });
});
