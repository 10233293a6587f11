import type { ParseListResult } from '../engine/lists/parse-list-result.js';

/** The text encoding a list file turned out to use. */
export type ListEncoding = 'utf-8' | 'windows-1252';

/**
 * One list file read from disk and parsed: the parse result plus what identifies the exact
 * bytes used (for the compiled index's provenance and for "has this list changed?").
 */
export interface LoadedList extends ParseListResult {
  /** The path as given. */
  readonly path: string;
  /** sha256 (hex) of the file's bytes as read, before any gunzip. */
  readonly sha256: string;
  /** Size of the file as read, before any gunzip. */
  readonly bytes: number;
  /** `windows-1252` when the bytes were not valid UTF-8 and were decoded as that instead. */
  readonly encoding: ListEncoding;
  /** True when the file was gzip-compressed (detected by its magic bytes, not its name). */
  readonly gzipped: boolean;
}
