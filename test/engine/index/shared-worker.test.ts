/**
 * The compiled index is loaded once into a SharedArrayBuffer and read by real worker
 * threads without a copy: each worker sees the same bytes and gives the same answers.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { buildCategoryIndex } from '../../../src/engine/index/build-category-index.js';
import { list } from './index-fixture.js';

const BOOTSTRAP = new URL('../../support/tsx-worker.mjs', import.meta.url);
const MODULE = new URL('../../support/index-lookup-worker.ts', import.meta.url).href;

function runWorker(
  buffer: SharedArrayBuffer,
  hosts: string[],
): Promise<{ answers: unknown[]; shared: boolean }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(BOOTSTRAP, { workerData: { buffer, hosts, module: MODULE } });
    worker.once('message', (message) => {
      resolve(message);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

describe('index shared between worker threads', () => {
  it('two workers read one SharedArrayBuffer and agree with each other', async () => {
    const bytes = buildCategoryIndex({
      builtAt: 0,
      lists: [
        list('games', 'test/games', ['play.example', 'fun.example']),
        list('chat', 'test/chat', ['talk.example', 'fun.example']),
      ],
    });
    const buffer = new SharedArrayBuffer(bytes.length);
    new Uint8Array(buffer).set(bytes);
    const hosts = ['www.play.example', 'fun.example', 'talk.example', 'nothing.example'];
    const [a, b] = await Promise.all([runWorker(buffer, hosts), runWorker(buffer, hosts)]);
    const want = [['games'], ['chat', 'games'], ['chat'], null];
    assert.deepEqual(a.answers, want);
    assert.deepEqual(b.answers, want);
    assert.equal(a.shared && b.shared, true);
  });
});
