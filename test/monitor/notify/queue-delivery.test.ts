import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDeliveryPayload } from '../../../src/monitor/notify/delivery-payload.js';
import { listDeliveries } from '../../../src/monitor/notify/list-deliveries.js';
import { queueDelivery } from '../../../src/monitor/notify/queue-delivery.js';
import { DIALECTS, openTestStore } from '../../support/store-dialects.js';
import { deliveryRow } from './delivery-fixture.js';

const T = Date.UTC(2026, 10, 24, 9, 0, 0);

const email = (alertId: string | null, n: number) => ({
  alertId,
  channel: 'email' as const,
  target: `staff${n}@school.test`,
  recipient: `staff${n}`,
  level: 4 as const,
  payload: {
    kind: 'email' as const,
    subject: `s${n}`,
    text: 't',
    html: '<p>t</p>',
    attachments: [{ filename: 'digest.pdf', contentType: 'application/pdf', base64: 'JVBERi0=' }],
  },
});

for (const dialect of DIALECTS) {
  describe(`queueDelivery and listDeliveries on ${dialect}`, () => {
    it('queues a pending row, due now, with the payload as JSON', async () => {
      const store = await openTestStore(dialect);
      try {
        const queued = email('alert-1', 1);
        const id = await queueDelivery(store.db, queued, T);
        const row = await deliveryRow(store.db, id);
        assert.match(id, /^[0-9a-f-]{36}$/);
        assert.deepEqual(
          { ...row, payload: parseDeliveryPayload(row.payload) },
          {
            id,
            alert_id: 'alert-1',
            channel: 'email',
            target: 'staff1@school.test',
            recipient: 'staff1',
            level: 4,
            payload: queued.payload,
            state: 'pending',
            attempts: 0,
            next_ms: T,
            last_error: null,
            created_ms: T,
            sent_ms: null,
          },
        );
      } finally {
        await store.close();
      }
    });

    it('commits with the transaction that stores the alert, or not at all', async () => {
      const store = await openTestStore(dialect);
      try {
        await assert.rejects(
          store.db.transaction().execute(async (tx) => {
            await queueDelivery(tx, email('alert-1', 1), T);
            throw new Error('the alert could not be stored');
          }),
          /could not be stored/,
        );
        assert.equal((await listDeliveries(store.db, { limit: 10 })).length, 0);
        await store.db.transaction().execute((tx) => queueDelivery(tx, email('alert-2', 2), T));
        assert.equal((await listDeliveries(store.db, { limit: 10 })).length, 1);
      } finally {
        await store.close();
      }
    });

    it('refuses a payload that does not match the channel', async () => {
      const store = await openTestStore(dialect);
      try {
        await assert.rejects(
          queueDelivery(store.db, { ...email(null, 1), channel: 'webhook' }, T),
          /a webhook delivery cannot carry a email payload/,
        );
      } finally {
        await store.close();
      }
    });

    it('lists newest first, by state, by alert, up to the limit', async () => {
      const store = await openTestStore(dialect);
      try {
        const ids: string[] = [];
        for (let n = 0; n < 5; n++) {
          ids.push(await queueDelivery(store.db, email(n < 3 ? 'alert-a' : 'alert-b', n), T + n));
        }
        await store.db
          .updateTable('alert_deliveries')
          .set({ state: 'dead', attempts: 8, last_error: 'HTTP 500' })
          .where('id', 'in', [ids[1]!, ids[4]!])
          .execute();
        const cases = [
          { name: 'all', filter: { limit: 10 }, want: [4, 3, 2, 1, 0] },
          { name: 'limit', filter: { limit: 2 }, want: [4, 3] },
          { name: 'dead', filter: { state: 'dead' as const, limit: 10 }, want: [4, 1] },
          { name: 'alert', filter: { alertId: 'alert-a', limit: 10 }, want: [2, 1, 0] },
          {
            name: 'alert_and_state',
            filter: { alertId: 'alert-a', state: 'pending' as const, limit: 10 },
            want: [2, 0],
          },
          { name: 'none', filter: { alertId: 'alert-z', limit: 10 }, want: [] },
        ];
        for (const c of cases) {
          const listed = await listDeliveries(store.db, c.filter);
          assert.deepEqual(
            listed.map((d) => d.id),
            c.want.map((i) => ids[i]),
            c.name,
          );
        }
        const [dead] = await listDeliveries(store.db, { state: 'dead', limit: 1 });
        assert.deepEqual(dead, {
          id: ids[4],
          alertId: 'alert-b',
          channel: 'email',
          target: 'staff4@school.test',
          recipient: 'staff4',
          level: 4,
          state: 'dead',
          attempts: 8,
          nextMs: T + 4,
          lastError: 'HTTP 500',
          createdMs: T + 4,
          sentMs: null,
        });
      } finally {
        await store.close();
      }
    });
  });
}

describe('parseDeliveryPayload', () => {
  const cases = [
    {
      name: 'webhook',
      input: '{"kind":"webhook","body":"{}"}',
      want: { kind: 'webhook', body: '{}' },
    },
    { name: 'not_json', input: '{', want: /not JSON/ },
    { name: 'unknown_kind', input: '{"kind":"sms","body":"x"}', want: /not a delivery/ },
    {
      name: 'email_missing_html',
      input: '{"kind":"email","subject":"s","text":"t"}',
      want: /not a delivery/,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      if (c.want instanceof RegExp) assert.throws(() => parseDeliveryPayload(c.input), c.want);
      else assert.deepEqual(parseDeliveryPayload(c.input), c.want);
    });
  }
});
