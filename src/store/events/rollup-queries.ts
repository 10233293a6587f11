import { sql } from 'kysely';
import type { Store } from '../open-store.js';
import type { Period } from './event-page.js';
import { HOUR_MS } from './rollup-dimension.js';

/** A ranked key (a category, host or person) and how many events it had. */
export interface RankedCount {
  readonly key: string;
  readonly events: number;
}

export interface TopBlockedOptions {
  /** What to rank. */
  readonly by: 'category' | 'host' | 'user';
  /** Only this policy group (categories only; hosts and people are ranked school-wide). */
  readonly group?: string;
  /** How many to return (default 10, at most 100). */
  readonly limit?: number;
}

/**
 * The most blocked categories, hosts or people in a period (a day or a week for the
 * digests and the dashboard), from the hourly rollups: a week is at most 168 hours of counts,
 * however many events it held. Periods are rounded out to whole hours.
 *
 * ### Examples
 * ```ts
 * await topBlocked(store, week, { by: 'category' }); // [{ key: 'adult', events: 1204 }, ...]
 * await topBlocked(store, day, { by: 'category', group: 'year7' });
 * ```
 */
export async function topBlocked(
  store: Store,
  period: Period,
  options: TopBlockedOptions,
): Promise<RankedCount[]> {
  const limit = Math.max(1, Math.min(100, options.limit ?? 10));
  const grouped = options.group !== undefined && options.by === 'category';
  const prefix = `${options.group}\t`;
  const rows = await store.db
    .selectFrom('event_rollups')
    .select(['key', (eb) => eb.fn.sum<number>('events').as('events')])
    .where('dimension', '=', grouped ? 'group-category' : options.by)
    .where('action', '=', 'block')
    .where('hour_ms', '>=', floorHour(period.fromMs))
    .where('hour_ms', '<', period.toMs)
    .$if(grouped, (q) => q.where('key', '>=', prefix).where('key', '<', `${options.group}\n`))
    .groupBy('key')
    .orderBy('events', 'desc')
    .orderBy('key')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    key: grouped ? r.key.slice(prefix.length) : r.key,
    events: Number(r.events),
  }));
}

/** The counts on the dashboard for one period. */
export interface DashboardCounts {
  readonly events: number;
  readonly byAction: Readonly<Record<string, number>>;
  readonly searches: number;
  /** Distinct people with at least one event, school-wide even when a group is asked for (rollups count people school-wide). */
  readonly people: number;
  /** Events per hour, oldest first, for the activity chart. */
  readonly hourly: readonly {
    readonly hourMs: number;
    readonly events: number;
    readonly blocked: number;
  }[];
}

/**
 * The dashboard's counts for a period, school-wide or for one group, from the hourly
 * rollups.
 *
 * ### Examples
 * ```ts
 * const today = await dashboardCounts(store, { fromMs: midnight, toMs: midnight + DAY_MS });
 * today.byAction.block; // blocked requests today
 * ```
 */
export async function dashboardCounts(
  store: Store,
  period: Period,
  options: { readonly group?: string } = {},
): Promise<DashboardCounts> {
  const from = floorHour(period.fromMs);
  const base = store.db
    .selectFrom('event_rollups')
    .where('hour_ms', '>=', from)
    .where('hour_ms', '<', period.toMs);
  const scope =
    options.group === undefined
      ? base.where('dimension', '=', 'total')
      : base.where('dimension', '=', 'group').where('key', '=', options.group);
  const hourlyRows = await scope
    .select(['hour_ms', 'action', 'events'])
    .orderBy('hour_ms')
    .execute();
  const searchRows = await base
    .where('dimension', '=', 'search')
    .$if(options.group !== undefined, (q) => q.where('key', '=', options.group!))
    .select((eb) => eb.fn.sum<number>('events').as('n'))
    .executeTakeFirst();
  const people = await base
    .where('dimension', '=', 'user')
    .select(sql<number>`count(distinct ${sql.ref('key')})`.as('n'))
    .executeTakeFirst();

  const byAction: Record<string, number> = {};
  const hours = new Map<number, { hourMs: number; events: number; blocked: number }>();
  for (const row of hourlyRows) {
    const n = Number(row.events);
    byAction[row.action] = (byAction[row.action] ?? 0) + n;
    const hourMs = Number(row.hour_ms);
    const hour = hours.get(hourMs) ?? { hourMs, events: 0, blocked: 0 };
    hour.events += n;
    if (row.action === 'block') hour.blocked += n;
    hours.set(hourMs, hour);
  }
  return {
    events: Object.values(byAction).reduce((a, b) => a + b, 0),
    byAction,
    searches: Number(searchRows?.n ?? 0),
    people: Number(people?.n ?? 0),
    hourly: [...hours.values()],
  };
}

const floorHour = (ms: number) => ms - (ms % HOUR_MS);
