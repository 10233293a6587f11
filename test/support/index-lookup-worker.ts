/** Worker for the shared-index test: loads the index from the shared buffer and answers lookups. */
import { parentPort, workerData } from 'node:worker_threads';
import { loadCategoryIndex } from '../../src/engine/index/load-category-index.js';

const { buffer, hosts } = workerData as { buffer: SharedArrayBuffer; hosts: string[] };
const index = loadCategoryIndex(new Uint8Array(buffer), { verify: false });
parentPort!.postMessage({
  answers: hosts.map((host) => index.lookup(host, '/')?.categories ?? null),
  shared: buffer instanceof SharedArrayBuffer,
});
