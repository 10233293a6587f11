import { requestJson } from './request-json.js';

// The Lists endpoints' shapes (src/console/routes/lists-routes.ts) and a client for them.
// NOTE: keep in sync with src/console/lists/describe-sources.ts, list-categories.ts and
// group-verdict.ts. Kept here, not in types.ts and create-api.ts, as policy-api.ts is.

/** One list source: a file, or a feed `schoolgate lists update` downloads. */
export interface ListSource {
  readonly name: string;
  readonly type: 'list' | 'ut1';
  /** `auto`, `domains`, `hosts`... for a `list`; null for a UT1 archive. */
  readonly format: string | null;
  /** The Schoolgate categories it feeds. */
  readonly categories: readonly string[];
  /** The file it is read from (a feed's download). */
  readonly path: string;
  /** A feed's address without credentials (query values shown as …); null for a file. */
  readonly url: string | null;
  /** False when the file is not there (a feed never downloaded). */
  readonly available: boolean;
  readonly updatedMs: number | null;
  /** `download`: the last `lists update` download; `file`: the file's modification time. */
  readonly updatedBy: 'download' | 'file' | null;
  readonly entries: number | null;
  readonly rejected: number | null;
}

/** One category: its entries in the compiled index and the sources feeding it. */
export interface ListCategory {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  /** Blocked for everyone; no policy or exception can allow it. */
  readonly mandatory: boolean;
  /** `builtin`: Schoolgate's; `config`: the school's own; `index`: only found in the lists. */
  readonly origin: 'builtin' | 'config' | 'index';
  readonly entries: number;
  readonly sources: readonly ListSource[];
  /** The latest change of any of its sources. */
  readonly updatedMs: number | null;
}

/** `GET /api/lists`. */
export interface ListsOverview {
  /** The compiled index the gateway filters with; null when there is none to read. */
  readonly index: {
    readonly builtMs: number;
    /** When the file was installed (its modification time). */
    readonly installedMs: number;
    readonly entries: number;
  } | null;
  /** Why there is no index, and what to do; null when there is one. */
  readonly indexProblem: string | null;
  readonly categories: readonly ListCategory[];
  readonly sources: readonly ListSource[];
}

/** What a request can get (`Action` in src/engine/policy/action.ts). */
export type VerdictAction = 'allow' | 'block' | 'warn' | 'alert';

/** A list entry that matched. */
export interface MatchedListEntry {
  readonly kind: 'domain' | 'url' | 'ip';
  readonly key: string;
  readonly categories: readonly string[];
  readonly sources: readonly string[];
}

/** The decision for one policy group. */
export interface GroupVerdict {
  readonly group: { readonly id: string; readonly label: string };
  readonly action: VerdictAction;
  /** The engine's reason code: `category`, `mandatory`, `exception`, `phrase`, `uncategorised`... */
  readonly reason: string;
  /** One sentence: what happens and why. */
  readonly summary: string;
  /** The engine's explanation, as `schoolgate explain` prints it. */
  readonly explanation: readonly string[];
  readonly category: { readonly id: string; readonly label: string } | null;
  readonly entry: MatchedListEntry | null;
  readonly exception: {
    readonly id: string;
    readonly match: string;
    readonly action: 'allow' | 'block';
    readonly reason: string;
    readonly expires: string | null;
    /** Who made it in the console (`console:username`) and when; null for the file's. */
    readonly madeBy: string | null;
    readonly madeMs: number | null;
  } | null;
  readonly phrases: {
    readonly phrases: readonly string[];
    readonly score: number;
    readonly limit: number;
    readonly banned: boolean;
  } | null;
  /** For a decision by category: the rule's origin; a console cell says who and why. */
  readonly rule: {
    readonly source: 'console' | 'file' | 'none';
    readonly changedBy?: string;
    readonly changedMs?: number;
    readonly reason?: string;
  } | null;
}

/** `GET /api/lists/test?url=`: the decision for each policy group. */
export interface UrlTestResult {
  /** The address as typed. */
  readonly input: string;
  /** The address as the engine reads it. */
  readonly url: string;
  readonly host: string;
  /** Every category the lists put it in. */
  readonly categories: readonly { readonly id: string; readonly label: string }[];
  /** Every list entry that matched, most specific first. */
  readonly entries: readonly MatchedListEntry[];
  readonly search: {
    readonly engine: string;
    readonly terms: string;
    readonly autocomplete: boolean;
  } | null;
  readonly policyVersion: number;
  readonly indexBuiltMs: number;
  /** In the policy's group order. */
  readonly groups: readonly GroupVerdict[];
}

/** The Lists calls; every failure is an `ApiProblem`, as with the main client. */
export interface ListsApi {
  lists(signal?: AbortSignal): Promise<ListsOverview>;
  /** Throws `invalid` with `errors[].path` `url` for an address that cannot be tested. */
  testUrl(url: string, signal?: AbortSignal): Promise<UrlTestResult>;
}

export interface ListsApiOptions {
  /** The session's CSRF token (these calls are reads, so it is never sent). */
  readonly csrfToken: () => string | null;
  /** Called when a call finds the session gone (401 `unauthenticated`). */
  readonly onSignedOut?: () => void;
  /** Prefix of every path; '' means the page's own origin. */
  readonly baseUrl?: string;
  readonly fetch?: typeof fetch;
}

/**
 * Builds the client for the Lists page. It behaves as `createApi` does (cookie always,
 * every failure an `ApiProblem`).
 *
 * ### Examples
 * ```ts
 * const lists = createListsApi({ csrfToken: () => session.csrfToken });
 * const result = await lists.testUrl('https://www.example.com/');
 * result.groups.map((g) => `${g.group.label}: ${g.action}`);
 * ```
 */
export function createListsApi(options: ListsApiOptions): ListsApi {
  const call = requestJson({
    baseUrl: options.baseUrl ?? '',
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    csrfToken: options.csrfToken,
    onUnauthenticated: () => options.onSignedOut?.(),
  });
  return {
    lists: (signal) => call<ListsOverview>('GET', '/lists', { signal }),
    testUrl: (url, signal) =>
      call<UrlTestResult>('GET', `/lists/test?url=${encodeURIComponent(url)}`, { signal }),
  };
}
