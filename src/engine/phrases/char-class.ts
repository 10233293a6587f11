/** Code units removed from words rather than treated as boundaries. */
const IGNORED = [0x00ad, 0x034f, 0x061c, 0x180e, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff];

/**
 * The class of every UTF-16 code unit for the text folder, as one constant 64 KiB table:
 * deciding word versus boundary with a table lookup keeps the per-character cost of
 * scanning flat, while Unicode property regexes run only once, at module load.
 * NOTE: declared after `IGNORED`, which building it reads.
 */
export const CHAR_CLASS: Uint8Array = buildTable();

/** The classes stored in `CHAR_CLASS`. Boundary is 0 so that "is word" is a truthy test. */
export const CharClass = {
  boundary: 0,
  letter: 1,
  digit: 2,
  mark: 3,
  /** Zero-width characters, soft hyphen, BOM, variation selectors: removed, not boundaries. */
  ignore: 4,
  /** `@` and `$`: leetspeak for a and s inside words with letters, boundaries otherwise. */
  leetSymbol: 5,
  highSurrogate: 6,
  lowSurrogate: 7,
} as const;

function buildTable(): Uint8Array {
  const table = new Uint8Array(0x10000);
  const letter = /\p{L}/u;
  const digit = /\p{N}/u;
  const mark = /\p{M}/u;
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdbff) table[c] = 6;
    else if (c >= 0xdc00 && c <= 0xdfff) table[c] = 7;
    else {
      const ch = String.fromCharCode(c);
      if (letter.test(ch)) table[c] = 1;
      else if (digit.test(ch)) table[c] = 2;
      else if (mark.test(ch)) table[c] = 3;
    }
  }
  for (const c of IGNORED) table[c] = 4;
  for (let c = 0xfe00; c <= 0xfe0f; c++) table[c] = 4;
  table[0x40] = 5;
  table[0x24] = 5;
  return table;
}
