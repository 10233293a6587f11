import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEmailSender, type EmailSender } from '../../../src/monitor/notify/email-sender.js';
import { queueDelivery } from '../../../src/monitor/notify/queue-delivery.js';
import { renderAlertMessage } from '../../../src/monitor/notify/render-alert-message.js';
import { startDeliveryWorker } from '../../../src/monitor/notify/start-delivery-worker.js';
import { RISK_MEANINGS } from '../../../src/monitor/risk-level.js';
import { type SmtpSink, startSmtpSink } from '../../support/smtp-sink.js';
import { DIALECTS, openTestStore } from '../../support/store-dialects.js';
import { testAlert, testEvidence } from './alert-fixture.js';
import { FAST_RETRY, waitForDelivery } from './delivery-fixture.js';

const OPTIONS = {
  schoolName: 'Sevenoaks School',
  consoleUrl: null,
  rise: false,
  timezone: 'Europe/London',
};

function emailTo(sink: SmtpSink): EmailSender {
  return createEmailSender(
    { host: '127.0.0.1', port: sink.port, secure: false, requireTls: false },
    'Schoolgate <schoolgate@school.test>',
  );
}

const alertEmail = (to: string) => {
  const alert = testAlert();
  return {
    alertId: alert.id,
    channel: 'email' as const,
    target: to,
    recipient: 'a.patel',
    level: alert.level,
    payload: { kind: 'email' as const, ...renderAlertMessage(alert, testEvidence(3), OPTIONS) },
  };
};

for (const dialect of DIALECTS) {
  describe(`delivery worker, e-mail, on ${dialect}`, () => {
    it('sends a queued alert e-mail to the real SMTP server at once and records it sent', async () => {
      const store = await openTestStore(dialect);
      const sink = await startSmtpSink();
      const email = emailTo(sink);
      const log: string[] = [];
      // A slow poll: only the kick can make this fast.
      const worker = startDeliveryWorker({
        db: store.db,
        email,
        webhooks: [],
        delivery: FAST_RETRY,
        now: Date.now,
        log: (m) => log.push(m),
        pollMs: 60_000,
      });
      try {
        await worker.idle();
        const queuedMs = Date.now();
        const id = await queueDelivery(store.db, alertEmail('dsl@school.test'), queuedMs);
        worker.kick();
        const [mail] = await sink.waitFor(1, 5000);
        assert.ok(mail!.receivedMs - queuedMs < 2000, `took ${mail!.receivedMs - queuedMs} ms`);
        assert.deepEqual(mail!.to, ['dsl@school.test']);
        assert.equal(
          mail!.subject,
          '[Schoolgate] Level 5 – self-harm – pupil.one – Sevenoaks School',
        );
        assert.ok(mail!.text.includes(`Level 5: ${RISK_MEANINGS[5]}`));
        assert.ok(mail!.text.includes('Search terms: how to hurt myself 2'));
        assert.ok(mail!.html?.includes('how to hurt myself 0'));
        const row = await waitForDelivery(store.db, worker, id, 'sent');
        assert.equal(row.attempts, 1);
        assert.ok(row.sent_ms !== null && row.sent_ms >= queuedMs);
        assert.equal(row.last_error, null);
        assert.equal(worker.stats().sent, 1);
        assert.deepEqual(log, []);
      } finally {
        await worker.stop();
        email.close();
        await sink.stop();
        await store.close();
      }
    });

    it('retries when the SMTP server refuses twice, and delivers on the third attempt', async () => {
      const store = await openTestStore(dialect);
      const sink = await startSmtpSink();
      const email = emailTo(sink);
      const worker = startDeliveryWorker({
        db: store.db,
        email,
        webhooks: [],
        delivery: { ...FAST_RETRY, maxAttempts: 5 },
        now: Date.now,
        log: () => {},
      });
      try {
        sink.rejectNext(2);
        const id = await queueDelivery(store.db, alertEmail('dsl@school.test'), Date.now());
        worker.kick();
        const messages = await sink.waitFor(1, 10_000);
        assert.equal(messages.length, 1);
        assert.equal(sink.rejected, 2);
        const row = await waitForDelivery(store.db, worker, id, 'sent');
        assert.equal(row.attempts, 3);
        assert.match(row.last_error ?? '', /451/, 'the last failure is kept');
        assert.equal(worker.stats().retried, 2);
      } finally {
        await worker.stop();
        email.close();
        await sink.stop();
        await store.close();
      }
    });

    it('gives up after maxAttempts refusals: dead, with the error, logged once', async () => {
      const store = await openTestStore(dialect);
      const sink = await startSmtpSink();
      const email = emailTo(sink);
      const log: string[] = [];
      const worker = startDeliveryWorker({
        db: store.db,
        email,
        webhooks: [],
        delivery: FAST_RETRY,
        now: Date.now,
        log: (m) => log.push(m),
      });
      try {
        sink.rejectNext(100);
        const queued = alertEmail('dsl@school.test');
        const id = await queueDelivery(store.db, queued, Date.now());
        worker.kick();
        const row = await waitForDelivery(store.db, worker, id, 'dead');
        assert.equal(row.attempts, FAST_RETRY.maxAttempts);
        assert.equal(sink.rejected, FAST_RETRY.maxAttempts);
        assert.match(row.last_error ?? '', /451/);
        assert.equal(log.length, 1);
        assert.match(
          log[0]!,
          new RegExp(
            `delivery ${id} is dead after 3 attempts \\(email to dsl@school.test\\): .*451`,
          ),
        );
        assert.ok(!log[0]!.includes('hurt myself'), 'the log never holds the content');
      } finally {
        await worker.stop();
        email.close();
        await sink.stop();
        await store.close();
      }
    });

    it('with no SMTP configured, an e-mail is dead at once with a clear error', async () => {
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
        const id = await queueDelivery(store.db, alertEmail('dsl@school.test'), Date.now());
        worker.kick();
        const row = await waitForDelivery(store.db, worker, id, 'dead');
        assert.equal(row.attempts, 1);
        assert.match(row.last_error ?? '', /monitor\.email\.smtp is not set/);
        assert.equal(log.length, 1);
        assert.match(log[0]!, /monitor\.email\.smtp is not set/);
        assert.equal(worker.stats().dead, 1);
      } finally {
        await worker.stop();
        await store.close();
      }
    });
  });
}
