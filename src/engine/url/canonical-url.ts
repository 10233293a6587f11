/**
 * A URL reduced to the form the engine matches on. Produced by `canonicaliseUrl`; every
 * gateway and list loader goes through the same canonicaliser, so a list entry and a request
 * for the same place always compare equal whatever notation either used.
 *
 * Invariants (relied on by the index and policy):
 * - `host` is lower-case ASCII: IDN labels in punycode, no trailing dot, IPv4 in dotted
 *   decimal (whatever notation the input used, IPv4-mapped IPv6 included), other IPv6 in
 *   WHATWG's compressed form without brackets.
 * - `path` starts with `/`; unreserved percent-escapes are decoded, dot segments removed,
 *   repeated slashes collapsed. Case is kept.
 * - userinfo, port and fragment never take part in matching.
 */
export interface CanonicalUrl {
  readonly kind: 'CanonicalUrl';
  /** `http` or `https` (other schemes are `unparseable` for a web filter). */
  readonly scheme: 'http' | 'https';
  readonly host: string;
  readonly hostKind: HostKind;
  /** The port as given, or the scheme's default. Not used for matching. */
  readonly port: number;
  /** Normalised path for matching, see invariants. */
  readonly path: string;
  /** Raw query without the leading `?`; empty when absent. Search terms are read from it. */
  readonly query: string;
  /** Canonical absolute URL without userinfo or fragment, for logs and block pages. */
  readonly href: string;
}

export type HostKind = 'domain' | 'ipv4' | 'ipv6';

/** Why an input could not be canonicalised. Stable wire names: never rename. */
export type UrlProblem =
  | 'empty'
  | 'invalid-url'
  | 'unsupported-scheme'
  | 'invalid-host'
  | 'too-long';

/** The result of a failed canonicalisation: never thrown, always returned. */
export interface UnparseableUrl {
  readonly kind: 'UnparseableUrl';
  readonly problem: UrlProblem;
  /** The input as received (truncated to 2 KiB), for the log line. */
  readonly input: string;
}
