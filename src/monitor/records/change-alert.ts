import type { Kysely } from 'kysely';
import { appendAudit } from '../../casework/audit/append-audit.js';
import type { Database } from '../../store/schema.js';
import type { Alert } from '../alert.js';
import { type AlertChange, applyAlertChange } from '../alert-state.js';
import { alertFromRow, alertToRow } from './alert-rows.js';

/** The alert after the change, or why it could not be made. */
export type AlertChangeResult =
  | { readonly ok: true; readonly alert: Alert }
  | { readonly ok: false; readonly problem: string };

/**
 * Moves an alert along its workflow (acknowledge, close with an outcome, escalate to a case)
 * and writes who, what and why to the audit trail in the same transaction, so a change is
 * never without its audit row.
 *
 * ### Examples
 * ```ts
 * await changeAlert(db, id, { kind: 'acknowledge', by: 'a.patel', atMs: now() }, now);
 * ```
 */
export async function changeAlert(
  db: Kysely<Database>,
  id: string,
  change: AlertChange,
  now: () => number,
  clientAddress: string | null = null,
): Promise<AlertChangeResult> {
  return db.transaction().execute(async (trx) => {
    // A write first, for SQLite's lock (see appendAudit); it changes nothing.
    await trx
      .updateTable('monitor_lock')
      .set((eb) => ({ turns: eb('turns', '+', 1) }))
      .execute();
    const row = await trx.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
    if (row === undefined) return { ok: false, problem: `no alert with id ${id}` };
    const before = alertFromRow(row);
    const moved = applyAlertChange(before.state, change);
    if (!moved.ok) return moved;
    const alert: Alert = { ...before, state: moved.state };
    const { id: _, ...changes } = alertToRow(alert);
    await trx.updateTable('alerts').set(changes).where('id', '=', id).execute();
    await appendAudit(
      trx,
      {
        actor: change.by,
        action: `alert.${change.kind}`,
        targetKind: 'alert',
        target: id,
        clientAddress,
        reason: change.kind === 'acknowledge' ? null : change.why,
        details: {
          from: before.state.kind,
          to: alert.state.kind,
          level: alert.level,
          category: alert.category,
          subject: alert.subject.user,
          ...(change.kind === 'close' ? { outcome: change.outcome } : {}),
          ...(change.kind === 'escalate' ? { caseRef: change.caseRef } : {}),
        },
      },
      now,
    );
    return { ok: true, alert };
  });
}
