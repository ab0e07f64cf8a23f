/**
 * Is this text exactly the evidence file the build validated? The build (vite.config.ts) checks
 * public/data/evidence.json against the same zod schema and cross-references the app uses, and
 * records its SHA-256 only when the file passes and validation would not change it (no defaults
 * to fill, no whitespace to trim). Byte-identical text therefore needs no second validation in
 * the browser: ~100 ms of main-thread CPU on every cold load, spent before any chart can draw.
 * Any other text (a file replaced after the build, a dev edit, an import) is validated in full.
 */

/**
 * SHA-256 of the bytes, lower-case hex; null where Web Crypto is unavailable (not a secure
 * context). Bytes, not text: the file is hashed as served, and re-encoding 400 KB of text to
 * hash it would cost the main thread 10–40 ms on a cold page.
 */
export async function sha256Hex(bytes: ArrayBuffer | Uint8Array<ArrayBuffer>): Promise<string | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const digest = await subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export async function isBuildValidated(bytes: ArrayBuffer | Uint8Array<ArrayBuffer>, trustedDigest: string | null | undefined): Promise<boolean> {
  if (!trustedDigest) return false;
  try {
    return (await sha256Hex(bytes)) === trustedDigest;
  } catch {
    return false;
  }
}
