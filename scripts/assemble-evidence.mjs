// Transcription helper (not part of the app): merges per-study fragments from a folder into
// public/data/evidence.json. Usage: node scripts/assemble-evidence.mjs /tmp/evidence-src
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? '/tmp/evidence-src';
const header = JSON.parse(readFileSync(join(dir, '00-header.json'), 'utf8'));
const sources = new Map();
const studies = [];
const syntheses = [];
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json') && f !== '00-header.json').sort()) {
  const part = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  for (const s of part.sources ?? []) {
    const prior = sources.get(s.id);
    if (prior && JSON.stringify(prior) !== JSON.stringify(s)) throw new Error(`${file}: source ${s.id} differs from an earlier fragment`);
    sources.set(s.id, s);
  }
  if (part.study) studies.push(part.study);
  studies.push(...(part.studies ?? []));
  syntheses.push(...(part.syntheses ?? []));
}
const kindOrder = { 'ivig-rct': 0, 'ivig-non-randomised': 1, 'comparator-rct': 2 };
studies.sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind] || (a.year ?? 9999) - (b.year ?? 9999) || a.id.localeCompare(b.id));
syntheses.sort((a, b) => a.year - b.year || a.id.localeCompare(b.id));
const out = { ...header, sources: [...sources.values()], studies, syntheses };
writeFileSync('public/data/evidence.json', JSON.stringify(out, null, 2) + '\n');
console.log(`${studies.length} studies, ${syntheses.length} syntheses, ${sources.size} sources`);
