/**
 * The spool measurement: append 1M events to a fresh spool (the gateway's side), then
 * drain it with the event writer into a fresh store (the writer's side).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { startEventWriter } from '../../src/events/event-writer.js';
import { openSpool } from '../../src/events/spool/open-spool.js';
import { createEventInserter } from '../../src/store/events/insert-events.js';
import type { Store } from '../../src/store/open-store.js';
import { createEventGenerator } from './generate-events.js';

export interface SpoolResult {
  readonly fsync: 'always' | 'never';
  readonly events: number;
  /** Events acknowledged per second (add, then flush every `chunk`), generation excluded. */
  readonly appendPerSecond: number;
  readonly spoolBytes: number;
  /** Events per second from writer start until `drained()` resolved. */
  readonly drainPerSecond: number;
  readonly drainInserted: number;
  readonly dropped: number;
  readonly corrupt: number;
  /** What went wrong, when the drain did not finish (the spool read path, say). */
  readonly error?: string;
}

const CHUNK = 10_000;
const DRAIN_TIMEOUT_MS = 15 * 60_000;

/**
 * Appends `events` generated events to a spool in `dir` with `fsync`, then drains it into
 * `store` with `startEventWriter` (batches of 5,000).
 *
 * ### Examples
 * ```ts
 * const result = await measureSpool(dir, 'always', 1_000_000, store);
 * ```
 */
export async function measureSpool(
  dir: string,
  fsync: 'always' | 'never',
  events: number,
  store: Store,
): Promise<SpoolResult> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const errors: string[] = [];
  const spool = await openSpool({ dir, fsync, onError: (e) => errors.push(e.message) });
  const generator = createEventGenerator({ rows: events, seed: fsync === 'always' ? 11 : 12 });
  let appendMs = 0;
  for (let done = 0; done < events; done += CHUNK) {
    const chunk = generator.next(CHUNK);
    const t0 = performance.now();
    for (const event of chunk) spool.add(event);
    await spool.flush();
    appendMs += performance.now() - t0;
  }
  const afterAppend = spool.stats();
  const inserter = createEventInserter(store);
  const t0 = performance.now();
  const writer = startEventWriter({
    spool,
    connect: async () => inserter,
    batchSize: 5000,
    log: (m) => errors.push(m),
  });
  let error: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      writer.drained(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error('drain did not finish in 15 minutes')),
          DRAIN_TIMEOUT_MS,
        );
      }),
    ]);
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  } finally {
    clearTimeout(timer);
  }
  const drainMs = performance.now() - t0;
  await writer.stop();
  const stats = writer.stats();
  const end = spool.stats();
  await spool.close();
  rmSync(dir, { recursive: true, force: true });
  if (stats.inserted !== events && error === undefined) {
    error = `writer inserted ${stats.inserted} of ${events}`;
  }
  if (errors.length > 0) error = [error, ...errors.slice(0, 3)].filter(Boolean).join('; ');
  return {
    fsync,
    events,
    appendPerSecond: events / (appendMs / 1000),
    spoolBytes: afterAppend.bytes,
    drainPerSecond: stats.inserted / (drainMs / 1000),
    drainInserted: stats.inserted,
    dropped: end.dropped,
    corrupt: end.corrupt,
    ...(error === undefined ? {} : { error }),
  };
}
