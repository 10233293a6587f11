import type { Kysely } from 'kysely';
import type { Database, EventsTable } from '../../store/schema.js';

/** Rows per page: big enough that round trips do not dominate, small enough to hold in memory. */
export const PAGE_ROWS = 5000;

type Key = { readonly time_ms: number; readonly id: string };

/**
 * Reads events in `[fromMs, toMs)` in `(time_ms, id)` order, one page at a time, by keyset
 * (each page starts after the last key of the one before), so a day of millions of rows is
 * streamed in constant memory and every page is an index range scan of `events_time_id`.
 * Both orderings (`order by` and the `>` that resumes) use the column's own collation, so the
 * pages join up on either dialect.
 *
 * ### Examples
 * ```ts
 * for await (const page of EventPages.rows(db, dayStart, dayStart + DAY_MS)) write(page);
 * for await (const keys of EventPages.keys(trx, chunkStart, chunkEnd)) fingerprint(keys);
 * ```
 */
export const EventPages = Object.freeze({
  /** Whole rows. */
  async *rows(db: Kysely<Database>, fromMs: number, toMs: number): AsyncGenerator<EventsTable[]> {
    for (let after: Key | undefined; ; ) {
      const rows = await inRange(db, fromMs, toMs, after)
        .selectAll()
        .orderBy('time_ms')
        .orderBy('id')
        .limit(PAGE_ROWS)
        .execute();
      if (rows.length > 0) yield rows;
      if (rows.length < PAGE_ROWS) return;
      after = rows[rows.length - 1]!;
    }
  },

  /** Only `(time_ms, id)`: an index-only scan. */
  async *keys(db: Kysely<Database>, fromMs: number, toMs: number): AsyncGenerator<Key[]> {
    for (let after: Key | undefined; ; ) {
      const rows = await inRange(db, fromMs, toMs, after)
        .select(['time_ms', 'id'])
        .orderBy('time_ms')
        .orderBy('id')
        .limit(PAGE_ROWS)
        .execute();
      if (rows.length > 0) yield rows;
      if (rows.length < PAGE_ROWS) return;
      after = rows[rows.length - 1]!;
    }
  },
});

/** Events in `[fromMs, toMs)` after the key `after`, if any. */
function inRange(db: Kysely<Database>, fromMs: number, toMs: number, after: Key | undefined) {
  const query = db.selectFrom('events').where('time_ms', '<', toMs);
  if (after === undefined) return query.where('time_ms', '>=', fromMs);
  // The `>=` is what the index seeks on; the OR alone would make every page scan the range
  // from its start again (measured: quadratic in the day's size).
  return query
    .where('time_ms', '>=', after.time_ms)
    .where((eb) => eb.or([eb('time_ms', '>', after.time_ms), eb('id', '>', after.id)]));
}
