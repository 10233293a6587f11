import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEventId } from '../../../src/events/create-event-id.js';
import type { WebEvent } from '../../../src/events/web-event.js';
import type { PageCursor } from '../../../src/store/events/event-page.js';
import { formatCursor, parseCursor } from '../../../src/store/events/event-page.js';
import { createEventInserter } from '../../../src/store/events/insert-events.js';
import { type EventFilter, listEvents } from '../../../src/store/events/list-events.js';
import { dashboardCounts, topBlocked } from '../../../src/store/events/rollup-queries.js';
import type { Store } from '../../../src/store/open-store.js';
import { sampleEvent } from '../../events/event-fixture.js';
import { DIALECTS, openTestStore } from '../../support/store-dialects.js';

const START = Date.parse('2026-11-23T08:00:00Z');
const HOUR = 3_600_000;
const ALL_TIME = { fromMs: 0, toMs: Date.parse('2100-01-01T00:00:00Z') };
const USERS = ['pupil.one', 'pupil.two', 'pupil.three'];
const HOSTS = [
  'www.news.example',
  'news.example',
  'sport.news.example',
  'newsexample.test',
  'school.test',
];

/** 300 events over ~8 hours: three pupils in two groups, varied hosts and paths, some searches. */
function corpus(): WebEvent[] {
  return Array.from({ length: 300 }, (_, i) => {
    const base = sampleEvent(i);
    const time = START + i * 97_000 + (i % 7 === 0 ? 0 : 1); // some identical times
    const user = USERS[i % 3]!;
    return {
      ...base,
      id: createEventId(time),
      time: new Date(time).toISOString(),
      user,
      policyGroup: user === 'pupil.three' ? 'year7' : 'pupils',
      host: i % 4 === 0 ? HOSTS[i % HOSTS.length]! : base.host,
      path: i % 4 === 0 ? (i % 8 === 0 ? '/sport/football' : '/news/today') : base.path,
    };
  });
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

for (const dialect of DIALECTS) {
  describe(`event queries on ${dialect}`, () => {
    let store: Store;
    const events = corpus();
    const ready = (async () => {
      store = await openTestStore(dialect);
      await createEventInserter(store).insert(events);
    })();

    const cases: { name: string; filter: EventFilter; want: (e: WebEvent) => boolean }[] = [
      {
        name: 'a person',
        filter: { kind: 'user', user: 'pupil.two' },
        want: (e) => e.user === 'pupil.two',
      },
      {
        name: "a person's searches",
        filter: { kind: 'user', user: 'pupil.one', searchesOnly: true },
        want: (e) => e.user === 'pupil.one' && e.searchTerms !== null,
      },
      {
        name: 'a group',
        filter: { kind: 'group', group: 'year7' },
        want: (e) => e.policyGroup === 'year7',
      },
      {
        // pupil.three's policy group is year7, but their events' groups hold pupils.
        name: "a group's searches",
        filter: { kind: 'group', group: 'pupils', searchesOnly: true },
        want: (e) =>
          (e.policyGroup === 'pupils' || e.groups.includes('pupils')) && e.searchTerms !== null,
      },
      {
        name: 'one host exactly',
        filter: { kind: 'host', host: 'news.example' },
        want: (e) => e.host === 'news.example',
      },
      {
        name: 'a site and its subdomains, not look-alikes',
        filter: { kind: 'host', host: 'news.example', includeSubdomains: true },
        want: (e) => e.host === 'news.example' || e.host.endsWith('.news.example'),
      },
      {
        name: 'a URL prefix',
        filter: {
          kind: 'host',
          host: 'news.example',
          includeSubdomains: true,
          pathPrefix: '/sport',
        },
        want: (e) =>
          (e.host === 'news.example' || e.host.endsWith('.news.example')) &&
          (e.path ?? '').startsWith('/sport'),
      },
    ];
    for (const { name, filter, want } of cases) {
      it(`lists ${name}, newest first, across pages`, async () => {
        await ready;
        const expected = events.filter(want).sort(newestFirst);
        assert.ok(expected.length > 0, 'the corpus has some');
        assert.deepEqual(await allPages(store, filter, 7), expected);
      });
    }

    it('keeps to the period asked for', async () => {
      await ready;
      const period = { fromMs: START + 2 * HOUR, toMs: START + 3 * HOUR };
      const page = await listEvents(store, { kind: 'user', user: 'pupil.one' }, period, {
        limit: 1000,
      });
      const want = events.filter(
        (e) =>
          e.user === 'pupil.one' &&
          Date.parse(e.time) >= period.fromMs &&
          Date.parse(e.time) < period.toMs,
      );
      assert.equal(page.events.length, want.length);
      assert.equal(page.next, null);
    });

    it('ranks the most blocked categories, hosts and people from the rollups', async () => {
      await ready;
      const blocked = events.filter((e) => e.action === 'block');
      const count = (key: (e: WebEvent) => string[]) => {
        const m = new Map<string, number>();
        for (const e of blocked) for (const k of key(e)) m.set(k, (m.get(k) ?? 0) + 1);
        return [...m]
          .map(([k, n]) => ({ key: k, events: n }))
          .sort((a, b) => b.events - a.events || (a.key < b.key ? -1 : 1));
      };
      assert.deepEqual(
        await topBlocked(store, ALL_TIME, { by: 'host', limit: 100 }),
        count((e) => [e.host]),
      );
      assert.deepEqual(
        await topBlocked(store, ALL_TIME, { by: 'user', limit: 100 }),
        count((e) => [e.user ?? '']),
      );
      assert.deepEqual(
        await topBlocked(store, ALL_TIME, { by: 'category', limit: 100 }),
        count((e) => [...e.categories]),
      );
      const year7 = await topBlocked(store, ALL_TIME, {
        by: 'category',
        group: 'year7',
        limit: 100,
      });
      assert.deepEqual(
        year7,
        count((e) => (e.policyGroup === 'year7' ? [...e.categories] : [])),
      );
    });

    it('counts the dashboard from the rollups', async () => {
      await ready;
      const counts = await dashboardCounts(store, ALL_TIME);
      assert.equal(counts.events, events.length);
      assert.equal(counts.byAction.block, events.filter((e) => e.action === 'block').length);
      assert.equal(counts.searches, events.filter((e) => e.searchTerms !== null).length);
      assert.equal(counts.people, 3);
      assert.equal(
        counts.hourly.reduce((n, h) => n + h.events, 0),
        events.length,
      );
      const year7 = await dashboardCounts(store, ALL_TIME, { group: 'year7' });
      assert.equal(year7.events, events.filter((e) => e.policyGroup === 'year7').length);
    });

    it('closes', async () => {
      await ready;
      await store.close();
    });
  });
}

describe('page cursors', () => {
  it('round-trip and reject anything else', () => {
    const cursor = { timeMs: START, id: createEventId(START) };
    assert.deepEqual(parseCursor(formatCursor(cursor)), cursor);
    for (const bad of ['', 'x:y', `${START}:not-an-id`, `-1:${cursor.id}`])
      assert.equal(parseCursor(bad), null);
  });
});
