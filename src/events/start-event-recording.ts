import { resolve } from 'node:path';
import type { DatabaseConfig } from '../config/store-config.js';
import { createEventInserter } from '../store/events/insert-events.js';
import { openStore } from '../store/open-store.js';
import type { EventSink } from './event-sink.js';
import { type EventWriterStats, startEventWriter } from './event-writer.js';
import type { GatewayEvent } from './gateway-event.js';
import { openSpool } from './spool/open-spool.js';
import type { SpoolStats } from './spool/spool.js';

export interface EventRecordingOptions {
  /** The data folder; the spool folder and the SQLite file are resolved against it. */
  readonly dataDir: string;
  /** The `database:` section of the config. */
  readonly database: DatabaseConfig;
  /** This process's own spool sub-folder (`w1` for cluster worker slot 1); default none. */
  readonly spoolName?: string;
  readonly log: (message: string) => void;
  /** Told about each batch the store took, before the spool commit (the monitor; see `EventWriterOptions`). */
  readonly onStored?: (events: readonly GatewayEvent[], inserted: number) => void | Promise<void>;
}

/** The gateway's event recording: a sink that spools, and a writer draining it into the store. */
export interface EventRecording extends EventSink {
  stats(): { readonly spool: SpoolStats; readonly writer: EventWriterStats };
  /** Resolves once every event added so far is in the store (tests, shutdown). */
  drained(): Promise<void>;
}

/** How long `close` lets the writer drain before leaving the rest in the spool for next time. */
const CLOSE_DRAIN_MS = 2000;

/**
 * Starts recording events into the store through the durable spool: `add` appends to the
 * spool (never waiting for the database), and a writer drains it into the store. If the
 * database cannot be reached, the gateway still starts; events wait in the spool.
 *
 * ### Examples
 * ```ts
 * const recording = await startEventRecording({ dataDir, database: config.database, log });
 * recording.add(event);
 * await recording.close();
 * ```
 */
export async function startEventRecording(options: EventRecordingOptions): Promise<EventRecording> {
  const { database, log } = options;
  const spoolDir = resolve(options.dataDir, database.spool.dir, options.spoolName ?? '');
  const spool = await openSpool({
    dir: spoolDir,
    fsync: database.spool.fsync,
    fsyncIntervalMs: database.spool.fsyncIntervalMs,
    maxBytes: database.spool.maxMegabytes * 1024 * 1024,
    onError: (error) => log(`event spool: ${error.message}`),
  });
  const writer = startEventWriter({
    spool,
    batchSize: database.spool.batchSize,
    connect: async () => {
      const store = await openStore({ url: database.url, dataDir: options.dataDir });
      return { ...createEventInserter(store), close: () => store.close() };
    },
    log,
    ...(options.onStored === undefined ? {} : { onStored: options.onStored }),
  });
  return {
    add: (event) => spool.add(event),
    flush: () => spool.flush(),
    drained: () => writer.drained(),
    stats: () => ({ spool: spool.stats(), writer: writer.stats() }),
    async close() {
      await spool.flush();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        writer.drained(),
        new Promise<void>((done) => {
          timer = setTimeout(done, CLOSE_DRAIN_MS);
        }),
      ]);
      clearTimeout(timer);
      await writer.stop();
      await spool.close();
    },
  };
}
