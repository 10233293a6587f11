import type { FastifyInstance } from 'fastify';
import { CATEGORY_BY_ID } from '../../engine/categories/category-catalogue.js';
import { createLocalClock } from '../../engine/policy/local-clock.js';
import { localMidnight } from '../../monitor/digest/local-midnight.js';
import { listAlerts } from '../../monitor/records/alert-queries.js';
import { dashboardCounts, topBlocked } from '../../store/events/rollup-queries.js';
import type { ConsoleContext } from '../console-context.js';
import { can, scopeOf } from '../permissions.js';
import { requireStaff } from '../staff-access.js';

const DAY_MS = 86_400_000;

/**
 * `GET /api/dashboard`: today's counts and alerts, blocked attempts over the last 7 days,
 * top categories, people and sites, and the gateway's health. All from the hourly rollups
 * and the alerts table, so it answers in milliseconds at any store size. People's names
 * only for roles that may see them school-wide (not teachers, governors or the bursar).
 */
export function dashboardRoutes(app: FastifyInstance, context: ConsoleContext): void {
  app.get('/api/dashboard', async (request) => {
    const staff = requireStaff(request);
    const role = staff.user.role;
    const { store, now } = context;
    const timezone = context.config.policy.timezone;
    const nowMs = now();
    const local = createLocalClock(timezone);
    const midnight = (date: string) => localMidnight(date, timezone);
    const todayStart = midnight(local(nowMs).date);
    const weekStart = midnight(local(nowMs - 6 * DAY_MS).date);
    const week = { fromMs: weekStart, toMs: nowMs + 1 };
    const [today, weekCounts, categories, sites, users, alertRows, open] = await Promise.all([
      dashboardCounts(store, { fromMs: todayStart, toMs: nowMs + 1 }),
      dashboardCounts(store, week),
      topBlocked(store, week, { by: 'category', limit: 8 }),
      topBlocked(store, week, { by: 'host', limit: 8 }),
      topBlocked(store, week, { by: 'user', limit: 8 }),
      store.db
        .selectFrom('alerts')
        .select(['level', (eb) => eb.fn.countAll<number>().as('n')])
        .where('first_ms', '>=', todayStart)
        .groupBy('level')
        .execute(),
      store.db
        .selectFrom('alerts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('state', 'in', ['new', 'acknowledged'])
        .executeTakeFirstOrThrow(),
    ]);
    const byDay = new Map<string, number>();
    for (let t = weekStart; t <= nowMs; t += DAY_MS) byDay.set(local(t).date, 0);
    byDay.set(local(nowMs).date, byDay.get(local(nowMs).date) ?? 0);
    for (const hour of weekCounts.hourly) {
      const day = local(hour.hourMs).date;
      byDay.set(day, (byDay.get(day) ?? 0) + hour.blocked);
    }
    const seesAlerts = can(role, 'alerts.read');
    const { classes } = scopeOf(role, staff.user.classes);
    // A teacher's numbers are their classes' alerts, as their queue shows them.
    const scoped = classes === null ? null : await classAlerts(context, classes, todayStart);
    const levels = scoped?.levels ?? new Map(alertRows.map((r) => [Number(r.level), Number(r.n)]));
    const openCount = scoped?.open ?? Number(open.n);
    const seesNames = can(role, 'names.read') && scopeOf(role, staff.user.classes).classes === null;
    return {
      today: {
        requests: today.events,
        blocked: today.byAction['block'] ?? 0,
        searches: today.searches,
        people: today.people,
      },
      alertsToday: [1, 2, 3, 4, 5].map((level) => ({
        level,
        count: seesAlerts ? (levels.get(level) ?? 0) : 0,
      })),
      openAlerts: seesAlerts ? openCount : 0,
      blockedByDay: [...byDay.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([day, count]) => ({ day, count })),
      topCategories: categories.map((c) => ({
        key: c.key,
        label: CATEGORY_BY_ID.get(c.key)?.label ?? c.key,
        count: c.events,
      })),
      topUsers: seesNames ? users.map((u) => ({ key: u.key, count: u.events })) : null,
      topSites: sites.map((s) => ({ key: s.key, count: s.events })),
      health: can(role, 'health.read') ? await healthOf(context) : null,
    };
  });
}

async function classAlerts(
  context: ConsoleContext,
  classes: readonly string[],
  todayStart: number,
) {
  if (classes.length === 0) return { levels: new Map<number, number>(), open: 0 };
  const alerts = await listAlerts(context.store.db, {
    states: ['new', 'acknowledged', 'closed', 'escalated'],
    groups: classes,
    limit: 10_000,
  });
  const levels = new Map<number, number>();
  for (const alert of alerts) {
    if (alert.firstMs >= todayStart) levels.set(alert.level, (levels.get(alert.level) ?? 0) + 1);
  }
  const open = alerts.filter((a) => a.state.kind === 'new' || a.state.kind === 'acknowledged');
  return { levels, open: open.length };
}

/** Lists older than this are out of date: new harmful sites go unblocked. */
const LISTS_STALE_DAYS = 7;
/** More events than this in the spools means the store is falling behind. */
const EVENTS_WAITING_WARN = 50_000;

/**
 * The gateway's `/healthz` for the dashboard: requests a second, workers alive of those
 * configured, how old the lists are, events waiting for the store, and the store, monitor
 * and index. `degraded` with `problems` in plain words (what is wrong and what to do) when
 * the gateway cannot be reached, a worker is down, the lists are over a week old, the
 * store is not taking events or they pile up.
 */
async function healthOf(context: ConsoleContext) {
  const health = await context.gatewayHealth();
  if (health === null) {
    return {
      status: 'degraded' as const,
      problems: [
        'The console cannot reach the gateway: check that it is running (schoolgate start) and see its log.',
      ],
      requestsPerSecond: 0,
      workers: { alive: 0, configured: 0 },
      listsAgeSeconds: null,
      eventsWaiting: 0,
      eventStore: 'unknown',
      indexEntries: 0,
      indexBuiltAt: '',
      monitor: 'unknown',
    };
  }
  const number = (value: unknown) =>
    typeof value === 'number' && Number.isFinite(value) ? value : null;
  const workersOf = health['workers'] as { alive?: unknown; configured?: unknown } | undefined;
  const workers = {
    alive: number(workersOf?.alive) ?? 1,
    configured: number(workersOf?.configured) ?? 1,
  };
  const indexBuiltAt = String(health['indexBuiltAt'] ?? '');
  // The gateway's own age (its clock); else from the build time.
  const listsAgeSeconds =
    number(health['listsAgeSeconds']) ??
    (indexBuiltAt === '' ? null : Math.floor((Date.now() - Date.parse(indexBuiltAt)) / 1000));
  const eventsWaiting = number(health['eventsWaiting']) ?? 0;
  const eventStore = String(health['eventStore'] ?? 'unknown');
  const problems: string[] = [];
  if (health['status'] !== 'ok') problems.push('The gateway reports a problem: see its log.');
  if (workers.alive < workers.configured) {
    const down = workers.configured - workers.alive;
    problems.push(
      `${down} of ${workers.configured} gateway workers ${down === 1 ? 'is' : 'are'} not running: the gateway restarts them by itself; if this lasts more than a minute, see the gateway log.`,
    );
  }
  if (listsAgeSeconds !== null && listsAgeSeconds > LISTS_STALE_DAYS * 86_400) {
    problems.push(
      `The block lists were last updated ${Math.floor(listsAgeSeconds / 86_400)} days ago: check that the daily list update runs (schoolgate lists update).`,
    );
  }
  if (eventStore === 'waiting-for-database') {
    problems.push(
      'Events are waiting for the database, which cannot be reached: nothing is lost, but alerts wait too. Check the database server.',
    );
  } else if (eventsWaiting > EVENTS_WAITING_WARN) {
    problems.push(
      `${eventsWaiting.toLocaleString('en-GB')} events are waiting to be stored: the database is falling behind; alerts may be late.`,
    );
  }
  return {
    status: problems.length === 0 ? ('ok' as const) : ('degraded' as const),
    problems,
    requestsPerSecond: number(health['requestsPerSecond']) ?? 0,
    workers,
    listsAgeSeconds,
    eventsWaiting,
    eventStore,
    indexEntries: number(health['indexEntries']) ?? 0,
    indexBuiltAt,
    monitor: String(health['monitor'] ?? 'unknown'),
  };
}
