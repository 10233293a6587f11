import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { StoreError } from '../../store/store-error.js';
import { appendAudit } from '../audit/append-audit.js';
import { holdNotInForce } from './hold-not-in-force.js';
import { holdsFromRows } from './holds-from-rows.js';
import type { LegalHold } from './legal-hold.js';

/** Who releases a hold and why. */
export interface ReleaseHoldInput {
  readonly actor: string;
  /** Required: the review's outcome, or why the case no longer needs the records. */
  readonly reason: string;
  readonly clientAddress?: string | undefined;
}

/**
 * Releases a hold and returns it: from the next retention run its events are kept only as long as the
 * general periods say (and ones already past them are deleted). Audited as `hold.release`
 * with the reason, in the same transaction. Safeguarding holds are only ever released this
 * way, by a person after a review; retention releases HR holds when their period ends.
 *
 * Throws `SG_ERR_AUDIT_INPUT` without a reason, `SG_ERR_HOLD_NOT_FOUND` for an unknown id
 * and `SG_ERR_HOLD_RELEASED` when it was already released.
 *
 * ### Examples
 * ```ts
 * await releaseHold(store.db, holdId, { actor: cliActor(), reason: 'Review 2051-05-04: case closed' }, Date.now);
 * ```
 */
export async function releaseHold(
  db: Kysely<Database>,
  holdId: string,
  input: ReleaseHoldInput,
  now: () => number,
): Promise<LegalHold> {
  const reason = input.reason.trim();
  if (reason === '')
    throw StoreError.create('SG_ERR_AUDIT_INPUT', 'releasing a hold needs a reason');
  return db.transaction().execute(async (trx) => {
    const releasedMs = now();
    const updated = await trx
      .updateTable('legal_holds')
      .set({ released_ms: releasedMs, released_by: input.actor, release_reason: reason })
      .where('id', '=', holdId)
      .where('released_ms', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw await holdNotInForce(trx, holdId);
    await appendAudit(
      trx,
      {
        actor: input.actor,
        action: 'hold.release',
        targetKind: 'hold',
        target: holdId,
        clientAddress: input.clientAddress ?? null,
        reason,
      },
      () => releasedMs,
    );
    const row = await trx
      .selectFrom('legal_holds')
      .selectAll()
      .where('id', '=', holdId)
      .executeTakeFirstOrThrow();
    return (await holdsFromRows(trx, [row]))[0]!;
  });
}
