import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';

/** Tables whose rows people name by an id (a UUID) or its first characters. */
type IdTable = 'alerts' | 'activity_notices' | 'alert_deliveries';

/**
 * The one id in `table` that starts with `text`, for commands that take an id as typed
 * (`schoolgate alerts ack 3f2a9c1b`): ids sort as text, so the prefix is one index range.
 * Throws a message naming the `noun` when none or several match.
 *
 * ### Examples
 * ```ts
 * await resolveIdPrefix(db, 'alerts', '3f2a9c1b', 'alert', 6);
 * ```
 */
export async function resolveIdPrefix(
  db: Kysely<Database>,
  table: IdTable,
  text: string,
  noun: string,
  minLength = 1,
): Promise<string> {
  const prefix = text.trim().toLowerCase();
  if (prefix.length < minLength || !/^[0-9a-f-]{1,36}$/.test(prefix)) {
    throw new Error(
      `'${text}' is not ${article(noun)} id (give at least its first ${minLength} characters)`,
    );
  }
  const rows = await db
    .selectFrom(table)
    .select('id')
    .where('id', '>=', prefix)
    .where('id', '<', `${prefix}~`)
    .limit(2)
    .execute();
  if (rows.length === 0) throw new Error(`no ${noun} with an id starting ${prefix}`);
  if (rows.length > 1)
    throw new Error(`more than one ${noun} id starts ${prefix}: give more of the id`);
  return rows[0]!.id;
}

function article(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}
