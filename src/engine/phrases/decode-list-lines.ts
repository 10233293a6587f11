/** The encodings a list line can be decoded from. */
export type LineEncoding = 'utf-8' | 'windows-1252' | 'windows-1251' | 'euc-jp' | 'shift_jis';

/** A legacy family tried for lines that are not UTF-8. */
export type LegacyFamily = 'western' | 'cyrillic' | 'japanese';

/** One line of a list file: its text, and how it was decoded (null: it could not be). */
export interface DecodedLine {
  readonly text: string;
  readonly encoding: LineEncoding | null;
}

/**
 * Splits a list file into lines and decodes each line on its own, because e2guardian's
 * lists mix encodings inside one file: a line that is valid UTF-8 is UTF-8; any other line
 * is decoded with the file's legacy family (given, or guessed once from all its non-UTF-8
 * lines): Windows-1252, Windows-1251, or Japanese, where each line may be EUC-JP or
 * Shift_JIS and the reading without half-width katakana mojibake wins.
 *
 * ### Examples
 * ```ts
 * decodeListLines(new Uint8Array([0x63, 0x61, 0x66, 0xe9])); // [{ text: 'café', encoding: 'windows-1252' }]
 * ```
 */
export function decodeListLines(bytes: Uint8Array, family?: LegacyFamily): DecodedLine[] {
  const raw: Uint8Array[] = [];
  let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (let i = start; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      let end = i;
      if (end > start && bytes[end - 1] === 0x0d) end--;
      if (i < bytes.length || end > start) raw.push(bytes.subarray(start, end));
      start = i + 1;
    }
  }
  const utf8 = raw.map((line) => tryDecode('utf-8', line));
  const legacy = raw.filter((_, i) => utf8[i] === null);
  const chosen = legacy.length === 0 ? 'western' : (family ?? guessFamily(legacy, utf8));
  return raw.map((line, i) => {
    const text = utf8[i];
    if (text !== null && text !== undefined) return { text, encoding: 'utf-8' as const };
    return decodeLegacy(line, chosen);
  });
}

const DECODERS: ReadonlyMap<LineEncoding, { decode(input: Uint8Array): string }> = new Map(
  (['utf-8', 'windows-1252', 'windows-1251', 'euc-jp', 'shift_jis'] as const).map((e) => [
    e,
    new TextDecoder(e, { fatal: true, ignoreBOM: false }),
  ]),
);

function tryDecode(encoding: LineEncoding, line: Uint8Array): string | null {
  try {
    return DECODERS.get(encoding)!.decode(line);
  } catch {
    return null;
  }
}

function decodeLegacy(line: Uint8Array, family: LegacyFamily): DecodedLine {
  if (family === 'western')
    return { text: tryDecode('windows-1252', line) ?? '', encoding: 'windows-1252' };
  if (family === 'cyrillic') {
    const text = tryDecode('windows-1251', line);
    return text === null ? { text: '', encoding: null } : { text, encoding: 'windows-1251' };
  }
  const euc = tryDecode('euc-jp', line);
  const sjis = tryDecode('shift_jis', line);
  if (euc !== null && (sjis === null || japaneseScore(euc) >= japaneseScore(sjis))) {
    return { text: euc, encoding: 'euc-jp' };
  }
  if (sjis !== null) return { text: sjis, encoding: 'shift_jis' };
  return { text: '', encoding: null };
}

/** Kana and kanji count for; half-width katakana (typical EUC-JP-read-as-SJIS) against. */
function japaneseScore(text: string): number {
  let score = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x4e00 && c <= 0x9fff)) score += 1;
    else if (c >= 0xff61 && c <= 0xff9f) score -= 2;
    else if (c >= 0x80 && !(c >= 0xff01 && c <= 0xff5e)) score -= 1;
  }
  return score;
}

/**
 * Picks the family whose reading of the file's non-UTF-8 lines looks most like words:
 * Western text has a few accented letters inside Latin words, Cyrillic words are all
 * Cyrillic, Japanese words are all kana or kanji (two accented Latin letters read as
 * one kanji inside a Latin word is the classic wrong guess). Scripts already present in the file's UTF-8 lines
 * (e.g. the Japanese list's UTF-8 copy) count as a strong hint.
 */
function guessFamily(
  legacy: readonly Uint8Array[],
  utf8: readonly (string | null)[],
): LegacyFamily {
  const scores = { western: 0, cyrillic: 0, japanese: 0 };
  for (const text of utf8) {
    if (text === null) continue;
    if (/[\u3040-\u30ff\u4e00-\u9fff]/.test(text)) scores.japanese += 5;
    if (/[\u0400-\u04ff]/.test(text)) scores.cyrillic += 5;
  }
  for (const line of legacy) {
    scores.western += wordScore(tryDecode('windows-1252', line) ?? '', isWesternWord);
    scores.cyrillic += wordScore(tryDecode('windows-1251', line) ?? '', isCyrillicWord);
    const jp = decodeLegacy(line, 'japanese');
    scores.japanese += jp.encoding === null ? -10 : wordScore(jp.text, isJapaneseWord);
  }
  if (scores.japanese > scores.western && scores.japanese > scores.cyrillic) return 'japanese';
  return scores.cyrillic > scores.western ? 'cyrillic' : 'western';
}

function wordScore(text: string, ok: (word: string) => boolean): number {
  let score = 0;
  for (const word of text.split(/[^\p{L}]+/u)) {
    if (word.length === 0 || /^[a-z]+$/i.test(word)) continue;
    // One-letter "words" are what mojibake is made of: they prove nothing either way.
    score += ok(word) ? Math.min(word.length, 3) - 1 : -1;
  }
  return score;
}

function isWesternWord(word: string): boolean {
  const accented = word.replace(/[a-z]/gi, '');
  return /^[\u00c0-\u024f]*$/.test(accented) && accented.length * 2 <= word.length;
}

function isJapaneseWord(word: string): boolean {
  return /^[\u3005\u3040-\u30ff\u4e00-\u9fff]+$/.test(word);
}

function isCyrillicWord(word: string): boolean {
  return /^[\u0400-\u04ff]+$/.test(word);
}
