import type { AuditLogTable } from '../../store/schema.js';
import type { AuditRecord, AuditTargetKind } from './append-audit.js';

/**
 * The record a stored row stands for, for the trail readers (`read-audit.ts`, the console).
 * Details that are not a JSON object (only possible if someone edited the table) come back
 * as `{ unreadable: <text> }` rather than throwing, so the trail can still be shown; `audit
 * verify` reports the edit.
 *
 * ### Examples
 * ```ts
 * const records = rows.map(auditRecordFromRow);
 * ```
 */
export function auditRecordFromRow(row: AuditLogTable): AuditRecord {
  return {
    seq: row.seq,
    timeMs: row.time_ms,
    actor: row.actor,
    action: row.action,
    targetKind: row.target_kind as AuditTargetKind,
    target: row.target,
    clientAddress: row.client_address,
    reason: row.reason,
    details: parseDetails(row.details),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function parseDetails(json: string): Readonly<Record<string, unknown>> {
  try {
    const value: unknown = JSON.parse(json);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  } catch {
    // fall through: shown as text
  }
  return { unreadable: json };
}
