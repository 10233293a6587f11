#!/usr/bin/env node
// Builds the mmap addon with node-gyp, for `npm ci`'s install step. It never fails the
// install: without a compiler the gateway falls back to reading the index into each
// worker's own memory, and says so when it starts.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const prefix = dirname(dirname(process.execPath));

// npm sets npm_config_node_gyp for lifecycle scripts; otherwise use the copy npm bundles.
const candidates = [
  process.env.npm_config_node_gyp,
  join(prefix, 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
].filter((path) => path !== undefined && existsSync(path));

if (candidates.length === 0) {
  process.stderr.write(
    'native/mmap: node-gyp not found; the gateway will copy the index per worker\n',
  );
  process.exit(0);
}
// Use the headers installed beside node when they exist, so the build needs no download.
const nodedir = existsSync(join(prefix, 'include', 'node', 'node_api.h'))
  ? [`--nodedir=${prefix}`]
  : [];
const result = spawnSync(process.execPath, [candidates[0], 'rebuild', ...nodedir], {
  cwd: here,
  stdio: ['ignore', 'ignore', 'pipe'],
  encoding: 'utf8',
});
if (result.status === 0) {
  process.stderr.write('native/mmap: built build/Release/mmap.node\n');
} else {
  const tail = (result.stderr ?? '').trim().split('\n').slice(-5).join('\n');
  process.stderr.write(
    `native/mmap: not built (the gateway will copy the index per worker):\n${tail}\n`,
  );
}
process.exit(0);
