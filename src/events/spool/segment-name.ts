const NAME = /^(\d{8,10})\.seg$/;
const MAX_SEGMENT = 0xffff_ffff;

/**
 * File names of segments: the number zero-padded to eight digits (`00000001.seg`), so a
 * plain directory listing sorts them in write order; numbers past 99,999,999 grow a digit
 * and are still parsed (and sorted numerically by the spool, never by name).
 */
export const SegmentName = Object.freeze({
  /**
   * The file name of segment `segment`.
   *
   * ### Examples
   * ```ts
   * SegmentName.of(12); // '00000012.seg'
   * ```
   */
  of(segment: number): string {
    return `${String(segment).padStart(8, '0')}.seg`;
  },

  /**
   * The segment number a file name stands for, or `null` for any other file.
   *
   * ### Examples
   * ```ts
   * SegmentName.parse('00000012.seg'); // 12
   * SegmentName.parse('checkpoint.json'); // null
   * ```
   */
  parse(name: string): number | null {
    const match = NAME.exec(name);
    if (match === null) return null;
    const segment = Number(match[1]);
    return segment >= 1 && segment <= MAX_SEGMENT ? segment : null;
  },

  /** The highest segment number the header's u32 can hold. */
  MAX: MAX_SEGMENT,
});
