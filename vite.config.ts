import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, runnerImport, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The production page's Content-Security-Policy: no inline scripts, no eval, no other origins.
 * Added at build time only, because the dev server needs an inline script (React refresh) and
 * inline styles (hot CSS). Inline styles stay allowed: React and recharts set style attributes.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
  };
}

/**
 * Validates public/data/evidence.json with the app's own schema when the app is built (or served
 * in dev) and gives the app its SHA-256, so the browser can recognise that exact file and skip
 * validating it again (src/evidence/trusted-digest.ts). A file that fails, or that validation
 * would change, gets no digest: the app then validates it at run time and shows any problem.
 */
export async function bundledEvidenceDigest(file = resolve(import.meta.dirname, 'public/data/evidence.json')): Promise<{ sha256: string | null; why: string | null }> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    return { sha256: null, why: `cannot read it (${(e as Error).message})` };
  }
  try {
    // Through Vite's module runner: the app's TypeScript, exactly as the browser runs it.
    const { module } = await runnerImport<typeof import('./src/evidence/normal-form')>(resolve(import.meta.dirname, 'src/evidence/normal-form.ts'), { configFile: false, logLevel: 'error' });
    // Decoded as the browser decodes it (src/evidence/evidence-query.ts); hashed as served.
    const verdict = module.checkNormalForm(new TextDecoder().decode(bytes));
    if (!verdict.ok) return { sha256: null, why: verdict.reason };
  } catch (e) {
    return { sha256: null, why: (e as Error).message };
  }
  return { sha256: createHash('sha256').update(bytes).digest('hex'), why: null };
}

function bundledEvidence(): Plugin {
  return {
    name: 'bundled-evidence-digest',
    async config() {
      const { sha256, why } = await bundledEvidenceDigest();
      if (why) console.warn(`[bundled-evidence-digest] public/data/evidence.json will be validated in the browser on every load: ${why}`);
      return { define: { 'import.meta.env.BUNDLED_EVIDENCE_SHA256': JSON.stringify(sha256) } };
    },
  };
}

/**
 * Two of @stdlib's dependencies replaced in the browser build by stand-ins with the same
 * interface: the generator-support probe that tries eval (refused by the CSP, so the browser
 * already took the eval-free path, after a CSP report), and a development logger. The unit tests
 * run under Node, which loads @stdlib itself; the end-to-end tests check the browser's numbers.
 */
export const STDLIB_STAND_INS = [
  { find: /^@stdlib\/assert-has-generator-support$/, replacement: resolve(import.meta.dirname, 'src/stats/shims/no-generator-support.cjs') },
  { find: /^debug$/, replacement: resolve(import.meta.dirname, 'src/stats/shims/silent-debug.cjs') },
];

// Relative base: the built app works from any sub-path (a static host, a file share).
export default defineConfig({
  base: './',
  plugins: [react(), contentSecurityPolicy(), bundledEvidence()],
  resolve: { alias: STDLIB_STAND_INS },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  server: { host: '127.0.0.1' },
});
