// Starts a TypeScript worker: Node 20 ignores `--import tsx` in a worker's execArgv, so the
// worker registers tsx's loader itself, then imports the module named in workerData.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
