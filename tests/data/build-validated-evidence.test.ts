// @vitest-environment node
/**
 * The browser skips re-validating the bundled evidence file only when its bytes are the ones the
 * build validated (vite.config.ts, src/evidence/trusted-digest.ts). These tests pin both halves:
 * the build gives a digest only to a valid file in normal form, and the skip returns exactly
 * what full validation returns, while any other text is still validated.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledEvidenceDigest } from '../../vite.config';
import { fetchEvidenceSet } from '../../src/evidence/evidence-query';
import { checkNormalForm, sameJson } from '../../src/evidence/normal-form';
import { EvidenceFileError, parseEvidenceText } from '../../src/evidence/parse-evidence';
import { isBuildValidated, sha256Hex } from '../../src/evidence/trusted-digest';

const file = join(process.cwd(), 'public/data/evidence.json');
const text = readFileSync(file, 'utf8');
const bytes = (body: string) => new TextEncoder().encode(body);
const fileSha256 = createHash('sha256').update(readFileSync(file)).digest('hex');

const serve = (body: string) => (async () => new Response(body, { status: 200 })) as unknown as typeof fetch;
function writeTemp(body: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'evidence-')), 'evidence.json');
  writeFileSync(path, body);
  return path;
}

describe('the digest the build gives the bundled evidence file', () => {
  it('is the SHA-256 of the file, because the file is valid and in normal form', async () => {
    expect(checkNormalForm(text)).toEqual({ ok: true });
    expect(await bundledEvidenceDigest(file)).toEqual({ sha256: fileSha256, why: null });
  });

  it('is withheld from a valid file that validation would change (a default left out)', async () => {
    const raw = JSON.parse(text) as { studies: Record<string, unknown>[] };
    delete raw.studies[0]!.notes;
    const verdict = await bundledEvidenceDigest(writeTemp(JSON.stringify(raw)));
    expect(verdict.sha256).toBeNull();
    expect(verdict.why).toMatch(/validation would change it/);
  });

  it('is withheld from an invalid file, with the failing field named', async () => {
    const raw = JSON.parse(text) as { studies: { arms: { nAnalysed: unknown }[] }[] };
    raw.studies[0]!.arms[0]!.nAnalysed = { value: -5, source: 'x', quote: '-5', status: 'reported' };
    const verdict = await bundledEvidenceDigest(writeTemp(JSON.stringify(raw)));
    expect(verdict.sha256).toBeNull();
    expect(verdict.why).toMatch(/studies\[0\]\.arms\[0\]\.nAnalysed\.value/);
  });
});

describe('loading the evidence file in the browser', () => {
  it('hashes as the build does (SHA-256 test vector, and the file itself)', async () => {
    expect(await sha256Hex(bytes('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex(bytes(text))).toBe(fileSha256);
  });

  it('returns for the build-validated file exactly what full validation returns', async () => {
    const trusted = await fetchEvidenceSet('evidence.json', serve(text), fileSha256);
    expect(sameJson(trusted, parseEvidenceText(text))).toBe(true);
    expect(trusted.studies).toHaveLength(33);
  });

  it('validates any other text in full, and reports its problems', async () => {
    const tampered = text.replace('"nAnalysed": {', '"nAnalysed": {"value": -5, "x": {');
    expect(tampered).not.toBe(text);
    expect(await isBuildValidated(bytes(tampered), fileSha256)).toBe(false);
    await expect(fetchEvidenceSet('evidence.json', serve(tampered), fileSha256)).rejects.toBeInstanceOf(EvidenceFileError);
    // Without a digest (dev edits, a build that withheld it), validation always runs.
    expect(await isBuildValidated(bytes(text), null)).toBe(false);
    await expect(fetchEvidenceSet('evidence.json', serve('{"studies": ['), null)).rejects.toThrow(/not valid JSON/);
  });
});
