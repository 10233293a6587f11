import { UtcDay } from './utc-day.js';

/** Width of one delete chunk: SQLite deletes a day ten minutes at a time (see README). */
export const CHUNK_MS = 10 * 60_000;
/** Chunks in a UTC day. */
export const CHUNKS_PER_DAY = UtcDay.DAY_MS / CHUNK_MS;

/**
 * An order-independent summary of which events of one UTC day are in the events table, per
 * ten-minute chunk: a count and two sums of 32-bit id hashes. Retention takes it while it
 * copies the day into the archive, and again just before deleting each chunk, inside the
 * deleting transaction: equal summaries mean the rows about to be deleted are the rows that
 * were archived. An event that arrived in between (a spool replayed late, a restore) changes
 * the summary, and the day is archived again instead of losing it. Memory is fixed (three
 * small arrays), whatever the day's size.
 *
 * ### Examples
 * ```ts
 * const seen = createDayFingerprint(dayStart);
 * for (const row of rows) seen.add(row.time_ms, row.id);
 * if (!seen.chunkEquals(now, chunk)) rollBack();
 * ```
 */
export interface DayFingerprint {
  readonly dayStartMs: number;
  add(timeMs: number, id: string): void;
  /** Whether chunk `chunk` holds the same events in both. */
  chunkEquals(other: DayFingerprint, chunk: number): boolean;
  /** Whether every chunk holds the same events in both. */
  equals(other: DayFingerprint): boolean;
  /** Events added, over the whole day. */
  total(): number;
  /** Events added to chunk `chunk`. */
  count(chunk: number): number;
}

/** An empty fingerprint for the UTC day starting at `dayStartMs`. */
export function createDayFingerprint(dayStartMs: number): DayFingerprint {
  const counts = new Uint32Array(CHUNKS_PER_DAY);
  const sumA = new Uint32Array(CHUNKS_PER_DAY);
  const sumB = new Uint32Array(CHUNKS_PER_DAY);
  let total = 0;
  const self: DayFingerprint & { arrays: readonly Uint32Array[] } = {
    dayStartMs,
    arrays: [counts, sumA, sumB],
    add(timeMs, id) {
      const chunk = Math.floor((timeMs - dayStartMs) / CHUNK_MS);
      if (chunk < 0 || chunk >= CHUNKS_PER_DAY) {
        throw new RangeError(`event ${id} is not in the day starting ${UtcDay.key(dayStartMs)}`);
      }
      // FNV-1a with two offset bases: two independent-enough 32-bit hashes of the id.
      let a = 0x811c9dc5;
      let b = 0x050c5d1f;
      for (let i = 0; i < id.length; i++) {
        const c = id.charCodeAt(i);
        a = Math.imul(a ^ c, 0x01000193);
        b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
      }
      counts[chunk] = counts[chunk]! + 1;
      sumA[chunk] = sumA[chunk]! + (a >>> 0);
      sumB[chunk] = sumB[chunk]! + (b >>> 0);
      total += 1;
    },
    chunkEquals(other, chunk) {
      const [oc, oa, ob] = (other as typeof self).arrays;
      return (
        counts[chunk] === oc![chunk] && sumA[chunk] === oa![chunk] && sumB[chunk] === ob![chunk]
      );
    },
    equals(other) {
      for (let c = 0; c < CHUNKS_PER_DAY; c++) if (!self.chunkEquals(other, c)) return false;
      return true;
    },
    total: () => total,
    count: (chunk) => counts[chunk]!,
  };
  return self;
}
