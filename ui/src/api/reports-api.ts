import { ApiProblem } from './api-problem.js';
import type { AlertLevel, AlertStateKind } from './types.js';

// The reports endpoints' shapes (src/console/api/reports.md) and a client for them.
// NOTE: keep in sync with src/console/routes/reports-routes.ts, src/monitor/digest/digest.ts
// and src/monitor/report/activity-report.ts. They live here, not in types.ts and
// create-api.ts, until those files take them in.

/** A name (category, group, person, search, host) and how often it came up. */
export interface ReportCount {
  readonly key: string;
  readonly count: number;
}

export type DigestKind = 'daily' | 'weekly';

/** The stretch of local time a digest covers, `[fromMs, toMs)`. */
export interface DigestPeriod {
  readonly kind: DigestKind;
  /** `daily:2026-11-24` or `weekly:2026-11-23` (the Monday). */
  readonly id: string;
  /** The day, or the week's Monday, `YYYY-MM-DD`. */
  readonly day: string;
  /** `Tuesday 24 November 2026`, `Week of Monday 23 November 2026`. */
  readonly label: string;
  readonly timezone: string;
  readonly fromMs: number;
  readonly toMs: number;
}

/** A level 3+ alert as the digest lists it; `user` only in a digest with names. */
export interface DigestAlert {
  readonly id: string;
  readonly level: AlertLevel;
  readonly category: string;
  readonly user?: string | null;
  readonly title: string;
  readonly count: number;
  readonly state: AlertStateKind;
  readonly lastMs: number;
  /** `Tue 24 Nov 2026 09:15`, school time. */
  readonly last: string;
}

/**
 * `GET /api/reports/digest`. With `namesLeftOut` (governors, the bursar, IT) the people
 * ranking and search terms are absent and alerts have no `user`.
 */
export interface ReportDigest {
  readonly kind: 'digest';
  readonly namesLeftOut: boolean;
  readonly period: DigestPeriod;
  readonly totals: {
    readonly requests: number;
    readonly blocked: number;
    readonly warned: number;
    readonly alerted: number;
    readonly searches: number;
    readonly people: number;
    readonly alerts: number;
  };
  readonly blockedByCategory: readonly ReportCount[];
  readonly blockedByGroup: readonly ReportCount[];
  readonly blockedByUser?: readonly ReportCount[];
  /** Per hour (daily) or day (weekly), oldest first, zeros kept. */
  readonly blockedSeries: readonly {
    readonly startMs: number;
    readonly key: string;
    /** `09:00` or `Tue 24 Nov`. */
    readonly label: string;
    readonly blocked: number;
  }[];
  readonly alertsByLevel: readonly { readonly level: AlertLevel; readonly count: number }[];
  readonly alertsByState: readonly { readonly state: AlertStateKind; readonly count: number }[];
  readonly alerts: readonly DigestAlert[];
  readonly moreAlerts: number;
  readonly searchTerms?: readonly ReportCount[];
}

/** One listed request of an activity report: a blocked attempt or a search. */
export interface ActivityEntry {
  readonly id: string;
  readonly timeMs: number;
  readonly time: string;
  readonly user: string | null;
  readonly host: string;
  readonly path: string | null;
  readonly categories: readonly string[];
  readonly searchTerms: string | null;
  readonly inAlert: boolean;
}

/** `GET /api/reports/activity`: a person's or a group's web use over a period. */
export interface ActivityReport {
  readonly kind: 'activity-report';
  readonly subject: { readonly kind: 'user' | 'group'; readonly name: string };
  readonly period: {
    readonly fromMs: number;
    readonly toMs: number;
    readonly timezone: string;
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
  /** Per local day, oldest first. */
  readonly series: readonly {
    readonly startMs: number;
    readonly key: string;
    readonly label: string;
    readonly requests: number;
    readonly blocked: number;
  }[];
  readonly topHosts: readonly {
    readonly host: string;
    readonly requests: number;
    readonly blocked: number;
  }[];
  readonly topCategories: readonly ReportCount[];
  readonly blocked: readonly ActivityEntry[];
  readonly blockedMore: boolean;
  readonly searches: readonly ActivityEntry[];
  readonly searchesMore: boolean;
  readonly alerts: readonly {
    readonly id: string;
    readonly level: AlertLevel;
    readonly category: string;
    readonly user: string | null;
    readonly title: string;
    readonly count: number;
    readonly state: AlertStateKind;
    readonly firstMs: number;
    readonly lastMs: number;
    readonly last: string;
  }[];
}

export interface DigestQuery {
  readonly kind: DigestKind;
  /** `YYYY-MM-DD`; absent means yesterday (the server decides, in school time). */
  readonly day?: string;
}

export interface ActivityQuery {
  readonly subject: { readonly kind: 'user' | 'group'; readonly name: string };
  readonly fromMs: number;
  readonly toMs: number;
  /** Why: required, and written to the audit trail with the report. */
  readonly reason: string;
}

/** The files a report comes as (the server names them and sends them as downloads). */
export type ReportFileFormat = 'csv' | 'pdf';

/** The reports calls; every failure is an `ApiProblem`, as with the main client. */
export interface ReportsApi {
  digest(query: DigestQuery, signal?: AbortSignal): Promise<ReportDigest>;
  /** Runs an activity report; the server audits it (and refuses it out of the caller's scope). */
  activity(query: ActivityQuery, signal?: AbortSignal): Promise<ActivityReport>;
  /** The address of a digest's file, for a download link (same origin, so the cookie goes). */
  digestFileUrl(query: DigestQuery, format: ReportFileFormat): string;
  /** The address of an activity report's file; each download is audited again. */
  activityFileUrl(query: ActivityQuery, format: ReportFileFormat): string;
}

export interface ReportsApiOptions {
  /** Called when a call finds the session gone (401 `unauthenticated`). */
  readonly onSignedOut?: () => void;
  /** Prefix of every path; '' means the page's own origin. */
  readonly baseUrl?: string;
  readonly fetch?: typeof fetch;
}

/**
 * Builds the client for digests and activity reports. Every call is a GET, so no CSRF token
 * is needed; it sends the cookie and turns every failure into an `ApiProblem`, as
 * `createApi` does.
 *
 * ### Examples
 * ```ts
 * const reports = createReportsApi();
 * const digest = await reports.digest({ kind: 'weekly', day: '2026-11-24' });
 * <a href={reports.digestFileUrl({ kind: 'weekly', day: '2026-11-24' }, 'pdf')}>Download PDF</a>
 * ```
 */
export function createReportsApi(options: ReportsApiOptions = {}): ReportsApi {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  const digestPath = (query: DigestQuery, format?: ReportFileFormat) =>
    `/api/reports/digest?${params({ kind: query.kind, day: query.day, format })}`;
  const activityPath = (query: ActivityQuery, format?: ReportFileFormat) =>
    `/api/reports/activity?${params({
      [query.subject.kind]: query.subject.name,
      from: query.fromMs,
      to: query.toMs,
      reason: query.reason,
      format,
    })}`;

  async function get<T>(path: string, signal: AbortSignal | undefined): Promise<T> {
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${path}`, {
        method: 'GET',
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
        ...(signal === undefined ? {} : { signal }),
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw ApiProblem.network();
    }
    if (!response.ok) {
      const problem = await ApiProblem.fromResponse(response);
      if (problem.code === 'unauthenticated') options.onSignedOut?.();
      throw problem;
    }
    return (await response.json()) as T;
  }

  return {
    digest: (query, signal) => get<ReportDigest>(digestPath(query), signal),
    activity: (query, signal) => get<ActivityReport>(activityPath(query), signal),
    digestFileUrl: (query, format) => `${baseUrl}${digestPath(query, format)}`,
    activityFileUrl: (query, format) => `${baseUrl}${activityPath(query, format)}`,
  };
}

function params(values: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  return search.toString();
}
