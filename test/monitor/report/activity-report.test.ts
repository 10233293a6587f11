import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { auditTrailFor } from '../../../src/casework/audit/read-audit.js';
import type { WebEvent } from '../../../src/events/web-event.js';
import {
  type ActivityReportOptions,
  buildActivityReport,
} from '../../../src/monitor/report/activity-report.js';
import type { Store } from '../../../src/store/open-store.js';
import { DIALECTS, openTestStore } from '../../support/store-dialects.js';
import { at, insertAlerts, seedDigest, TZ } from '../digest/digest-fixture.js';

const WEEK = { fromMs: at('2026-11-23T00:00:00Z'), toMs: at('2026-11-30T00:00:00Z') };
const TUESDAY = { fromMs: at('2026-11-24T00:00:00Z'), toMs: at('2026-11-25T00:00:00Z') };
const NOW = at('2026-12-01T09:00:00Z');
const ask = (o: Pick<ActivityReportOptions, 'subject' | 'period'>): ActivityReportOptions => ({
  ...o,
  actor: 'console:jane.dsl',
  reason: 'case 2026-17',
  clientAddress: '10.0.9.9',
  timezone: TZ,
  now: () => NOW,
});

for (const dialect of DIALECTS) {
  describe(`buildActivityReport on ${dialect}`, () => {
    let store: Store;
    let events: WebEvent[];
    const ready = (async () => {
      store = await openTestStore(dialect);
      events = await seedDigest(store);
      // pupil.one's search for 'volcano' and blocked gambling attempt are evidence in a2.
      const evidence = events
        .filter(
          (e) =>
            e.searchTerms === 'volcano' ||
            (e.user === 'pupil.one' && e.categories.includes('gambling')),
        )
        .map((e) => ({
          alert_id: 'a2',
          event_id: e.id,
          time_ms: Date.parse(e.time),
          url: `https://${e.host}/`,
          action: e.action,
          search_terms: e.searchTerms,
          phrases: '[]',
          snippet: null,
        }));
      assert.equal(evidence.length, 2);
      await insertAlerts(store.db, [], evidence);
    })();

    it("reports a person's week", async () => {
      await ready;
      const r = await buildActivityReport(
        store,
        ask({ subject: { user: 'pupil.one' }, period: WEEK }),
      );
      assert.deepEqual(r.subject, { kind: 'user', name: 'pupil.one' });
      assert.equal(r.period.label, 'Mon 23 Nov 2026 00:00 to Mon 30 Nov 2026 00:00');
      assert.deepEqual(r.totals, {
        requests: 9,
        allowed: 4,
        blocked: 5,
        warned: 0,
        alerted: 0,
        searches: 2,
        alerts: 3,
      });
      assert.deepEqual(
        r.series.map((d) => [d.label, d.requests, d.blocked]),
        [
          ['Mon 23 Nov', 1, 1],
          ['Tue 24 Nov', 7, 4],
          ['Wed 25 Nov', 1, 0],
          ['Thu 26 Nov', 0, 0],
          ['Fri 27 Nov', 0, 0],
          ['Sat 28 Nov', 0, 0],
          ['Sun 29 Nov', 0, 0],
        ],
      );
      assert.deepEqual(r.topHosts, [
        { host: 'adult.blocked.example', requests: 3, blocked: 3 },
        { host: 'school.test', requests: 2, blocked: 0 },
        { host: 'bet.blocked.example', requests: 1, blocked: 1 },
        { host: 'site13.blocked.example', requests: 1, blocked: 1 },
        { host: 'site20.blocked.example', requests: 1, blocked: 0 },
        { host: 'www.google.co.uk', requests: 1, blocked: 0 },
      ]);
      assert.deepEqual(r.topCategories, [
        { key: 'adult', count: 4 },
        { key: 'education', count: 2 },
        { key: 'gambling', count: 1 },
      ]);
      assert.deepEqual(
        r.blocked.map((e) => [e.time, e.host, e.path, e.inAlert]),
        [
          ['Tue 24 Nov 2026 14:05', 'adult.blocked.example', '/', false],
          ['Tue 24 Nov 2026 10:00', 'bet.blocked.example', '/', true],
          ['Tue 24 Nov 2026 09:20', 'adult.blocked.example', '/videos', false],
          ['Tue 24 Nov 2026 09:10', 'adult.blocked.example', '/', false],
          ['Mon 23 Nov 2026 23:59', 'site13.blocked.example', '/', false],
        ],
      );
      assert.equal(r.blockedMore, false);
      assert.deepEqual(
        r.searches.map((e) => [e.searchTerms, e.user, e.inAlert]),
        [
          ['volcano again', 'pupil.one', false],
          ['volcano', 'pupil.one', true],
        ],
      );
      assert.deepEqual(
        r.alerts.map((a) => [a.id, a.level, a.state]),
        [
          ['a3', 1, 'closed'],
          ['a2', 3, 'acknowledged'],
          ['a5', 2, 'new'],
        ],
      );
    });

    it("reports a group's day, naming the person on each row", async () => {
      await ready;
      const r = await buildActivityReport(
        store,
        ask({ subject: { group: 'year8' }, period: TUESDAY }),
      );
      assert.deepEqual(r.subject, { kind: 'group', name: 'year8' });
      assert.deepEqual(r.totals, {
        requests: 4,
        allowed: 0,
        blocked: 2,
        warned: 1,
        alerted: 1,
        searches: 1,
        alerts: 1,
      });
      assert.deepEqual(
        r.series.map((d) => [d.key, d.requests, d.blocked]),
        [['2026-11-24', 4, 2]],
      );
      assert.deepEqual(r.topCategories, [
        { key: 'gambling', count: 2 },
        { key: 'games', count: 1 },
        { key: 'self-harm', count: 1 },
      ]);
      assert.deepEqual(r.topHosts, [
        { host: 'bet.blocked.example', requests: 2, blocked: 2 },
        { host: 'games.example', requests: 1, blocked: 0 },
        { host: 'www.google.co.uk', requests: 1, blocked: 0 },
      ]);
      assert.deepEqual(
        r.blocked.map((e) => [e.user, e.time]),
        [
          ['pupil.two', 'Tue 24 Nov 2026 23:59'],
          ['pupil.two', 'Tue 24 Nov 2026 13:00'],
        ],
      );
      assert.deepEqual(
        r.searches.map((e) => [e.user, e.searchTerms]),
        [['pupil.two', 'how to self harm']],
      );
      assert.deepEqual(
        r.alerts.map((a) => a.id),
        ['a1'],
      );
    });

    const periods = [
      {
        name: 'a morning, rounded out to whole hours',
        period: { fromMs: at('2026-11-25T10:00:30Z'), toMs: at('2026-11-25T10:02:30Z') },
        want: {
          from: '2026-11-25T10:00:00.000Z',
          to: '2026-11-25T11:00:00.000Z',
          blocked: 4,
          listed: 4,
        },
      },
      {
        name: 'the night before, not the morning',
        period: { fromMs: at('2026-11-24T12:00:00Z'), toMs: at('2026-11-25T10:00:00Z') },
        want: {
          from: '2026-11-24T12:00:00.000Z',
          to: '2026-11-25T10:00:00.000Z',
          blocked: 3,
          listed: 3,
        },
      },
      {
        name: 'a week with nothing in it',
        period: { fromMs: at('2026-12-07T00:00:00Z'), toMs: at('2026-12-14T00:00:00Z') },
        want: {
          from: '2026-12-07T00:00:00.000Z',
          to: '2026-12-14T00:00:00.000Z',
          blocked: 0,
          listed: 0,
        },
      },
    ];
    for (const { name, period, want } of periods) {
      it(`keeps to the period: ${name}`, async () => {
        await ready;
        const r = await buildActivityReport(store, ask({ subject: { user: 'pupil.two' }, period }));
        assert.deepEqual(
          {
            from: new Date(r.period.fromMs).toISOString(),
            to: new Date(r.period.toMs).toISOString(),
            blocked: r.totals.blocked,
            listed: r.blocked.length,
          },
          want,
        );
        for (const e of r.blocked) {
          assert.ok(e.timeMs >= r.period.fromMs && e.timeMs < r.period.toMs, e.time);
        }
      });
    }

    it('caps the lists and says there were more', async () => {
      await ready;
      const r = await buildActivityReport(store, {
        ...ask({ subject: { user: 'pupil.two' }, period: WEEK }),
        listLimit: 2,
      });
      assert.equal(r.totals.blocked, 7);
      assert.equal(r.blocked.length, 2);
      assert.equal(r.blockedMore, true);
      assert.equal(r.searchesMore, false);
    });

    it('puts the read on the audit trail, with who, why and the period', async () => {
      await ready;
      await buildActivityReport(store, ask({ subject: { user: 'pupil.three' }, period: WEEK }));
      await buildActivityReport(store, ask({ subject: { group: 'year7' }, period: WEEK }));
      const person = await auditTrailFor(store.db, 'person', 'pupil.three');
      assert.equal(person.length, 1);
      assert.deepEqual(
        {
          actor: person[0]!.actor,
          action: person[0]!.action,
          reason: person[0]!.reason,
          clientAddress: person[0]!.clientAddress,
          timeMs: person[0]!.timeMs,
          details: person[0]!.details,
        },
        {
          actor: 'console:jane.dsl',
          action: 'activity-report.read',
          reason: 'case 2026-17',
          clientAddress: '10.0.9.9',
          timeMs: NOW,
          details: { fromMs: WEEK.fromMs, toMs: WEEK.toMs },
        },
      );
      const group = await auditTrailFor(store.db, 'group', 'year7');
      assert.equal(group.length, 1);
      assert.equal(group[0]!.action, 'activity-report.read');
    });

    it('refuses a report without a reason, reading and recording nothing', async () => {
      await ready;
      await assert.rejects(
        buildActivityReport(store, {
          ...ask({ subject: { user: 'pupil.four' }, period: WEEK }),
          reason: ' ',
        }),
        TypeError,
      );
      await assert.rejects(
        buildActivityReport(
          store,
          ask({ subject: { user: 'pupil.four' }, period: { fromMs: 2, toMs: 1 } }),
        ),
        RangeError,
      );
      assert.deepEqual(await auditTrailFor(store.db, 'person', 'pupil.four'), []);
    });

    const failing = [
      { name: 'a person', subject: { user: 'pupil.one' }, kind: 'person', table: 'events' },
      { name: 'a group', subject: { group: 'year7' }, kind: 'group', table: 'event_rollups' },
    ] as const;
    for (const { name, subject, kind, table } of failing) {
      it(`audits the read of ${name} before reading: the row stays when the read fails`, async () => {
        const broken = await openTestStore(dialect);
        try {
          await sql`drop table ${sql.table(table)}`.execute(broken.db);
          await assert.rejects(buildActivityReport(broken, ask({ subject, period: WEEK })));
          const trail = await auditTrailFor(
            broken.db,
            kind,
            'user' in subject ? subject.user : subject.group,
          );
          assert.equal(trail.length, 1);
          assert.equal(trail[0]!.action, 'activity-report.read');
        } finally {
          await broken.close();
        }
      });
    }
  });
}
