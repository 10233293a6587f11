import type { PhraseRule, PhraseScan } from './phrase-types.js';

/** Options for one scan. */
export interface PhraseScanOptions {
  /** Treat the input as HTML: strip tags, comments, scripts and styles; decode entities. */
  readonly html?: boolean;
  /**
   * Scan window: stop after this many bytes of input (counted as UTF-8, before HTML
   * stripping). Default: 2 MiB for streams, unlimited for `scan`.
   */
  readonly maxBytes?: number;
}

/** A scan fed a chunk at a time (a response body as it arrives). */
export interface PhraseStream {
  /** Adds the next chunk. Chunks may split tags, entities, words and phrases anywhere. */
  push(chunk: string): void;
  /** Finishes the scan and returns its result; later calls return the same result. */
  end(): PhraseScan;
  /** True once input beyond the scan window was dropped. */
  readonly truncated: boolean;
}

/**
 * Compiled phrase rules, ready to scan texts. Scanning is synchronous and re-entrant only
 * through `stream()`: `scan` reuses one internal buffer per matcher.
 *
 * ### Examples
 * ```ts
 * const m = compilePhrases(rules);
 * m.scan('<p>some page</p>', { html: true }).scores;
 * const s = m.stream({ html: true }); s.push(a); s.push(b); s.end();
 * ```
 */
export interface PhraseMatcher {
  readonly kind: 'PhraseMatcher';
  scan(text: string, options?: PhraseScanOptions): PhraseScan;
  stream(options?: PhraseScanOptions): PhraseStream;
  /** Rules that can never fire because a phrase folds to nothing (no letters or digits). */
  readonly skipped: readonly PhraseRule[];
  /** Distinct folded phrases and automaton states, for sizing and benchmarks. */
  readonly phraseCount: number;
  readonly stateCount: number;
}
