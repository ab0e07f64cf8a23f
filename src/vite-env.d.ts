/// <reference types="vite/client" />

interface ImportMetaEnv {
  /**
   * SHA-256 of public/data/evidence.json when the build validated it and found it in normal
   * form; null otherwise (see vite.config.ts and src/evidence/trusted-digest.ts).
   */
  readonly BUNDLED_EVIDENCE_SHA256?: string | null;
}
