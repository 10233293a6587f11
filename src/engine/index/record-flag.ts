/**
 * Bits in the high half of a slot's meta word (`meta = setId | flags << 24`). A slot with
 * meta 0 is empty: every record has at least one of these bits set.
 *
 * NOTE: stored in index files; never renumber (add bits and bump `INDEX_FORMAT.version`).
 */
export const RecordFlag = Object.freeze({
  /** A domain entry: matches this host and every subdomain. */
  domain: 1 << 0,
  /** An IP entry: matches this exact host string only. */
  ip: 1 << 1,
  /** A URL entry: key is the (www-stripped) host plus a path prefix. */
  url: 1 << 2,
  /** This exact (www-stripped) host has URL entries: only then are path prefixes probed. */
  hostHasUrl: 1 << 3,
  /** The URL entry was listed with a leading `www.` (restored when naming the match). */
  listedWithWww: 1 << 4,
});
