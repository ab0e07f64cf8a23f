import { defineConfig } from 'vitest/config';

// End-to-end: real Chromium (playwright-core + Debian's /usr/bin/chromium) against dist/.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
