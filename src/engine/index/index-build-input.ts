import type { ListEntry } from '../lists/list-entry.js';
import type { IndexSource } from './category-index.js';

/**
 * What `buildCategoryIndex` compiles: every parsed list with the category it feeds and the
 * source it came from. Several lists may feed one category and one entry may appear in
 * several categories and sources; all are kept and duplicates merge. Entries are assumed
 * canonical (see `CanonicalUrl`).
 */
export interface IndexBuildInput {
  /** Epoch milliseconds recorded in the header (the engine has no clock). */
  readonly builtAt: number;
  readonly lists: readonly IndexBuildList[];
  /** Called every 65,536 entries and once at the end with `done === total` (entries). */
  onProgress?(done: number, total: number): void;
}

/** One list of one category from one source. */
export interface IndexBuildList {
  readonly category: string;
  readonly source: IndexSource;
  readonly entries: readonly ListEntry[];
}
