import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { describe, it } from 'node:test';
import type { WebhookConfig } from '../../../src/config/monitor-config.js';
import { alertWebhookBody } from '../../../src/monitor/notify/alert-webhook-body.js';
import { listDeliveries, retryDelivery } from '../../../src/monitor/notify/list-deliveries.js';
import { queueDelivery } from '../../../src/monitor/notify/queue-delivery.js';
import { startDeliveryWorker } from '../../../src/monitor/notify/start-delivery-worker.js';
import { DIALECTS, openTestStore } from '../../support/store-dialects.js';
import { testAlert, testEvidence } from './alert-fixture.js';
import {
  FAST_RETRY,
  type ReceivedRequest,
  startReceiver,
  waitForDelivery,
} from './delivery-fixture.js';

const SECRET = 'the-receivers-shared-secret';

const hook = (url: string, name = 'cpoms'): WebhookConfig => ({
  name,
  url,
  secret: SECRET,
  minLevel: 4,
});

const webhookDelivery = (target = 'cpoms') => {
  const alert = testAlert();
  const body = alertWebhookBody(alert, testEvidence(2), {
    rise: false,
    nowMs: Date.now(),
    consoleUrl: null,
  });
  return {
    alertId: alert.id,
    channel: 'webhook' as const,
    target,
    recipient: null,
    level: alert.level,
    payload: { kind: 'webhook' as const, body: JSON.stringify(body) },
  };
};

/** What a receiver does: recompute the HMAC from the headers and the raw body, compare in constant time. */
function verifies(request: ReceivedRequest, secret: string): boolean {
  const timestamp = String(request.headers['x-schoolgate-timestamp']);
  const given = Buffer.from(String(request.headers['x-schoolgate-signature']));
  const want = Buffer.from(
    `sha256=${createHmac('sha256', secret).update(`${timestamp}.${request.body}`).digest('hex')}`,
  );
  return given.length === want.length && timingSafeEqual(given, want);
}

for (const dialect of DIALECTS) {
  describe(`delivery worker, webhooks, on ${dialect}`, () => {
    it('retries after the receiver fails twice and is sent on the third attempt, signed', async () => {
      const store = await openTestStore(dialect);
      const receiver = await startReceiver([500, 500, 200]);
      const worker = startDeliveryWorker({
        db: store.db,
        email: null,
        webhooks: [hook(receiver.url)],
        delivery: { ...FAST_RETRY, maxAttempts: 5 },
        now: Date.now,
        log: () => {},
      });
      try {
        const queued = webhookDelivery();
        const id = await queueDelivery(store.db, queued, Date.now());
        worker.kick();
        const row = await waitForDelivery(store.db, worker, id, 'sent');
        assert.equal(row.attempts, 3);
        assert.equal(row.last_error, 'HTTP 500 Internal Server Error');
        assert.equal(receiver.requests.length, 3);
        for (const request of receiver.requests) {
          assert.equal(request.headers['content-type'], 'application/json');
          assert.equal(request.headers['x-schoolgate-delivery'], id, 'same id on every retry');
          assert.equal(request.body, queued.payload.body, 'the exact queued body');
          assert.ok(verifies(request, SECRET), 'the receiver recomputes the signature');
          assert.ok(!verifies(request, `${SECRET}-wrong`), 'another secret does not verify');
          const age = request.atMs / 1000 - Number(request.headers['x-schoolgate-timestamp']);
          assert.ok(age >= 0 && age < 5, `timestamp is recent: ${age} s`);
        }
        const parsed = JSON.parse(receiver.requests[2]!.body);
        assert.equal(parsed.type, 'alert.created');
        assert.equal(parsed.alert.id, queued.alertId);
        // Tampering with the body breaks the signature.
        const tampered = {
          ...receiver.requests[2]!,
          body: receiver.requests[2]!.body.replace('"level":5', '"level":1'),
        };
        assert.notEqual(tampered.body, receiver.requests[2]!.body);
        assert.ok(!verifies(tampered, SECRET));
      } finally {
        await worker.stop();
        await receiver.close();
        await store.close();
      }
    });

    it('a receiver that always fails: dead after maxAttempts; retryDelivery brings it back', async () => {
      const store = await openTestStore(dialect);
      const receiver = await startReceiver([503]);
      const log: string[] = [];
      const worker = startDeliveryWorker({
        db: store.db,
        email: null,
        webhooks: [hook(receiver.url)],
        delivery: FAST_RETRY,
        now: Date.now,
        log: (m) => log.push(m),
      });
      try {
        const id = await queueDelivery(store.db, webhookDelivery(), Date.now());
        worker.kick();
        const dead = await waitForDelivery(store.db, worker, id, 'dead');
        assert.equal(dead.attempts, FAST_RETRY.maxAttempts);
        assert.equal(dead.last_error, 'HTTP 503 Service Unavailable');
        assert.equal(receiver.requests.length, FAST_RETRY.maxAttempts);
        assert.deepEqual(log, [
          `delivery ${id} is dead after 3 attempts (webhook to cpoms): HTTP 503 Service Unavailable`,
        ]);
        const listed = await listDeliveries(store.db, { state: 'dead', limit: 10 });
        assert.deepEqual(
          listed.map((d) => [d.id, d.state, d.attempts, d.target]),
          [[id, 'dead', 3, 'cpoms']],
        );

        receiver.statuses = [204];
        assert.equal(await retryDelivery(store.db, id, Date.now()), true);
        assert.equal((await listDeliveries(store.db, { state: 'dead', limit: 10 })).length, 0);
        worker.kick();
        const sent = await waitForDelivery(store.db, worker, id, 'sent');
        assert.equal(sent.attempts, FAST_RETRY.maxAttempts + 1, 'attempts kept across the retry');
        assert.equal(receiver.requests.length, FAST_RETRY.maxAttempts + 1);
        assert.equal(
          await retryDelivery(store.db, id, Date.now()),
          false,
          'not dead: nothing to retry',
        );
        assert.equal(await retryDelivery(store.db, 'no-such-id', Date.now()), false);
        assert.equal(log.length, 1, 'dead was logged once');
      } finally {
        await worker.stop();
        await receiver.close();
        await store.close();
      }
    });

    it('a webhook no longer configured, or an unreadable payload, is dead at once', async () => {
      const store = await openTestStore(dialect);
      const log: string[] = [];
      const worker = startDeliveryWorker({
        db: store.db,
        email: null,
        webhooks: [],
        delivery: FAST_RETRY,
        now: Date.now,
        log: (m) => log.push(m),
      });
      try {
        const gone = await queueDelivery(store.db, webhookDelivery('old-hook'), Date.now());
        const broken = await queueDelivery(store.db, webhookDelivery('old-hook'), Date.now());
        await store.db
          .updateTable('alert_deliveries')
          .set({ payload: '{"kind":"webhook"' })
          .where('id', '=', broken)
          .execute();
        worker.kick();
        const goneRow = await waitForDelivery(store.db, worker, gone, 'dead');
        assert.equal(goneRow.attempts, 1);
        assert.equal(goneRow.last_error, "webhook 'old-hook' is no longer in monitor.webhooks");
        const brokenRow = await waitForDelivery(store.db, worker, broken, 'dead');
        assert.equal(brokenRow.last_error, 'the stored payload is not JSON');
        assert.equal(log.length, 2);
      } finally {
        await worker.stop();
        await store.close();
      }
    });

    it('backs off first * 2^(n-1) seconds, capped at the maximum', async () => {
      const store = await openTestStore(dialect);
      const receiver = await startReceiver([500]);
      let clock = Date.UTC(2026, 10, 24, 9, 0, 0);
      const worker = startDeliveryWorker({
        db: store.db,
        email: null,
        webhooks: [hook(receiver.url)],
        delivery: { maxAttempts: 5, firstRetrySeconds: 5, maxRetrySeconds: 15 },
        now: () => clock,
        log: () => {},
      });
      try {
        const id = await queueDelivery(store.db, webhookDelivery(), clock);
        const waits: number[] = [];
        for (let attempt = 1; attempt <= 4; attempt++) {
          worker.kick();
          await worker.idle();
          const row = await store.db
            .selectFrom('alert_deliveries')
            .selectAll()
            .where('id', '=', id)
            .executeTakeFirstOrThrow();
          assert.equal(row.state, 'pending');
          assert.equal(row.attempts, attempt);
          waits.push((row.next_ms - clock) / 1000);
          // Not due yet: a kick does nothing.
          worker.kick();
          await worker.idle();
          assert.equal(receiver.requests.length, attempt);
          clock = row.next_ms;
        }
        assert.deepEqual(waits, [5, 10, 15, 15]);
        worker.kick();
        await worker.idle();
        const last = await store.db
          .selectFrom('alert_deliveries')
          .select(['state', 'attempts'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        assert.deepEqual(last, { state: 'dead', attempts: 5 });
      } finally {
        await worker.stop();
        await receiver.close();
        await store.close();
      }
    });
  });
}
