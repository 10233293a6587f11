/**
 * The Activity API over real HTTP against a real store, on both dialects: who may read whose
 * timeline (a teacher only their classes', IT only with a reason, governors not at all), that
 * every read is audited, paging by cursor, the text filter, and the CSV export.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { WebEvent } from '../../src/events/web-event.js';
import { createEventInserter } from '../../src/store/events/insert-events.js';
import { blockedEvent, searchEvent, T0, webEvent } from '../monitor/monitor-fixture.js';
import { DIALECTS } from '../support/store-dialects.js';
import { signedInClients, startTestConsole, type TestConsole } from './console-fixture.js';

interface Row {
  id: string;
  timeMs: number;
  user: string | null;
  groups: string[];
  action: string;
  url: string;
  host: string;
  path: string | null;
  searchTerms: string | null;
  categories: { id: string; label: string }[];
}
interface Page {
  events: Row[];
  next: string | null;
}

// The fixture's own events sit at T0..T0+2s with short ids; these start after them.
const FROM = T0 + 5_000;
const TO = T0 + 3_600_000;
const ONE_COUNT = 250;
const FORMULA = '=HYPERLINK("http://evil.example","click")';

let sequence = 0;
/** UUID-shaped ids, as the gateway writes them (page cursors carry them). */
const id = () => `019a0000-0000-7000-8000-${String(++sequence).padStart(12, '0')}`;
const at = (seconds: number) => 10_000 + seconds * 1_000;

function testEvents(): WebEvent[] {
  const one: WebEvent[] = [];
  for (let i = 0; i < ONE_COUNT; i++) {
    one.push(webEvent(at(i * 10), { id: id(), path: `/page/${i}` }));
  }
  one[10] = searchEvent(at(100), FORMULA, { id: id() });
  one[20] = { ...blockedEvent(at(200), 'games'), id: id() };
  one[30] = searchEvent(at(300), 'Volcano Facts', { id: id() });
  const two = [
    searchEvent(at(5), 'secret of ten y', {
      id: id(),
      user: 'pupil.two',
      groups: ['pupils', '10y'],
    }),
    webEvent(at(15), {
      id: id(),
      user: 'pupil.two',
      groups: ['pupils', '10y'],
      host: 'ten.example',
    }),
  ];
  // pupil.three moved from 10y to 9x: a 9x teacher sees only the 9x part of the timeline.
  const three = [
    webEvent(at(7), {
      id: id(),
      user: 'pupil.three',
      groups: ['pupils', '10y'],
      host: 'before.example',
    }),
    webEvent(at(8), {
      id: id(),
      user: 'pupil.three',
      groups: ['pupils', '9x'],
      host: 'after.example',
    }),
  ];
  // A class that is also a policy group (the school's policy has one for 9x).
  const nineXGroup = [
    webEvent(at(9), { id: id(), user: 'pupil.four', groups: ['9x'], policyGroup: '9x' }),
    webEvent(at(11), { id: id(), user: 'pupil.five', groups: ['10y'], policyGroup: '10y' }),
  ];
  return [...one, ...two, ...three, ...nineXGroup];
}

const query = (params: Record<string, string | number | boolean>) =>
  new URLSearchParams(
    Object.entries({ from: FROM, to: TO, ...params }).map(([k, v]): [string, string] => [
      k,
      String(v),
    ]),
  ).toString();

async function problemOf(response: Response) {
  assert.equal(response.headers.get('content-type')?.split(';')[0], 'application/problem+json');
  return (await response.json()) as { type: string; errors?: { path: string }[] };
}

for (const dialect of DIALECTS) {
  describe(`activity API (${dialect})`, () => {
    let t: TestConsole;
    const as = signedInClients(() => t.url);
    const page = async (username: string, params: Record<string, string | number | boolean>) => {
      const response = await (await as(username)).get(`/api/activity?${query(params)}`);
      assert.equal(response.status, 200, `${username} ${JSON.stringify(params)}`);
      return (await response.json()) as Page;
    };
    const auditRows = (actor: string) =>
      t.console.store.db
        .selectFrom('audit_log')
        .selectAll()
        .where('actor', '=', `console:${actor}`)
        .where('action', 'in', ['events.read', 'group-events.read'])
        .orderBy('seq')
        .execute();

    before(async () => {
      t = await startTestConsole(dialect, {}, () => TO);
      await createEventInserter(t.console.store).insert(testEvents());
    });
    after(async () => {
      await t?.close();
    });

    it('answers 401 without a session and 403 to roles without activity.read', async () => {
      for (const path of ['/api/activity', '/api/activity.csv']) {
        const response = await fetch(`${t.url}${path}?${query({ user: 'pupil.one' })}`);
        assert.equal(response.status, 401, path);
        assert.match((await problemOf(response)).type, /unauthenticated$/);
        for (const username of ['governor', 'bursar']) {
          const refused = await (await as(username)).get(`${path}?${query({ user: 'pupil.one' })}`);
          assert.equal(refused.status, 403, `${username} ${path}`);
          const body = await refused.text();
          assert.ok(!body.includes('pupil.one'), 'no name in the refusal');
        }
      }
      assert.equal((await auditRows('governor')).length, 0, 'a refused read is not a read');
    });

    it('refuses invalid input with the field named', async () => {
      const dsl = await as('dsl');
      const cases = [
        { name: 'no_subject', params: `from=${FROM}&to=${TO}`, path: 'user' },
        { name: 'both_subjects', params: query({ user: 'a', group: 'b' }), path: 'user' },
        { name: 'empty_period', params: `user=a&from=${TO}&to=${FROM}`, path: 'to' },
        { name: 'missing_from', params: `user=a&to=${TO}`, path: 'from' },
        { name: 'text_time', params: `user=a&from=yesterday&to=${TO}`, path: 'from' },
        { name: 'bad_cursor', params: query({ user: 'a', after: 'x:y' }), path: 'after' },
        { name: 'huge_limit', params: query({ user: 'a', limit: 5000 }), path: 'limit' },
        { name: 'bad_group', params: query({ group: '9x; drop' }), path: 'group' },
        {
          name: 'bad_flag',
          params: query({ user: 'a', searchesOnly: 'yes' }),
          path: 'searchesOnly',
        },
        { name: 'unknown_param', params: query({ user: 'a', sort: 'old' }), path: 'filter' },
      ];
      for (const c of cases) {
        const response = await dsl.get(`/api/activity?${c.params}`);
        assert.equal(response.status, 400, c.name);
        const problem = await problemOf(response);
        assert.match(problem.type, /invalid$/, c.name);
        assert.ok(
          problem.errors?.some((e) => e.path === c.path),
          `${c.name}: ${JSON.stringify(problem.errors)}`,
        );
      }
      const csvPaging = await dsl.get(`/api/activity.csv?${query({ user: 'a', limit: 10 })}`);
      assert.equal(csvPaging.status, 400, 'the CSV has no pages');
    });

    it('pages through a person’s timeline, newest first, auditing every page', async () => {
      const before = (await auditRows('dsl')).length;
      const seen: Row[] = [];
      const sizes: number[] = [];
      let next: string | null = null;
      do {
        const body: Page = await page('dsl', {
          user: 'pupil.one',
          limit: 100,
          ...(next === null ? {} : { after: next }),
        });
        sizes.push(body.events.length);
        seen.push(...body.events);
        next = body.next;
      } while (next !== null && sizes.length < 10);
      assert.deepEqual(sizes, [100, 100, 50]);
      assert.equal(new Set(seen.map((r) => r.id)).size, ONE_COUNT, 'no event twice');
      assert.ok(seen.every((r) => r.user === 'pupil.one'));
      for (let i = 1; i < seen.length; i++) {
        assert.ok(seen[i - 1]!.timeMs >= seen[i]!.timeMs, 'newest first');
      }
      const blocked = seen.find((r) => r.action === 'block')!;
      assert.equal(blocked.url, 'https://games.example/play');
      assert.deepEqual(
        blocked.categories.map((c) => c.id),
        ['games'],
      );
      assert.ok(blocked.categories[0]!.label.length > 0);
      const rows = (await auditRows('dsl')).slice(before);
      assert.equal(rows.length, 3, 'one audit row per page');
      assert.ok(rows.every((r) => r.target === 'pupil.one' && r.target_kind === 'person'));
      assert.deepEqual(
        rows.map((r) => (JSON.parse(r.details) as { page: string }).page),
        ['first', 'more', 'more'],
      );
    });

    it('filters by text in host, path or search terms, and to searches only', async () => {
      const cases = [
        { name: 'search_terms_any_case', q: 'volcano', want: ['Volcano Facts'] },
        { name: 'host', q: 'GAMES.example', want: [null] },
        { name: 'formula_text', q: 'hyperlink', want: [FORMULA] },
      ];
      for (const c of cases) {
        const body = await page('dsl', { user: 'pupil.one', q: c.q, limit: 10 });
        assert.deepEqual(
          body.events.map((r) => r.searchTerms),
          c.want,
          c.name,
        );
        assert.equal(body.next, null, c.name);
      }
      const path = await page('dsl', { user: 'pupil.one', q: '/page/24', limit: 100 });
      assert.deepEqual(
        path.events.map((r) => r.path),
        [
          '/page/249',
          '/page/248',
          '/page/247',
          '/page/246',
          '/page/245',
          '/page/244',
          '/page/243',
          '/page/242',
          '/page/241',
          '/page/240',
          '/page/24',
        ],
      );
      const searches = await page('dsl', { user: 'pupil.one', searchesOnly: true });
      assert.equal(searches.events.length, 2);
      assert.ok(searches.events.every((r) => r.searchTerms !== null));
      // A filtered page fills from later events: two matches a page, the cursor continues.
      const first = await page('dsl', { user: 'pupil.one', q: 'page/1', limit: 2 });
      assert.deepEqual(
        first.events.map((r) => r.path),
        ['/page/199', '/page/198'],
      );
      const second = await page('dsl', {
        user: 'pupil.one',
        q: 'page/1',
        limit: 2,
        after: first.next!,
      });
      assert.deepEqual(
        second.events.map((r) => r.path),
        ['/page/197', '/page/196'],
      );
    });

    it('keeps a teacher to their classes: never another class’s pupil', async () => {
      const other = await (await as('smith')).get(`/api/activity?${query({ user: 'pupil.two' })}`);
      assert.equal(other.status, 200);
      const text = await other.text();
      assert.deepEqual(JSON.parse(text), { events: [], next: null });
      assert.ok(!text.includes('secret'));
      const moved = await page('smith', { user: 'pupil.three' });
      assert.deepEqual(
        moved.events.map((r) => r.host),
        ['after.example'],
        'only the part of the timeline in 9x',
      );
      const own = await page('smith', { user: 'pupil.one', limit: 5 });
      assert.equal(own.events.length, 5);
      assert.notEqual(own.next, null);
      // Their class's group view: pupils whose events carry the class (pupil.one, and
      // pupil.three once moved into it) and the class's own policy group (pupil.four).
      const group = await page('smith', { group: '9x', limit: 1000 });
      assert.deepEqual([...new Set(group.events.map((r) => r.user))].sort(), [
        'pupil.four',
        'pupil.one',
        'pupil.three',
      ]);
      assert.equal(group.events.filter((r) => r.user === 'pupil.one').length, ONE_COUNT);
      assert.deepEqual(
        group.events.filter((r) => r.user === 'pupil.three').map((r) => r.host),
        ['after.example'],
      );
      assert.ok(!JSON.stringify(group).includes('secret'), 'nothing of 10y');
      for (const params of [{ group: '10y' }, { group: 'pupils' }]) {
        const refused = await (await as('smith')).get(`/api/activity?${query(params)}`);
        assert.equal(refused.status, 403, JSON.stringify(params));
        assert.match((await problemOf(refused)).type, /forbidden$/);
      }
      const csv = await (await as('smith')).get(
        `/api/activity.csv?${query({ user: 'pupil.two' })}`,
      );
      assert.equal(csv.status, 200);
      const lines = (await csv.text()).split('\r\n').filter((l) => l !== '');
      assert.equal(lines.length, 1, 'the header only');
    });

    it('refuses IT without a reason, and audits the reason given', async () => {
      const it_ = await as('it');
      for (const path of ['/api/activity', '/api/activity.csv']) {
        for (const reason of [undefined, '', ' x ']) {
          const params = query({ user: 'pupil.one', ...(reason === undefined ? {} : { reason }) });
          const refused = await it_.get(`${path}?${params}`);
          assert.equal(refused.status, 400, `${path} reason=${reason}`);
          const problem = await problemOf(refused);
          assert.match(problem.type, /invalid$/);
          assert.ok(problem.errors?.some((e) => e.path === 'reason'));
        }
      }
      assert.equal((await auditRows('it')).length, 0, 'nothing read, nothing audited');
      const reason = 'Helpdesk ticket 4411: pupil reports a site wrongly blocked';
      const body = await page('it', { user: 'pupil.one', limit: 3, reason });
      assert.equal(body.events.length, 3);
      const rows = await auditRows('it');
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.reason, reason);
      assert.equal(rows[0]!.target, 'pupil.one');
      assert.equal(rows[0]!.target_kind, 'person');
      assert.equal(rows[0]!.action, 'events.read');
    });

    it('shows a class that is not a policy group: its pupils’ events, paged in time order', async () => {
      // 10y is nobody's policy group but pupil.five's; pupil.two and (before moving)
      // pupil.three carry it as a class.
      const all = await page('dsl', { group: '10y', limit: 1000 });
      assert.deepEqual(
        all.events.map((r) => r.user),
        ['pupil.two', 'pupil.five', 'pupil.three', 'pupil.two'],
        'newest first: at 15 s, 11 s, 7 s and 5 s',
      );
      assert.deepEqual(
        all.events.map((r) => r.host).filter((h) => h.endsWith('.example')),
        ['ten.example', 'before.example'],
      );
      assert.deepEqual(
        all.events.map((r) => r.timeMs),
        [...all.events.map((r) => r.timeMs)].sort((a, b) => b - a),
      );
      const paged: Row[] = [];
      let after: string | null = null;
      do {
        const body: Page = await page('dsl', {
          group: '10y',
          limit: 1,
          ...(after === null ? {} : { after }),
        });
        paged.push(...body.events);
        after = body.next;
      } while (after !== null);
      assert.deepEqual(
        paged.map((r) => r.id),
        all.events.map((r) => r.id),
      );
      const searches = await page('dsl', { group: '10y', searchesOnly: true });
      assert.deepEqual(
        searches.events.map((r) => r.searchTerms),
        ['secret of ten y'],
      );
      const csv = await (await as('dsl')).get(`/api/activity.csv?${query({ group: '10y' })}`);
      assert.equal(csv.status, 200);
      const lines = (await csv.text()).split('\r\n').filter((l) => l !== '');
      assert.equal(lines.length, 1 + all.events.length, 'header and every row');
    });

    it('reads a group, audited as the group, and records a reason when one is given', async () => {
      const body = await page('head', { group: 'pupils', limit: 1000, reason: 'weekly review' });
      const users = new Set(body.events.map((r) => r.user));
      assert.ok(users.has('pupil.one') && users.has('pupil.two') && users.has('pupil.three'));
      assert.ok(!users.has('pupil.four'), 'policy group 9x is not pupils');
      // From the hourly rollups: a group with no events answers at once, and a period reaching
      // back past the rollups' retention is read from the events alone, with the same answer.
      const none = await page('head', { group: 'nobody', limit: 1000 });
      assert.deepEqual(none, { events: [], next: null });
      const searches = await page('head', { group: 'pupils', searchesOnly: true, limit: 1000 });
      assert.deepEqual(
        searches.events.map((r) => r.searchTerms),
        ['Volcano Facts', FORMULA, 'secret of ten y'],
      );
      const longAgo = await page('head', { group: 'pupils', from: 0, limit: 1000 });
      assert.deepEqual(
        longAgo.events.map((r) => r.id).slice(0, body.events.length),
        body.events.map((r) => r.id),
      );
      assert.equal(longAgo.events.length, body.events.length + 3, 'and the fixture’s own three');
      const rows = await auditRows('head');
      assert.equal(rows.at(-4)!.reason, 'weekly review');
      assert.equal(rows.at(-1)!.action, 'group-events.read');
      assert.equal(rows.at(-1)!.target_kind, 'group');
      assert.equal(rows.at(-1)!.target, 'pupils');
    });

    it('exports CSV: attachment, header, every row, formulas neutralised, audited', async () => {
      const response = await (await as('deputy')).get(
        `/api/activity.csv?${query({ user: 'pupil.one' })}`,
      );
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
      assert.match(
        response.headers.get('content-disposition') ?? '',
        /^attachment; filename="activity-pupil\.one-2026-11-24-to-2026-11-24\.csv"$/,
      );
      // Response.text() would drop the BOM: read the bytes to see it is there.
      const bytes = new Uint8Array(await response.arrayBuffer());
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'starts with a UTF-8 BOM');
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
      assert.ok(text.startsWith('\uFEFFlocal_time,time_utc,user,groups,'), 'BOM and header');
      const lines = text.slice(1).split('\r\n');
      assert.equal(lines.at(-1), '', 'ends with CRLF');
      assert.equal(lines.length - 2, ONE_COUNT, 'a row per event');
      assert.ok(
        text.includes(`"'=HYPERLINK(""http://evil.example"",""click"")"`),
        'the formula is quoted and starts with an apostrophe',
      );
      assert.ok(!/(^|,)=HYPERLINK/m.test(text), 'no cell starts with =');
      assert.ok(
        text.includes('2026-11-24 10:00:10,2026-11-24T10:00:10.000Z,pupil.one,pupils; 9x,'),
      );
      const rows = await auditRows('deputy');
      assert.equal(rows.length, 1);
      assert.equal((JSON.parse(rows[0]!.details) as { format: string }).format, 'csv');
    });
  });
}
