import { withAuditedRead } from '../../casework/audit/audited.js';
import type { Period } from '../../store/events/event-page.js';
import { HOUR_MS } from '../../store/events/rollup-dimension.js';
import type { Store } from '../../store/open-store.js';
import type { AlertsTable } from '../../store/schema.js';
import type { DigestCount } from '../digest/digest.js';
import { localTimeFormat } from '../digest/local-time-format.js';
import type { RiskLevel } from '../risk-level.js';
import { activityAlerts } from './activity-alerts.js';
import { activityCounts } from './activity-counts.js';
import { activityEvents } from './activity-events.js';

/** Whose activity: one person, or everyone in one policy group. */
export type ActivitySubject = { readonly user: string } | { readonly group: string };

export interface ActivityReportOptions {
  readonly subject: ActivitySubject;
  /** `[fromMs, toMs)`; rounded out to whole hours, as the hourly rollups count. */
  readonly period: Period;
  /** Who asks (`console:jane.dsl`, `cli:root`): on the audit trail before anything is read. */
  readonly actor: string;
  /** Why, in the actor's words (a case reference): required, and audited. */
  readonly reason: string;
  /** The console client's address, for the audit row; absent from the CLI. */
  readonly clientAddress?: string | null;
  /** The school's zone for local days and times (default Europe/London: `policy.timezone`). */
  readonly timezone?: string;
  /** How many hosts and categories to rank (default 10, at most 100). */
  readonly topN?: number;
  /** Most blocked attempts and most searches to list (default 200, at most 1,000). */
  readonly listLimit?: number;
  /** The audit row's clock (default `Date.now`). */
  readonly now?: () => number;
}

/** One listed request: a blocked attempt or a search. */
export interface ActivityEntry {
  readonly id: string;
  readonly timeMs: number;
  /** `Tue 24 Nov 2026 09:15`, local. */
  readonly time: string;
  readonly user: string | null;
  readonly host: string;
  readonly path: string | null;
  readonly categories: readonly string[];
  readonly searchTerms: string | null;
  /** True when the request is evidence in a safeguarding alert. */
  readonly inAlert: boolean;
}

/** An alert about the subject. */
export interface ActivityAlert {
  readonly id: string;
  readonly level: RiskLevel;
  readonly category: string;
  readonly user: string | null;
  readonly title: string;
  readonly count: number;
  readonly state: AlertsTable['state'];
  readonly firstMs: number;
  readonly lastMs: number;
  /** `Tue 24 Nov 2026 11:45`, local: when it last grew. */
  readonly last: string;
}

/**
 * Everything a DSL asks for when looking into one person's or one group's web use over a
 * period, as plain data for the renderers (HTML, text, CSV, PDF).
 */
export interface ActivityReport {
  readonly kind: 'activity-report';
  readonly subject: { readonly kind: 'user' | 'group'; readonly name: string };
  readonly period: {
    readonly fromMs: number;
    readonly toMs: number;
    readonly timezone: string;
    /** `Mon 23 Nov 2026 00:00 to Mon 30 Nov 2026 00:00`. */
    readonly label: string;
  };
  readonly totals: {
    readonly requests: number;
    readonly allowed: number;
    readonly blocked: number;
    readonly warned: number;
    readonly alerted: number;
    readonly searches: number;
    readonly alerts: number;
  };
  /** Per local day, oldest first, zeros included. */
  readonly series: readonly {
    readonly startMs: number;
    readonly key: string;
    readonly label: string;
    readonly requests: number;
    readonly blocked: number;
  }[];
  /** Most requested hosts, with how many of those requests were blocked. */
  readonly topHosts: readonly {
    readonly host: string;
    readonly requests: number;
    readonly blocked: number;
  }[];
  /** Categories of the requests (a request counts once for each of its categories). */
  readonly topCategories: readonly DigestCount[];
  /** Newest first, at most `listLimit`; `blockedMore` when there were more. */
  readonly blocked: readonly ActivityEntry[];
  readonly blockedMore: boolean;
  /** Newest first, at most `listLimit`; `searchesMore` when there were more. */
  readonly searches: readonly ActivityEntry[];
  readonly searchesMore: boolean;
  /** Alerts about the subject active in the period, most recent activity first. */
  readonly alerts: readonly ActivityAlert[];
}

/**
 * An on-demand activity report for one person or one group over any period. It reads
 * people's records, so the read goes on the audit trail first (`withAuditedRead`: the row is
 * committed before any query runs, and stays even if the report then fails). Counts come
 * from the hourly rollups for a group, and from the `(username, time_ms)` index for a person
 * (rollups for one person would mean scanning every person's rows); lists are read newest
 * first and capped.
 *
 * ### Examples
 * ```ts
 * const report = await buildActivityReport(store, {
 *   subject: { user: 'pupil.one' },
 *   period: { fromMs: Date.parse('2026-11-23T00:00Z'), toMs: Date.parse('2026-11-30T00:00Z') },
 *   actor: 'console:jane.dsl', reason: 'case 2026-17',
 * });
 * report.totals.blocked; // 14
 * ```
 */
export async function buildActivityReport(
  store: Store,
  options: ActivityReportOptions,
): Promise<ActivityReport> {
  if (options.reason.trim() === '') throw new TypeError('an activity report needs a reason');
  const { fromMs, toMs } = options.period;
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || !(fromMs < toMs)) {
    throw new RangeError('the period ends before it starts');
  }
  const period = {
    fromMs: fromMs - (((fromMs % HOUR_MS) + HOUR_MS) % HOUR_MS),
    toMs: Math.ceil(toMs / HOUR_MS) * HOUR_MS,
  };
  const timezone = options.timezone ?? 'Europe/London';
  const local = localTimeFormat(timezone);
  const subject =
    'user' in options.subject
      ? { kind: 'user' as const, name: options.subject.user }
      : { kind: 'group' as const, name: options.subject.group };
  const topN = Math.max(1, Math.min(100, Math.floor(options.topN ?? 10)));
  const listLimit = Math.max(1, Math.min(1000, Math.floor(options.listLimit ?? 200)));

  return withAuditedRead(
    store.db,
    {
      actor: options.actor,
      action: 'activity-report.read',
      targetKind: subject.kind === 'user' ? 'person' : 'group',
      target: subject.name,
      clientAddress: options.clientAddress ?? null,
      reason: options.reason,
      details: { fromMs: period.fromMs, toMs: period.toMs },
    },
    options.now ?? Date.now,
    async () => {
      const counts = await activityCounts(store, subject, period, { timezone, topN });
      const events = await activityEvents(store, subject, period, { local, topN, listLimit });
      const alerts = await activityAlerts(store.db, subject, period, local);
      return {
        kind: 'activity-report',
        subject,
        period: {
          ...period,
          timezone,
          label: `${local.dateTime(period.fromMs)} to ${local.dateTime(period.toMs)}`,
        },
        totals: { ...counts.totals, alerts: alerts.length },
        series: counts.series,
        topHosts: events.topHosts,
        topCategories: subject.kind === 'group' ? counts.topCategories : events.topCategories,
        blocked: events.blocked,
        blockedMore: events.blockedMore,
        searches: events.searches,
        searchesMore: events.searchesMore,
        alerts,
      };
    },
  );
}
