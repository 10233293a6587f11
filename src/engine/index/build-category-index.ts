import { compileIndexImage } from './compile-index-image.js';
import type { IndexBuildInput } from './index-build-input.js';
import { IndexCodec } from './index-codec.js';

export type { IndexBuildInput, IndexBuildList } from './index-build-input.js';

/**
 * Compiles parsed category lists into the binary category index that `loadCategoryIndex`
 * reads: every entry of every list, duplicates merged, each key keeping all the categories
 * and sources it came from. Throws `SG_ERR_INDEX_LIMIT` past the format's limits (see
 * `INDEX_FORMAT`).
 *
 * ### Examples
 * ```ts
 * const bytes = buildCategoryIndex({
 *   builtAt: 1_790_000_000_000,
 *   lists: [{ category: 'adult', source, entries: [{ kind: 'domain', host: 'blocked.example' }] }],
 * });
 * loadCategoryIndex(bytes).lookup('www.blocked.example', '/')?.categories // ['adult']
 * ```
 */
export function buildCategoryIndex(input: IndexBuildInput): Uint8Array {
  return IndexCodec.serialize(compileIndexImage(input));
}
