/**
 * Query latency: each report query the issue lists, over a day and a week (and a person's
 * whole year), five runs with different people, groups and hosts drawn as traffic draws
 * them; the first run is "cold-ish" (never-seen parameters), then the same five again warm.
 */

import type { Period } from '../../src/store/events/event-page.js';
import { listEvents } from '../../src/store/events/list-events.js';
import { dashboardCounts, topBlocked } from '../../src/store/events/rollup-queries.js';
import type { Store } from '../../src/store/open-store.js';
import { createRandom } from '../engine/corpus.js';
import type { EventGenerator } from './generate-events.js';

export type PeriodKind = 'day' | 'week' | 'all';

export interface QueryTiming {
  readonly query: string;
  readonly period: PeriodKind;
  /** The first run's time (ms): nothing about its parameters was cached yet. */
  readonly firstMs: number;
  readonly medianMs: number;
  readonly maxMs: number;
  readonly warmMedianMs: number;
  readonly warmMaxMs: number;
  /** Median rows (events or ranked keys) a run returned. */
  readonly medianRows: number;
}

interface QueryCase {
  readonly query: string;
  readonly periods: readonly PeriodKind[];
  /** Draws parameters and returns the run (timed) and how to count its result. */
  make(period: Period): () => Promise<number>;
}

const DAY_MS = 86_400_000;
const RUNS = 5;
const PAGE = 100;

/**
 * Times every query case against `store`, whose events came from `generator` and fill
 * `days` (all of the generator's days unless an insert was cut short).
 *
 * ### Examples
 * ```ts
 * const timings = await measureQueries(store, generator, (t) => console.error(t.query));
 * ```
 */
export async function measureQueries(
  store: Store,
  generator: EventGenerator,
  onTiming: (timing: QueryTiming) => void,
  days: readonly number[] = generator.days,
): Promise<QueryTiming[]> {
  const random = createRandom(99);
  const periodOf = (kind: PeriodKind): Period => {
    if (kind === 'all') return { fromMs: days[0]!, toMs: days[days.length - 1]! + DAY_MS };
    const day = days[Math.floor(random() * days.length)]!;
    if (kind === 'day') return { fromMs: day, toMs: day + DAY_MS };
    const monday = day - ((new Date(day).getUTCDay() + 6) % 7) * DAY_MS;
    return { fromMs: monday, toMs: monday + 7 * DAY_MS };
  };
  const group = () => generator.groups[Math.floor(random() * generator.groups.length)]!;
  const events = async (p: Promise<{ events: readonly unknown[] }>) => (await p).events.length;
  const cases: QueryCase[] = [
    {
      query: "a user's activity, first page (100)",
      periods: ['day', 'week', 'all'],
      make: (period) => {
        const user = generator.pickUser();
        return () => events(listEvents(store, { kind: 'user', user }, period, { limit: PAGE }));
      },
    },
    {
      query: "a user's activity, 5th page (keyset)",
      periods: ['week'],
      make: (period) => {
        const user = generator.pickUser();
        return async () => {
          let page = await listEvents(store, { kind: 'user', user }, period, { limit: PAGE });
          for (let i = 1; i < 5 && page.next !== null; i++) {
            page = await listEvents(store, { kind: 'user', user }, period, {
              limit: PAGE,
              after: page.next,
            });
          }
          return page.events.length;
        };
      },
    },
    {
      query: "a group's activity, first page (100)",
      periods: ['day', 'week'],
      make: (period) => {
        const g = group();
        return () =>
          events(listEvents(store, { kind: 'group', group: g }, period, { limit: PAGE }));
      },
    },
    {
      query: "a user's searches, first page",
      periods: ['day', 'week'],
      make: (period) => {
        const user = generator.pickUser();
        const filter = { kind: 'user', user, searchesOnly: true } as const;
        return () => events(listEvents(store, filter, period, { limit: PAGE }));
      },
    },
    {
      query: "a group's searches, first page",
      periods: ['day', 'week'],
      make: (period) => {
        const filter = { kind: 'group', group: group(), searchesOnly: true } as const;
        return () => events(listEvents(store, filter, period, { limit: PAGE }));
      },
    },
    {
      query: 'a host and its subdomains, first page',
      periods: ['day', 'week'],
      make: (period) => {
        const filter = {
          kind: 'host',
          host: generator.pickHost(),
          includeSubdomains: true,
        } as const;
        return () => events(listEvents(store, filter, period, { limit: PAGE }));
      },
    },
    {
      query: 'a blocked host and its subdomains, first page',
      periods: ['day', 'week'],
      make: (period) => {
        const filter = {
          kind: 'host',
          host: generator.pickBlockedHost(),
          includeSubdomains: true,
        } as const;
        return () => events(listEvents(store, filter, period, { limit: PAGE }));
      },
    },
    {
      query: 'a URL prefix (host + path), first page',
      periods: ['day', 'week'],
      make: (period) => {
        const filter = {
          kind: 'host',
          host: generator.pickHost(),
          includeSubdomains: true,
          pathPrefix: generator.pickPathPrefix(),
        } as const;
        return () => events(listEvents(store, filter, period, { limit: PAGE }));
      },
    },
    ...(['category', 'host', 'user'] as const).map(
      (by): QueryCase => ({
        query: `top 10 blocked ${by === 'category' ? 'categories' : `${by}s`}`,
        periods: ['day', 'week'],
        make: (period) => async () => (await topBlocked(store, period, { by })).length,
      }),
    ),
    {
      query: 'top 10 blocked categories in a group',
      periods: ['day', 'week'],
      make: (period) => {
        const g = group();
        return async () => (await topBlocked(store, period, { by: 'category', group: g })).length;
      },
    },
    {
      query: 'dashboard counts, school-wide',
      periods: ['day', 'week'],
      make: (period) => async () => (await dashboardCounts(store, period)).hourly.length,
    },
    {
      query: 'dashboard counts, one group',
      periods: ['day', 'week'],
      make: (period) => {
        const g = group();
        return async () => (await dashboardCounts(store, period, { group: g })).hourly.length;
      },
    },
  ];

  const timings: QueryTiming[] = [];
  for (const c of cases) {
    for (const kind of c.periods) {
      const runs = Array.from({ length: RUNS }, () => c.make(periodOf(kind)));
      const cold = await timeAll(runs);
      const warm = await timeAll(runs);
      const timing: QueryTiming = {
        query: c.query,
        period: kind,
        firstMs: cold.ms[0]!,
        medianMs: median(cold.ms),
        maxMs: Math.max(...cold.ms),
        warmMedianMs: median(warm.ms),
        warmMaxMs: Math.max(...warm.ms),
        medianRows: median(cold.rows),
      };
      timings.push(timing);
      onTiming(timing);
    }
  }
  return timings;
}

async function timeAll(runs: readonly (() => Promise<number>)[]) {
  const ms: number[] = [];
  const rows: number[] = [];
  for (const run of runs) {
    const t0 = performance.now();
    rows.push(await run());
    ms.push(performance.now() - t0);
  }
  return { ms, rows };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
