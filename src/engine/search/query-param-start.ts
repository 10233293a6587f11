/** Value of a hex digit's char code, or -1. */
function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

/**
 * Finds the parameter `name` in a raw query string (no leading `?`) starting at offset
 * `from`, and returns the offset where its value starts, or -1 when there is none. The value
 * ends at the next `&` (or the end). A key without `=` has an empty value (start === end).
 *
 * Keys are compared after percent-decoding, because servers decode them: `%71=x` is `q=x`
 * to Google, so it must be to us. Allocates nothing.
 *
 * ### Examples
 * ```ts
 * queryParamStart('hl=en&q=cats', 'q', 0); // 9
 * queryParamStart('hl=en&%71=cats', 'q', 0); // 11
 * queryParamStart('hl=en', 'q', 0); // -1
 * ```
 */
export function queryParamStart(query: string, name: string, from: number): number {
  const len = query.length;
  const nameLen = name.length;
  let i = from;
  while (i < len) {
    // i is the start of a key.
    let j = i;
    let k = 0;
    let matched = true;
    while (j < len) {
      const c = query.charCodeAt(j);
      if (c === 0x3d /* = */ || c === 0x26 /* & */) break;
      let decoded = c;
      let width = 1;
      if (c === 0x25 /* % */ && j + 2 < len) {
        const hi = hexValue(query.charCodeAt(j + 1));
        const lo = hexValue(query.charCodeAt(j + 2));
        if (hi >= 0 && lo >= 0) {
          decoded = (hi << 4) | lo;
          width = 3;
        }
      } else if (c === 0x2b /* + */) {
        decoded = 0x20;
      }
      if (matched && (k >= nameLen || decoded !== name.charCodeAt(k))) matched = false;
      k++;
      j += width;
    }
    if (matched && k === nameLen) {
      if (j < len && query.charCodeAt(j) === 0x3d) return j + 1;
      return j;
    }
    const amp = query.indexOf('&', j);
    if (amp < 0) return -1;
    i = amp + 1;
  }
  return -1;
}
