import { Buffer, isUtf8 } from 'node:buffer';

/**
 * Which character, besides `%XX` escapes, stands for a space: `+` in a query value
 * (HTML form encoding), `_` in a MediaWiki title in a path (`Special:Search/foo_bar`).
 */
export type SpaceMark = 'plus' | 'underscore';

/** Windows-1252's characters for bytes 0x80-0x9F (the only range where it differs from Latin-1). */
const CP1252_HIGH = new Uint16Array([
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039,
  0x0152, 0x008d, 0x017d, 0x008f, 0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
  0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
]);

// Stateless between calls: decode() without { stream: true } keeps nothing.
const UTF8 = new TextDecoder('utf-8');

// Runs of whitespace and control characters become one space, so that a phrase scanner sees
// `a%0Ab` and `a  b` as `a b`. String#replace resets a global regex's lastIndex, so sharing
// this constant is safe.
const SPACE_RUN = /[\s\x00-\x1f\x7f-\x9f]+/g;

function cp1252Char(c: string): string {
  return String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

/** True for the characters SPACE_RUN matches other than a plain space. */
function isOtherSpace(c: number): boolean {
  if (c < 0x20 || (c >= 0x7f && c <= 0xa0)) return true;
  if (c < 0x1680) return false;
  return (
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Collapses whitespace runs and trims; the scan first spares the regex in the usual case. */
function collapseSpaces(text: string): string {
  const last = text.length - 1;
  for (let i = 0; i <= last; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 ? i === 0 || i === last || text.charCodeAt(i - 1) === 0x20 : isOtherSpace(c)) {
      return text.replace(SPACE_RUN, ' ').trim();
    }
  }
  return text;
}

/** The string of bytes that are all ASCII, without a Buffer for the usual short case. */
function asciiString(bytes: Uint8Array, n: number): string {
  if (n <= 1024)
    return String.fromCharCode.apply(null, bytes.subarray(0, n) as unknown as number[]);
  return Buffer.from(bytes.buffer, 0, n).toString('latin1');
}

/**
 * Decodes the search terms in `text[start, end)`: `%XX` escapes as UTF-8 bytes, falling back
 * to Windows-1252 when the bytes are not valid UTF-8 (old forms send `caf%E9` for `café`);
 * the space mark as a space; malformed escapes (`%zz`, a lone `%`) kept as written. Then
 * whitespace and control runs collapse to one space and the ends are trimmed. Never throws;
 * returns '' for empty terms.
 *
 * ### Examples
 * ```ts
 * decodeSearchTerms('q=%C5%BC%C3%B3%C5%82%C4%87', 2, 26, 'plus'); // 'żółć'
 * decodeSearchTerms('caf%E9+au+lait', 0, 14, 'plus'); // 'café au lait'
 * decodeSearchTerms('100%zz', 0, 6, 'plus'); // '100%zz'
 * ```
 */
export function decodeSearchTerms(
  text: string,
  start: number,
  end: number,
  spaceMark: SpaceMark,
): string {
  if (end > text.length) end = text.length;
  const mark = spaceMark === 'plus' ? 0x2b : 0x5f;
  let escapes = false;
  let marks = false;
  let ascii = true;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x25) escapes = true;
    else if (c === mark) marks = true;
    else if (c > 0x7f) ascii = false;
  }
  if (!escapes) {
    const raw = text.slice(start, end);
    return collapseSpaces(marks ? raw.replaceAll(spaceMark === 'plus' ? '+' : '_', ' ') : raw);
  }

  // Worst case three UTF-8 bytes per UTF-16 unit (a surrogate pair is two units, four bytes).
  const bytes = new Uint8Array(ascii ? end - start : (end - start) * 3);
  let n = 0;
  let high = !ascii; // any byte >= 0x80 written
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === mark) {
      bytes[n++] = 0x20;
    } else if (c === 0x25 && i + 2 < end) {
      const hi = hexValue(text.charCodeAt(i + 1));
      const lo = hexValue(text.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0) {
        if (hi >= 8) high = true;
        bytes[n++] = (hi << 4) | lo;
        i += 2;
      } else {
        bytes[n++] = c;
      }
    } else if (c < 0x80) {
      bytes[n++] = c;
    } else {
      // A raw non-ASCII character (the canonicaliser normally escapes these): its UTF-8.
      let cp = c;
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
        }
      }
      if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd; // lone surrogate
      if (cp < 0x800) {
        bytes[n++] = 0xc0 | (cp >> 6);
        bytes[n++] = 0x80 | (cp & 0x3f);
      } else if (cp < 0x10000) {
        bytes[n++] = 0xe0 | (cp >> 12);
        bytes[n++] = 0x80 | ((cp >> 6) & 0x3f);
        bytes[n++] = 0x80 | (cp & 0x3f);
      } else {
        bytes[n++] = 0xf0 | (cp >> 18);
        bytes[n++] = 0x80 | ((cp >> 12) & 0x3f);
        bytes[n++] = 0x80 | ((cp >> 6) & 0x3f);
        bytes[n++] = 0x80 | (cp & 0x3f);
      }
    }
  }
  if (!high) return collapseSpaces(asciiString(bytes, n));
  const used = bytes.subarray(0, n);
  const decoded = isUtf8(used)
    ? UTF8.decode(used)
    : Buffer.from(bytes.buffer, 0, n)
        .toString('latin1')
        .replace(/[\x80-\x9f]/g, cp1252Char);
  return collapseSpaces(decoded);
}
