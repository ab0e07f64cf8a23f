/**
 * Whether validation would hand back exactly what the file says. The schema fills defaults
 * (`notes: []`, `direction: "unclear"`) and trims strings; a file that spells all of that out is
 * in normal form, and for it "parse the JSON" and "parse and validate" give the same object. The
 * build relies on this before it lets the browser skip re-validating the bundled file.
 */
import { parseEvidenceText } from './parse-evidence';

/** Structural equality of two JSON values; object key order does not matter (zod reorders keys). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export type NormalFormVerdict = { ok: true } | { ok: false; reason: string };

/** Validates the text (throwing EvidenceFileError when invalid) and says whether it is in normal form. */
export function checkNormalForm(text: string): NormalFormVerdict {
  const validated = parseEvidenceText(text);
  if (sameJson(JSON.parse(text), validated)) return { ok: true };
  return { ok: false, reason: 'validation would change it (a default to fill in or a string to trim)' };
}
