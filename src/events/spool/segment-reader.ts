import type { FileHandle } from 'node:fs/promises';
import { SPOOL_FORMAT } from './spool-format.js';
import { SpoolRecord } from './spool-record.js';

const RECORD_HEADER = SPOOL_FORMAT.recordHeaderBytes;
const MAX_RECORD = SPOOL_FORMAT.maxRecordBytes;
/** Bytes read per disk read: large enough that a batch of small records costs one read. */
const CHUNK = 1 << 20;
const OPEN_BRACE = 0x7b;

/** A stretch of a segment that held no readable record and was skipped. */
interface SkippedSpan {
  /** Where the bad record started. */
  readonly offset: number;
  /** Where reading went on: the next whole record, or the limit when none was found. */
  readonly next: number;
  /** What was wrong, for the report (never the bytes themselves: they may be personal data). */
  readonly what: string;
}

/**
 * Reads records out of one segment file through a reused 1 MiB window, checking each CRC.
 * A bad record does not stop it: it looks for the next offset where a whole record with a
 * valid CRC starts (resync) and goes on from there, so one flipped byte costs one event,
 * not the rest of the segment. The file region it reads must not change underneath it,
 * which holds for the spool: bytes below the acknowledged end are never rewritten.
 */
export class SegmentReader {
  readonly #handle: FileHandle;
  #window: Buffer = Buffer.alloc(0);
  /** File offset of `#window[0]`. */
  #start = 0;
  /** Bytes of `#window` that hold file data. */
  #length = 0;
  /** The length field of the last record `#check` looked at, for problem reports. */
  #lastLength = 0;

  /** Reads through `handle`, which it then owns: `close` closes it. */
  constructor(handle: FileHandle) {
    this.#handle = handle;
  }

  /** Closes the file. */
  close(): Promise<void> {
    return this.#handle.close();
  }

  /**
   * Reads records starting at file offset `from`, going no further than `limit`, until
   * `max` whole records were handed to `onRecord` (payload bytes and the record's offset).
   * The payload is a view into the window, valid only during the call: decode it there.
   * Returns where reading stopped (just after the last record, or `limit`), how many
   * records were passed on, and the spans skipped as unreadable. A record cut short by
   * `limit` is such a span too: the caller decides whether that is a torn tail.
   *
   * ### Examples
   * ```ts
   * const reader = new SegmentReader(await open(path, 'r'));
   * const scan = await reader.scan(16, size, 1000, (payload, offset) => decode(payload));
   * ```
   */
  async scan(
    from: number,
    limit: number,
    max: number,
    onRecord: (payload: Buffer, offset: number) => void,
  ): Promise<{ end: number; records: number; problems: SkippedSpan[] }> {
    const problems: SkippedSpan[] = [];
    let at = from;
    let records = 0;
    while (at < limit && records < max) {
      const end = await this.#check(at, limit);
      if (end > 0) {
        const i = at - this.#start;
        onRecord(this.#window.subarray(i + RECORD_HEADER, end - this.#start), at);
        records++;
        at = end;
        continue;
      }
      const what = this.#describe(end, limit - at);
      const next = await this.#resync(at + 1, limit);
      problems.push({ offset: at, next, what });
      at = next;
    }
    return { end: at, records, problems };
  }

  /** The end offset of the whole, CRC-valid record at `at`, or a `SpoolRecord` problem code. */
  async #check(at: number, limit: number): Promise<number> {
    this.#lastLength = 0;
    if (!(await this.#ensure(at, RECORD_HEADER, limit))) return SpoolRecord.SHORT;
    const length = SpoolRecord.lengthAt(this.#window, at - this.#start);
    this.#lastLength = length;
    if (length === 0 || length > MAX_RECORD) return SpoolRecord.BAD_LENGTH;
    if (!(await this.#ensure(at, RECORD_HEADER + length, limit))) return SpoolRecord.SHORT;
    const i = at - this.#start;
    const end = SpoolRecord.check(this.#window, i, i + RECORD_HEADER + length);
    return end < 0 ? end : this.#start + end;
  }

  #describe(code: number, left: number): string {
    const length = this.#lastLength;
    if (code === SpoolRecord.BAD_LENGTH) return `impossible record length ${length}`;
    if (code === SpoolRecord.BAD_CRC) return `CRC mismatch on a record of ${length} bytes`;
    if (left < RECORD_HEADER) return `torn record header (${left} of ${RECORD_HEADER} bytes)`;
    return `torn record (${left - RECORD_HEADER} of its ${length} bytes)`;
  }

  /**
   * The first offset at or after `from` where a whole record with a valid CRC starts, or
   * `limit`. Candidates are filtered in memory first (a plausible length and a payload that
   * starts with `{`); JSON text never holds the zero bytes a small length needs, so in
   * practice only true record starts reach the CRC check.
   */
  async #resync(from: number, limit: number): Promise<number> {
    let at = from;
    while (limit - at > RECORD_HEADER) {
      if (!(await this.#ensure(at, RECORD_HEADER + 1, limit))) return limit;
      const candidate = this.#candidate(at, limit);
      if (candidate < 0) {
        // Every offset whose first 9 bytes are in the window was ruled out.
        at = this.#start + this.#length - RECORD_HEADER;
        continue;
      }
      if ((await this.#check(candidate, limit)) > 0) return candidate;
      at = candidate + 1;
    }
    return limit;
  }

  #candidate(from: number, limit: number): number {
    const window = this.#window;
    const start = this.#start;
    const last = start + this.#length - RECORD_HEADER - 1;
    for (let at = from; at <= last; at++) {
      const i = at - start;
      const length = SpoolRecord.lengthAt(window, i);
      if (length === 0 || length > MAX_RECORD || length > limit - at - RECORD_HEADER) continue;
      if (window[i + RECORD_HEADER] === OPEN_BRACE) return at;
    }
    return -1;
  }

  /** Makes file bytes `[at, at + need)` available in the window; false when `limit` or the file ends first. */
  async #ensure(at: number, need: number, limit: number): Promise<boolean> {
    if (need > limit - at) return false;
    if (at >= this.#start && at + need <= this.#start + this.#length) return true;
    const size = Math.min(limit - at, Math.max(CHUNK, need));
    if (this.#window.length < size) this.#window = Buffer.allocUnsafe(Math.max(size, CHUNK));
    let got = 0;
    while (got < size) {
      const { bytesRead } = await this.#handle.read(this.#window, got, size - got, at + got);
      if (bytesRead === 0) break; // the file is shorter than the caller thought
      got += bytesRead;
    }
    this.#start = at;
    this.#length = got;
    return got >= need;
  }
}
