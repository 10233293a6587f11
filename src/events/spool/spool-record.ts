import { crc32 } from '../../engine/index/crc32.js';
import { SPOOL_FORMAT } from './spool-format.js';

const RECORD_HEADER = SPOOL_FORMAT.recordHeaderBytes;
const MAX_RECORD = SPOOL_FORMAT.maxRecordBytes;
const SHORT = -1;
const BAD_LENGTH = -2;
const BAD_CRC = -3;

function readU32(bytes: Uint8Array, at: number): number {
  return (
    (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0
  );
}

/** The record codec: frames one JSON line, and checks a framed record in place. */
export const SpoolRecord = Object.freeze({
  /** `check` result: fewer bytes remain than the record needs (a torn write, or read more). */
  SHORT,
  /** `check` result: the length field is 0 or above `SPOOL_FORMAT.maxRecordBytes`. */
  BAD_LENGTH,
  /** `check` result: the CRC does not match the length and payload. */
  BAD_CRC,

  /** Bytes a record takes on disk for a payload of `payloadBytes`. */
  size(payloadBytes: number): number {
    return RECORD_HEADER + payloadBytes;
  },

  /**
   * Writes `line` (whose UTF-8 length the caller measured as `payloadBytes`) as one record
   * into `into` at `at`, and returns the offset after it. The caller sizes `into`, so a
   * whole batch is framed into one buffer and written with one call.
   *
   * ### Examples
   * ```ts
   * const buf = Buffer.alloc(SpoolRecord.size(Buffer.byteLength(line)));
   * SpoolRecord.encode(line, buf.length - 8, buf, 0); // -> buf.length
   * ```
   */
  encode(line: string, payloadBytes: number, into: Buffer, at: number): number {
    into.writeUInt32LE(payloadBytes, at + 4);
    into.write(line, at + RECORD_HEADER, payloadBytes, 'utf8');
    const end = at + RECORD_HEADER + payloadBytes;
    into.writeUInt32LE(crc32(into, at + 4, end), at);
    return end;
  },

  /** The length field of the record at `at` (the caller made sure 8 bytes are there). */
  lengthAt(bytes: Uint8Array, at: number): number {
    return readU32(bytes, at + 4);
  },

  /**
   * Checks the record starting at `bytes[at]`, looking no further than `end`. Returns the
   * index just past the record when it is whole and its CRC matches (its payload is
   * `bytes[at + 8, result)`), or `SHORT`, `BAD_LENGTH` or `BAD_CRC`. Never throws.
   *
   * ### Examples
   * ```ts
   * const next = SpoolRecord.check(bytes, 16, bytes.length);
   * if (next > 0) handle(bytes.subarray(16 + 8, next));
   * ```
   */
  check(bytes: Uint8Array, at: number, end: number): number {
    if (end - at < RECORD_HEADER) return SHORT;
    const length = readU32(bytes, at + 4);
    if (length === 0 || length > MAX_RECORD) return BAD_LENGTH;
    if (end - at - RECORD_HEADER < length) return SHORT;
    const recordEnd = at + RECORD_HEADER + length;
    return crc32(bytes, at + 4, recordEnd) === readU32(bytes, at) ? recordEnd : BAD_CRC;
  },
});
