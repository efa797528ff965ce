import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The workstation UI. Relative base so the same build works at `/` in the browser (served by the
 * regional server) and under app://otklik/ in Electron. bench.html is a bare page exposing the
 * sync client and the Dexie database to the benchmark driver.
 */
export default defineConfig({
  root: here('./renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: here('./dist/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    // The spreadsheet and PDF libraries (about 1 MB each) are loaded only when a report is
    // exported; the workstation's own start-up chunk stays far below this.
    chunkSizeWarningLimit: 1100,
    rolldownOptions: {
      input: {
        index: here('./renderer/index.html'),
        bench: here('./renderer/bench.html'),
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8787', changeOrigin: false },
    },
  },
});
