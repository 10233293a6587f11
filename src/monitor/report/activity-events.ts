import type { Kysely } from 'kysely';
import type { Period } from '../../store/events/event-page.js';
import { listEvents } from '../../store/events/list-events.js';
import type { Store } from '../../store/open-store.js';
import type { Database } from '../../store/schema.js';
import type { DigestCount } from '../digest/digest.js';
import type { LocalTimeFormat } from '../digest/local-time-format.js';
import type { ReportSubject } from './activity-counts.js';
import type { ActivityEntry } from './activity-report.js';

/** Ids per `in (...)` list: well under either dialect's bound-parameter limit. */
const IDS_PER_QUERY = 500;

export interface ActivityEvents {
  readonly topHosts: readonly {
    readonly host: string;
    readonly requests: number;
    readonly blocked: number;
  }[];
  /** A person's categories (a group's come from rollups: empty here). */
  readonly topCategories: readonly DigestCount[];
  readonly blocked: readonly ActivityEntry[];
  readonly blockedMore: boolean;
  readonly searches: readonly ActivityEntry[];
  readonly searchesMore: boolean;
}

/**
 * The parts of an activity report only the events themselves can answer: the most requested
 * hosts (the host rollups are school-wide and leave out allowed traffic), a person's
 * categories, and the blocked attempts and searches themselves, newest first and capped,
 * each marked when it is evidence in an alert. A person's are read through the
 * `(username, time_ms)` index; a group's through the time index, filtered.
 *
 * ### Examples
 * ```ts
 * const events = await activityEvents(store, { kind: 'user', name: 'pupil.one' }, week, { local, topN: 10, listLimit: 200 });
 * events.searches[0]; // { time: 'Tue 24 Nov 2026 11:00', searchTerms: 'volcano', inAlert: false, ... }
 * ```
 */
export async function activityEvents(
  store: Store,
  subject: ReportSubject,
  period: Period,
  options: { readonly local: LocalTimeFormat; readonly topN: number; readonly listLimit: number },
): Promise<ActivityEvents> {
  const column = subject.kind === 'user' ? 'username' : 'policy_group';
  const scoped = store.db
    .selectFrom('events')
    .where(column, '=', subject.name)
    .where('time_ms', '>=', period.fromMs)
    .where('time_ms', '<', period.toMs);

  const hostRows = await scoped
    .select((eb) => [
      'host',
      eb.fn.countAll<number>().as('requests'),
      eb.fn.sum<number>(eb.case().when('action', '=', 'block').then(1).else(0).end()).as('blocked'),
    ])
    .groupBy('host')
    .orderBy('requests', 'desc')
    .orderBy('host')
    .limit(options.topN)
    .execute();

  const blockedRows = await scoped
    .selectAll()
    .where('action', '=', 'block')
    .orderBy('time_ms', 'desc')
    .orderBy('id', 'desc')
    .limit(options.listLimit + 1)
    .execute();
  const blocked = blockedRows.slice(0, options.listLimit).map((r) => ({
    id: r.id,
    timeMs: Number(r.time_ms),
    user: r.username,
    host: r.host,
    path: r.path,
    categories: JSON.parse(r.categories) as string[],
    searchTerms: r.search_terms,
  }));

  const filter =
    subject.kind === 'user'
      ? ({ kind: 'user', user: subject.name, searchesOnly: true } as const)
      : ({ kind: 'group', group: subject.name, searchesOnly: true } as const);
  const page = await listEvents(store, filter, period, { limit: options.listLimit });
  const searches = page.events.map((e) => ({
    id: e.id,
    timeMs: Date.parse(e.time),
    user: e.user,
    host: e.host,
    path: e.path,
    categories: e.categories,
    searchTerms: e.searchTerms,
  }));

  const evidence = await inAlerts(
    store.db,
    [...blocked, ...searches].map((e) => e.id),
  );
  const entry = (e: Omit<ActivityEntry, 'time' | 'inAlert'>): ActivityEntry => ({
    ...e,
    time: options.local.dateTime(e.timeMs),
    inAlert: evidence.has(e.id),
  });
  return {
    topHosts: hostRows.map((r) => ({
      host: r.host,
      requests: Number(r.requests),
      blocked: Number(r.blocked),
    })),
    topCategories:
      subject.kind === 'user'
        ? await personCategories(store, subject.name, period, options.topN)
        : [],
    blocked: blocked.map(entry),
    blockedMore: blockedRows.length > options.listLimit,
    searches: searches.map(entry),
    searchesMore: page.next !== null,
  };
}

/** Which of `ids` are evidence in some alert (`alert_evidence_event` index). */
async function inAlerts(db: Kysely<Database>, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += IDS_PER_QUERY) {
    const rows = await db
      .selectFrom('alert_evidence')
      .select('event_id')
      .where('event_id', 'in', unique.slice(i, i + IDS_PER_QUERY))
      .execute();
    for (const r of rows) found.add(r.event_id);
  }
  return found;
}

/**
 * A person's categories: counted per distinct category list in SQL (a handful of distinct
 * lists however many events), then split here, so neither dialect's JSON functions are needed.
 */
async function personCategories(
  store: Store,
  user: string,
  period: Period,
  topN: number,
): Promise<DigestCount[]> {
  const rows = await store.db
    .selectFrom('events')
    .select((eb) => ['categories', eb.fn.countAll<number>().as('n')])
    .where('username', '=', user)
    .where('time_ms', '>=', period.fromMs)
    .where('time_ms', '<', period.toMs)
    .groupBy('categories')
    .execute();
  const counts = new Map<string, number>();
  for (const row of rows) {
    for (const c of JSON.parse(row.categories) as string[]) {
      counts.set(c, (counts.get(c) ?? 0) + Number(row.n));
    }
  }
  return [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, topN);
}
