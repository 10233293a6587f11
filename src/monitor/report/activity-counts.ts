import { sql } from 'kysely';
import type { Period } from '../../store/events/event-page.js';
import { HOUR_MS } from '../../store/events/rollup-dimension.js';
import type { Store } from '../../store/open-store.js';
import type { DigestCount } from '../digest/digest.js';
import { timeBuckets } from '../digest/time-buckets.js';

/** The subject of a report, as `buildActivityReport` names it. */
export interface ReportSubject {
  readonly kind: 'user' | 'group';
  readonly name: string;
}

/** What the counting queries give: totals by action, a per-day series, and (groups) categories. */
export interface ActivityCounts {
  readonly totals: {
    readonly requests: number;
    readonly allowed: number;
    readonly blocked: number;
    readonly warned: number;
    readonly alerted: number;
    readonly searches: number;
  };
  readonly series: readonly {
    readonly startMs: number;
    readonly key: string;
    readonly label: string;
    readonly requests: number;
    readonly blocked: number;
  }[];
  /** A group's categories from its rollups; empty for a person (counted from events instead). */
  readonly topCategories: readonly DigestCount[];
}

/**
 * Counts a person's or a group's requests in a whole-hour period, per hour and action, and
 * adds them up into totals and a local-day series. A group's come from its hourly rollups
 * (a few hundred rows a day whatever the traffic); a person's from one aggregate over the
 * `(username, time_ms)` index, because the `user` rollups are keyed after the hour and would
 * mean reading every person's counts for the period.
 *
 * ### Examples
 * ```ts
 * const counts = await activityCounts(store, { kind: 'group', name: 'year7' }, week, { timezone, topN: 10 });
 * counts.totals.blocked; // 120
 * ```
 */
export async function activityCounts(
  store: Store,
  subject: ReportSubject,
  period: Period,
  options: { readonly timezone: string; readonly topN: number },
): Promise<ActivityCounts> {
  const hourly =
    subject.kind === 'user'
      ? await personHours(store, subject.name, period)
      : await groupHours(store, subject.name, period);
  const { buckets, indexOf } = timeBuckets(period.fromMs, period.toMs, options.timezone, 'day');
  const requests = buckets.map(() => 0);
  const blocked = buckets.map(() => 0);
  const byAction: Record<string, number> = {};
  let searches = 0;
  for (const row of hourly) {
    byAction[row.action] = (byAction[row.action] ?? 0) + row.events;
    searches += row.searches;
    const i = indexOf(row.hourMs);
    if (i < 0) continue;
    requests[i]! += row.events;
    if (row.action === 'block') blocked[i]! += row.events;
  }
  if (subject.kind === 'group') searches = await groupSearches(store, subject.name, period);
  const action = (name: string) => byAction[name] ?? 0;
  return {
    totals: {
      requests: Object.values(byAction).reduce((a, b) => a + b, 0),
      allowed: action('allow'),
      blocked: action('block'),
      warned: action('warn'),
      alerted: action('alert'),
      searches,
    },
    series: buckets.map((b, i) => ({
      startMs: b.startMs,
      key: b.key,
      label: b.label,
      requests: requests[i]!,
      blocked: blocked[i]!,
    })),
    topCategories:
      subject.kind === 'group'
        ? await groupCategories(store, subject.name, period, options.topN)
        : [],
  };
}

interface HourCount {
  readonly hourMs: number;
  readonly action: string;
  readonly events: number;
  readonly searches: number;
}

async function personHours(store: Store, user: string, period: Period): Promise<HourCount[]> {
  // Integer division on integer columns truncates on both dialects (times are positive).
  const hour = sql<number>`${sql.ref('time_ms')} / ${sql.lit(HOUR_MS)}`;
  const rows = await store.db
    .selectFrom('events')
    .select((eb) => [
      hour.as('hour'),
      'action',
      eb.fn.countAll<number>().as('events'),
      eb.fn
        .sum<number>(eb.case().when('search_terms', 'is not', null).then(1).else(0).end())
        .as('searches'),
    ])
    .where('username', '=', user)
    .where('time_ms', '>=', period.fromMs)
    .where('time_ms', '<', period.toMs)
    .groupBy([hour, 'action'])
    .execute();
  return rows.map((r) => ({
    hourMs: Number(r.hour) * HOUR_MS,
    action: r.action,
    events: Number(r.events),
    searches: Number(r.searches),
  }));
}

async function groupHours(store: Store, group: string, period: Period): Promise<HourCount[]> {
  const rows = await store.db
    .selectFrom('event_rollups')
    .select(['hour_ms', 'action', 'events'])
    .where('dimension', '=', 'group')
    .where('key', '=', group)
    .where('hour_ms', '>=', period.fromMs)
    .where('hour_ms', '<', period.toMs)
    .execute();
  return rows.map((r) => ({
    hourMs: Number(r.hour_ms),
    action: r.action,
    events: Number(r.events),
    searches: 0,
  }));
}

async function groupSearches(store: Store, group: string, period: Period): Promise<number> {
  const row = await store.db
    .selectFrom('event_rollups')
    .select((eb) => eb.fn.sum<number>('events').as('n'))
    .where('dimension', '=', 'search')
    .where('key', '=', group)
    .where('hour_ms', '>=', period.fromMs)
    .where('hour_ms', '<', period.toMs)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

async function groupCategories(
  store: Store,
  group: string,
  period: Period,
  topN: number,
): Promise<DigestCount[]> {
  const prefix = `${group}\t`;
  const rows = await store.db
    .selectFrom('event_rollups')
    .select(['key', (eb) => eb.fn.sum<number>('events').as('n')])
    .where('dimension', '=', 'group-category')
    .where('hour_ms', '>=', period.fromMs)
    .where('hour_ms', '<', period.toMs)
    // TAB then LF: the next character, so the range is exactly this group's keys.
    .where('key', '>=', prefix)
    .where('key', '<', `${group}\n`)
    .groupBy('key')
    .orderBy('n', 'desc')
    .orderBy('key')
    .limit(topN)
    .execute();
  return rows.map((r) => ({ key: r.key.slice(prefix.length), count: Number(r.n) }));
}
