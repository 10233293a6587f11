/**
 * A group's events (issue 6, class views): `listEvents` with `{ kind: 'group' }` lists the
 * events whose policy group is the group or whose `groups` hold it (a class that is not a
 * policy group), through `event_group_members`, on both dialects: small groups by their
 * members' index ranges merged in time order, large ones by a filtered time scan; a pupil
 * who changed class shows in each class only while in it; the members table is kept by the
 * inserter and rebuilt from the events by migration 0007.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { createEventId } from '../../../src/events/create-event-id.js';
import type { WebEvent } from '../../../src/events/web-event.js';
import type { PageCursor } from '../../../src/store/events/event-page.js';
import { createEventInserter } from '../../../src/store/events/insert-events.js';
import { type EventFilter, listEvents } from '../../../src/store/events/list-events.js';
import { eventGroupsMigration } from '../../../src/store/migrations/0007-event-groups.js';
import type { Store } from '../../../src/store/open-store.js';
import { sampleEvent } from '../../events/event-fixture.js';
import { DIALECTS, openTestStore } from '../../support/store-dialects.js';

const START = Date.parse('2026-11-23T08:00:00Z');
const HOUR = 3_600_000;
const ALL_TIME = { fromMs: 0, toMs: Date.parse('2100-01-01T00:00:00Z') };
/** Enough people in `everyone` that it is read by a filtered scan, not member by member. */
const CROWD = 300;

/**
 * 600 events over ~16 hours. pupil.one is in class 9x until hour 8, then in 10y; pupil.two
 * is in 9x throughout; pupil.three has no class; a device with no user is in 'default';
 * pupil.odd's class has a quote in its name. Policy groups: year9 (pupil.one, two),
 * year7 (pupil.three), default. 300 crowd pupils make `everyone` large.
 */
function corpus(): WebEvent[] {
  const people = ['pupil.one', 'pupil.two', 'pupil.three', null, 'pupil.odd'] as const;
  const main = Array.from({ length: 600 }, (_, i): WebEvent => {
    const base = sampleEvent(i);
    const time = START + i * 97_000 + (i % 7 === 0 ? 0 : 1); // some identical times
    const user = people[i % people.length]!;
    const late = time >= START + 8 * HOUR;
    const groups =
      user === 'pupil.one'
        ? ['year9', late ? '10y' : '9x', 'everyone']
        : user === 'pupil.two'
          ? ['year9', '9x', 'everyone']
          : user === 'pupil.three'
            ? ['year7', 'everyone']
            : user === 'pupil.odd'
              ? ['year7', 'x",\\"9x', 'everyone']
              : ['default'];
    return {
      ...base,
      id: createEventId(time),
      time: new Date(time).toISOString(),
      user,
      groups,
      policyGroup: groups[0]!,
    };
  });
  const crowd = Array.from({ length: CROWD }, (_, i): WebEvent => {
    const time = START + i * 11_000 + 5;
    return {
      ...sampleEvent(i),
      id: createEventId(time),
      time: new Date(time).toISOString(),
      user: `crowd.${i}`,
      groups: ['year8', 'everyone'],
      policyGroup: 'year8',
    };
  });
  return [...main, ...crowd];
}

async function allPages(store: Store, filter: EventFilter, limit: number): Promise<WebEvent[]> {
  const out: WebEvent[] = [];
  let after: PageCursor | null = null;
  for (;;) {
    const page = await listEvents(store, filter, ALL_TIME, { limit, after });
    out.push(...page.events);
    if (page.next === null) return out;
    after = page.next;
  }
}

const newestFirst = (a: WebEvent, b: WebEvent) =>
  b.time.localeCompare(a.time) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
const inGroup = (group: string) => (e: WebEvent) =>
  e.policyGroup === group || e.groups.includes(group);

for (const dialect of DIALECTS) {
  describe(`group views on ${dialect}`, () => {
    let store: Store;
    const events = corpus();
    const ready = (async () => {
      store = await openTestStore(dialect);
      // In batches, as the writer sends them: the members' hours widen batch by batch.
      const inserter = createEventInserter(store);
      const sorted = [...events].sort((a, b) => a.time.localeCompare(b.time));
      for (let i = 0; i < sorted.length; i += 100) await inserter.insert(sorted.slice(i, i + 100));
    })();

    const cases: { name: string; group: string; searchesOnly?: boolean }[] = [
      { name: 'a class that is not a policy group', group: '9x' },
      { name: 'the class a pupil moved to', group: '10y' },
      { name: 'a policy group', group: 'year9' },
      { name: 'a policy group that is in groups too', group: 'year7' },
      { name: 'events with no user', group: 'default' },
      { name: 'a group of more than 64 people (scanned)', group: 'everyone' },
      { name: "a class's searches", group: '9x', searchesOnly: true },
      { name: 'a group name with quotes in it', group: 'x",\\"9x' },
    ];
    for (const { name, group, searchesOnly } of cases) {
      it(`lists ${name}, newest first, across pages`, async () => {
        await ready;
        const want = events
          .filter(inGroup(group))
          .filter((e) => searchesOnly !== true || e.searchTerms !== null)
          .sort(newestFirst);
        assert.ok(want.length > 0, 'the corpus has some');
        for (const limit of [7, 100]) {
          const got = await allPages(store, { kind: 'group', group, searchesOnly }, limit);
          assert.deepEqual(
            got.map((e) => e.id),
            want.map((e) => e.id),
            `limit ${limit}`,
          );
        }
      });
    }

    it('shows a pupil in a class only while in it, and nothing for an unknown group', async () => {
      await ready;
      const nineX = await allPages(store, { kind: 'group', group: '9x' }, 50);
      const one = nineX.filter((e) => e.user === 'pupil.one');
      assert.ok(one.length > 0);
      assert.ok(one.every((e) => Date.parse(e.time) < START + 8 * HOUR));
      assert.ok(!nineX.some((e) => e.user === 'pupil.odd'), 'a look-alike name is not 9x');
      const none = await listEvents(store, { kind: 'group', group: '9' }, ALL_TIME);
      assert.deepEqual(none, { events: [], next: null });
    });

    it('keeps to the period asked for', async () => {
      await ready;
      const period = { fromMs: START + 7 * HOUR + 1800_000, toMs: START + 9 * HOUR };
      const page = await listEvents(store, { kind: 'group', group: '9x' }, period, {
        limit: 1000,
      });
      const want = events
        .filter(inGroup('9x'))
        .filter((e) => Date.parse(e.time) >= period.fromMs && Date.parse(e.time) < period.toMs)
        .sort(newestFirst);
      assert.deepEqual(
        page.events.map((e) => e.id),
        want.map((e) => e.id),
      );
      assert.equal(page.next, null);
    });

    it('keeps who was in which group, and when, in event_group_members', async () => {
      await ready;
      const rows = await store.db
        .selectFrom('event_group_members')
        .selectAll()
        .where('username', 'in', ['pupil.one', ''])
        .orderBy('group_name')
        .orderBy('username')
        .execute();
      const hour = (ms: number) => ms - (ms % HOUR);
      const times = (user: string | null, group: string) =>
        events.filter((e) => e.user === user && inGroup(group)(e)).map((e) => Date.parse(e.time));
      const want = [
        ['10y', 'pupil.one'],
        ['9x', 'pupil.one'],
        ['default', ''],
        ['everyone', 'pupil.one'],
        ['year9', 'pupil.one'],
      ]
        .map(([group, user]) => {
          const t = times(user === '' ? null : user!, group!);
          return {
            group_name: group!,
            username: user!,
            first_hour_ms: hour(Math.min(...t)),
            last_hour_ms: hour(Math.max(...t)),
          };
        })
        .sort((a, b) => (a.group_name < b.group_name ? -1 : a.group_name > b.group_name ? 1 : 0));
      assert.deepEqual(
        rows.map((r) => ({
          ...r,
          first_hour_ms: Number(r.first_hour_ms),
          last_hour_ms: Number(r.last_hour_ms),
        })),
        want,
      );
    });

    it('migration 0007 rebuilds the same members from the stored events', async () => {
      await ready;
      const read = () =>
        store.db
          .selectFrom('event_group_members')
          .selectAll()
          .orderBy('group_name')
          .orderBy('username')
          .execute();
      const written = await read();
      assert.ok(written.length > CROWD);
      await sql`drop table event_group_members`.execute(store.db);
      await eventGroupsMigration().up(store.db as never);
      assert.deepEqual(await read(), written);
    });

    it('closes', async () => {
      await ready;
      await store.close();
    });
  });
}
