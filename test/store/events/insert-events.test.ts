import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { dayStart, partitionName } from '../../../src/store/events/event-partitions.js';
import { fromEventRow } from '../../../src/store/events/event-row.js';
import { createEventInserter } from '../../../src/store/events/insert-events.js';
import { sampleEvent } from '../../events/event-fixture.js';
import { DIALECTS, openTestStore } from '../../support/store-dialects.js';

const DAY = 86_400_000;

for (const dialect of DIALECTS) {
  describe(`insertEvents on ${dialect}`, () => {
    it('stores every field of every event unchanged', async () => {
      const store = await openTestStore(dialect);
      try {
        const events = Array.from({ length: 40 }, (_, i) => sampleEvent(i));
        const result = await createEventInserter(store).insert(events);
        assert.deepEqual(result, { inserted: 40, duplicates: 0 });
        const rows = await store.db.selectFrom('events').selectAll().orderBy('time_ms').execute();
        assert.deepEqual(rows.map(fromEventRow), events);
      } finally {
        await store.close();
      }
    });

    it('ignores a replayed batch and does not count it twice in the rollups', async () => {
      const store = await openTestStore(dialect);
      try {
        const inserter = createEventInserter(store);
        const events = Array.from({ length: 30 }, (_, i) => sampleEvent(i));
        await inserter.insert(events.slice(0, 20));
        const again = await inserter.insert(events); // 20 replayed, 10 new
        assert.deepEqual(again, { inserted: 10, duplicates: 20 });
        const count = await store.db
          .selectFrom('events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        assert.equal(Number(count.n), 30);
        const total = await store.db
          .selectFrom('event_rollups')
          .where('dimension', '=', 'total')
          .select((eb) => eb.fn.sum<number>('events').as('n'))
          .executeTakeFirstOrThrow();
        assert.equal(Number(total.n), 30);
      } finally {
        await store.close();
      }
    });

    it('keeps rollups per hour, action, user, host and category', async () => {
      const store = await openTestStore(dialect);
      try {
        const events = Array.from({ length: 20 }, (_, i) => sampleEvent(i));
        await createEventInserter(store).insert(events);
        const rows = await store.db.selectFrom('event_rollups').selectAll().execute();
        const sum = (dimension: string, key: string, action?: string) =>
          rows
            .filter((r) => r.dimension === dimension && r.key === key)
            .filter((r) => action === undefined || r.action === action)
            .reduce((n, r) => n + Number(r.events), 0);
        const blocked = events.filter((e) => e.action === 'block');
        assert.ok(blocked.length > 0);
        assert.equal(sum('total', '', 'block'), blocked.length);
        assert.equal(sum('user', 'pupil.one'), events.length);
        assert.equal(
          sum('host', 'bad.example'),
          events.filter((e) => e.host === 'bad.example').length,
        );
        // Hosts are rolled up for blocked, warned and alerted requests only.
        assert.ok(events.some((e) => e.host === 'school.test' && e.action === 'allow'));
        assert.equal(sum('host', 'school.test', 'allow'), 0);
        const games = events.filter((e) => e.categories.includes('games')).length;
        assert.ok(games > 0);
        assert.equal(sum('category', 'games'), games);
        assert.equal(sum('group-category', 'pupils\tgames'), games);
        assert.equal(sum('search', 'pupils'), events.filter((e) => e.searchTerms !== null).length);
      } finally {
        await store.close();
      }
    });

    it('takes events from many days in one batch (PostgreSQL: one partition each)', async () => {
      const store = await openTestStore(dialect);
      try {
        const start = Date.parse('2026-11-20T23:59:59.990Z');
        const events = Array.from({ length: 6 }, (_, i) => sampleEvent(i, start + i * DAY));
        const result = await createEventInserter(store).insert(events);
        assert.equal(result.inserted, 6);
        const rows = await store.db.selectFrom('events').select('id').execute();
        assert.equal(rows.length, 6);
      } finally {
        await store.close();
      }
    });
  });
}

describe('insertEvents on postgres after retention dropped a day', () => {
  it('makes the partition again instead of failing the batch for ever', async () => {
    const store = await openTestStore('postgres');
    try {
      const inserter = createEventInserter(store);
      const day = Date.parse('2025-01-10T10:00:00Z');
      await inserter.insert([sampleEvent(0, day)]);
      await sql`drop table ${sql.table(partitionName(dayStart(day)))}`.execute(store.db);
      const late = await inserter.insert([sampleEvent(1, day)]);
      assert.deepEqual(late, { inserted: 1, duplicates: 0 });
    } finally {
      await store.close();
    }
  });
});
