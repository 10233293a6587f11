import { requestJson } from './request-json.js';

// The policy endpoints' shapes (src/console/routes/policy-routes.ts) and a client for them.
// NOTE: keep in sync with src/console/routes/policy-routes.ts and
// src/casework/decisions/policy-cells.ts. They live here, not in types.ts and create-api.ts,
// only until those files take them in (see ui/src/policy/README.md).

/** What a cell can be set to (`ACTIONS` in src/engine/policy/action.ts). */
export type PolicyAction = 'allow' | 'block' | 'warn' | 'alert';

/** What a cell shows: an action, or `timed` for a rule that changes with the time of day. */
export type CellAction = PolicyAction | 'timed';

/** Where a cell's rule comes from. */
export type RuleSource = 'mandatory' | 'console' | 'file' | 'default';

/** One cell of the matrix: a category's rule for one group. */
export interface PolicyRule {
  readonly category: string;
  readonly action: CellAction;
  /** The rule in words: `block`, `allow during lunchtime; block`, `allow (no rule)`. */
  readonly rule: string;
  readonly source: RuleSource;
  /** Set when `source` is `console`: who changed it (`console:username`), when, and why. */
  readonly changedBy?: string;
  readonly changedMs?: number;
  readonly reason?: string;
}

/** `GET /api/policy`: the category x group matrix as the gateways apply it now. */
export interface PolicyMatrix {
  /** Moves on every change; gateways reload when it does. */
  readonly version: number;
  readonly groups: readonly { readonly id: string; readonly label: string }[];
  readonly categories: readonly {
    readonly id: string;
    readonly label: string;
    readonly mandatory: boolean;
  }[];
  /** One entry per group, in `groups` order; its rules in `categories` order. */
  readonly cells: readonly { readonly group: string; readonly rules: readonly PolicyRule[] }[];
}

/** The body of `PUT /api/policy/cells`. */
export interface PolicyCellChange {
  readonly group: string;
  readonly category: string;
  readonly action: PolicyAction;
  readonly reason: string;
}

/** The answer to `PUT /api/policy/cells`: the rule before and after, in words. */
export interface PolicyCellResult {
  readonly before: string;
  readonly after: string;
  readonly version: number;
}

/** One line of the decision log (`GET /api/decisions`), newest first. */
export interface DecisionRecord {
  readonly id: string;
  readonly timeMs: number;
  /** `console:username` for changes made in the console. */
  readonly actor: string;
  /** `policy-cell` for a matrix change, `exception`, `inspection-exemption`. */
  readonly kind: string;
  /**
   * For `policy-cell`: `group / category` (ids); for `exception`: `site for group, group`
   * or `site for everyone`; for `inspection-exemption`: the host.
   */
  readonly subject: string;
  readonly before: string;
  readonly after: string;
  readonly reason: string;
}

/** Whether an exception applies now: `expired` ones stay listed until removed. */
export type ExceptionState = 'active' | 'expired';

/**
 * An exception (`GET /api/policy/exceptions`): from the policy file (read-only here) or
 * made in the console. NOTE: keep in sync with src/console/routes/exceptions-routes.ts.
 */
export interface PolicyException {
  readonly id: string;
  readonly source: 'file' | 'console';
  /** Canonical `host` (and its subdomains) or `host/path` prefix. */
  readonly match: string;
  readonly action: 'allow' | 'block';
  /** Group ids, or null for everyone. */
  readonly groups: readonly string[] | null;
  readonly reason: string;
  readonly expiresMs: number | null;
  readonly state: ExceptionState;
  /** Console ones: who added it (`console:username`) and when. */
  readonly createdBy?: string;
  readonly createdMs?: number;
}

/** The body of `POST /api/policy/exceptions`. */
export interface PolicyExceptionAdd {
  readonly match: string;
  readonly action: 'allow' | 'block';
  /** Absent for everyone. */
  readonly groups?: readonly string[];
  readonly reason: string;
  /** `YYYY-MM-DD` (until the end of that day, school time) or an ISO instant; absent: never. */
  readonly expires?: string;
}

/** A host whose HTTPS is tunnelled, not inspected (`GET /api/policy/exemptions`). */
export interface InspectionExemption {
  readonly id: string;
  readonly source: 'file' | 'console';
  readonly host: string;
  readonly reason: string;
  readonly createdBy?: string;
  readonly createdMs?: number;
}

/** `GET /api/policy/exemptions`: whether inspection is on, and what is exempt from it. */
export interface InspectionExemptions {
  readonly inspection: boolean;
  /** Category ids never inspected (config file). */
  readonly exemptCategories: readonly string[];
  readonly exemptions: readonly InspectionExemption[];
}

/** The policy calls; every failure is an `ApiProblem`, as with the main client. */
export interface PolicyApi {
  policy(signal?: AbortSignal): Promise<PolicyMatrix>;
  /** Sets one cell; throws `invalid` (with `errors[].path`), `forbidden` or `csrf`. */
  setCell(change: PolicyCellChange): Promise<PolicyCellResult>;
  /** The newest `limit` lines of the decision log (the server allows 1 to 1000). */
  decisions(limit: number, signal?: AbortSignal): Promise<readonly DecisionRecord[]>;
  /** The file's exceptions and the console's (not removed), expired ones marked. */
  exceptions(signal?: AbortSignal): Promise<readonly PolicyException[]>;
  /** Adds one; throws `invalid` naming `match`, `action`, `groups`, `reason` or `expires`. */
  addException(exception: PolicyExceptionAdd): Promise<PolicyException>;
  /** Removes a console exception with a reason; `not-found` when it is gone already. */
  removeException(id: string, reason: string): Promise<void>;
  exemptions(signal?: AbortSignal): Promise<InspectionExemptions>;
  /** Exempts a host; throws `invalid` naming `host` or `reason`, `conflict` when exempt already. */
  addExemption(exemption: {
    readonly host: string;
    readonly reason: string;
  }): Promise<InspectionExemption>;
  removeExemption(id: string, reason: string): Promise<void>;
}

export interface PolicyApiOptions {
  /** The session's CSRF token, read at each write (the session may be replaced). */
  readonly csrfToken: () => string | null;
  /** Called when a call finds the session gone (401 `unauthenticated`). */
  readonly onSignedOut?: () => void;
  /** Prefix of every path; '' means the page's own origin. */
  readonly baseUrl?: string;
  readonly fetch?: typeof fetch;
}

/**
 * Builds the client for the policy matrix and the decision log. It behaves as `createApi`
 * does (cookie always, `x-csrf-token` on the write, every failure an `ApiProblem`), and
 * needs the token passed in because the main client keeps its own to itself.
 *
 * ### Examples
 * ```ts
 * const policy = createPolicyApi({ csrfToken: () => session.csrfToken });
 * await policy.setCell({ group: 'pupils', category: 'games', action: 'allow', reason: 'Games week' });
 * ```
 */
export function createPolicyApi(options: PolicyApiOptions): PolicyApi {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  const call = requestJson({
    baseUrl,
    fetch: doFetch,
    csrfToken: options.csrfToken,
    onUnauthenticated: () => options.onSignedOut?.(),
  });

  return {
    policy: (signal) => call<PolicyMatrix>('GET', '/policy', { signal }),
    setCell: (change) => call<PolicyCellResult>('PUT', '/policy/cells', { body: change }),
    async decisions(limit, signal) {
      const path = `/decisions?limit=${encodeURIComponent(String(limit))}`;
      return (await call<{ decisions: DecisionRecord[] }>('GET', path, { signal })).decisions;
    },
    async exceptions(signal) {
      const path = '/policy/exceptions';
      return (await call<{ exceptions: PolicyException[] }>('GET', path, { signal })).exceptions;
    },
    async addException(exception) {
      const path = '/policy/exceptions';
      return (await call<{ exception: PolicyException }>('POST', path, { body: exception }))
        .exception;
    },
    async removeException(id, reason) {
      const path = `/policy/exceptions/${encodeURIComponent(id)}`;
      await call<unknown>('DELETE', path, { body: { reason } });
    },
    exemptions: (signal) => call<InspectionExemptions>('GET', '/policy/exemptions', { signal }),
    async addExemption(exemption) {
      const path = '/policy/exemptions';
      return (await call<{ exemption: InspectionExemption }>('POST', path, { body: exemption }))
        .exemption;
    },
    async removeExemption(id, reason) {
      const path = `/policy/exemptions/${encodeURIComponent(id)}`;
      await call<unknown>('DELETE', path, { body: { reason } });
    },
  };
}
