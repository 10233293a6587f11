#!/usr/bin/env node
// Builds the console's React app (ui/) into ui/dist with esbuild: one JS bundle, one CSS
// file, and index.html pointing at them. esbuild rather than Vite: Vite's bundler (Rollup)
// needs a native package per platform that this project's registry does not carry, so its
// lock file cannot satisfy `npm ci`; esbuild (already used by tsx) has them all.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..', 'ui');
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'assets'), { recursive: true });

const started = Date.now();
const result = await build({
  entryPoints: { app: join(root, 'src', 'main.tsx') },
  bundle: true,
  outdir: join(dist, 'assets'),
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  jsx: 'automatic',
  minify: true,
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
  metafile: true,
});
const html = readFileSync(join(root, 'index.html'), 'utf8').replace(
  '<script type="module" src="/src/main.tsx"></script>',
  '<link rel="stylesheet" href="/assets/app.css" />\n    <script type="module" src="/assets/app.js"></script>',
);
if (!html.includes('/assets/app.js'))
  throw new Error('ui/index.html: the script tag to replace was not found');
writeFileSync(join(dist, 'index.html'), html);
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
process.stderr.write(
  `ui: built ui/dist (${Math.round(bytes / 1024)} KiB) in ${Date.now() - started} ms\n`,
);
