import type { IndexSource } from './category-index.js';

/**
 * The decoded form of a compiled category index: what the builder produces, the codec writes
 * and reads, and the matcher queries. `slots` may be a view over a loaded (possibly shared)
 * buffer; nothing here is copied per lookup.
 */
export interface IndexImage {
  readonly kind: 'IndexImage';
  readonly builtAt: number;
  /** Distinct entry keys (domain, URL and IP), not counting URL-host markers. */
  readonly entryCount: number;
  /** Occupied slots: entries plus URL-host markers. */
  readonly recordCount: number;
  /** Category names in id order (sorted), each with its number of entries. */
  readonly categories: readonly IndexCategory[];
  /** Sources in id order (sorted by name). */
  readonly sources: readonly IndexSource[];
  /** Distinct category+source combinations; a slot's meta holds an index into this. */
  readonly sets: readonly IndexSet[];
  /** Home range of the slot table (`KeyHash.home(hi, capacity)`). */
  readonly capacity: number;
  /**
   * `slotCount * 3` u32 words, `[hi, lo, meta]` per slot, sorted by `(hi, lo)` with gaps;
   * `slotCount >= capacity + 1` and the last slot is always empty (it ends every probe).
   */
  readonly slots: Uint32Array;
}

/** One category of the index: its name and how many entry keys carry it. */
export interface IndexCategory {
  readonly name: string;
  readonly entries: number;
}

/** One category set: sorted category ids and sorted source ids. */
export interface IndexSet {
  readonly categories: readonly number[];
  readonly sources: readonly number[];
}
