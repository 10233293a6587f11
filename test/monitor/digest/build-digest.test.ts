import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildDigest } from '../../../src/monitor/digest/build-digest.js';
import type { Digest } from '../../../src/monitor/digest/digest.js';
import { digestPeriod } from '../../../src/monitor/digest/digest-period.js';
import type { Store } from '../../../src/store/open-store.js';
import { DIALECTS, openTestStore } from '../../support/store-dialects.js';
import { alertRow, DAY, FORMULA_TERMS, seedDigest, TZ } from './digest-fixture.js';

const hours = (counts: Record<number, number>, length = 24) =>
  Array.from({ length }, (_, h) => counts[h] ?? 0);

const cases: {
  name: string;
  kind: 'daily' | 'weekly';
  day: string;
  want: (d: Digest) => Partial<Record<keyof Digest, unknown>>;
}[] = [
  {
    name: 'a day counts that day only',
    kind: 'daily',
    day: DAY,
    want: () => ({
      totals: {
        requests: 12,
        blocked: 7,
        warned: 1,
        alerted: 1,
        searches: 2,
        people: 2,
        alerts: 3,
      },
      blockedByCategory: [
        { key: 'adult', count: 4 },
        { key: 'gambling', count: 3 },
      ],
      blockedByGroup: [
        { key: 'year7', count: 4 },
        { key: 'year8', count: 2 },
        { key: 'guests', count: 1 },
      ],
      blockedByUser: [
        { key: 'pupil.one', count: 4 },
        { key: 'pupil.two', count: 2 },
      ],
      alertsByLevel: [
        { level: 5, count: 0 },
        { level: 4, count: 1 },
        { level: 3, count: 1 },
        { level: 2, count: 0 },
        { level: 1, count: 1 },
      ],
      alertsByState: [
        { state: 'new', count: 1 },
        { state: 'acknowledged', count: 1 },
        { state: 'escalated', count: 0 },
        { state: 'closed', count: 1 },
      ],
      moreAlerts: 0,
      searchTerms: [
        { key: 'how to self harm', count: 2 },
        { key: FORMULA_TERMS.toLowerCase(), count: 1 },
      ],
    }),
  },
  {
    name: 'a week counts Monday to Sunday, not the Sunday before or the Monday after',
    kind: 'weekly',
    day: '2026-11-26',
    want: () => ({
      totals: {
        requests: 20,
        blocked: 14,
        warned: 1,
        alerted: 1,
        searches: 3,
        people: 3,
        alerts: 5,
      },
      blockedByCategory: [
        { key: 'adult', count: 10 },
        { key: 'gambling', count: 3 },
        { key: 'weapons', count: 1 },
      ],
      blockedByUser: [
        { key: 'pupil.two', count: 7 },
        { key: 'pupil.one', count: 5 },
        { key: 'pupil.three', count: 1 },
      ],
      alertsByLevel: [5, 4, 3, 2, 1].map((level) => ({ level, count: 1 })),
      searchTerms: [
        { key: 'how to self harm', count: 2 },
        { key: FORMULA_TERMS.toLowerCase(), count: 1 },
        { key: 'the day before', count: 1 },
        { key: 'the evening before', count: 1 },
        { key: 'the next day', count: 1 },
      ],
    }),
  },
];

for (const dialect of DIALECTS) {
  describe(`buildDigest on ${dialect}`, () => {
    let store: Store;
    const ready = (async () => {
      store = await openTestStore(dialect);
      await seedDigest(store);
    })();

    for (const { name, kind, day, want } of cases) {
      it(name, async () => {
        await ready;
        const digest = await buildDigest(store, digestPeriod(kind, day, TZ));
        for (const [field, value] of Object.entries(want(digest))) {
          assert.deepEqual(digest[field as keyof Digest], value, field);
        }
      });
    }

    it('charts the day hour by hour, the last millisecond in the last hour', async () => {
      await ready;
      const digest = await buildDigest(store, digestPeriod('daily', DAY, TZ));
      assert.deepEqual(
        digest.blockedSeries.map((p) => p.blocked),
        hours({ 0: 1, 9: 2, 10: 1, 13: 1, 14: 1, 23: 1 }),
      );
      assert.equal(digest.blockedSeries[9]!.label, '09:00');
      assert.equal(digest.blockedSeries[9]!.key, '2026-11-24 09:00 GMT');
    });

    it('charts the week day by day', async () => {
      await ready;
      const digest = await buildDigest(store, digestPeriod('weekly', DAY, TZ));
      assert.deepEqual(
        digest.blockedSeries.map((p) => [p.label, p.blocked]),
        [
          ['Mon 23 Nov', 1],
          ['Tue 24 Nov', 7],
          ['Wed 25 Nov', 6],
          ['Thu 26 Nov', 0],
          ['Fri 27 Nov', 0],
          ['Sat 28 Nov', 0],
          ['Sun 29 Nov', 0],
        ],
      );
    });

    it('lists level 3+ alerts, most recent activity first, with what identifies them', async () => {
      await ready;
      const day = await buildDigest(store, digestPeriod('daily', DAY, TZ));
      assert.deepEqual(
        day.alerts.map((a) => ({ ...a })),
        [
          {
            id: 'a1',
            level: 4,
            category: 'self-harm',
            user: 'pupil.two',
            title: 'Searches about self-harm',
            count: 3,
            state: 'new',
            lastMs: Date.parse('2026-11-24T11:45:00Z'),
            last: 'Tue 24 Nov 2026 11:45',
          },
          {
            id: 'a2',
            level: 3,
            category: 'gambling',
            user: 'pupil.one',
            title: 'Repeated attempts at gambling sites',
            count: 5,
            state: 'acknowledged',
            lastMs: Date.parse('2026-11-24T10:30:00Z'),
            last: 'Tue 24 Nov 2026 10:30',
          },
        ],
      );
      const week = await buildDigest(store, digestPeriod('weekly', DAY, TZ));
      assert.deepEqual(
        week.alerts.map((a) => a.id),
        ['a4', 'a1', 'a2'],
      );
    });

    it('ranks at most topN of each', async () => {
      await ready;
      const digest = await buildDigest(store, digestPeriod('weekly', DAY, TZ), { topN: 1 });
      assert.deepEqual(digest.blockedByCategory, [{ key: 'adult', count: 10 }]);
      assert.deepEqual(digest.blockedByUser, [{ key: 'pupil.two', count: 7 }]);
      assert.deepEqual(digest.searchTerms, [{ key: 'how to self harm', count: 2 }]);
    });

    it('makes a digest of an empty day: all zeros, an hour-by-hour series of zeros', async () => {
      await ready;
      const digest = await buildDigest(store, digestPeriod('daily', '2026-12-25', TZ));
      assert.deepEqual(digest.totals, {
        requests: 0,
        blocked: 0,
        warned: 0,
        alerted: 0,
        searches: 0,
        people: 0,
        alerts: 0,
      });
      assert.deepEqual(digest.blockedByCategory, []);
      assert.deepEqual(digest.blockedByGroup, []);
      assert.deepEqual(digest.blockedByUser, []);
      assert.deepEqual(digest.alerts, []);
      assert.deepEqual(digest.searchTerms, []);
      assert.deepEqual(
        digest.alertsByLevel.map((l) => l.count),
        [0, 0, 0, 0, 0],
      );
      assert.deepEqual(
        digest.blockedSeries.map((p) => p.blocked),
        hours({}),
      );
    });

    it('lists 20 alerts and counts the rest', async () => {
      const s = await openTestStore(dialect);
      try {
        const many = Array.from({ length: 23 }, (_, i) =>
          alertRow({
            id: `m${String(i).padStart(2, '0')}`,
            level: 3 + (i % 3),
            last_ms: Date.parse('2026-11-24T12:00:00Z') + i * 1000,
          }),
        );
        await seedDigest(s, [], many, []);
        const digest = await buildDigest(s, digestPeriod('daily', DAY, TZ));
        assert.equal(digest.alerts.length, 20);
        assert.equal(digest.alerts[0]!.id, 'm22');
        assert.equal(digest.moreAlerts, 3);
        assert.equal(digest.totals.alerts, 23);
      } finally {
        await s.close();
      }
    });

    it('follows local midnight in summer time (BST) and across the change to GMT', async () => {
      const s = await openTestStore(dialect);
      try {
        await seedDigest(
          s,
          [
            // 00:30 BST on 1 July, and 00:30 BST on 2 July (outside the day).
            {
              time: '2026-06-30T23:30:00Z',
              user: 'pupil.one',
              group: 'year7',
              action: 'block',
              categories: ['adult'],
            },
            {
              time: '2026-07-01T23:30:00Z',
              user: 'pupil.one',
              group: 'year7',
              action: 'block',
              categories: ['adult'],
            },
            // 25 October 2026: 01:30 BST then 01:30 GMT, an hour apart, both that day.
            {
              time: '2026-10-25T00:30:00Z',
              user: 'pupil.one',
              group: 'year7',
              action: 'block',
              categories: ['adult'],
            },
            {
              time: '2026-10-25T01:30:00Z',
              user: 'pupil.one',
              group: 'year7',
              action: 'block',
              categories: ['adult'],
            },
          ],
          [],
          [],
        );
        const july = await buildDigest(s, digestPeriod('daily', '2026-07-01', TZ));
        assert.equal(july.totals.blocked, 1);
        assert.equal(july.blockedSeries[0]!.blocked, 1);
        assert.equal(july.blockedSeries[0]!.label, '00:00');
        const october = await buildDigest(s, digestPeriod('daily', '2026-10-25', TZ));
        assert.equal(october.blockedSeries.length, 25);
        assert.deepEqual(
          october.blockedSeries.slice(1, 4).map((p) => [p.label, p.blocked]),
          [
            ['01:00 BST', 1],
            ['01:00 GMT', 1],
            ['02:00', 0],
          ],
        );
      } finally {
        await s.close();
      }
    });
  });
}
