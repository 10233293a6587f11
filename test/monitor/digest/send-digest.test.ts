import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { monitorConfigSchema } from '../../../src/config/monitor-config.js';
import { digestPeriod } from '../../../src/monitor/digest/digest-period.js';
import { sendDigest } from '../../../src/monitor/digest/send-digest.js';
import { parseDeliveryPayload } from '../../../src/monitor/notify/delivery-payload.js';
import { DIALECTS, openTestStore } from '../../support/store-dialects.js';

const monitor = monitorConfigSchema.parse({
  staff: [
    { id: 'dsl', name: 'A Patel', email: 'dsl@school.test', roles: ['dsl'] },
    { id: 'head', name: 'B Head', email: 'head@school.test', roles: ['head'] },
    // A teacher who is also a deputy head, limited to a class: never given school-wide names.
    { id: 'smith', name: 'J Smith', email: 'smith@school.test', roles: ['head'], classes: ['9x'] },
  ],
});
const period = digestPeriod('daily', '2026-11-23', 'Europe/London');
const now = () => Date.parse('2026-11-24T07:00:00Z');

for (const dialect of DIALECTS) {
  describe(`sendDigest (${dialect})`, () => {
    it('queues the digest, with its PDF and CSV, for the head and DSL, once', async () => {
      const store = await openTestStore(dialect);
      try {
        const options = { monitor, schoolName: 'Test School', actor: 'system:digest', now };
        const first = await sendDigest(store, period, options);
        assert.deepEqual(first, { kind: 'queued', recipients: ['dsl', 'head'] });
        const rows = await store.db
          .selectFrom('alert_deliveries')
          .selectAll()
          .orderBy('target')
          .execute();
        assert.deepEqual(
          rows.map((r) => [r.channel, r.target, r.alert_id, r.state]),
          [
            ['email', 'dsl@school.test', null, 'pending'],
            ['email', 'head@school.test', null, 'pending'],
          ],
        );
        const payload = parseDeliveryPayload(rows[0]!.payload);
        assert.equal(payload.kind, 'email');
        assert.match(payload.kind === 'email' ? payload.subject : '', /daily digest/);
        const files = payload.kind === 'email' ? (payload.attachments ?? []) : [];
        assert.deepEqual(
          files.map((f) => f.contentType.split(';')[0]),
          files.map((f) => (f.filename.endsWith('.pdf') ? 'application/pdf' : 'text/csv')),
        );
        assert.ok(
          Buffer.from(files.find((f) => f.filename.endsWith('.pdf'))!.base64, 'base64')
            .subarray(0, 5)
            .equals(Buffer.from('%PDF-')),
        );
        assert.deepEqual(await sendDigest(store, period, options), { kind: 'already-sent' });
        assert.equal((await sendDigest(store, period, { ...options, again: true })).kind, 'queued');
        const audit = await store.db
          .selectFrom('audit_log')
          .select(['action', 'target'])
          .where('target_kind', '=', 'report')
          .execute();
        assert.deepEqual(audit, [
          { action: 'digest.send', target: 'daily:2026-11-23' },
          { action: 'digest.send', target: 'daily:2026-11-23' },
        ]);
      } finally {
        await store.close();
      }
    });

    it('says so when nobody receives digests, and records nothing', async () => {
      const store = await openTestStore(dialect);
      try {
        const none = monitorConfigSchema.parse({});
        const sent = await sendDigest(store, period, {
          monitor: none,
          schoolName: 'Test School',
          actor: 'system:digest',
          now,
        });
        assert.deepEqual(sent, { kind: 'no-recipients' });
        assert.equal((await store.db.selectFrom('digest_runs').selectAll().execute()).length, 0);
      } finally {
        await store.close();
      }
    });
  });
}
