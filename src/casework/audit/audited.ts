import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { type AuditEntry, appendAudit } from './append-audit.js';

/**
 * Reads a person's records with the read on the audit trail first (SEC-02): the row is
 * appended, and committed, before `read` runs, so data never leaves without its audit row.
 * If the append fails (bad entry, database down) `read` is not called and the error is
 * thrown; if `read` fails after the append, the row stays, recording the attempt.
 *
 * ### Examples
 * ```ts
 * const events = await withAuditedRead(
 *   store.db,
 *   { actor, action: 'events.read', targetKind: 'person', target: username, reason },
 *   Date.now,
 *   () => eventsFor(store.db, username, range),
 * );
 * ```
 */
export async function withAuditedRead<T>(
  db: Kysely<Database>,
  entry: AuditEntry,
  now: () => number,
  read: () => Promise<T>,
): Promise<T> {
  await appendAudit(db, entry, now);
  return read();
}
