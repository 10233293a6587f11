/**
 * The compiled category index: every list entry of every category in one compact binary,
 * looked up by host and path. See `src/engine/index/README.md` for the layout.
 */
export interface CategoryIndex {
  readonly header: IndexHeader;
  /**
   * Every entry that matches a canonical host and path: domain entries on label boundaries
   * of `host`, IP entries exactly, URL entries on `host` plus a segment-boundary path prefix.
   * Returns `null` when nothing matches; allocates only the returned match.
   *
   * ### Examples
   * ```ts
   * index.lookup('www.bad.example', '/') // { categories: ['pornography'], entries: [...] }
   * index.lookup('notbad.example', '/')  // null
   * ```
   */
  lookup(host: string, path: string): IndexMatch | null;
}

export interface IndexMatch {
  /** Every category of every matching entry, deduplicated, in category-id order. */
  readonly categories: readonly string[];
  /** Each matching entry, most specific first, so a reason can name it. */
  readonly entries: readonly MatchedEntry[];
}

export interface MatchedEntry {
  readonly kind: 'domain' | 'url' | 'ip';
  /** The entry as listed, canonical: `bad.example`, `host.example/a/b` or `192.0.2.10`. */
  readonly key: string;
  readonly categories: readonly string[];
  /** Names of the source lists the entry came from (e.g. `ut1/adult`). */
  readonly sources: readonly string[];
}

export interface IndexHeader {
  readonly formatVersion: number;
  /** Epoch milliseconds when the index was built (passed in: the engine has no clock). */
  readonly builtAt: number;
  readonly entryCount: number;
  /** Category name -> number of entries in it. */
  readonly categoryCounts: Readonly<Record<string, number>>;
  readonly sources: readonly IndexSource[];
}

export interface IndexSource {
  readonly name: string;
  /** Hex SHA-256 of the source file's bytes, computed by the loader. */
  readonly sha256: string;
  readonly entries: number;
  readonly rejected: number;
}
