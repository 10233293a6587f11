import type { EventSink } from '../event-sink.js';
import type { GatewayEvent } from '../gateway-event.js';
import type { SpoolPosition } from './spool-position.js';

/** Events read from the spool, and where to commit once they are in the database. */
export interface SpoolBatch {
  /** In the order they were added; empty when nothing is waiting. */
  readonly events: readonly GatewayEvent[];
  /** Where reading stopped: pass to `commit` once the batch is safely in the database. */
  readonly end: SpoolPosition;
}

/** The spool's counters, for health checks. */
export interface SpoolStats {
  /**
   * Events acknowledged but not yet committed. Exact for events added since `openSpool`;
   * events found on disk at open are estimated from their bytes until the reader has
   * passed them, then counted exactly.
   */
  readonly pending: number;
  /** Events added but not yet written and acknowledged (in memory). */
  readonly queued: number;
  /** Bytes of segment files on disk. */
  readonly bytes: number;
  /** Segment files on disk. */
  readonly segments: number;
  /** Events dropped: over `maxBytes`, unserialisable, added after `close`, or over the in-memory bound while writes fail. */
  readonly dropped: number;
  /** Corrupt records skipped (torn tails cut, bad CRCs, records that are not valid events, bad segment headers). */
  readonly corrupt: number;
}

/**
 * The durable local spool between the gateway and the event store. The gateway sees only
 * the `EventSink` half (`add` never blocks or throws); the writer drains it with `read`,
 * inserts into the database and `commit`s, or `rewind`s and retries when an insert fails.
 * After a crash (even `kill -9`) every acknowledged event is still there, in add order;
 * events after the last commit are read again, which the database's unique ids absorb.
 *
 * ### Examples
 * ```ts
 * const spool = await openSpool({ dir: '/var/spool/schoolgate/events' });
 * spool.add(event); // gateway
 * const batch = await spool.read(1000); // writer
 * try { await store.insert(batch.events); await spool.commit(batch.end); }
 * catch { spool.rewind(); }
 * ```
 */
export interface Spool extends EventSink {
  /**
   * Reads up to `max` events after the read cursor: the last commit, or further on when
   * reads run ahead of commits. Resolves with an empty batch when nothing is waiting.
   * Never returns an event that is not yet acknowledged. Corrupt records are reported via
   * `onError` and skipped. Rejects when the spool is closed, `max` is not a positive
   * integer, or the disk fails.
   */
  read(max: number): Promise<SpoolBatch>;
  /**
   * Durably records that everything up to `end` (a `SpoolBatch.end`) is in the database,
   * and deletes segments wholly before it. A position at or before the last commit is a
   * no-op; one never returned by `read` rejects with a `RangeError`.
   */
  commit(end: SpoolPosition): Promise<void>;
  /** Moves the read cursor back to the last commit, so the same events are read again in order. */
  rewind(): void;
  /** The counters now. */
  stats(): SpoolStats;
}
