import { ApiProblem } from './api-problem.js';
import { requestJson } from './request-json.js';
import type {
  Alert,
  AlertFilter,
  AlertOutcome,
  AuditFilter,
  AuditRecord,
  AuditVerification,
  Dashboard,
  Evidence,
  Session,
  SignInInput,
} from './types.js';

/** The console API (`src/console/API.md`) as typed calls; every failure is an `ApiProblem`. */
export interface Api {
  /** Who is signed in, or null when nobody is (401). */
  session(signal?: AbortSignal): Promise<Session | null>;
  /** Signs in; throws `sign-in-failed`, `totp-required`, `totp-setup-required` or `locked`. */
  signIn(input: SignInInput): Promise<Session>;
  signOut(): Promise<void>;
  dashboard(signal?: AbortSignal): Promise<Dashboard>;
  alerts(filter: AlertFilter, signal?: AbortSignal): Promise<readonly Alert[]>;
  /** One alert and its evidence; the server writes the read to the audit trail. */
  alert(
    id: string,
    signal?: AbortSignal,
  ): Promise<{ readonly alert: Alert; readonly evidence: readonly Evidence[] }>;
  acknowledge(id: string): Promise<Alert>;
  close(id: string, input: { outcome: AlertOutcome; reason: string }): Promise<Alert>;
  escalate(id: string, input: { caseRef: string; reason: string }): Promise<Alert>;
  audit(filter: AuditFilter, signal?: AbortSignal): Promise<readonly AuditRecord[]>;
  verifyAudit(signal?: AbortSignal): Promise<AuditVerification>;
  /**
   * Calls `listener` when a call finds the session gone (401 `unauthenticated`), so the app
   * can return to the sign-in page. Returns a function that removes the listener.
   */
  onSignedOut(listener: () => void): () => void;
}

/** Where the client sends requests; tests may pass their own `fetch`. */
export interface ApiOptions {
  /** Prefix of every path; '' means the page's own origin. */
  readonly baseUrl?: string;
  readonly fetch?: typeof fetch;
}

/**
 * Builds the console API client. It keeps the session's CSRF token (from `session()` and
 * `signIn()`) and sends it as `x-csrf-token` on every call that is not a GET, sends the
 * session cookie (`credentials: 'same-origin'`), and turns every failure into an
 * `ApiProblem`.
 *
 * ### Examples
 * ```ts
 * const api = createApi();
 * const session = await api.session(); // null: show the sign-in page
 * const alerts = await api.alerts({ states: ['new', 'acknowledged'], minLevel: 3 });
 * ```
 */
export function createApi(options: ApiOptions = {}): Api {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  let csrfToken: string | null = null;
  const signedOutListeners = new Set<() => void>();

  const call = requestJson({
    baseUrl,
    fetch: doFetch,
    csrfToken: () => csrfToken,
    onUnauthenticated: () => {
      csrfToken = null;
      for (const listener of signedOutListeners) listener();
    },
  });

  const remember = (session: Session): Session => {
    csrfToken = session.csrfToken;
    return session;
  };

  const query = (params: Record<string, string | number | undefined>): string => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
      if (value !== undefined && value !== '') search.set(key, String(value));
    }
    const text = search.toString();
    return text === '' ? '' : `?${text}`;
  };

  const alertPath = (id: string, action?: string) =>
    `/alerts/${encodeURIComponent(id)}${action === undefined ? '' : `/${action}`}`;

  return {
    async session(signal) {
      try {
        return remember(
          await call<Session>('GET', '/session', { signal, quietUnauthenticated: true }),
        );
      } catch (error) {
        if (error instanceof ApiProblem && error.code === 'unauthenticated') return null;
        throw error;
      }
    },
    async signIn(input) {
      return remember(
        await call<Session>('POST', '/session', { body: input, quietUnauthenticated: true }),
      );
    },
    async signOut() {
      try {
        await call<void>('DELETE', '/session', { quietUnauthenticated: true });
      } finally {
        csrfToken = null;
      }
    },
    dashboard: (signal) => call<Dashboard>('GET', '/dashboard', { signal }),
    async alerts(filter, signal) {
      const path = `/alerts${query({
        state: filter.states.length === 0 ? 'all' : filter.states.join(','),
        minLevel: filter.minLevel,
        category: filter.category,
        class: filter.className,
        limit: filter.limit,
      })}`;
      return (await call<{ alerts: Alert[] }>('GET', path, { signal })).alerts;
    },
    alert: (id, signal) => call('GET', alertPath(id), { signal }),
    async acknowledge(id) {
      return (await call<{ alert: Alert }>('POST', alertPath(id, 'acknowledge'), { body: {} }))
        .alert;
    },
    async close(id, input) {
      return (await call<{ alert: Alert }>('POST', alertPath(id, 'close'), { body: input })).alert;
    },
    async escalate(id, input) {
      return (await call<{ alert: Alert }>('POST', alertPath(id, 'escalate'), { body: input }))
        .alert;
    },
    async audit(filter, signal) {
      const path = `/audit${query({ kind: filter.kind, target: filter.target, limit: filter.limit })}`;
      return (await call<{ records: AuditRecord[] }>('GET', path, { signal })).records;
    },
    verifyAudit: (signal) => call<AuditVerification>('GET', '/audit/verify', { signal }),
    onSignedOut(listener) {
      signedOutListeners.add(listener);
      return () => signedOutListeners.delete(listener);
    },
  };
}
