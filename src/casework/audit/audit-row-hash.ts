import { createHash } from 'node:crypto';
import type { AuditLogTable } from '../../store/schema.js';

/** The `prev_hash` of the first row: there is nothing before it. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/**
 * The hash of one audit row: SHA-256, as 64 lowercase hex digits, of the UTF-8 bytes of the
 * JSON array `[seq, time_ms, actor, action, target_kind, target, client_address, reason,
 * details, prev_hash]`, written without whitespace (`JSON.stringify`). Every value is the
 * stored column exactly as it is: `details` is the column's JSON text, embedded as a string,
 * and absent `client_address` / `reason` are `null`. Python's
 * `json.dumps(row, separators=(',', ':'), ensure_ascii=False)` gives the same bytes, so an
 * auditor can recompute the chain without Schoolgate (README.md has a worked example).
 *
 * NOTE: changing this encoding breaks every stored chain; it is a stored format.
 *
 * ### Examples
 * ```ts
 * const hash = auditRowHash({ ...row, prev_hash: AUDIT_GENESIS_HASH });
 * if (hash !== row.hash) report('edited');
 * ```
 */
export function auditRowHash(row: Omit<AuditLogTable, 'hash'>): string {
  const encoded = JSON.stringify([
    row.seq,
    row.time_ms,
    row.actor,
    row.action,
    row.target_kind,
    row.target,
    row.client_address,
    row.reason,
    row.details,
    row.prev_hash,
  ]);
  return createHash('sha256').update(encoded, 'utf8').digest('hex');
}
