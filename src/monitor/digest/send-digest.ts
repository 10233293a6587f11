import { appendAudit } from '../../casework/audit/append-audit.js';
import type { MonitorConfig } from '../../config/monitor-config.js';
import type { Store } from '../../store/open-store.js';
import { queueDelivery } from '../notify/queue-delivery.js';
import { membersOf } from '../routing/route-alert.js';
import { buildDigest } from './build-digest.js';
import { digestMessage } from './digest-message.js';
import type { DigestPeriod } from './digest-period.js';

/** What `sendDigest` did. */
export type DigestSending =
  | { readonly kind: 'queued'; readonly recipients: readonly string[] }
  | { readonly kind: 'already-sent' }
  | { readonly kind: 'no-recipients' };

/** Who sends: `system:digest` for the daily job, `cli:<login>` for a person. */
export interface SendDigestOptions {
  readonly monitor: MonitorConfig;
  readonly schoolName: string;
  readonly actor: string;
  readonly now: () => number;
  /** Send even if this period's digest was sent before (a person asking again). */
  readonly again?: boolean;
}

/**
 * Builds a digest and queues it, with its PDF and CSV, as e-mail to `monitor.digests.to`
 * (the head and DSL by default) through the outbox, which the gateway's delivery workers
 * send. The digest names pupils across the school, so staff limited to classes never
 * receive it. `digest_runs` records the period in the same transaction as the queued
 * e-mails, so a restart or a second node never sends it twice; the sending is audited.
 *
 * ### Examples
 * ```ts
 * await sendDigest(store, digestPeriod('daily', '2026-11-23', 'Europe/London'), { monitor, schoolName, actor: 'system:digest', now: Date.now });
 * ```
 */
export async function sendDigest(
  store: Store,
  period: DigestPeriod,
  options: SendDigestOptions,
): Promise<DigestSending> {
  const recipients = membersOf(options.monitor.digests.to, options.monitor.staff).filter(
    (member) => member.classes === undefined,
  );
  if (recipients.length === 0) return { kind: 'no-recipients' };
  if (options.again !== true) {
    const sent = await store.db
      .selectFrom('digest_runs')
      .select('id')
      .where('id', '=', period.id)
      .executeTakeFirst();
    if (sent !== undefined) return { kind: 'already-sent' };
  }
  const digest = await buildDigest(store, period);
  const message = await digestMessage(digest, options.schoolName);
  return store.db.transaction().execute(async (trx) => {
    const nowMs = options.now();
    const claimed = await trx
      .insertInto('digest_runs')
      .values({ id: period.id, sent_ms: nowMs, recipients: recipients.length })
      .onConflict((oc) =>
        options.again === true
          ? oc.column('id').doUpdateSet({ sent_ms: nowMs, recipients: recipients.length })
          : oc.doNothing(),
      )
      .executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) return { kind: 'already-sent' };
    for (const member of recipients) {
      await queueDelivery(
        trx,
        {
          alertId: null,
          channel: 'email',
          target: member.email,
          recipient: member.id,
          level: 1,
          payload: { kind: 'email', ...message },
        },
        nowMs,
      );
    }
    await appendAudit(
      trx,
      {
        actor: options.actor,
        action: 'digest.send',
        targetKind: 'report',
        target: period.id,
        details: { recipients: recipients.map((m) => m.id) },
      },
      options.now,
    );
    return { kind: 'queued', recipients: recipients.map((m) => m.id) };
  });
}
