import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { monitorConfigSchema } from '../../src/config/monitor-config.js';
import type { WebEvent } from '../../src/events/web-event.js';
import { createAlertNotifier } from '../../src/monitor/alert-notifier.js';
import { createMonitorService } from '../../src/monitor/monitor-service.js';
import { createEventInserter } from '../../src/store/events/insert-events.js';
import type { Store } from '../../src/store/open-store.js';
import { DIALECTS, openTestStore } from '../support/store-dialects.js';
import { searchEvent, T0, testPhrases } from './monitor-fixture.js';

const MINUTE = 60_000;

const STAFF = [
  { id: 'dsl', name: 'A Patel', email: 'dsl@school.test', roles: ['dsl'] },
  { id: 'smith', name: 'J Smith', email: 'smith@school.test', roles: ['teacher'], classes: ['9x'] },
];

/** A monitor whose notifier queues into the store; the clock is the test's. */
function monitorWith(store: Store, settings: Record<string, unknown>, now: () => number) {
  const config = monitorConfigSchema.parse({
    staff: STAFF,
    webhooks: [{ name: 'mis', url: 'http://127.0.0.1:9/hook', secret: 'a-secret-of-16-chars+' }],
    ...settings,
  });
  const service = createMonitorService({
    db: store.db,
    phrases: testPhrases(),
    alertScore: 60,
    foldMinutes: 30,
    repeats: { attempts: 5, minutes: 10 },
    notifier: createAlertNotifier({
      config,
      schoolName: 'Test School',
      timezone: 'Europe/London',
      now,
      worker: null,
    }),
    log: () => {},
  });
  const inserter = createEventInserter(store);
  return async (events: WebEvent[]) => {
    await inserter.insert(events);
    await service.process(events);
  };
}

async function outbox(store: Store) {
  return store.db
    .selectFrom('alert_deliveries')
    .select(['channel', 'target', 'level'])
    .orderBy('created_ms')
    .orderBy('level')
    .orderBy('target')
    .execute();
}

for (const dialect of DIALECTS) {
  describe(`alert notifier (${dialect})`, () => {
    it('queues an urgent alert for everyone routed and the webhook, once per level', async () => {
      const store = await openTestStore(dialect);
      try {
        const record = monitorWith(store, {}, () => T0);
        await record([searchEvent(0, 'self harm')]); // level 3: the digest, nothing now
        assert.deepEqual(await outbox(store), []);
        await record([searchEvent(MINUTE, 'how to kill myself')]); // rises to 5
        await record([searchEvent(2 * MINUTE, 'how to kill myself')]); // still 5: nobody again
        assert.deepEqual(await outbox(store), [
          { channel: 'email', target: 'dsl@school.test', level: 5 },
          { channel: 'webhook', target: 'mis', level: 5 },
          { channel: 'email', target: 'smith@school.test', level: 5 },
        ]);
      } finally {
        await store.close();
      }
    });

    it('holds level 1-3 e-mails back in quiet hours, never level 4-5', async () => {
      const store = await openTestStore(dialect);
      try {
        const night = Date.parse('2026-11-24T22:00:00Z');
        const record = monitorWith(
          store,
          {
            quietHours: { from: '18:00', to: '07:30' },
            routes: [{ minLevel: 1, to: ['role:dsl'], immediate: true }],
          },
          () => night,
        );
        await record([searchEvent(0, 'self harm')]); // level 3, immediate route, but night
        assert.deepEqual(await outbox(store), []);
        await record([searchEvent(MINUTE, 'how to kill myself', { user: 'pupil.two' })]);
        assert.deepEqual(
          (await outbox(store)).filter((d) => d.channel === 'email'),
          [{ channel: 'email', target: 'dsl@school.test', level: 5 }],
        );
      } finally {
        await store.close();
      }
    });

    it('limits immediate lower-level e-mails per recipient per hour', async () => {
      const store = await openTestStore(dialect);
      try {
        const record = monitorWith(
          store,
          {
            perRecipientPerHour: 2,
            routes: [{ minLevel: 1, to: ['role:dsl'], immediate: true }],
            webhooks: [],
          },
          () => T0,
        );
        for (const user of ['p1', 'p2', 'p3', 'p4']) {
          await record([searchEvent(0, 'self harm', { user })]);
        }
        assert.equal((await outbox(store)).length, 2);
        await record([searchEvent(0, 'how to kill myself', { user: 'p5' })]);
        assert.equal((await outbox(store)).length, 3, 'level 5 is never rate-limited');
      } finally {
        await store.close();
      }
    });
  });
}
