import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { appendAudit } from '../audit/append-audit.js';
import { type AttachResult, attachHoldEvents } from './attach-hold-events.js';
import type { HoldEventSelection } from './hold-event-selection.js';
import { holdNotInForce } from './hold-not-in-force.js';

/**
 * Adds more events to a hold that is still in force, audited as `hold.attach` in the same
 * transaction. Throws `SG_ERR_HOLD_NOT_FOUND` for an unknown id and `SG_ERR_HOLD_RELEASED`
 * for a released hold (place a new one instead, so the record says why it was reopened).
 *
 * ### Examples
 * ```ts
 * const { attached, missing } = await attachToHold(store.db, holdId, ['019e5a8e-...'], actor, Date.now);
 * ```
 */
export async function attachToHold(
  db: Kysely<Database>,
  holdId: string,
  selection: HoldEventSelection,
  actor: string,
  now: () => number,
): Promise<AttachResult> {
  return db.transaction().execute(async (trx) => {
    // A write first, for SQLite's lock (see appendAudit); it changes nothing.
    const touched = await trx
      .updateTable('legal_holds')
      .set((eb) => ({ id: eb.ref('id') }))
      .where('id', '=', holdId)
      .where('released_ms', 'is', null)
      .executeTakeFirst();
    if (Number(touched.numUpdatedRows) === 0) throw await holdNotInForce(trx, holdId);
    const result = await attachHoldEvents(trx, holdId, selection);
    await appendAudit(
      trx,
      {
        actor,
        action: 'hold.attach',
        targetKind: 'hold',
        target: holdId,
        details: { events: result.attached, missingEvents: result.missing.length },
      },
      now,
    );
    return result;
  });
}
