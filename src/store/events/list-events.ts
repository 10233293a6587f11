import type { ExpressionBuilder } from 'kysely';
import type { Store } from '../open-store.js';
import type { Database, EventsTable } from '../schema.js';
import type { EventPage, PageCursor, PageOptions, Period } from './event-page.js';
import { pageSize } from './event-page.js';
import { fromEventRow, reverseHost } from './event-row.js';

/**
 * Which events to list. Each kind is served by an index (see `schema.ts`):
 * - `user`: `(username, time_ms)`;
 * - `group`: the time index, filtered (groups are large, so a page fills quickly);
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
    store.dialect === 'sqlite' && filter.kind === 'host' && filter.includeSubdomains === true
      ? await siteBySubdomains(store, filter, query, limit + 1)
      : await query((eb) => matches(eb, filter));
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
  return store.db
    .selectFrom('events')
    .selectAll()
    .where(where)
    .where('time_ms', '>=', period.fromMs)
    .where('time_ms', '<', period.toMs)
    .$if(after !== null, (q) =>
      q.where((eb) =>
        eb.or([
          eb('time_ms', '<', after!.timeMs),
          eb.and([eb('time_ms', '=', after!.timeMs), eb('id', '<', after!.id)]),
        ]),
      ),
    )
    .orderBy('time_ms', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
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
  if (hosts.length > MAX_SUBDOMAIN_SEEKS) return query((eb) => matches(eb, filter));
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

function matches(eb: Where, filter: EventFilter) {
  switch (filter.kind) {
    case 'user':
      return eb.and([eb('username', '=', filter.user), ...searches(eb, filter.searchesOnly)]);
    case 'group':
      return eb.and([eb('policy_group', '=', filter.group), ...searches(eb, filter.searchesOnly)]);
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
