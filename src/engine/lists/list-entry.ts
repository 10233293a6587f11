/**
 * One usable line of a category list, after parsing and host canonicalisation.
 *
 * - `domain`: matches `host` and every subdomain of it, on label boundaries.
 * - `url`: matches `host` exactly (after canonicalisation) plus any path that starts with
 *   `path` on a segment boundary (`/a` matches `/a`, `/a/b`, not `/ab`).
 * - `ip`: matches exactly that address (IPv4 dotted decimal or compressed IPv6).
 */
export type ListEntry =
  | { readonly kind: 'domain'; readonly host: string }
  | { readonly kind: 'url'; readonly host: string; readonly path: string }
  | { readonly kind: 'ip'; readonly host: string };

/** A line that could not be used, with where it was and what is wrong with it. */
export interface RejectedLine {
  readonly source: string;
  /** 1-based line number in the source file. */
  readonly line: number;
  readonly text: string;
  readonly problem: string;
}

/** What parsing one list file produced. Rejected lines are reported, never fatal. */
export interface ParsedList {
  readonly source: string;
  readonly entries: readonly ListEntry[];
  readonly rejected: readonly RejectedLine[];
  /** Blank lines, comments and exact duplicates skipped (not errors). */
  readonly skipped: number;
}

/** The list syntaxes the loaders understand. `auto` sniffs the first meaningful lines. */
export const LIST_FORMATS = [
  'domains',
  'hosts',
  'adblock',
  'urls',
  'e2guardian-sites',
  'e2guardian-urls',
  'auto',
] as const;

export type ListFormat = (typeof LIST_FORMATS)[number];
