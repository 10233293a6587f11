import type { ExpressionBuilder } from 'kysely';
import type { Store } from '../open-store.js';
import type { Database, EventsTable } from '../schema.js';
import type { StoreDialect } from '../store-dialect.js';
import type { EventPage, PageCursor, PageOptions, Period } from './event-page.js';
import { pageSize } from './event-page.js';
import { fromEventRow, reverseHost } from './event-row.js';
import { NO_USER } from './group-members.js';
import { HOUR_MS } from './rollup-dimension.js';

/**
 * Which events to list. Each kind is served by an index (see `schema.ts`):
 * - `user`: `(username, time_ms)`;
 * - `group`: events whose policy group is it or whose `groups` (classes, year groups) hold
 *   it. A group of up to 64 people (a class) is read through each member's
 *   `(username, time_ms)` range, found in `event_group_members`, and merged in time order;
 *   a larger group (all pupils) through the time index, filtered: it is busy enough that a
 *   page fills quickly;
 * - `host`: `(host_rev, time_ms)`; with `includeSubdomains` the reversed-host range covers
 *   `*.host` too; `pathPrefix` narrows to a URL prefix;
 * - `searchesOnly` keeps events with search terms (a person's or a group's searches).
 */
export type EventFilter =
  | { readonly kind: 'user'; readonly user: string; readonly searchesOnly?: boolean }
  | { readonly kind: 'group'; readonly group: string; readonly searchesOnly?: boolean }
  | {
      readonly kind: 'host';
      readonly host: string;
      readonly includeSubdomains?: boolean;
      readonly pathPrefix?: string;
    };

type Where = ExpressionBuilder<Database, 'events'>;

/**
 * Lists the events matching `filter` in `period`, newest first, one page at a time (keyset
 * paging on `(time_ms, id)`: page 1,000 costs what page 1 does). Callers that show a person's
 * records audit the read first (`withAuditedRead` in src/casework/audit/).
 *
 * ### Examples
 * ```ts
 * const page = await listEvents(store, { kind: 'user', user: 'pupil.one' }, week, { limit: 50 });
 * const more = await listEvents(store, filter, week, { after: page.next });
 * const searches = await listEvents(store, { kind: 'group', group: 'year7', searchesOnly: true }, day);
 * const site = await listEvents(store, { kind: 'host', host: 'tiktok.com', includeSubdomains: true }, week);
 * ```
 */
export async function listEvents(
  store: Store,
  filter: EventFilter,
  period: Period,
  options: PageOptions = {},
): Promise<EventPage> {
  const limit = pageSize(options);
  const after = options.after ?? null;
  const query = (where: (eb: Where) => ReturnType<Where['and']>) =>
    newestFirst(store, where, period, after, limit + 1);
  const rows =
    filter.kind === 'group'
      ? await groupRows(store, filter, period, after, limit + 1)
      : store.dialect === 'sqlite' && filter.kind === 'host' && filter.includeSubdomains === true
        ? await siteBySubdomains(store, filter, query, limit + 1)
        : await query((eb) => matches(eb, filter, store.dialect));
  const more = rows.length > limit;
  const events = rows.slice(0, limit).map(fromEventRow);
  const last = rows[limit - 1];
  return {
    events,
    next: more && last !== undefined ? { timeMs: Number(last.time_ms), id: last.id } : null,
  };
}

/** One page of rows matching `where`, newest first, after the cursor. */
function newestFirst(
  store: Store,
  where: (eb: Where) => ReturnType<Where['and']>,
  period: Period,
  after: PageCursor | null,
  limit: number,
) {
  return newestPage(store, where, period, after, limit).selectAll().execute();
}

/**
 * The query for one page matching `where` in the period, newest first, after the cursor,
 * without its columns: whole rows (`newestFirst`) or keys only (`newestKeys`).
 */
function newestPage(
  store: Store,
  where: (eb: Where) => ReturnType<Where['and']>,
  period: Period,
  after: PageCursor | null,
  limit: number,
) {
  return store.db
    .selectFrom('events')
    .where(where)
    .where('time_ms', '>=', period.fromMs)
    .where('time_ms', '<', period.toMs)
    .$if(after !== null, (q) =>
      q
        // Redundant with the OR below, but an index range bound: without it SQLite reads a
        // person's rows from the end of the period down to the cursor on every page
        // (35 ms instead of 0.6 ms per seek at page 40 of a class, bench/console).
        .where('time_ms', '<=', after!.timeMs)
        .where((eb) =>
          eb.or([
            eb('time_ms', '<', after!.timeMs),
            eb.and([eb('time_ms', '=', after!.timeMs), eb('id', '<', after!.id)]),
          ]),
        ),
    )
    .orderBy('time_ms', 'desc')
    .orderBy('id', 'desc')
    .limit(limit);
}

/**
 * Beyond this many people seen in a group in the period, one filtered scan by time beats a
 * query per person: 64 of about 1,650 people are 4% of the traffic, so a page of 100 is
 * found in about 2,500 rows of the time index, while 64 seeks and merges already cost
 * about as much (bench/console: a year group of 214 took 180 ms by seeks, 10 ms scanned).
 */
const MAX_MEMBER_SEEKS = 64;

type GroupFilter = Extract<EventFilter, { kind: 'group' }>;

/**
 * A group's events, newest first: its members' (`event_group_members`) own index ranges,
 * each narrowed to the hours they were seen in the group, merged here a few rows at a time
 * from each (a k-way merge: a page of 100 from a class of 30 reads about 100 + 30 x 16
 * rows, whatever the period). A group too large for that is scanned by time over the
 * hours it had events. Either way a row must still name the group (a pupil who changed
 * class shows only while in it).
 */
async function groupRows(
  store: Store,
  filter: GroupFilter,
  period: Period,
  after: PageCursor | null,
  limit: number,
): Promise<EventsTable[]> {
  const members = await store.db
    .selectFrom('event_group_members')
    .select(['username', 'first_hour_ms', 'last_hour_ms'])
    .where('group_name', '=', filter.group)
    .where('first_hour_ms', '<', period.toMs)
    .where('last_hour_ms', '>', period.fromMs - HOUR_MS)
    .limit(MAX_MEMBER_SEEKS + 1)
    .execute();
  if (members.length === 0) return [];
  if (members.length > MAX_MEMBER_SEEKS) {
    const span = await store.db
      .selectFrom('event_group_members')
      .select((eb) => [
        eb.fn.min('first_hour_ms').as('first'),
        eb.fn.max('last_hour_ms').as('last'),
      ])
      .where('group_name', '=', filter.group)
      .executeTakeFirstOrThrow();
    const within = {
      fromMs: Math.max(period.fromMs, Number(span.first)),
      toMs: Math.min(period.toMs, Number(span.last) + HOUR_MS),
    };
    return newestFirst(store, (eb) => groupMatch(eb, filter, store.dialect), within, after, limit);
  }
  // A little over each member's share of the page: a busier member is read on (cheap, with
  // the cursor bound) rather than every member read twice as far as the page needs.
  const batch = Math.min(limit, Math.max(16, Math.ceil((1.25 * limit) / members.length)));
  const streams = members.map((member) => ({
    where: (eb: Where) =>
      eb.and([
        member.username === NO_USER
          ? eb('username', 'is', null)
          : eb('username', '=', member.username),
        groupMatch(eb, filter, store.dialect),
      ]),
    period: {
      fromMs: Math.max(period.fromMs, Number(member.first_hour_ms)),
      toMs: Math.min(period.toMs, Number(member.last_hour_ms) + HOUR_MS),
    },
    cursor: after,
    rows: [] as EventKey[],
    at: 0,
    done: false,
  }));
  type Stream = (typeof streams)[number];
  const fill = async (stream: Stream) => {
    stream.rows = await newestKeys(store, stream.where, stream.period, stream.cursor, batch);
    stream.at = 0;
    stream.done = stream.rows.length < batch;
    const last = stream.rows.at(-1);
    if (last !== undefined) stream.cursor = { timeMs: Number(last.time_ms), id: last.id };
  };
  await Promise.all(streams.map(fill));
  const out: EventKey[] = [];
  while (out.length < limit) {
    let best: Stream | null = null;
    for (const stream of streams) {
      const head = stream.rows[stream.at];
      if (head === undefined) continue;
      const top = best?.rows[best.at];
      if (top === undefined || newer(head, top)) best = stream;
    }
    if (best === null) break;
    out.push(best.rows[best.at]!);
    best.at += 1;
    if (best.at === best.rows.length && !best.done) await fill(best);
  }
  return rowsOf(store, out);
}

type EventKey = Pick<EventsTable, 'time_ms' | 'id'>;

/** `newestFirst`, keys only: the merge reads no more whole rows than the page shows. */
function newestKeys(
  store: Store,
  where: (eb: Where) => ReturnType<Where['and']>,
  period: Period,
  after: PageCursor | null,
  limit: number,
): Promise<EventKey[]> {
  return newestPage(store, where, period, after, limit).select(['time_ms', 'id']).execute();
}

/** Keys per lookup query: a page's keys of one group lie in a short stretch of time. */
const KEYS_PER_LOOKUP = 250;

/**
 * The whole rows for `keys`, in the keys' order, through the `(time_ms, id)` index within
 * the keys' time range. SQLite looks each key up (`(time_ms, id) IN (VALUES ...)`: 20 ms a
 * thousand, against 47 ms for `id IN` over the range); PostgreSQL plans a row-value list
 * slowly on its day partitions (190 ms for 250 keys, against 26 ms for `id IN` over the
 * range: measured at 400k events), so it gets `id IN`.
 */
async function rowsOf(store: Store, keys: readonly EventKey[]): Promise<EventsTable[]> {
  const found = new Map<string, EventsTable>();
  for (let i = 0; i < keys.length; i += KEYS_PER_LOOKUP) {
    const chunk = keys.slice(i, i + KEYS_PER_LOOKUP);
    const times = chunk.map((k) => Number(k.time_ms));
    const rows = await store.db
      .selectFrom('events')
      .selectAll()
      // The time range also lets PostgreSQL skip the other days' partitions.
      .where('time_ms', '>=', Math.min(...times))
      .where('time_ms', '<=', Math.max(...times))
      .where((eb) =>
        store.dialect === 'sqlite'
          ? eb(
              eb.refTuple('time_ms', 'id'),
              'in',
              chunk.map((k) => eb.tuple(Number(k.time_ms), k.id)),
            )
          : eb(
              'id',
              'in',
              chunk.map((k) => k.id),
            ),
      )
      .execute();
    for (const row of rows) found.set(`${Number(row.time_ms)} ${row.id}`, row);
  }
  return keys.flatMap((k) => found.get(`${Number(k.time_ms)} ${k.id}`) ?? []);
}

/** True when `a` comes before `b` newest first: later time, then larger id. */
function newer(a: EventKey, b: EventKey): boolean {
  const at = Number(a.time_ms);
  const bt = Number(b.time_ms);
  return at !== bt ? at > bt : a.id > b.id;
}

/**
 * The event is in `group`: its policy group, or one of its `groups` (a JSON array written
 * by `toEventRow`, no spaces). An element starts right after `[` or `,`, and a quote inside
 * a string is always escaped, so `,"9x"` or `["9x"` can only be the element "9x" itself.
 * `instr`/`strpos` rather than LIKE: no wildcards to escape, and SQLite's LIKE ignores case.
 */
function groupMatch(eb: Where, filter: GroupFilter, dialect: StoreDialect) {
  const element = JSON.stringify(filter.group);
  const position = dialect === 'sqlite' ? 'instr' : 'strpos';
  const contains = (needle: string) =>
    eb(eb.fn<number>(position, [eb.ref('groups'), eb.val(needle)]), '>', 0);
  return eb.and([
    eb.or([
      eb('policy_group', '=', filter.group),
      contains(`[${element}`),
      contains(`,${element}`),
    ]),
    ...searches(eb, filter.searchesOnly),
  ]);
}

/** Beyond this many distinct subdomains, one filtered scan by time beats a query per host. */
const MAX_SUBDOMAIN_SEEKS = 256;

/**
 * A site and its subdomains on SQLite. Its planner cannot merge several index ranges in time
 * order, so "host OR subdomain range" became a scan of the whole period filtered row by row
 * (seconds at 20M events, bench/store). Instead: find the distinct hosts in the range by
 * index seeks, take a page from each through `(host_rev, time_ms)`, and merge them here.
 * PostgreSQL plans the single query well and keeps it.
 */
async function siteBySubdomains(
  store: Store,
  filter: Extract<EventFilter, { kind: 'host' }>,
  query: (where: (eb: Where) => ReturnType<Where['and']>) => Promise<EventsTable[]>,
  limit: number,
): Promise<EventsTable[]> {
  const reversed = reverseHost(filter.host.toLowerCase());
  const hosts = [reversed];
  for (let previous = `${reversed}.`; hosts.length <= MAX_SUBDOMAIN_SEEKS; ) {
    const next = await store.db
      .selectFrom('events')
      .select('host_rev')
      .where('host_rev', '>', previous)
      .where('host_rev', '<', `${reversed}/`)
      .orderBy('host_rev')
      .limit(1)
      .executeTakeFirst();
    if (next === undefined) break;
    hosts.push(next.host_rev);
    previous = next.host_rev;
  }
  if (hosts.length > MAX_SUBDOMAIN_SEEKS) return query((eb) => matches(eb, filter, store.dialect));
  const pages = await Promise.all(
    hosts.map((host) =>
      query((eb) => eb.and([eb('host_rev', '=', host), ...pathMatch(eb, filter.pathPrefix)])),
    ),
  );
  return pages
    .flat()
    .sort((a, b) => b.time_ms - a.time_ms || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .slice(0, limit);
}

function matches(eb: Where, filter: EventFilter, dialect: StoreDialect) {
  switch (filter.kind) {
    case 'user':
      return eb.and([eb('username', '=', filter.user), ...searches(eb, filter.searchesOnly)]);
    case 'group':
      return groupMatch(eb, filter, dialect);
    case 'host':
      return eb.and([
        hostMatch(eb, filter.host, filter.includeSubdomains ?? false),
        ...pathMatch(eb, filter.pathPrefix),
      ]);
  }
}

const searches = (eb: Where, only = false) => (only ? [eb('search_terms', 'is not', null)] : []);

/** `host_rev = r`, or also `r.` < host_rev < `r/` ('/' sorts just after '.') for subdomains. */
function hostMatch(eb: Where, host: string, subdomains: boolean) {
  const reversed = reverseHost(host.toLowerCase());
  if (!subdomains) return eb('host_rev', '=', reversed);
  return eb.or([
    eb('host_rev', '=', reversed),
    eb.and([eb('host_rev', '>', `${reversed}.`), eb('host_rev', '<', `${reversed}/`)]),
  ]);
}

/** A path prefix as a range, so no LIKE wildcards from the input can take effect. */
function pathMatch(eb: Where, prefix: string | undefined) {
  if (prefix === undefined || prefix === '' || prefix === '/') return [];
  return [eb('path', '>=', prefix), eb('path', '<', `${prefix}\u{10ffff}`)];
}
