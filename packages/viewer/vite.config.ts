import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Static files `move-ugc view` serves under http://127.0.0.1:PORT/<token>/: every url relative
// (base './'), nothing fetched from another host, no inline script (the server's CSP forbids it).
export default defineConfig({
  root: fileURLToPath(new URL('./src', import.meta.url)),
  base: './',
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    modulePreload: { polyfill: false },
    // Inline nothing as data: urls (the worker included): every asset is a file under assets/.
    assetsInlineLimit: 0,
    sourcemap: false,
    reportCompressedSize: true,
    // three.js alone is about 600 KB minified.
    chunkSizeWarningLimit: 800,
  },
  worker: { format: 'es' },
});
