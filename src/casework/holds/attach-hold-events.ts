import { type Kysely, sql } from 'kysely';
import type { Database } from '../../store/schema.js';
import { eventTimeFromId } from './event-time-from-id.js';
import type { HoldEventSelection } from './hold-event-selection.js';

/** What attaching found: events newly attached, and ids that matched no stored event. */
export interface AttachResult {
  /** Events attached now (ones the hold already had are not counted). */
  readonly attached: number;
  /** Ids given that are not in the events table (mistyped, or already archived and deleted). */
  readonly missing: readonly string[];
}

/** Ids looked up per statement: 500 pairs of parameters stays far below both dialects' limits. */
const IDS_PER_STATEMENT = 500;

/**
 * Records that hold `holdId` keeps the selected events, with each event's time so retention
 * finds held events by day. Only events still in the events table are attached: an event
 * that was archived and deleted must be brought back with `archive restore` first, so an id
 * that matches nothing is returned in `missing` rather than attached blindly. Attaching an
 * event twice is harmless. Runs in the caller's transaction when given one.
 *
 * ### Examples
 * ```ts
 * await attachHoldEvents(trx, hold.id, ['019e5a8e-...']);
 * await attachHoldEvents(trx, hold.id, { user: 'pupil.one', fromMs, toMs });
 * ```
 */
export async function attachHoldEvents(
  db: Kysely<Database>,
  holdId: string,
  selection: HoldEventSelection,
): Promise<AttachResult> {
  if (!isIdList(selection)) {
    const result = await db
      .insertInto('legal_hold_events')
      .columns(['hold_id', 'event_id', 'event_time_ms'])
      .expression(
        db
          .selectFrom('events')
          .select([sql<string>`cast(${holdId} as text)`.as('hold_id'), 'id', 'time_ms'])
          .where('username', '=', selection.user)
          .where('time_ms', '>=', selection.fromMs)
          .where('time_ms', '<', selection.toMs),
      )
      .onConflict((oc) => oc.columns(['hold_id', 'event_id']).doNothing())
      .executeTakeFirst();
    return { attached: Number(result.numInsertedOrUpdatedRows ?? 0), missing: [] };
  }
  const missing: string[] = [];
  let attached = 0;
  const wanted = [...new Set(selection)];
  for (let i = 0; i < wanted.length; i += IDS_PER_STATEMENT) {
    const keys: { id: string; time: number }[] = [];
    for (const id of wanted.slice(i, i + IDS_PER_STATEMENT)) {
      const time = eventTimeFromId(id);
      if (time === null) missing.push(id);
      else keys.push({ id, time });
    }
    if (keys.length === 0) continue;
    const found = await db
      .selectFrom('events')
      .select(['id', 'time_ms'])
      .where((eb) =>
        eb.or(keys.map((k) => eb.and([eb('time_ms', '=', k.time), eb('id', '=', k.id)]))),
      )
      .execute();
    const foundIds = new Set(found.map((r) => r.id));
    for (const k of keys) if (!foundIds.has(k.id)) missing.push(k.id);
    if (found.length === 0) continue;
    const result = await db
      .insertInto('legal_hold_events')
      .values(found.map((r) => ({ hold_id: holdId, event_id: r.id, event_time_ms: r.time_ms })))
      .onConflict((oc) => oc.columns(['hold_id', 'event_id']).doNothing())
      .executeTakeFirst();
    attached += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return { attached, missing };
}

function isIdList(selection: HoldEventSelection): selection is readonly string[] {
  return Array.isArray(selection);
}
