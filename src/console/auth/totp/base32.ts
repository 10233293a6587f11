/** RFC 4648 section 6 alphabet; the index of a character is its 5-bit value. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * 5-bit value of each ASCII code (upper and lower case both map), -1 for anything else.
 * Built once: a constant table, not module state that changes.
 */
const VALUES: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) {
    table[ALPHABET.charCodeAt(i)] = i;
    table[ALPHABET.toLowerCase().charCodeAt(i)] = i;
  }
  return table;
})();

/**
 * Encodes bytes as RFC 4648 base32 in upper case without `=` padding, the form authenticator
 * apps expect in an `otpauth://` URI and people type from a setup screen.
 *
 * ### Examples
 * ```ts
 * base32Encode(new TextEncoder().encode('foobar')); // 'MZXW6YTBOI'
 * ```
 */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < bytes.length; i++) {
    buffer = ((buffer << 8) | bytes[i]!) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >>> bits) & 31];
    }
  }
  // The last partial group is padded with zero bits on the right (RFC 4648 section 6).
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * Decodes RFC 4648 base32 as a person might type or paste it: lower case, spaces (apps show
 * secrets in groups of four) and trailing `=` padding are accepted. Anything else throws a
 * `RangeError` naming the first bad character and its position, never the whole text (it is
 * usually a secret). A length that no encoding can produce (1, 3 or 6 characters in the
 * last group of eight) is refused too, since it means a character was lost.
 *
 * ### Examples
 * ```ts
 * base32Decode('mzxw 6ytb oi======'); // bytes of 'foobar'
 * base32Decode('MZXW1'); // throws: '1' at position 5 is not a base32 character
 * ```
 */
export function base32Decode(text: string): Uint8Array {
  const values: number[] = [];
  let padding = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) continue;
    if (code === 0x3d) {
      padding++;
      continue;
    }
    const value = code < 128 ? VALUES[code]! : -1;
    if (value < 0 || padding > 0) {
      const what = value < 0 ? `'${describeChar(text, i)}'` : `'${text[i]}' after '=' padding`;
      throw new RangeError(
        `base32: ${what} at position ${i + 1} is not a base32 character (use A-Z and 2-7)`,
      );
    }
    values.push(value);
  }
  const tail = values.length % 8;
  if (tail === 1 || tail === 3 || tail === 6) {
    throw new RangeError(
      `base32: ${values.length} characters cannot be base32 (a character is missing or extra)`,
    );
  }
  if (padding > 0 && (values.length + padding) % 8 !== 0) {
    throw new RangeError(`base32: ${padding} '=' do not pad to a multiple of 8 characters`);
  }
  const out = new Uint8Array(Math.floor((values.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < values.length; i++) {
    buffer = ((buffer << 5) | values[i]!) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (buffer >>> bits) & 0xff;
    }
  }
  return out;
}

/** The character at `i` as a readable token: a whole surrogate pair, or a \u escape. */
function describeChar(text: string, i: number): string {
  const point = text.codePointAt(i)!;
  if (point < 0x20 || point === 0x7f) return `\\u${point.toString(16).padStart(4, '0')}`;
  return String.fromCodePoint(point);
}
