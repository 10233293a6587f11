import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { AuditRecord, AuditTargetKind } from './append-audit.js';
import { auditRecordFromRow } from './audit-record-from-row.js';

export interface AuditTrailOptions {
  /** Only rows written at or after this time (epoch ms). */
  readonly fromMs?: number;
  /** Only rows written before this time (epoch ms). */
  readonly toMs?: number;
  /** At most this many rows (default 10,000). */
  readonly limit?: number;
  /** Newest first (the console's "recently viewed by"); default oldest first. */
  readonly newestFirst?: boolean;
}

/**
 * Who viewed or changed one person or thing, and when: the audit rows about
 * `targetKind`/`target`, in the order they were written. Used by the subject access export
 * ("who has looked at my records") and the console. Served by the `(target_kind, target,
 * seq)` index; the time bounds filter within it.
 *
 * ### Examples
 * ```ts
 * const views = await auditTrailFor(store.db, 'person', 'pupil.one', { fromMs: yearStart });
 * const lastTen = await auditTrailFor(store.db, 'hold', holdId, { limit: 10, newestFirst: true });
 * ```
 */
export async function auditTrailFor(
  db: Kysely<Database>,
  targetKind: AuditTargetKind,
  target: string,
  options: AuditTrailOptions = {},
): Promise<AuditRecord[]> {
  let query = db
    .selectFrom('audit_log')
    .selectAll()
    .where('target_kind', '=', targetKind)
    .where('target', '=', target);
  if (options.fromMs !== undefined) query = query.where('time_ms', '>=', options.fromMs);
  if (options.toMs !== undefined) query = query.where('time_ms', '<', options.toMs);
  const rows = await query
    .orderBy('seq', options.newestFirst === true ? 'desc' : 'asc')
    .limit(options.limit ?? 10_000)
    .execute();
  return rows.map(auditRecordFromRow);
}
