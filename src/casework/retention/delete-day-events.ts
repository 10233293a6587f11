import { type Kysely, sql } from 'kysely';
import { partitionName } from '../../store/events/event-partitions.js';
import type { PostgresStore, SqliteStore, Store } from '../../store/open-store.js';
import type { Database } from '../../store/schema.js';
import { heldEventExists } from '../holds/held-event-exists.js';
import {
  CHUNK_MS,
  CHUNKS_PER_DAY,
  createDayFingerprint,
  type DayFingerprint,
} from './day-fingerprint.js';
import { EventPages } from './event-pages.js';
import { UtcDay } from './utc-day.js';

/**
 * Most rows one SQLite delete transaction takes: about 50 ms of the writer's time (the
 * gateway's inserts wait that long at worst).
 */
const ROWS_PER_TRANSACTION = 20_000;

/** What deleting a day did. */
export interface DeleteDayResult {
  /** Rows deleted. */
  readonly deleted: number;
  /**
   * True when the table no longer matched `archived` (an event arrived after the day was
   * archived): deleting stopped there, and the day must be archived again first.
   */
  readonly changed: boolean;
}

/**
 * Deletes one UTC day's events except held ones. With `archived` (the fingerprint taken
 * while the day was archived) each deletion first checks, inside its own transaction, that
 * the rows it is about to delete are exactly those archived; without it (a day past both the
 * active and the archive period) the day's unheld rows are simply deleted.
 *
 * - SQLite: neighbouring ten-minute chunks of at most 20,000 rows per `BEGIN IMMEDIATE`
 *   transaction, so the gateway's writer waits at most one small delete (busy_timeout),
 *   never the whole day.
 * - PostgreSQL: one transaction per day that locks `legal_hold_events` (no hold can be placed
 *   in the middle) and the day's partition (no event can arrive in it); when nothing of the
 *   day is held the partition is dropped, otherwise the unheld rows are deleted.
 *
 * ### Examples
 * ```ts
 * const { deleted, changed } = await deleteDayEvents(store, dayStart, written.fingerprint);
 * if (changed) await archiveAgain(dayStart);
 * ```
 */
export function deleteDayEvents(
  store: Store,
  dayStartMs: number,
  archived: DayFingerprint | null,
): Promise<DeleteDayResult> {
  return store.dialect === 'sqlite'
    ? deleteSqliteDay(store, dayStartMs, archived)
    : deletePostgresDay(store, dayStartMs, archived);
}

async function deleteSqliteDay(
  store: SqliteStore,
  dayStartMs: number,
  archived: DayFingerprint | null,
): Promise<DeleteDayResult> {
  // Without an archive's fingerprint, the day's own (an index-only scan) says how many rows
  // each chunk has, to size the transactions.
  const sizes =
    archived ?? (await fingerprintOf(store.db, dayStartMs, dayStartMs, dayStartMs + UtcDay.DAY_MS));
  let deleted = 0;
  for (const [first, last] of chunkGroups(sizes)) {
    const from = dayStartMs + first * CHUNK_MS;
    const to = dayStartMs + (last + 1) * CHUNK_MS;
    // Kysely's own transactions begin DEFERRED; a read first and a write later could then
    // fail with SQLITE_BUSY if the gateway wrote in between. IMMEDIATE takes the write lock first.
    const result = await store.db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn);
      try {
        if (archived !== null) {
          const now = await fingerprintOf(conn, dayStartMs, from, to);
          for (let chunk = first; chunk <= last; chunk++) {
            if (!now.chunkEquals(archived, chunk)) {
              await sql`rollback`.execute(conn);
              return null;
            }
          }
        }
        const done = await deleteUnheld(conn, from, to);
        await sql`commit`.execute(conn);
        return done;
      } catch (error) {
        await sql`rollback`.execute(conn).catch(() => {});
        throw error;
      }
    });
    if (result === null) return { deleted, changed: true };
    deleted += result;
  }
  return { deleted, changed: false };
}

/**
 * Runs of neighbouring chunks holding at most ROWS_PER_TRANSACTION rows between them (a
 * chunk with more is a run of its own), covering the whole day: a quiet day is one
 * transaction, a busy hour several.
 */
function chunkGroups(sizes: DayFingerprint): Array<[number, number]> {
  const groups: Array<[number, number]> = [];
  let first = 0;
  let rows = 0;
  for (let chunk = 0; chunk < CHUNKS_PER_DAY; chunk++) {
    const n = sizes.count(chunk);
    if (chunk > first && rows + n > ROWS_PER_TRANSACTION) {
      groups.push([first, chunk - 1]);
      first = chunk;
      rows = 0;
    }
    rows += n;
  }
  groups.push([first, CHUNKS_PER_DAY - 1]);
  return groups;
}

async function deletePostgresDay(
  store: PostgresStore,
  dayStartMs: number,
  archived: DayFingerprint | null,
): Promise<DeleteDayResult> {
  const dayEndMs = dayStartMs + UtcDay.DAY_MS;
  const partition = partitionName(dayStartMs);
  return store.db.transaction().execute(async (trx) => {
    await sql`lock table legal_hold_events in share mode`.execute(trx);
    const found = await sql<{ one: number }>`
      select 1 as one from pg_class where relname = ${partition} and relkind = 'r'`.execute(trx);
    if (found.rows.length === 0) {
      // No partition, so no rows: nothing to delete, and nothing archived can be missing.
      return { deleted: 0, changed: archived !== null && archived.total() > 0 };
    }
    await sql`lock table ${sql.table(partition)} in share mode`.execute(trx);
    let total: number;
    if (archived !== null) {
      const now = await fingerprintOf(trx, dayStartMs, dayStartMs, dayEndMs);
      if (!now.equals(archived)) return { deleted: 0, changed: true };
      total = now.total();
    } else {
      const counted = await trx
        .selectFrom('events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('time_ms', '>=', dayStartMs)
        .where('time_ms', '<', dayEndMs)
        .executeTakeFirstOrThrow();
      total = Number(counted.n);
    }
    const held = await trx
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('time_ms', '>=', dayStartMs)
      .where('time_ms', '<', dayEndMs)
      .where((eb) => heldEventExists(eb))
      .executeTakeFirstOrThrow();
    if (Number(held.n) === 0) {
      await sql`drop table ${sql.table(partition)}`.execute(trx);
      return { deleted: total, changed: false };
    }
    return { deleted: await deleteUnheld(trx, dayStartMs, dayEndMs), changed: false };
  });
}

async function fingerprintOf(
  db: Kysely<Database>,
  dayStartMs: number,
  from: number,
  to: number,
): Promise<DayFingerprint> {
  const fingerprint = createDayFingerprint(dayStartMs);
  for await (const keys of EventPages.keys(db, from, to)) {
    for (const key of keys) fingerprint.add(key.time_ms, key.id);
  }
  return fingerprint;
}

async function deleteUnheld(db: Kysely<Database>, from: number, to: number): Promise<number> {
  const result = await db
    .deleteFrom('events')
    .where('time_ms', '>=', from)
    .where('time_ms', '<', to)
    .where((eb) => eb.not(heldEventExists(eb)))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
