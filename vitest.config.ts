import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Unit and component tests (jsdom). The browser suite has its own config.
export default defineConfig({
  plugins: [react()],
  test: {
    environment: 'jsdom',
    setupFiles: ['./tests/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}', 'tests/data/**/*.test.ts', 'tests/reference/**/*.test.ts', 'tests/docs/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
  },
});
