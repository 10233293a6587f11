import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WebEvent } from '../../src/events/web-event.js';
import { createMonitorService } from '../../src/monitor/monitor-service.js';
import { addNotice } from '../../src/monitor/notices/notice-records.js';
import { getAlert, listAlerts } from '../../src/monitor/records/alert-queries.js';
import { changeAlert } from '../../src/monitor/records/change-alert.js';
import { createEventInserter } from '../../src/store/events/insert-events.js';
import type { Store } from '../../src/store/open-store.js';
import { DIALECTS, openTestStore } from '../support/store-dialects.js';
import { blockedEvent, searchEvent, T0, testPhrases, webEvent } from './monitor-fixture.js';

const MINUTE = 60_000;

function monitorOn(store: Store) {
  const service = createMonitorService({
    db: store.db,
    phrases: testPhrases(),
    alertScore: 60,
    foldMinutes: 30,
    repeats: { attempts: 5, minutes: 10 },
    notifier: null,
    log: () => {},
  });
  const inserter = createEventInserter(store);
  return {
    service,
    /** Stores the events, then gives them to the monitor, as the event writer does. */
    async record(events: WebEvent[]) {
      await inserter.insert(events);
      await service.process(events);
    },
  };
}

for (const dialect of DIALECTS) {
  describe(`monitor service (${dialect})`, () => {
    it('folds a pupil’s run of self-harm searches into one alert whose level rises', async () => {
      const store = await openTestStore(dialect);
      try {
        const { record } = monitorOn(store);
        await record([searchEvent(0, 'i hate my life')]);
        let [alert] = await listAlerts(store.db);
        assert.equal(alert?.level, 2);
        await record([searchEvent(3 * MINUTE, 'self harm')]);
        await record([searchEvent(6 * MINUTE, 'ways to hurt myself')]);
        await record([searchEvent(9 * MINUTE, 'how to kill myself painless')]);
        const alerts = await listAlerts(store.db);
        assert.equal(alerts.length, 1);
        [alert] = alerts;
        assert.equal(alert?.count, 4);
        assert.equal(alert?.level, 5);
        assert.equal(alert?.category, 'self-harm');
        const found = await getAlert(store.db, alert!.id);
        assert.deepEqual(
          found?.evidence.map((e) => e.searchTerms),
          ['i hate my life', 'self harm', 'ways to hurt myself', 'how to kill myself painless'],
        );
      } finally {
        await store.close();
      }
    });

    it('a run scored together rises above its searches scored alone', async () => {
      const store = await openTestStore(dialect);
      try {
        const { record } = monitorOn(store);
        // 60 + 80 = 140 together (level 3); each alone is level 2 at most.
        await record([searchEvent(0, 'i hate my life')]);
        await record([searchEvent(MINUTE, 'hurt myself')]);
        const [alert] = await listAlerts(store.db);
        assert.equal(alert?.baseLevel, 3);
      } finally {
        await store.close();
      }
    });

    it('a replayed batch changes nothing (the writer may deliver a batch twice)', async () => {
      const store = await openTestStore(dialect);
      try {
        const { service, record } = monitorOn(store);
        const batch = [searchEvent(0, 'self harm'), searchEvent(MINUTE, 'hurt myself')];
        await record(batch);
        await service.process(batch);
        const [alert] = await listAlerts(store.db);
        assert.equal(alert?.count, 2);
        const evidence = await store.db.selectFrom('alert_evidence').selectAll().execute();
        assert.equal(evidence.length, 2);
      } finally {
        await store.close();
      }
    });

    it('folds a flood of blocked game attempts into one low alert, and ignores a few', async () => {
      const store = await openTestStore(dialect);
      try {
        const { record } = monitorOn(store);
        await record([0, 1, 2, 3].map((i) => blockedEvent(i * 1000, 'games')));
        assert.equal((await listAlerts(store.db)).length, 0, 'four attempts are not an alert');
        await record(Array.from({ length: 36 }, (_, i) => blockedEvent(5000 + i * 1000, 'games')));
        const alerts = await listAlerts(store.db);
        assert.equal(alerts.length, 1);
        assert.equal(alerts[0]?.kind, 'repeated');
        assert.equal(alerts[0]?.level, 1);
        assert.equal(alerts[0]?.count, 40);
        assert.equal(alerts[0]?.firstMs, T0);
      } finally {
        await store.close();
      }
    });

    it('repeated blocked attempts at a category of concern raise the level', async () => {
      const store = await openTestStore(dialect);
      try {
        const { record } = monitorOn(store);
        await record([0, 1, 2, 3, 4].map((i) => blockedEvent(i * MINUTE, 'self-harm')));
        const [alert] = await listAlerts(store.db);
        assert.equal(alert?.baseLevel, 3);
        assert.equal(alert?.level, 4);
      } finally {
        await store.close();
      }
    });

    it('keeps different pupils and different concerns apart, and opens a new alert after the fold window', async () => {
      const store = await openTestStore(dialect);
      try {
        const { record } = monitorOn(store);
        await record([
          searchEvent(0, 'self harm'),
          searchEvent(0, 'self harm', { user: 'pupil.two' }),
          searchEvent(0, 'join the caliphate'),
          searchEvent(40 * MINUTE, 'self harm'),
        ]);
        const alerts = await listAlerts(store.db);
        assert.equal(alerts.length, 4);
      } finally {
        await store.close();
      }
    });

    it('marks alerts a teacher’s notice covers as expected, one level lower', async () => {
      const store = await openTestStore(dialect);
      try {
        const { record } = monitorOn(store);
        await addNotice(
          store.db,
          {
            createdBy: 'smith',
            groups: ['9x'],
            topic: 'WW2 propaganda',
            keywords: ['propaganda'],
            fromMs: T0 - MINUTE,
            toMs: T0 + 60 * MINUTE,
          },
          () => T0 - 2 * MINUTE,
        );
        await record([searchEvent(0, 'nazi propaganda posters')]);
        await record([
          searchEvent(0, 'nazi propaganda posters', { user: 'other', groups: ['10y'] }),
        ]);
        const alerts = await listAlerts(store.db);
        const mine = alerts.find((a) => a.subject.user === 'pupil.one');
        const other = alerts.find((a) => a.subject.user === 'other');
        assert.equal(mine?.expected, 'WW2 propaganda');
        assert.equal(mine?.level, 1);
        assert.equal(other?.expected, null);
        assert.equal(other?.level, 2);
      } finally {
        await store.close();
      }
    });

    it('moves an alert through its workflow with each change on the audit trail', async () => {
      const store = await openTestStore(dialect);
      try {
        const { record } = monitorOn(store);
        await record([searchEvent(0, 'self harm')]);
        const [alert] = await listAlerts(store.db);
        const id = alert!.id;
        const now = () => T0 + MINUTE;
        const ack = await changeAlert(
          store.db,
          id,
          { kind: 'acknowledge', by: 'dsl', atMs: now() },
          now,
        );
        assert.equal(ack.ok, true);
        const closed = await changeAlert(
          store.db,
          id,
          {
            kind: 'close',
            by: 'dsl',
            atMs: now(),
            outcome: 'handled-in-school',
            why: 'spoke to pupil',
          },
          now,
        );
        assert.equal(closed.ok && closed.alert.state.kind, 'closed');
        const again = await changeAlert(
          store.db,
          id,
          { kind: 'acknowledge', by: 'dsl', atMs: now() },
          now,
        );
        assert.deepEqual(again, { ok: false, problem: 'the alert is already closed' });
        const audit = await store.db
          .selectFrom('audit_log')
          .select(['action', 'actor', 'reason'])
          .where('target_kind', '=', 'alert')
          .orderBy('seq')
          .execute();
        assert.deepEqual(audit, [
          { action: 'alert.acknowledge', actor: 'dsl', reason: null },
          { action: 'alert.close', actor: 'dsl', reason: 'spoke to pupil' },
        ]);
        // A closed alert is not grown: the next search opens a new one.
        await record([searchEvent(2 * MINUTE, 'self harm')]);
        assert.equal((await listAlerts(store.db, { states: ['new'] })).length, 1);
      } finally {
        await store.close();
      }
    });

    it('skips an event it cannot read and goes on with the batch', async () => {
      const store = await openTestStore(dialect);
      try {
        const logged: string[] = [];
        const service = createMonitorService({
          db: store.db,
          phrases: testPhrases(),
          alertScore: 60,
          foldMinutes: 30,
          repeats: { attempts: 5, minutes: 10 },
          notifier: null,
          log: (m) => logged.push(m),
        });
        const broken = { ...webEvent(0), categories: null } as unknown as WebEvent;
        await service.process([broken, searchEvent(1, 'self harm')]);
        assert.equal((await listAlerts(store.db)).length, 1);
        assert.equal(service.stats().unreadable, 1);
        assert.match(logged[0] ?? '', /could not be read/);
      } finally {
        await store.close();
      }
    });
  });
}
