import { requestJson } from './request-json.js';

// The Users endpoints' shapes (src/console/routes/users-routes.ts and
// src/directory/user-import.ts) and a client for them. NOTE: keep in sync with those
// files; they live here, not in types.ts and create-api.ts, until those take them in.

/** One person in the directory (`GET /api/people`). */
export interface DirectoryPerson {
  readonly username: string;
  readonly displayName: string;
  readonly groups: readonly string[];
  /** For staff: the groups (classes) they teach. */
  readonly classes: readonly string[];
  /** A staff role (`teacher`, `dsl`...), or null for a pupil. */
  readonly role: string | null;
  /** The policy group the gateway filters this person by. */
  readonly effectiveGroup: { readonly id: string; readonly label: string };
  readonly updatedMs: number;
}

/** The list's filters; empty ones are left out of the query. */
export interface PeopleQuery {
  readonly q?: string;
  readonly group?: string;
  readonly limit: number;
}

/** One problem in a CSV file: line 0 is the file as a whole, column null the whole record. */
export interface ImportRowError {
  readonly line: number;
  readonly column: string | null;
  readonly value: string;
  readonly message: string;
}

/** A person the import would create or update. */
export interface ImportPreviewRow {
  readonly line: number;
  readonly username: string;
  readonly displayName: string;
  readonly groups: readonly string[];
  readonly classes: readonly string[];
  readonly role: string | null;
  readonly action: 'create' | 'update';
}

/** `POST /api/people/import/preview`: what importing the file would do; nothing written. */
export interface ImportPreview {
  readonly rows: readonly ImportPreviewRow[];
  readonly errors: readonly ImportRowError[];
  readonly warnings: readonly ImportRowError[];
  readonly columns: readonly string[];
  readonly summary: {
    readonly total: number;
    readonly valid: number;
    readonly invalid: number;
    readonly new: number;
    readonly updated: number;
  };
}

/** `POST /api/people/import`: what was written. */
export interface ImportResult {
  readonly imported: number;
  readonly created: number;
  readonly updated: number;
  /** Invalid rows left out (only with `skipInvalid`). */
  readonly skipped: number;
}

/** The Users calls; every failure is an `ApiProblem`, as with the main client. */
export interface UsersApi {
  people(query: PeopleQuery, signal?: AbortSignal): Promise<readonly DirectoryPerson[]>;
  preview(csv: string): Promise<ImportPreview>;
  /** Refused (`invalid`, one `errors` entry per problem) while the file has errors, unless `skipInvalid`. */
  importCsv(csv: string, skipInvalid: boolean): Promise<ImportResult>;
}

export interface UsersApiOptions {
  /** The session's CSRF token, read at each write (the session may be replaced). */
  readonly csrfToken: () => string | null;
  /** Called when a call finds the session gone (401 `unauthenticated`). */
  readonly onSignedOut?: () => void;
  /** Prefix of every path; '' means the page's own origin. */
  readonly baseUrl?: string;
  readonly fetch?: typeof fetch;
}

/**
 * Builds the client for the school directory and its CSV import. It behaves as `createApi`
 * does (cookie always, `x-csrf-token` on writes, every failure an `ApiProblem`).
 *
 * ### Examples
 * ```ts
 * const users = createUsersApi({ csrfToken: () => session.csrfToken });
 * const preview = await users.preview(csvText);
 * if (preview.summary.valid > 0) await users.importCsv(csvText, true);
 * ```
 */
export function createUsersApi(options: UsersApiOptions): UsersApi {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  const call = requestJson({
    baseUrl,
    fetch: doFetch,
    csrfToken: options.csrfToken,
    onUnauthenticated: () => options.onSignedOut?.(),
  });

  return {
    async people(query, signal) {
      const params = new URLSearchParams();
      if (query.q !== undefined && query.q.trim() !== '') params.set('q', query.q.trim());
      if (query.group !== undefined && query.group !== '') params.set('group', query.group);
      params.set('limit', String(query.limit));
      const path = `/people?${params.toString()}`;
      return (await call<{ people: DirectoryPerson[] }>('GET', path, { signal })).people;
    },
    preview: (csv) => call<ImportPreview>('POST', '/people/import/preview', { body: { csv } }),
    importCsv: (csv, skipInvalid) =>
      call<ImportResult>('POST', '/people/import', { body: { csv, skipInvalid } }),
  };
}
