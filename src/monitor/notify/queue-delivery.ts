import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { RiskLevel } from '../risk-level.js';
import type { DeliveryPayload } from './delivery-payload.js';

export type { DeliveryPayload } from './delivery-payload.js';

/** One e-mail or webhook to send: a row in the outbox. */
export interface QueuedDelivery {
  /** The alert it tells of, or null for a digest. */
  readonly alertId: string | null;
  readonly channel: 'email' | 'webhook';
  /** The e-mail address, or the webhook's `name` in the config (its URL and secret are looked up when sent). */
  readonly target: string;
  /** The staff member's id for an e-mail, or null. */
  readonly recipient: string | null;
  /** The alert's level now: a later rise queues a new delivery. */
  readonly level: RiskLevel;
  readonly payload: DeliveryPayload;
}

/**
 * Puts a delivery in the outbox (`alert_deliveries`) as `pending`, due at once, and returns
 * its id. Pass the transaction that stores the alert, so the alert and its deliveries
 * commit together: once the alert is in the store, a crash cannot lose its e-mail. Then
 * `kick()` the delivery worker, which sends it (`start-delivery-worker.ts`).
 *
 * ### Examples
 * ```ts
 * await store.db.transaction().execute(async (tx) => {
 *   // ...store the alert...
 *   await queueDelivery(tx, { alertId, channel: 'email', target: 'dsl@school.test', recipient: 'a.patel', level: 5, payload: { kind: 'email', ...message } }, nowMs);
 * });
 * worker.kick();
 * ```
 */
export async function queueDelivery(
  db: Kysely<Database>,
  delivery: QueuedDelivery,
  nowMs: number,
): Promise<string> {
  if (delivery.payload.kind !== delivery.channel) {
    throw new Error(
      `a ${delivery.channel} delivery cannot carry a ${delivery.payload.kind} payload`,
    );
  }
  const id = randomUUID();
  await db
    .insertInto('alert_deliveries')
    .values({
      id,
      alert_id: delivery.alertId,
      channel: delivery.channel,
      target: delivery.target,
      recipient: delivery.recipient,
      level: delivery.level,
      payload: JSON.stringify(delivery.payload),
      state: 'pending',
      attempts: 0,
      next_ms: nowMs,
      last_error: null,
      created_ms: nowMs,
      sent_ms: null,
    })
    .execute();
  return id;
}
