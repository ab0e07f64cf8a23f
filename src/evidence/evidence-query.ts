/**
 * The bundled evidence file as a react-query query: fetched once, validated in the queryFn so
 * that a bad file fails the query (and the UI shows why), never cached stale (it cannot change
 * while the app runs). The file the build itself validated is recognised by its digest and only
 * parsed (trusted-digest.ts); every other file goes through the schema.
 */
import { queryOptions } from '@tanstack/react-query';
import type { EvidenceSet } from './schema';
import { isBuildValidated } from './trusted-digest';

/** Resolved against Vite's base URL, so the app works from any sub-path. */
export const EVIDENCE_URL = `${import.meta.env.BASE_URL}data/evidence.json`;

export async function fetchEvidenceSet(
  url: string = EVIDENCE_URL,
  fetchImpl: typeof fetch = fetch,
  buildValidatedDigest: string | null | undefined = import.meta.env.BUNDLED_EVIDENCE_SHA256,
): Promise<EvidenceSet> {
  const response = await fetchImpl(url);
  if (!response.ok) throw new Error(`Could not load the evidence file (${url}): HTTP ${response.status}`);
  const bytes = await response.arrayBuffer();
  const trusted = await isBuildValidated(bytes, buildValidatedDigest);
  // UTF-8 as response.text() would decode it (a byte-order mark is dropped).
  const text = new TextDecoder().decode(bytes);
  if (trusted) return JSON.parse(text) as EvidenceSet;
  // Only now is the checker (zod and the schema) needed: load it with its own chunk.
  const { parseEvidenceText } = await import('./parse-evidence');
  return parseEvidenceText(text, `The evidence file (${url})`);
}

export const evidenceQueryOptions = queryOptions({
  queryKey: ['evidence-set', EVIDENCE_URL],
  queryFn: () => fetchEvidenceSet(),
  staleTime: Infinity,
  gcTime: Infinity,
});
