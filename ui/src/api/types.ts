/**
 * The console API's shapes, as `src/console/API.md` states them. Types only: the UI
 * trusts the server's answers as typed and does not re-validate them.
 * NOTE: keep in sync with src/console/API.md (and the routes in src/console/routes/).
 */

export type Role = 'dsl' | 'deputy_dsl' | 'head' | 'bursar' | 'it_admin' | 'teacher' | 'governor';

/** A permission named in `Session.permissions` (`src/console/permissions.ts`). */
export type Permission =
  | 'alerts.read'
  | 'alerts.change'
  | 'activity.read'
  | 'reports.read'
  | 'reports.aggregate'
  | 'policy.read'
  | 'policy.change'
  | 'lists.read'
  | 'settings.read'
  | 'settings.change'
  | 'users.read'
  | 'users.change'
  | 'audit.read'
  | 'health.read'
  | 'names.read';

/** `GET|POST /api/session`: who is signed in and what they may do. */
export interface Session {
  readonly user: {
    readonly username: string;
    readonly displayName: string;
    readonly role: Role;
    readonly classes: readonly string[];
  };
  readonly csrfToken: string;
  readonly permissions: readonly string[];
  readonly school: { readonly name: string; readonly timezone: string };
}

/** The body of `POST /api/session`; `totp` only after a `totp-required` answer. */
export interface SignInInput {
  readonly username: string;
  readonly password: string;
  readonly totp?: string;
}

export type AlertLevel = 1 | 2 | 3 | 4 | 5;

/** `GET /api/dashboard`. */
export interface Dashboard {
  readonly today: {
    readonly requests: number;
    readonly blocked: number;
    readonly searches: number;
    readonly people: number;
  };
  readonly alertsToday: readonly { readonly level: AlertLevel; readonly count: number }[];
  readonly openAlerts: number;
  /** The last 7 days, oldest first; `day` is YYYY-MM-DD in the school's timezone. */
  readonly blockedByDay: readonly { readonly day: string; readonly count: number }[];
  readonly topCategories: readonly {
    readonly key: string;
    readonly label: string;
    readonly count: number;
  }[];
  /** null for roles that see no names. */
  readonly topUsers: readonly { readonly key: string; readonly count: number }[] | null;
  readonly topSites: readonly { readonly key: string; readonly count: number }[];
  /** null without `health.read`. */
  readonly health: GatewayHealth | null;
}

export interface GatewayHealth {
  readonly status: 'ok' | 'degraded';
  /** Why it is degraded, in words that say what to do; empty when ok. */
  readonly problems: readonly string[];
  /** Requests decided per second over the last minute, all workers together. */
  readonly requestsPerSecond: number;
  readonly workers: { readonly alive: number; readonly configured: number };
  /** How old the compiled lists are (by the gateway's clock); null when unknown. */
  readonly listsAgeSeconds: number | null;
  readonly eventsWaiting: number;
  readonly eventStore: string;
  readonly indexEntries: number;
  /** ISO 8601, or '' when the gateway did not say. */
  readonly indexBuiltAt: string;
  readonly monitor: string;
}

export type AlertKind = 'category' | 'concern' | 'phrases' | 'repeated' | 'circumvention';
export type AlertStateKind = 'new' | 'acknowledged' | 'closed' | 'escalated';
export type AlertOutcome = 'no-concern' | 'handled-in-school' | 'false-positive' | 'duplicate';

export type AlertState =
  | { readonly kind: 'new' }
  | { readonly kind: 'acknowledged'; readonly by: string; readonly atMs: number }
  | {
      readonly kind: 'closed';
      readonly by: string;
      readonly atMs: number;
      readonly outcome: string;
      readonly note: string;
    }
  | {
      readonly kind: 'escalated';
      readonly by: string;
      readonly atMs: number;
      readonly caseRef: string;
      readonly note: string;
    };

export interface Alert {
  readonly id: string;
  readonly kind: AlertKind;
  readonly category: string;
  readonly categoryLabel: string;
  readonly level: AlertLevel;
  readonly levelMeaning: string;
  readonly baseLevel: AlertLevel;
  readonly title: string;
  readonly subject: {
    readonly user: string | null;
    readonly groups: readonly string[];
    readonly device: string | null;
    readonly clientAddress: string;
  };
  readonly firstMs: number;
  readonly lastMs: number;
  readonly count: number;
  readonly expected: string | null;
  readonly state: AlertState;
}

export interface Evidence {
  readonly eventId: string;
  readonly timeMs: number;
  readonly url: string;
  readonly action: string;
  readonly searchTerms: string | null;
  readonly phrases: readonly string[];
  readonly snippet: string | null;
}

/** `GET /api/alerts` query; absent fields are not sent. `states` empty means every state. */
export interface AlertFilter {
  readonly states: readonly AlertStateKind[];
  readonly minLevel?: AlertLevel;
  readonly category?: string;
  readonly className?: string;
  readonly limit?: number;
}

export interface AuditRecord {
  readonly seq: number;
  readonly timeMs: number;
  readonly actor: string;
  readonly action: string;
  readonly targetKind: string;
  readonly target: string;
  readonly reason: string | null;
  readonly details: Readonly<Record<string, unknown>>;
}

/** `GET /api/audit` query. */
export interface AuditFilter {
  readonly kind?: string;
  readonly target?: string;
  readonly limit?: number;
}

/** `GET /api/audit/verify`. */
export interface AuditVerification {
  readonly intact: boolean;
  readonly rows: number;
  readonly head: { readonly seq: number; readonly hash: string } | null;
  readonly problems: readonly string[];
}
