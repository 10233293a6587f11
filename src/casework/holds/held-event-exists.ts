import { type ExpressionBuilder, sql } from 'kysely';
import type { Database } from '../../store/schema.js';

/**
 * `exists (...)`: true for an `events` row that a hold not yet released keeps. Retention puts
 * it in every DELETE (`not exists`) so a held event cannot be deleted by any path, and the
 * check runs inside the same statement as the delete. Served by the
 * `legal_hold_events_time (event_time_ms, event_id)` index.
 *
 * ### Examples
 * ```ts
 * await db.deleteFrom('events').where('time_ms', '<', cutoff)
 *   .where((eb) => eb.not(heldEventExists(eb))).execute();
 * ```
 */
export function heldEventExists(eb: ExpressionBuilder<Database, 'events'>) {
  return eb.exists(
    eb
      .selectFrom('legal_hold_events as h')
      .innerJoin('legal_holds as l', 'l.id', 'h.hold_id')
      .select(sql.lit(1).as('one'))
      .whereRef('h.event_time_ms', '=', 'events.time_ms')
      .whereRef('h.event_id', '=', 'events.id')
      .where('l.released_ms', 'is', null),
  );
}
