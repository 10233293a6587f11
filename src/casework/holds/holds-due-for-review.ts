import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { holdsFromRows } from './holds-from-rows.js';
import type { LegalHold } from './legal-hold.js';

/**
 * Safeguarding holds in force whose review date has come: a person must review each and
 * either keep it or release it with a reason. They are never released automatically (the
 * Sevenoaks notice keeps safeguarding evidence "indefinitely"); the retention report lists
 * them every day until someone acts.
 *
 * ### Examples
 * ```ts
 * for (const hold of await holdsDueForReview(store.db, Date.now())) notifyDsl(hold);
 * ```
 */
export async function holdsDueForReview(db: Kysely<Database>, nowMs: number): Promise<LegalHold[]> {
  const rows = await db
    .selectFrom('legal_holds')
    .selectAll()
    .where('kind', '=', 'safeguarding')
    .where('released_ms', 'is', null)
    .where('review_due_ms', '<=', nowMs)
    .orderBy('review_due_ms')
    .orderBy('id')
    .execute();
  return holdsFromRows(db, rows);
}
