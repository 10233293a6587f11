import type { Kysely } from 'kysely';
import type { MonitorConfig } from '../config/monitor-config.js';
import type { Database } from '../store/schema.js';
import type { MonitorNotifier } from './monitor-service.js';
import { alertWebhookBody } from './notify/alert-webhook-body.js';
import { queueDelivery } from './notify/queue-delivery.js';
import { renderAlertMessage } from './notify/render-alert-message.js';
import type { DeliveryWorker } from './notify/start-delivery-worker.js';
import { evidenceFromRow } from './records/alert-rows.js';
import type { FoldOutcome } from './records/fold-into-store.js';
import { holdBack } from './routing/hold-back.js';
import { routeAlert } from './routing/route-alert.js';

export interface AlertNotifierOptions {
  readonly config: MonitorConfig;
  readonly schoolName: string;
  readonly timezone: string;
  readonly now: () => number;
  /** Sends what was queued; null queues only (another process sends). */
  readonly worker: DeliveryWorker | null;
}

const HOUR_MS = 3_600_000;
/** Evidence read for a message: the e-mail shows 20, a webhook up to 50. */
const EVIDENCE_READ = 50;

/**
 * Decides which e-mails and webhooks an alert that opened or rose calls for, and queues them
 * in the outbox in the monitor's transaction (so a crash never loses an urgent alert): an
 * e-mail to each recipient its routes send at once, unless quiet hours or their hourly limit
 * hold a level 1-3 alert back for the digest; each webhook whose `minLevel` it reaches.
 * A recipient or webhook is told again only when the level rises above what they were told.
 */
export function createAlertNotifier(options: AlertNotifierOptions): MonitorNotifier {
  const { config, now } = options;
  const holdRules = {
    timezone: options.timezone,
    quietHours: config.quietHours,
    perRecipientPerHour: config.perRecipientPerHour,
  };
  return {
    async queue(trx: Kysely<Database>, { alert, previous }: FoldOutcome): Promise<number> {
      if (previous !== null && alert.level <= previous.level) return 0;
      const nowMs = now();
      const recipients = routeAlert(alert, config.staff, config.routes).filter((r) => r.immediate);
      const webhooks = config.webhooks.filter((w) => alert.level >= w.minLevel);
      if (recipients.length === 0 && webhooks.length === 0) return 0;
      const told = await levelsAlreadyQueued(trx, alert.id);
      const evidence = (
        await trx
          .selectFrom('alert_evidence')
          .selectAll()
          .where('alert_id', '=', alert.id)
          .orderBy('time_ms', 'desc')
          .limit(EVIDENCE_READ)
          .execute()
      ).map(evidenceFromRow);
      const rise = previous !== null;
      let queued = 0;
      for (const { member } of recipients) {
        if ((told.get(`email:${member.id}`) ?? 0) >= alert.level) continue;
        const sent = await emailsSince(trx, member.id, nowMs - HOUR_MS);
        if (holdBack(alert.level, nowMs, sent, holdRules) !== null) continue;
        const message = renderAlertMessage(alert, evidence, {
          schoolName: options.schoolName,
          consoleUrl: config.consoleUrl ?? null,
          rise: rise || told.has(`email:${member.id}`),
          timezone: options.timezone,
        });
        await queueDelivery(
          trx,
          {
            alertId: alert.id,
            channel: 'email',
            target: member.email,
            recipient: member.id,
            level: alert.level,
            payload: { kind: 'email', ...message },
          },
          nowMs,
        );
        queued += 1;
      }
      for (const webhook of webhooks) {
        if ((told.get(`webhook:${webhook.name}`) ?? 0) >= alert.level) continue;
        const body = alertWebhookBody(alert, evidence, {
          rise: rise || told.has(`webhook:${webhook.name}`),
          nowMs,
          consoleUrl: config.consoleUrl ?? null,
        });
        await queueDelivery(
          trx,
          {
            alertId: alert.id,
            channel: 'webhook',
            target: webhook.name,
            recipient: null,
            level: alert.level,
            payload: { kind: 'webhook', body: JSON.stringify(body) },
          },
          nowMs,
        );
        queued += 1;
      }
      return queued;
    },
    kick: () => options.worker?.kick(),
  };
}

/** `email:<staff id>` or `webhook:<name>` -> the highest level already queued for this alert. */
async function levelsAlreadyQueued(trx: Kysely<Database>, alertId: string) {
  const rows = await trx
    .selectFrom('alert_deliveries')
    .select(['channel', 'recipient', 'target', (eb) => eb.fn.max('level').as('level')])
    .where('alert_id', '=', alertId)
    .groupBy(['channel', 'recipient', 'target'])
    .execute();
  return new Map(
    rows.map((r) => [
      `${r.channel}:${r.channel === 'email' ? r.recipient : r.target}`,
      Number(r.level),
    ]),
  );
}

async function emailsSince(trx: Kysely<Database>, recipient: string, sinceMs: number) {
  const row = await trx
    .selectFrom('alert_deliveries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('recipient', '=', recipient)
    .where('channel', '=', 'email')
    .where('alert_id', 'is not', null)
    .where('created_ms', '>=', sinceMs)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
