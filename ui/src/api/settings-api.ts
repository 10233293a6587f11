import { requestJson } from './request-json.js';

// The Settings endpoints' shapes (src/console/routes/settings-routes.ts and
// src/console/settings/describe-settings.ts) and a client for them. NOTE: keep in sync with
// those files; they live here, not in types.ts and create-api.ts, until those take them in.

/** A member of staff who receives alerts or digests (`monitor.staff`). */
export interface SettingsRecipient {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  /** The classes they are limited to (a teacher), or null: everyone's alerts. */
  readonly classes: readonly string[] | null;
}

/** One `to` entry of a route or the digests: `role:dsl` or a staff id, and who that is now. */
export interface RecipientRef {
  readonly ref: string;
  readonly label: string;
  readonly members: readonly SettingsRecipient[];
}

/** One alert route (`monitor.routes[]`): which alerts, to whom, at once or in the digest. */
export interface AlertRouteView {
  readonly minLevel: number;
  /** Null: every category. */
  readonly categories: readonly { readonly id: string; readonly label: string }[] | null;
  readonly to: readonly RecipientRef[];
  /** E-mail at once for every level (levels 4-5 always go at once). */
  readonly immediate: boolean;
}

/** The school CA's public facts. */
export interface CertificateView {
  readonly subject: string;
  readonly fingerprintSha256: string;
  readonly serialNumber: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly daysLeft: number;
}

/** `GET /api/settings`: the settings in force. Never a password, secret or key. */
export interface SettingsView {
  readonly school: string;
  readonly timezone: string;
  readonly configFile: string;
  readonly email: {
    readonly configKey: string;
    readonly smtp: {
      readonly host: string;
      readonly port: number;
      readonly secure: boolean;
      readonly requireTls: boolean;
      /** Whether a user name and password are set (the password itself is never sent). */
      readonly authSet: boolean;
    } | null;
    readonly from: string;
    readonly consoleUrl: string | null;
  };
  readonly alerts: {
    readonly configKey: string;
    readonly enabled: boolean;
    readonly staff: readonly SettingsRecipient[];
    readonly routes: readonly AlertRouteView[];
    readonly quietHours: { readonly from: string; readonly to: string } | null;
    readonly perRecipientPerHour: number;
    /** Only the origin of each URL: a webhook's path is often its secret. */
    readonly webhooks: readonly {
      readonly name: string;
      readonly origin: string;
      readonly minLevel: number;
      readonly signed: boolean;
    }[];
    readonly delivery: {
      readonly maxAttempts: number;
      readonly firstRetrySeconds: number;
      readonly maxRetrySeconds: number;
    };
  };
  readonly digests: {
    readonly configKey: string;
    readonly dailyAt: string;
    readonly weeklyOn: string;
    readonly to: readonly RecipientRef[];
  };
  readonly retention: {
    readonly configKey: string;
    readonly activeDays: number;
    readonly archiveDays: number;
    readonly rollupDays: number;
    readonly safeguardingReviewYearsAfterBirth: number;
    readonly hrYears: number;
    readonly dailyAt: string;
    readonly holdsInForce: number;
  };
  readonly inspection: {
    readonly configKey: string;
    readonly enabled: boolean;
    readonly exemptCategories: readonly { readonly id: string; readonly label: string }[];
    readonly exemptHosts: readonly string[];
    readonly uninspectedGroups: readonly string[];
  };
  /** Null until the gateway has made the school CA (inspection on, first start). */
  readonly certificate: CertificateView | null;
}

/** `POST /api/settings/ca/renew`: the new certificate and what to do now. */
export interface CaRenewalResult {
  readonly certificate: CertificateView;
  readonly previousFingerprint: string;
  /** Where the old certificate and key are kept, inside the data folder. */
  readonly previousFolder: string;
  readonly message: string;
}

/** `POST /api/settings/test-email`: what happened, in words. */
export interface TestEmailResult {
  readonly outcome: 'sent' | 'smtp-error' | 'not-configured';
  readonly message: string;
}

/** The Settings calls; every failure is an `ApiProblem`, as with the main client. */
export interface SettingsApi {
  settings(signal?: AbortSignal): Promise<SettingsView>;
  /** Needs a reason of 3 characters or more; `invalid` names `reason` otherwise. */
  renewCa(reason: string): Promise<CaRenewalResult>;
  /** Answers even when the mail was not sent: the outcome says why. */
  testEmail(to: string): Promise<TestEmailResult>;
}

/** Where the browser downloads the certificate (the session cookie goes with it). */
export const CA_DOWNLOADS = Object.freeze({
  pem: '/api/settings/ca.pem',
  crt: '/api/settings/ca.crt',
});

export interface SettingsApiOptions {
  /** The session's CSRF token, read at each write (the session may be replaced). */
  readonly csrfToken: () => string | null;
  /** Called when a call finds the session gone (401 `unauthenticated`). */
  readonly onSignedOut?: () => void;
  /** Prefix of every path; '' means the page's own origin. */
  readonly baseUrl?: string;
  readonly fetch?: typeof fetch;
}

/**
 * Builds the client for the Settings page. It behaves as `createApi` does (cookie always,
 * `x-csrf-token` on writes, every failure an `ApiProblem`).
 *
 * ### Examples
 * ```ts
 * const settings = createSettingsApi({ csrfToken: () => session.csrfToken });
 * const { outcome, message } = await settings.testEmail('it@school.test');
 * ```
 */
export function createSettingsApi(options: SettingsApiOptions): SettingsApi {
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const call = requestJson({
    baseUrl: options.baseUrl ?? '',
    fetch: doFetch,
    csrfToken: options.csrfToken,
    onUnauthenticated: () => options.onSignedOut?.(),
  });
  return {
    settings: (signal) => call<SettingsView>('GET', '/settings', { signal }),
    renewCa: (reason) => call<CaRenewalResult>('POST', '/settings/ca/renew', { body: { reason } }),
    testEmail: (to) => call<TestEmailResult>('POST', '/settings/test-email', { body: { to } }),
  };
}
