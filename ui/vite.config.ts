import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Run from the repo root (`npx vite build --config ui/vite.config.ts`) or from ui/: the root
// is this file's folder either way, so the paths below never depend on the caller's cwd.
const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The console's build. No React plugin: esbuild compiles .tsx with the automatic JSX
 * runtime, which is all the app needs (no Fast Refresh, a full reload on change in dev).
 * In dev, `/api` goes to a console running on 8080, so the cookie stays same-origin.
 */
export default defineConfig({
  root,
  base: '/',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false } },
  },
});
