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

/** One person with the details only the Edit form needs (`GET /api/people/:username`). */
export interface PersonDetails extends DirectoryPerson {
  readonly email: string | null;
  /** `YYYY-MM-DD`, or null. */
  readonly dateOfBirth: string | null;
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

/** A group a person may be in or a teacher may teach (`GET /api/groups`). */
export interface KnownGroup {
  readonly id: string;
  readonly label: string;
  /** A group of the filtering policy (with its own filter level), not only a class. */
  readonly policy: boolean;
}

/** A person as the Add and Edit forms send them (`POST /api/people`). */
export interface PersonFields {
  readonly displayName: string;
  readonly groups: readonly string[];
  /** For staff: the classes they teach; must be empty for a pupil. */
  readonly classes: readonly string[];
  /** A staff role, or null for a pupil. */
  readonly role: string | null;
  readonly email: string | null;
  /** `YYYY-MM-DD`, or null. */
  readonly dateOfBirth: string | null;
}

/** The staff roles. NOTE: keep in sync with STAFF_ROLES in src/config/monitor-config.ts. */
export type StaffRole =
  | 'dsl'
  | 'deputy_dsl'
  | 'head'
  | 'bursar'
  | 'it_admin'
  | 'teacher'
  | 'governor';

/** A console account (`GET /api/staff`): never a hash or secret, only whether 2FA is set. */
export interface StaffAccount {
  readonly username: string;
  readonly displayName: string;
  readonly email: string | null;
  readonly role: StaffRole;
  /** A teacher's classes; empty for every other role. */
  readonly classes: readonly string[];
  readonly totpEnabled: boolean;
  readonly disabled: boolean;
  /** Locked after wrong passwords until then; null when not locked. */
  readonly lockedUntilMs: number | null;
  readonly lastSignInMs: number | null;
  readonly createdMs: number;
  readonly updatedMs: number;
}

/** A new console account (`POST /api/staff`). */
export interface NewStaffAccount {
  readonly username: string;
  readonly displayName: string;
  readonly email: string | null;
  readonly role: StaffRole;
  readonly classes: readonly string[];
  /** At least 10 characters. */
  readonly password: string;
}

/** A change to a console account (`PATCH /api/staff/:username`); absent fields stay. */
export interface StaffChange {
  readonly displayName?: string;
  readonly email?: string | null;
  readonly role?: StaffRole;
  readonly classes?: readonly string[];
  readonly unlock?: true;
  readonly disabled?: boolean;
  readonly password?: string;
}

/** The Users calls; every failure is an `ApiProblem`, as with the main client. */
export interface UsersApi {
  people(query: PeopleQuery, signal?: AbortSignal): Promise<readonly DirectoryPerson[]>;
  preview(csv: string): Promise<ImportPreview>;
  /** Refused (`invalid`, one `errors` entry per problem) while the file has errors, unless `skipInvalid`. */
  importCsv(csv: string, skipInvalid: boolean): Promise<ImportResult>;
  /** Policy groups first, then the directory's other groups and classes. */
  groups(signal?: AbortSignal): Promise<readonly KnownGroup[]>;
  /** Refused `invalid` with an `errors` entry per field, or `conflict` for a taken username. */
  /** One person with their e-mail and date of birth, for the Edit form (`users.change`). */
  person(username: string, signal?: AbortSignal): Promise<PersonDetails>;
  createPerson(username: string, fields: PersonFields): Promise<PersonDetails>;
  changePerson(username: string, change: Partial<PersonFields>): Promise<PersonDetails>;
  staff(signal?: AbortSignal): Promise<readonly StaffAccount[]>;
  createStaff(account: NewStaffAccount): Promise<StaffAccount>;
  changeStaff(username: string, change: StaffChange): Promise<StaffAccount>;
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
 * Builds the client for the school directory (people, their groups, the CSV import) and
 * the console accounts. It behaves as `createApi`
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
    async groups(signal) {
      return (await call<{ groups: KnownGroup[] }>('GET', '/groups', { signal })).groups;
    },
    async person(username, signal) {
      const path = `/people/${encodeURIComponent(username)}`;
      return (await call<{ person: PersonDetails }>('GET', path, { signal })).person;
    },
    async createPerson(username, fields) {
      const body = { username, ...fields };
      return (await call<{ person: PersonDetails }>('POST', '/people', { body })).person;
    },
    async changePerson(username, change) {
      const path = `/people/${encodeURIComponent(username)}`;
      return (await call<{ person: PersonDetails }>('PATCH', path, { body: change })).person;
    },
    async staff(signal) {
      return (await call<{ staff: StaffAccount[] }>('GET', '/staff', { signal })).staff;
    },
    async createStaff(account) {
      return (await call<{ account: StaffAccount }>('POST', '/staff', { body: account })).account;
    },
    async changeStaff(username, change) {
      const path = `/staff/${encodeURIComponent(username)}`;
      return (await call<{ account: StaffAccount }>('PATCH', path, { body: change })).account;
    },
  };
}
