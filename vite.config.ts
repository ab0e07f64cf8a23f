import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Relative base: the built app works from any sub-path (a static host, a file share).
export default defineConfig({
  base: './',
  plugins: [react()],
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  server: { host: '127.0.0.1' },
});
