import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { ensureEuropeMap } from '../scripts/extract-eu-map.mjs';

/**
 * The web app. `npx vite build --config web/vite.config.ts` writes it to dist/web, which the server serves;
 * `npx vite --config web/vite.config.ts` runs it against a server on 127.0.0.1:8080.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  // The map's shapes are generated from world-atlas (scripts/extract-eu-map.mjs) before anything imports them.
  plugins: [react(), { name: 'europe-map', buildStart: () => void ensureEuropeMap() }],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 400,
    // Libraries change less often than the app: a separate chunk stays cached across releases.
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'vendor', test: /node_modules/ }] } } },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    // Keep the browser's Host header so that the server's same-origin check (Origin vs Host) passes.
    proxy: { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false } },
  },
});
