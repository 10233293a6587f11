import type { GatewayEvent } from './gateway-event.js';
import type { Spool } from './spool/spool.js';

/** What the writer needs of the store: an insert that ignores ids it already has. */
export interface EventDestination {
  insert(events: readonly GatewayEvent[]): Promise<{ inserted: number; duplicates: number }>;
  /** Releases the connection; called when the destination failed, and at stop. May be absent. */
  close?(): Promise<void>;
}

export interface EventWriterOptions {
  /** The spool the gateway appends to; the writer reads and commits it. */
  readonly spool: Spool;
  /**
   * Connects to the store, called at start and again after a failure once the back-off has
   * passed. A database that is down at start-up is therefore no reason for the gateway not
   * to start: events wait in the spool until this succeeds.
   */
  readonly connect: () => Promise<EventDestination>;
  /** Most events per insert transaction (default 20,000). */
  readonly batchSize?: number;
  /** How often an empty spool is looked at again (default 100 ms). */
  readonly idleMs?: number;
  /** First wait after a failure (default 500 ms), doubling up to `maxRetryMs` (default 30 s). */
  readonly retryMs?: number;
  readonly maxRetryMs?: number;
  /** Told once when the database becomes unavailable and once when it is back. */
  readonly log?: (message: string) => void;
  /**
   * Told about every batch the store took, before the spool commit (the monitor listens
   * here): if it throws, the batch is read again and retried like a failed insert, so what
   * it does must be idempotent, as the insert is.
   */
  readonly onStored?: (events: readonly GatewayEvent[], inserted: number) => void | Promise<void>;
}

export interface EventWriterStats {
  readonly state: 'connecting' | 'writing' | 'waiting-for-database' | 'stopped';
  readonly inserted: number;
  readonly duplicates: number;
  readonly batches: number;
  readonly failures: number;
}

export interface EventWriter {
  /** Resolves once every event the spool had acknowledged when called is in the store. */
  drained(): Promise<void>;
  /** Stops after the batch in hand (committed or left in the spool), then resolves. */
  stop(): Promise<void>;
  stats(): EventWriterStats;
}

/**
 * Starts draining `spool` into the store, in order, in batches: read, insert (one
 * transaction, duplicates ignored), then commit the spool position. A crash between the
 * insert and the commit replays the batch on restart, which the store ignores, so no event
 * is lost or stored twice. When the database fails, the batch is rewound and retried with
 * back-off; the gateway never waits for any of this, it only appends to the spool.
 *
 * ### Examples
 * ```ts
 * const writer = startEventWriter({
 *   spool,
 *   connect: async () => createEventInserter(await openStore({ url, dataDir })),
 *   log: (m) => console.error(m),
 * });
 * await writer.stop();
 * ```
 */
export function startEventWriter(options: EventWriterOptions): EventWriter {
  const batchSize = options.batchSize ?? 20_000;
  const idleMs = options.idleMs ?? 100;
  const firstRetry = options.retryMs ?? 500;
  const maxRetry = options.maxRetryMs ?? 30_000;
  const log = options.log ?? (() => {});
  let state: EventWriterStats['state'] = 'connecting';
  let destination: EventDestination | null = null;
  let inserted = 0;
  let duplicates = 0;
  let batches = 0;
  let failures = 0;
  let retry = firstRetry;
  let stopping = false;
  let wake: (() => void) | null = null;
  // A waiter is released by an idle pass that began after it asked (a pass already under way
  // may have read the spool before the waiter's events were in it).
  let passes = 0;
  let idleWaiters: { after: number; resolve: () => void }[] = [];

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  const release = async () => {
    const previous = destination;
    destination = null;
    await previous?.close?.().catch(() => {});
  };

  const fail = async (error: unknown) => {
    failures += 1;
    if (state !== 'waiting-for-database') {
      const message = error instanceof Error ? error.message : String(error);
      log(`event store unavailable, events wait in the spool: ${message}`);
    }
    state = 'waiting-for-database';
    options.spool.rewind();
    await release();
    await sleep(retry);
    retry = Math.min(maxRetry, retry * 2);
  };

  const step = async (): Promise<'more' | 'idle'> => {
    destination ??= await options.connect();
    const batch = await options.spool.read(batchSize);
    if (batch.events.length === 0) return 'idle';
    const result = await destination.insert(batch.events);
    await options.onStored?.(batch.events, result.inserted);
    await options.spool.commit(batch.end);
    if (state === 'waiting-for-database') log('event store available again; draining the spool');
    state = 'writing';
    retry = firstRetry;
    inserted += result.inserted;
    duplicates += result.duplicates;
    batches += 1;
    return batch.events.length === batchSize ? 'more' : 'idle';
  };

  const loop = (async () => {
    while (!stopping) {
      const pass = ++passes;
      try {
        if ((await step()) === 'more') continue;
        if (state === 'connecting') state = 'writing';
        const ready = idleWaiters.filter((w) => w.after < pass);
        idleWaiters = idleWaiters.filter((w) => w.after >= pass);
        for (const w of ready) w.resolve();
        if (!stopping) await sleep(idleMs);
      } catch (error) {
        if (!stopping) await fail(error);
      }
    }
    state = 'stopped';
    await release();
  })();

  return {
    async drained() {
      // Everything acknowledged before now is readable once the spool's own flush is done.
      await options.spool.flush();
      await new Promise<void>((resolve) => {
        idleWaiters.push({ after: passes, resolve });
        wake?.();
      });
    },
    async stop() {
      stopping = true;
      wake?.();
      await loop;
      for (const w of idleWaiters) w.resolve();
      idleWaiters = [];
    },
    stats: () => ({ state, inserted, duplicates, batches, failures }),
  };
}
