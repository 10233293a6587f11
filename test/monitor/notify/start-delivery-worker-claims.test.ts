import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEmailSender } from '../../../src/monitor/notify/email-sender.js';
import { queueDelivery } from '../../../src/monitor/notify/queue-delivery.js';
import {
  CLAIM_LEASE_MS,
  startDeliveryWorker,
} from '../../../src/monitor/notify/start-delivery-worker.js';
import type { RiskLevel } from '../../../src/monitor/risk-level.js';
import { openStore } from '../../../src/store/open-store.js';
import { startSmtpSink } from '../../support/smtp-sink.js';
import { DIALECTS, freshDatabase, openTestStore } from '../../support/store-dialects.js';
import { deliveryRow, FAST_RETRY, startReceiver, waitForDelivery } from './delivery-fixture.js';

const emailDelivery = (n: number, level: RiskLevel = 5) => ({
  alertId: `alert-${n}`,
  channel: 'email' as const,
  target: `staff${n % 3}@school.test`,
  recipient: `staff${n % 3}`,
  level,
  payload: {
    kind: 'email' as const,
    subject: `message ${n}`,
    text: `body ${n}`,
    html: `<p>${n}</p>`,
  },
});

for (const dialect of DIALECTS) {
  describe(`delivery worker claims on ${dialect}`, () => {
    it('two workers on one database, each with its own connection: every delivery sent exactly once', async (t) => {
      const { url, dataDir } = await freshDatabase(dialect);
      const stores = [await openStore({ url, dataDir }), await openStore({ url, dataDir })];
      const sink = await startSmtpSink();
      const senders = stores.map(() =>
        createEmailSender(
          { host: '127.0.0.1', port: sink.port, secure: false, requireTls: false },
          'Schoolgate <schoolgate@school.test>',
        ),
      );
      // Queued before either worker starts, so both race for the same 20 rows.
      const ids: string[] = [];
      for (let n = 0; n < 20; n++) {
        const level = ((n % 5) + 1) as RiskLevel;
        ids.push(await queueDelivery(stores[n % 2]!.db, emailDelivery(n, level), Date.now()));
      }
      const workers = stores.map((store, i) =>
        startDeliveryWorker({
          db: store.db,
          email: senders[i]!,
          webhooks: [],
          delivery: FAST_RETRY,
          now: Date.now,
          log: () => {},
          pollMs: 20,
        }),
      );
      try {
        const messages = await sink.waitFor(20, 20_000);
        await Promise.all(workers.map((w) => w.idle()));
        // Give a late duplicate the chance to arrive before counting.
        await Promise.all(workers.map((w) => w.idle()));
        const subjects = sink.messages.map((m) => m.subject).sort();
        assert.equal(sink.messages.length, 20, `received ${subjects.join(', ')}`);
        assert.deepEqual(subjects, Array.from({ length: 20 }, (_, n) => `message ${n}`).sort());
        assert.ok(messages.every((m) => m.to.length === 1));
        for (const id of ids) {
          const row = await deliveryRow(stores[0]!.db, id);
          assert.equal(row.state, 'sent');
          assert.equal(row.attempts, 1);
        }
        const stats = workers.map((w) => w.stats());
        assert.equal(stats[0]!.sent + stats[1]!.sent, 20);
        t.diagnostic(
          `sent ${stats.map((x) => x.sent).join(' + ')}; claims lost to the other worker: ${stats.map((x) => x.claimsLost).join(' + ')}`,
        );
      } finally {
        await Promise.all(workers.map((w) => w.stop()));
        for (const s of senders) s.close();
        await sink.stop();
        for (const s of stores) await s.close();
      }
    });

    it('takes back a delivery whose sender stopped mid-send, and leaves a live claim alone', async () => {
      const store = await openTestStore(dialect);
      const receiver = await startReceiver([200]);
      const log: string[] = [];
      const now = Date.now();
      const body = (n: number) => ({
        alertId: null,
        channel: 'webhook' as const,
        target: 'hook',
        recipient: null,
        level: 4 as const,
        payload: { kind: 'webhook' as const, body: `{"n":${n}}` },
      });
      const orphan = await queueDelivery(store.db, body(1), now);
      const live = await queueDelivery(store.db, body(2), now);
      // As a worker's claim leaves them: one claimed over 5 minutes ago, one just now.
      await store.db
        .updateTable('alert_deliveries')
        .set({ state: 'sending', next_ms: now - 1 })
        .where('id', '=', orphan)
        .execute();
      await store.db
        .updateTable('alert_deliveries')
        .set({ state: 'sending', next_ms: now + CLAIM_LEASE_MS })
        .where('id', '=', live)
        .execute();
      const worker = startDeliveryWorker({
        db: store.db,
        email: null,
        webhooks: [{ name: 'hook', url: receiver.url, secret: 'x'.repeat(16), minLevel: 4 }],
        delivery: FAST_RETRY,
        now: Date.now,
        log: (m) => log.push(m),
      });
      try {
        const row = await waitForDelivery(store.db, worker, orphan, 'sent');
        assert.equal(row.attempts, 1);
        assert.deepEqual(
          receiver.requests.map((r) => r.body),
          ['{"n":1}'],
        );
        assert.equal((await deliveryRow(store.db, live)).state, 'sending');
        assert.equal(worker.stats().takenBack, 1);
        assert.equal(log.length, 1);
        assert.match(log[0]!, new RegExp(`delivery ${orphan}: taken back`));
      } finally {
        await worker.stop();
        await receiver.close();
        await store.close();
      }
    });

    it('a slow webhook receiver does not hold up a level-5 e-mail', async () => {
      const store = await openTestStore(dialect);
      const receiver = await startReceiver([200]);
      receiver.hold = true;
      const sink = await startSmtpSink();
      const email = createEmailSender(
        { host: '127.0.0.1', port: sink.port, secure: false, requireTls: false },
        'Schoolgate <schoolgate@school.test>',
      );
      const worker = startDeliveryWorker({
        db: store.db,
        email,
        webhooks: [{ name: 'slow', url: receiver.url, secret: 'x'.repeat(16), minLevel: 4 }],
        delivery: FAST_RETRY,
        now: Date.now,
        log: () => {},
      });
      try {
        for (let n = 0; n < 3; n++) {
          await queueDelivery(
            store.db,
            {
              alertId: null,
              channel: 'webhook',
              target: 'slow',
              recipient: null,
              level: 5,
              payload: { kind: 'webhook', body: `{"n":${n}}` },
            },
            Date.now(),
          );
        }
        worker.kick();
        while (receiver.requests.length < 3) await new Promise((r) => setTimeout(r, 5));
        assert.equal(worker.stats().inFlight, 3);
        const id = await queueDelivery(store.db, emailDelivery(99), Date.now());
        worker.kick();
        const [mail] = await sink.waitFor(1, 5000);
        assert.equal(mail!.subject, 'message 99');
        assert.equal(receiver.requests.length, 3, 'the webhooks are still waiting');
        receiver.release();
        assert.equal((await waitForDelivery(store.db, worker, id, 'sent')).attempts, 1);
        assert.equal(worker.stats().sent, 4);
      } finally {
        receiver.release();
        await worker.stop();
        email.close();
        await sink.stop();
        await receiver.close();
        await store.close();
      }
    });
  });
}
