import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { holdsFromRows } from './holds-from-rows.js';
import type { LegalHold } from './legal-hold.js';

/** Which holds to list. */
export interface ListHoldsOptions {
  /** Include released holds too (default: only holds in force). */
  readonly includeReleased?: boolean | undefined;
  /** Only holds whose review (or end) is due at or before this time, epoch ms. */
  readonly dueBy?: number | undefined;
}

/**
 * The legal holds, soonest review first, each with its count of attached events.
 *
 * ### Examples
 * ```ts
 * const inForce = await listHolds(store.db);
 * const dueThisYear = await listHolds(store.db, { dueBy: Date.parse('2026-12-31') });
 * ```
 */
export async function listHolds(
  db: Kysely<Database>,
  options: ListHoldsOptions = {},
): Promise<LegalHold[]> {
  let query = db.selectFrom('legal_holds').selectAll();
  if (options.includeReleased !== true) query = query.where('released_ms', 'is', null);
  if (options.dueBy !== undefined) query = query.where('review_due_ms', '<=', options.dueBy);
  const rows = await query.orderBy('review_due_ms').orderBy('id').execute();
  return holdsFromRows(db, rows);
}
