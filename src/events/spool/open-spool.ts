import { mkdir } from 'node:fs/promises';
import { acquireSpoolLock } from './acquire-spool-lock.js';
import { FileSpool } from './file-spool.js';
import { recoverSpool } from './recover-spool.js';
import type { Spool } from './spool.js';
import type { SpoolOptions } from './spool-options.js';

export type { Spool, SpoolBatch, SpoolStats } from './spool.js';
export type { SpoolOptions } from './spool-options.js';
export { SpoolPosition } from './spool-position.js';

const FSYNC_POLICIES = new Set(['always', 'interval', 'never']);

/**
 * Opens (creating if need be) the durable event spool in `options.dir`: takes its lock,
 * recovers from whatever a crash left (a torn last record is cut and reported; segments
 * already committed are deleted), and returns the spool ready for `add` and `read`. New
 * events always go to a new segment after the ones found. See the folder's README for the
 * file format and the guarantees.
 *
 * Rejects with a `RangeError` for a bad option, and with a clear `Error` when another live
 * process (or another open spool in this process) holds the folder's `spool.lock`.
 *
 * ### Examples
 * ```ts
 * const spool = await openSpool({ dir: '/var/spool/schoolgate/events', fsync: 'always',
 *   onError: (error) => logger.error(error) });
 * spool.add(event);
 * const { events, end } = await spool.read(1000);
 * await store.insert(events);
 * await spool.commit(end);
 * await spool.close();
 * ```
 */
export async function openSpool(options: SpoolOptions): Promise<Spool> {
  const config = withDefaults(options);
  await mkdir(config.dir, { recursive: true });
  const release = await acquireSpoolLock(config.dir);
  try {
    const state = await recoverSpool(config.dir, (message) => {
      try {
        config.onError(new Error(message));
      } catch {
        // A broken reporter must not stop the spool from opening.
      }
    });
    return new FileSpool(config, state, release);
  } catch (error) {
    await release();
    throw error;
  }
}

function withDefaults(options: SpoolOptions): Required<SpoolOptions> {
  if (typeof options.dir !== 'string' || options.dir === '') {
    throw new RangeError('spool: dir must be a folder path');
  }
  const fsync = options.fsync ?? 'always';
  if (!FSYNC_POLICIES.has(fsync)) {
    throw new RangeError(`spool: fsync must be 'always', 'interval' or 'never', not '${fsync}'`);
  }
  return {
    dir: options.dir,
    fsync,
    fsyncIntervalMs: atLeast('fsyncIntervalMs', options.fsyncIntervalMs ?? 1000, 0),
    segmentBytes: atLeast('segmentBytes', options.segmentBytes ?? 64 * 1024 * 1024, 1),
    flushIntervalMs: atLeast('flushIntervalMs', options.flushIntervalMs ?? 50, 0),
    batchSize: atLeast('batchSize', options.batchSize ?? 1000, 1),
    maxBytes: atLeast('maxBytes', options.maxBytes ?? 10 * 1024 * 1024 * 1024, 0),
    onError: options.onError ?? ((error) => process.emitWarning(error)),
  };
}

function atLeast(name: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`spool: ${name} must be an integer >= ${min}, not ${value}`);
  }
  return value;
}
