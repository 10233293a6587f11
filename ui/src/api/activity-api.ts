import { ApiProblem } from './api-problem.js';

// The Activity endpoints' shapes (src/console/api/activity.md) and a client for them.
// NOTE: keep in sync with src/console/routes/activity-routes.ts (`describeEvent`). They live
// here, not in types.ts and create-api.ts, only until those files take them in.

/** What the filter did with a request (`Action` in src/engine/policy/action.ts). */
export type EventAction = 'allow' | 'block' | 'warn' | 'alert';

/** One request in a timeline. */
export interface ActivityEvent {
  readonly id: string;
  readonly timeMs: number;
  /** Null when the request could not be tied to a person. */
  readonly user: string | null;
  readonly groups: readonly string[];
  readonly device: string | null;
  readonly clientAddress: string;
  readonly action: EventAction;
  /** The engine's reason code (`category`, `phrase`, `exception`...). */
  readonly reason: string;
  /** `scheme://host/path`, never the query string (the gateway does not keep it). */
  readonly url: string;
  readonly host: string;
  readonly path: string | null;
  readonly searchTerms: string | null;
  readonly categories: readonly { readonly id: string; readonly label: string }[];
}

/** `GET /api/activity`: one page, newest first. */
export interface ActivityPage {
  readonly events: readonly ActivityEvent[];
  /** Pass back as `after` for the next page; null when there is no more. */
  readonly next: string | null;
}

/** Whose activity, when, and how filtered: the parameters both endpoints take. */
export interface ActivityFilter {
  /** Exactly one of `user` and `group`. */
  readonly user?: string;
  readonly group?: string;
  /** The period `[fromMs, toMs)`. */
  readonly fromMs: number;
  readonly toMs: number;
  readonly searchesOnly?: boolean;
  /** Text to find in the host, path or search terms (ignoring case). */
  readonly q?: string;
  /** Why the records are read; required for IT, recorded in the audit trail. */
  readonly reason?: string;
}

/** The Activity calls; every failure is an `ApiProblem`, as with the main client. */
export interface ActivityApi {
  /** One page of the timeline; `after` is the previous page's `next`. */
  page(
    filter: ActivityFilter,
    options?: { readonly after?: string | null; readonly limit?: number },
    signal?: AbortSignal,
  ): Promise<ActivityPage>;
  /** The address of the CSV download of the same timeline (for a plain link). */
  csvHref(filter: ActivityFilter): string;
}

export interface ActivityApiOptions {
  /** Called when a call finds the session gone (401 `unauthenticated`). */
  readonly onSignedOut?: () => void;
  /** Prefix of every path; '' means the page's own origin. */
  readonly baseUrl?: string;
  readonly fetch?: typeof fetch;
}

/**
 * Builds the Activity client. Reads only (GET), so no CSRF token; the session cookie goes
 * with every call (`credentials: 'same-origin'`), and with the CSV link the browser follows.
 *
 * ### Examples
 * ```ts
 * const activity = createActivityApi();
 * const first = await activity.page({ user: 'pupil.one', fromMs, toMs });
 * const more = await activity.page({ user: 'pupil.one', fromMs, toMs }, { after: first.next });
 * ```
 */
export function createActivityApi(options: ActivityApiOptions = {}): ActivityApi {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  return {
    async page(filter, paging = {}, signal) {
      const search = activitySearch(filter, {
        after: paging.after ?? undefined,
        limit: paging.limit === undefined ? undefined : String(paging.limit),
      });
      let response: Response;
      try {
        response = await doFetch(`${baseUrl}/api/activity?${search}`, {
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
      return (await response.json()) as ActivityPage;
    },
    csvHref: (filter) => `${baseUrl}/api/activity.csv?${activitySearch(filter, {})}`,
  };
}

/** The query string both endpoints take, leaving out what is not set. */
function activitySearch(
  filter: ActivityFilter,
  extra: Readonly<Record<string, string | undefined>>,
): string {
  const params: Record<string, string | undefined> = {
    user: filter.user,
    group: filter.group,
    from: String(filter.fromMs),
    to: String(filter.toMs),
    searchesOnly: filter.searchesOnly === true ? 'true' : undefined,
    q: filter.q,
    reason: filter.reason,
    ...extra,
  };
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, value);
  }
  return search.toString();
}
