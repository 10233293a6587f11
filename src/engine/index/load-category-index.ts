import type { CategoryIndex } from './category-index.js';
import { createCategoryIndex } from './create-category-index.js';
import { type DecodeOptions, IndexCodec } from './index-codec.js';

export type { DecodeOptions as LoadIndexOptions } from './index-codec.js';

/**
 * Checks and opens a binary category index. The slot table is a view over `bytes`, not a
 * copy, so a Uint8Array over a SharedArrayBuffer can be opened by several worker threads
 * sharing one copy. Throws `SG_ERR_INDEX_MAGIC`, `SG_ERR_INDEX_VERSION` or
 * `SG_ERR_INDEX_CORRUPT` (bad checksum, truncation, inconsistent tables); the caller then
 * rebuilds from the lists.
 *
 * `{ verify: false }` skips only the CRC32 (about 60 ms at 5 M entries): for a worker given
 * bytes the main thread has already loaded with verification.
 *
 * ### Examples
 * ```ts
 * const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
 * shared.set(bytes);
 * loadCategoryIndex(shared); // main thread, verified
 * loadCategoryIndex(shared, { verify: false }); // in each worker
 * ```
 */
export function loadCategoryIndex(bytes: Uint8Array, options?: DecodeOptions): CategoryIndex {
  return createCategoryIndex(IndexCodec.deserialize(bytes, options));
}
