/**
 * Fixed facts of the binary category index: magic, version, header size, limits and the
 * slot-table load factor. See `README.md` for the byte layout these describe.
 *
 * NOTE: any change to the layout, `KeyHash` or `RecordFlag` must bump `version`; a loader
 * that sees another version throws `SG_ERR_INDEX_VERSION` and the caller rebuilds.
 */
export const INDEX_FORMAT = Object.freeze({
  /** `SGCI` read as a little-endian u32. */
  magic: 0x49434753,
  version: 2,
  /** Bytes of the fixed header; sections after it start 4-byte aligned. */
  headerBytes: 48,
  /** Bytes of the trailing CRC32. */
  trailerBytes: 4,
  /** u32 words per slot: hash hi, hash lo, meta (set id | flags). */
  slotWords: 3,
  /**
   * Occupied share of the slot table. 0.8 keeps a probe to about one cache line (ordered
   * linear probing: a miss stops at the first larger hash) at 15 bytes per record.
   */
  loadFactor: 0.8,
  /** Keys (entries plus URL-host markers); 2^25 leaves room for 16 M entries all URLs. */
  maxRecords: 2 ** 25,
  /**
   * Set ids take the low 24 bits of a slot's meta word (flags the high 8), and 0xffffff
   * means "no set" (a URL-host marker only). Real lists make a few hundred sets; 16 M leaves
   * room for many sources whose entries overlap in every combination.
   */
  maxSets: 0xffffff,
  noSet: 0xffffff,
  /** Category and source ids are u16 in the set table. */
  maxCategories: 0xffff,
  maxSources: 0xffff,
  /** `flags` header bits: none defined yet; a reader rejects bits it does not know. */
  knownFlags: 0,
});
