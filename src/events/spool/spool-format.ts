/**
 * The byte layout of spool segment files, in one place so the writer, the reader and the
 * README agree. A segment is a 16-byte header followed by records:
 *
 * ```
 * header: magic "SGSPOOL" 0x1a (8 bytes) | u32 LE format version | u32 LE segment number
 * record: u32 LE crc32 | u32 LE length | length bytes of UTF-8 JSON (one `serialiseEvent` line)
 * ```
 *
 * The CRC covers the length field and the payload (the 4 + length bytes after it), so a
 * flipped bit in the length is caught as surely as one in the JSON.
 *
 * NOTE: any change to this layout needs a new `version` (and the reader must keep reading
 * the old one until no spool written by it can exist). Keep in sync with the README.
 */
export const SPOOL_FORMAT = Object.freeze({
  magic: Object.freeze([0x53, 0x47, 0x53, 0x50, 0x4f, 0x4f, 0x4c, 0x1a] as const),
  version: 1,
  /** Bytes of the segment header. */
  headerBytes: 16,
  /** Bytes before each record's payload (crc32, length). */
  recordHeaderBytes: 8,
  /**
   * Longest payload accepted. Events are bounded far below this (`WEB_EVENT_LIMITS`: the
   * longest fields are 8 KiB); a larger length field is corruption, not a big event.
   */
  maxRecordBytes: 1 << 20,
});
