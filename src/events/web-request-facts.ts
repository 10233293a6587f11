/**
 * What the gateway knows about a request besides the engine's decision: who, from where,
 * how it went. Passed to `toWebEvent` when the request ends.
 */
export interface WebRequestFacts {
  /** Epoch milliseconds when the request started (the gateway's clock). */
  readonly startedAt: number;
  /** This gateway node's name. */
  readonly node: string;
  /** Username, or `null` when unidentified. */
  readonly user: string | null;
  /** The groups identity resolved for the request (may be empty: the policy default applies). */
  readonly groups: readonly string[];
  /** Device label, or `null` when unknown. */
  readonly device: string | null;
  /** Client IP address as the socket reports it (`::ffff:` mapped IPv4 is fine). */
  readonly clientAddress: string;
  /** HTTP method as received. */
  readonly method: string;
  /** `https` for inspected HTTPS and CONNECT tunnels, else `http`. */
  readonly scheme: 'http' | 'https';
  /**
   * The host as the client gave it (request URL, Host header or CONNECT target). Used only
   * when the decision has no host (an unreadable request); otherwise the canonical host is.
   */
  readonly host: string;
  /** True when the host is inspection-exempt: the event keeps the host only (no path, no search). */
  readonly inspectionExempt: boolean;
  /** True when the gateway saw the whole request (plain HTTP, or TLS it terminated). */
  readonly inspected: boolean;
  /** True when something after the decision flagged the request for the monitor (a response scan). */
  readonly alert?: boolean;
  /** HTTP status sent to the client, or `null`. */
  readonly status: number | null;
  readonly bytesUp: number;
  readonly bytesDown: number;
  /** Milliseconds from start to end; rounded to a whole number in the event. */
  readonly durationMs: number;
}
