import { type Kysely, sql } from 'kysely';
import { listEventPartitions } from '../../store/events/event-partitions.js';
import { ROLLUP_DIMENSIONS } from '../../store/events/rollup-dimension.js';
import type { Store } from '../../store/open-store.js';
import type { Database } from '../../store/schema.js';
import { heldEventExists } from '../holds/held-event-exists.js';
import type { LegalHold } from '../holds/legal-hold.js';
import type { HoldSummary } from './retention-report.js';
import { UtcDay } from './utc-day.js';

/**
 * The queries `runRetention` is made of, each usable on its own and the same on both
 * dialects. Kept apart so the run reads as its steps.
 *
 * ### Examples
 * ```ts
 * const days = await RetentionSteps.daysToProcess(store, UtcDay.periodEnd(now, 365));
 * ```
 */
export const RetentionSteps = Object.freeze({
  /**
   * UTC days before `beforeMs` (a midnight) that still have an event no hold keeps, oldest
   * first, plus on PostgreSQL the empty partitions before it (dropped as a day with nothing
   * to keep). Found by seeking the next event after each day (one index probe per day), never
   * by scanning the old rows. A day whose only rows are held is not returned, so a day kept
   * for a hold is not re-read every night.
   */
  async daysToProcess(store: Store, beforeMs: number): Promise<number[]> {
    const days = new Set<number>();
    for (let cursor = Number.MIN_SAFE_INTEGER; ; ) {
      const next = await store.db
        .selectFrom('events')
        .select((eb) => eb.fn.min<number>('time_ms').as('t'))
        .where('time_ms', '>=', cursor)
        .where('time_ms', '<', beforeMs)
        .executeTakeFirst();
      if (next?.t === null || next?.t === undefined) break;
      const start =
        Number(next.t) - (((Number(next.t) % UtcDay.DAY_MS) + UtcDay.DAY_MS) % UtcDay.DAY_MS);
      const unheld = await store.db
        .selectFrom('events')
        .select('id')
        .where('time_ms', '>=', start)
        .where('time_ms', '<', start + UtcDay.DAY_MS)
        .where((eb) => eb.not(heldEventExists(eb)))
        .limit(1)
        .executeTakeFirst();
      if (unheld !== undefined) days.add(start);
      cursor = start + UtcDay.DAY_MS;
    }
    if (store.dialect === 'postgres') {
      for (const start of await listEventPartitions(store.db)) {
        if (start + UtcDay.DAY_MS > beforeMs || days.has(start)) continue;
        const any = await store.db
          .selectFrom('events')
          .select('id')
          .where('time_ms', '>=', start)
          .where('time_ms', '<', start + UtcDay.DAY_MS)
          .limit(1)
          .executeTakeFirst();
        if (any === undefined) days.add(start);
      }
    }
    return [...days].sort((a, b) => a - b);
  },

  /** A day's events, and those of them no hold keeps (what a dry run reports). */
  async countDay(
    db: Kysely<Database>,
    dayStartMs: number,
  ): Promise<{ total: number; unheld: number }> {
    const day = db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('time_ms', '>=', dayStartMs)
      .where('time_ms', '<', dayStartMs + UtcDay.DAY_MS);
    const total = await day.executeTakeFirstOrThrow();
    const unheld = await day.where((eb) => eb.not(heldEventExists(eb))).executeTakeFirstOrThrow();
    return { total: Number(total.n), unheld: Number(unheld.n) };
  },

  /** Events before `beforeMs` still in the table because a hold in force keeps them. */
  async keptUnderHold(db: Kysely<Database>, beforeMs: number): Promise<number> {
    const row = await db
      .selectFrom('legal_hold_events as h')
      .innerJoin('legal_holds as l', 'l.id', 'h.hold_id')
      .select((eb) => eb.fn.count<number>('h.event_id').distinct().as('n'))
      .where('l.released_ms', 'is', null)
      .where('h.event_time_ms', '<', beforeMs)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('events as e')
            .select(sql.lit(1).as('one'))
            .whereRef('e.time_ms', '=', 'h.event_time_ms')
            .whereRef('e.id', '=', 'h.event_id'),
        ),
      )
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /**
   * Deletes (or, dry, counts) rollup rows of hours before `beforeMs`. Per dimension, so the
   * primary key `(dimension, hour_ms, ...)` serves it, and a day at a time, so a first run over
   * years of rollups does not hold SQLite's write lock for long.
   */
  async pruneRollups(db: Kysely<Database>, beforeMs: number, dryRun: boolean): Promise<number> {
    let rows = 0;
    for (const dimension of ROLLUP_DIMENSIONS) {
      const old = db
        .selectFrom('event_rollups')
        .where('dimension', '=', dimension)
        .where('hour_ms', '<', beforeMs);
      if (dryRun) {
        const n = await old
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        rows += Number(n.n);
        continue;
      }
      for (;;) {
        const first = await old
          .select((eb) => eb.fn.min<number>('hour_ms').as('h'))
          .executeTakeFirst();
        if (first?.h === null || first?.h === undefined) break;
        const result = await db
          .deleteFrom('event_rollups')
          .where('dimension', '=', dimension)
          .where('hour_ms', '<', Math.min(Number(first.h) + UtcDay.DAY_MS, beforeMs))
          .executeTakeFirst();
        rows += Number(result.numDeletedRows);
      }
    }
    return rows;
  },

  /** HR holds in force whose period has ended by `nowMs`. */
  async endedHrHolds(db: Kysely<Database>, nowMs: number): Promise<string[]> {
    const rows = await db
      .selectFrom('legal_holds')
      .select('id')
      .where('kind', '=', 'hr')
      .where('released_ms', 'is', null)
      .where('review_due_ms', '<=', nowMs)
      .orderBy('review_due_ms')
      .execute();
    return rows.map((r) => r.id);
  },

  /** A hold as the report names it. */
  summary(hold: LegalHold): HoldSummary {
    return {
      id: hold.id,
      kind: hold.kind,
      caseRef: hold.caseRef,
      subject: hold.subject,
      reviewDue: new Date(hold.reviewDueMs).toISOString(),
      reviewDueFallback: hold.reviewDueFallback,
    };
  },
});
