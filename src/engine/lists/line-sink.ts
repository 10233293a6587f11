import type { ListEntry } from './list-entry.js';

/**
 * Where a line parser puts what it found on one line. `parseList` supplies one sink per
 * call; it knows the current line number and text, dedupes entries and keeps the counts,
 * so line parsers stay free of bookkeeping and allocate nothing but entries.
 */
export interface LineSink {
  /** A usable entry; exact duplicates of earlier entries are counted as skipped. */
  entry(entry: ListEntry): void;
  /** The line (or one host on it) cannot be used, for the reason given in plain words. */
  reject(problem: string): void;
  /** A blank line, comment, header or deliberate no-op line. */
  skip(): void;
  /** An e2guardian `.Include<path>` line. */
  include(path: string): void;
}
