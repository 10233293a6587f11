import type { Kysely } from 'kysely';
import type { AlertDeliveriesTable, Database } from '../../store/schema.js';

/** An outbox row as the CLI and the console show it (the payload left out: it can be large). */
export interface DeliveryRecord {
  readonly id: string;
  readonly alertId: string | null;
  readonly channel: 'email' | 'webhook';
  readonly target: string;
  readonly recipient: string | null;
  readonly level: number;
  readonly state: AlertDeliveriesTable['state'];
  readonly attempts: number;
  /**
   * When it is due: the next attempt of a `pending` row, or, for a `sending` row, when its
   * claim lapses and another worker may take it back.
   */
  readonly nextMs: number;
  readonly lastError: string | null;
  readonly createdMs: number;
  readonly sentMs: number | null;
}

export interface DeliveryFilter {
  readonly state?: AlertDeliveriesTable['state'];
  readonly alertId?: string;
  /** Most rows returned, newest first. */
  readonly limit: number;
}

/**
 * Lists outbox rows, newest first: all, one state (`dead` for the dead letters to look
 * at), or one alert's. For `schoolgate alerts deliveries` and the console.
 *
 * ### Examples
 * ```ts
 * const dead = await listDeliveries(store.db, { state: 'dead', limit: 50 });
 * ```
 */
export async function listDeliveries(
  db: Kysely<Database>,
  filter: DeliveryFilter,
): Promise<DeliveryRecord[]> {
  let query = db
    .selectFrom('alert_deliveries')
    .select([
      'id',
      'alert_id',
      'channel',
      'target',
      'recipient',
      'level',
      'state',
      'attempts',
      'next_ms',
      'last_error',
      'created_ms',
      'sent_ms',
    ]);
  if (filter.state !== undefined) query = query.where('state', '=', filter.state);
  if (filter.alertId !== undefined) query = query.where('alert_id', '=', filter.alertId);
  const rows = await query
    .orderBy('created_ms', 'desc')
    .orderBy('id', 'desc')
    .limit(Math.max(0, Math.floor(filter.limit)))
    .execute();
  return rows.map((r) => ({
    id: r.id,
    alertId: r.alert_id,
    channel: r.channel,
    target: r.target,
    recipient: r.recipient,
    level: r.level,
    state: r.state,
    attempts: r.attempts,
    nextMs: r.next_ms,
    lastError: r.last_error,
    createdMs: r.created_ms,
    sentMs: r.sent_ms,
  }));
}

/**
 * Puts a dead delivery back in the outbox, due at once, after someone fixed the cause (the
 * SMTP settings, the receiver). Attempts are kept, so the record shows its whole history;
 * the retried delivery gets one more attempt and, if that fails too, is dead again.
 * Returns false, changing nothing, when no dead delivery has this id. Kick the worker after.
 *
 * ### Examples
 * ```ts
 * if (!(await retryDelivery(store.db, id, Date.now()))) console.error('not a dead delivery');
 * ```
 */
export async function retryDelivery(
  db: Kysely<Database>,
  id: string,
  nowMs: number,
): Promise<boolean> {
  const result = await db
    .updateTable('alert_deliveries')
    .set({ state: 'pending', next_ms: nowMs })
    .where('id', '=', id)
    .where('state', '=', 'dead')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
