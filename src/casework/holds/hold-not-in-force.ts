import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { StoreError } from '../../store/store-error.js';

/**
 * The error for a hold an update found no row of in force: it does not exist
 * (`SG_ERR_HOLD_NOT_FOUND`) or was already released (`SG_ERR_HOLD_RELEASED`).
 */
export async function holdNotInForce(db: Kysely<Database>, holdId: string): Promise<StoreError> {
  const exists = await db
    .selectFrom('legal_holds')
    .select('id')
    .where('id', '=', holdId)
    .executeTakeFirst();
  return StoreError.create(
    exists === undefined ? 'SG_ERR_HOLD_NOT_FOUND' : 'SG_ERR_HOLD_RELEASED',
    holdId,
  );
}
