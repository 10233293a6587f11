import { SPOOL_FORMAT } from './spool-format.js';

const { magic, version, headerBytes } = SPOOL_FORMAT;

/**
 * The 16-byte header at the start of every segment: magic, format version and the
 * segment's own number. The number guards against a file renamed or copied under another
 * segment's name, which would otherwise splice events into the wrong place in the order.
 */
export const SegmentHeader = Object.freeze({
  /**
   * Writes the header of segment `segment` into `into` at `at`; returns the offset after it.
   *
   * ### Examples
   * ```ts
   * const head = Buffer.alloc(SPOOL_FORMAT.headerBytes);
   * SegmentHeader.encode(1, head, 0); // -> 16
   * ```
   */
  encode(segment: number, into: Buffer, at: number): number {
    for (let i = 0; i < magic.length; i++) into[at + i] = magic[i]!;
    into.writeUInt32LE(version, at + 8);
    into.writeUInt32LE(segment, at + 12);
    return at + headerBytes;
  },

  /**
   * What is wrong with `bytes` as the header of segment `segment`, or `null` when nothing is.
   *
   * ### Examples
   * ```ts
   * SegmentHeader.check(head, 1); // null
   * SegmentHeader.check(head, 2); // 'header names segment 1'
   * ```
   */
  check(bytes: Uint8Array, segment: number): string | null {
    if (bytes.length < headerBytes) return `header is ${bytes.length} bytes, not ${headerBytes}`;
    for (let i = 0; i < magic.length; i++) {
      if (bytes[i] !== magic[i]) return 'not a spool segment (bad magic)';
    }
    const view = Buffer.from(bytes.buffer, bytes.byteOffset, headerBytes);
    const found = view.readUInt32LE(8);
    if (found !== version) return `format version ${found}, this build reads ${version}`;
    const named = view.readUInt32LE(12);
    return named === segment ? null : `header names segment ${named}`;
  },
});
