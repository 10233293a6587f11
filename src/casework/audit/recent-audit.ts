import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { AuditRecord, AuditTargetKind } from './append-audit.js';
import { auditRecordFromRow } from './audit-record-from-row.js';

export interface RecentAuditOptions {
  readonly targetKind?: AuditTargetKind;
  readonly target?: string;
  /** At most this many rows (default 50). */
  readonly limit?: number;
}

/**
 * The newest audit rows, newest first, optionally only those about one kind of thing and/or
 * one target: what `schoolgate audit show` prints. For one person's full history use
 * `auditTrailFor`.
 *
 * ### Examples
 * ```ts
 * const rows = await recentAudit(store.db, { targetKind: 'hold', limit: 20 });
 * ```
 */
export async function recentAudit(
  db: Kysely<Database>,
  options: RecentAuditOptions = {},
): Promise<AuditRecord[]> {
  let query = db.selectFrom('audit_log').selectAll();
  if (options.targetKind !== undefined) query = query.where('target_kind', '=', options.targetKind);
  if (options.target !== undefined) query = query.where('target', '=', options.target);
  const rows = await query
    .orderBy('seq', 'desc')
    .limit(options.limit ?? 50)
    .execute();
  return rows.map(auditRecordFromRow);
}
