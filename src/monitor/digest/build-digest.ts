import type { Period } from '../../store/events/event-page.js';
import { HOUR_MS } from '../../store/events/rollup-dimension.js';
import { dashboardCounts, topBlocked } from '../../store/events/rollup-queries.js';
import type { Store } from '../../store/open-store.js';
import type { Digest, DigestCount } from './digest.js';
import { digestAlerts } from './digest-alerts.js';
import type { DigestPeriod } from './digest-period.js';
import { localTimeFormat } from './local-time-format.js';
import { timeBuckets } from './time-buckets.js';

/** How many alerts a digest lists one by one; the rest are counted. */
const LISTED_ALERTS = 20;

export interface BuildDigestOptions {
  /** How many categories, groups, people and search terms to rank (default 10, at most 100). */
  readonly topN?: number;
}

/**
 * Gathers one digest from the store: the period's totals, blocked attempts by category,
 * group and person with a chart series, and its alerts by level and state with the level 3+
 * ones listed and the search terms behind them. Event counts come from the hourly rollups
 * only (a week is at most 168 hours of counts, however many millions of events it held);
 * the alerts tables are small and read directly. The same on SQLite and PostgreSQL.
 *
 * ### Examples
 * ```ts
 * const digest = await buildDigest(store, digestPeriod('daily', '2026-11-24', 'Europe/London'));
 * digest.totals.blocked; // 182
 * digest.blockedByCategory[0]; // { key: 'adult', count: 97 }
 * ```
 */
export async function buildDigest(
  store: Store,
  period: DigestPeriod,
  options: BuildDigestOptions = {},
): Promise<Digest> {
  const topN = Math.max(1, Math.min(100, Math.floor(options.topN ?? 10)));
  const local = localTimeFormat(period.timezone);
  const counts = await dashboardCounts(store, period);
  const byCategory = await topBlocked(store, period, { by: 'category', limit: topN });
  const byUser = await topBlocked(store, period, { by: 'user', limit: topN });
  const byGroup = await blockedByGroup(store, period, topN);
  const alerts = await digestAlerts(store.db, period, { listLimit: LISTED_ALERTS, topN, local });

  const { buckets, indexOf } = timeBuckets(
    period.fromMs,
    period.toMs,
    period.timezone,
    period.kind === 'daily' ? 'hour' : 'day',
  );
  const blocked = buckets.map(() => 0);
  for (const hour of counts.hourly) {
    // A rollup hour that starts before the period (a zone whose midnight is not a whole UTC
    // hour) counts in the first bucket, as the rollup queries round periods out to hours.
    const i = indexOf(Math.max(hour.hourMs, period.fromMs));
    if (i >= 0) blocked[i]! += hour.blocked;
  }
  const action = (name: string) => counts.byAction[name] ?? 0;
  return {
    kind: 'digest',
    period,
    totals: {
      requests: counts.events,
      blocked: action('block'),
      warned: action('warn'),
      alerted: action('alert'),
      searches: counts.searches,
      people: counts.people,
      alerts: alerts.total,
    },
    blockedByCategory: byCategory.map(toCount),
    blockedByGroup: byGroup,
    blockedByUser: byUser.map(toCount),
    blockedSeries: buckets.map((b, i) => ({
      startMs: b.startMs,
      key: b.key,
      label: b.label,
      blocked: blocked[i]!,
    })),
    alertsByLevel: alerts.byLevel,
    alertsByState: alerts.byState,
    alerts: alerts.listed,
    moreAlerts: alerts.more,
    searchTerms: alerts.searchTerms,
  };
}

const toCount = (r: { key: string; events: number }): DigestCount => ({
  key: r.key,
  count: r.events,
});

/**
 * Blocked attempts per policy group, from the `group` rollups (`topBlocked` ranks
 * categories, hosts and people, not groups).
 */
async function blockedByGroup(store: Store, period: Period, limit: number): Promise<DigestCount[]> {
  const rows = await store.db
    .selectFrom('event_rollups')
    .select(['key', (eb) => eb.fn.sum<number>('events').as('events')])
    .where('dimension', '=', 'group')
    .where('action', '=', 'block')
    .where('hour_ms', '>=', period.fromMs - (period.fromMs % HOUR_MS))
    .where('hour_ms', '<', period.toMs)
    .groupBy('key')
    .orderBy('events', 'desc')
    .orderBy('key')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ key: r.key, count: Number(r.events) }));
}
