/**
 * A place in the spool: a byte offset in a segment. Callers treat it as opaque and hand it
 * back to `commit`; it orders like the events (segment first, then offset).
 */
export interface SpoolPosition {
  readonly segment: number;
  readonly offset: number;
}

/** Helpers for `SpoolPosition`. */
export const SpoolPosition = Object.freeze({
  /**
   * Negative, zero or positive as `a` is before, at or after `b`.
   *
   * ### Examples
   * ```ts
   * SpoolPosition.compare({ segment: 1, offset: 900 }, { segment: 2, offset: 16 }); // < 0
   * ```
   */
  compare(a: SpoolPosition, b: SpoolPosition): number {
    return a.segment !== b.segment ? a.segment - b.segment : a.offset - b.offset;
  },

  /** A string naming the position, for maps keyed by position. */
  key(position: SpoolPosition): string {
    return `${position.segment}:${position.offset}`;
  },
});
