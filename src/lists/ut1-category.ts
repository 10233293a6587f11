import type { ParseListResult } from '../engine/lists/parse-list-result.js';

/** One real (non-alias) UT1 category as imported. */
export interface Ut1Category {
  readonly name: string;
  /** `ut1/<name>/domains`, or null when the category has no domains file. */
  readonly domains: ParseListResult | null;
  /** `ut1/<name>/urls`, or null when the category has no urls file. */
  readonly urls: ParseListResult | null;
  /** Regex lines in `expressions`-type files: counted, never compiled (unsupported). */
  readonly expressions: number;
  /** Alias names (symlinks) that point at this category, sorted. */
  readonly aliases: readonly string[];
}
