import { CHAR_CLASS, CharClass } from './char-class.js';

// Module-local copies: an imported binding may be a getter under some loaders (tsx's CJS
// interop), which costs a call per character in the loops below.
const CLASS: Uint8Array = CHAR_CLASS;
const BOUNDARY: number = CharClass.boundary;
const LETTER: number = CharClass.letter;
const IGNORE: number = CharClass.ignore;
const LEET_SYMBOL: number = CharClass.leetSymbol;
const HIGH_SURROGATE: number = CharClass.highSurrogate;
const LOW_SURROGATE: number = CharClass.lowSurrogate;

/**
 * Folds text into the scanner's normal form, a chunk at a time, writing UTF-16 code units
 * into one growable buffer: `' ' + word + ' ' + word + … + ' '`. Words are maximal runs of
 * letters, digits and marks; everything else is a boundary and becomes one space, so the
 * padding lets e2guardian's word-edge hints (`< word >`) match at the start and end too.
 *
 * Folding is decided per word and only ever looks inside the word, which is what makes the
 * streaming form exact: a partial word at the end of a chunk is carried to the next one,
 * and the result equals folding the whole text at once. Words longer than `MAX_WORD` code
 * units are cut (without a space) so a carry stays small; the cut points depend only on
 * the word's start, so streaming and whole-text folding still agree.
 *
 * ### Examples
 * ```ts
 * const folder = new TextFolder();
 * folder.push('Héllo W0r');
 * folder.push('ld!');
 * folder.end();
 * folder.text(); // ' hello world '
 * ```
 */
export class TextFolder {
  /** Folded code units; only `[0, length)` is meaningful. Replaced when it grows. */
  units: Uint16Array;
  length = 0;
  #carry = '';
  #ended = false;

  constructor(initialCapacity = 1024) {
    this.units = new Uint16Array(Math.max(16, initialCapacity));
    this.reset();
  }

  /** Forgets all text, keeping the buffer, so one folder can serve many scans. */
  reset(): void {
    this.length = 1;
    this.units[0] = 0x20;
    this.#carry = '';
    this.#ended = false;
  }

  /** Folds `chunk`, holding back a trailing partial word until more text or `end()`. */
  push(chunk: string): void {
    if (this.#ended) throw new Error('TextFolder: push() after end()');
    const text = this.#carry.length > 0 ? this.#carry + chunk : chunk;
    this.#carry = '';
    this.#fold(text, false);
  }

  /** Flushes the carried word and writes the closing space. Idempotent. */
  end(): void {
    if (this.#ended) return;
    const text = this.#carry;
    this.#carry = '';
    this.#fold(text, true);
    this.#space();
    this.#ended = true;
  }

  /** The folded text so far, as a string (allocates; for tests and snippets). */
  text(start = 0, end = this.length): string {
    let out = '';
    for (let i = start; i < end; i += 4096) {
      out += String.fromCharCode(...this.units.subarray(i, Math.min(end, i + 4096)));
    }
    return out;
  }

  #fold(text: string, final: boolean): void {
    const n = text.length;
    let start = -1;
    let nonAscii = false;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      let cls = CLASS[c]!;
      if (cls === HIGH_SURROGATE) {
        if (i + 1 === n && !final) {
          // The pair is split across chunks: carry from here (or from the open word).
          if (start < 0) start = i;
          this.#carry = text.slice(start);
          return;
        }
        cls = isAstralWord(text, i) ? LETTER : BOUNDARY;
      } else if (cls === LOW_SURROGATE) {
        cls = BOUNDARY;
      }
      if (cls === BOUNDARY) {
        if (start >= 0) {
          this.#word(text, start, i, nonAscii);
          start = -1;
        }
        this.#space();
        continue;
      }
      if (start < 0) {
        start = i;
        nonAscii = false;
      } else if (i - start >= MAX_WORD) {
        this.#word(text, start, i, nonAscii);
        start = i;
        nonAscii = false;
      }
      if (c >= 0x80) nonAscii = true;
      if (c >= 0xd800 && c <= 0xdbff) i++;
    }
    if (start >= 0) {
      if (final) this.#word(text, start, n, nonAscii);
      else this.#carry = text.slice(start);
    }
  }

  #word(text: string, start: number, end: number, nonAscii: boolean): void {
    if (nonAscii) {
      this.#foldSlow(text.slice(start, end));
      return;
    }
    let hasLetter = false;
    for (let i = start; i < end; i++) {
      if (CLASS[text.charCodeAt(i)] === LETTER) {
        hasLetter = true;
        break;
      }
    }
    this.#ensure(end - start + 1);
    const units = this.units;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x41 && c <= 0x5a) units[this.length++] = c + 0x20;
      else if (CLASS[c] === LEET_SYMBOL) {
        if (hasLetter) units[this.length++] = LEET[c]!;
        else this.#space();
      } else units[this.length++] = hasLetter && LEET[c]! !== 0 ? LEET[c]! : c;
    }
  }

  /** Words with any non-ASCII unit: compatibility forms, case, accents, confusables. */
  #foldSlow(word: string): void {
    let s = word.normalize('NFKC').toLowerCase();
    if (MARK_FOLD_CANDIDATE.test(s)) s = stripLatinMarks(s.normalize('NFD')).normalize('NFC');
    // NFKC can expand a letter into several words (U+FDFA) or add punctuation: re-split.
    let start = -1;
    for (let i = 0; i <= s.length; i++) {
      const cls = i < s.length ? CLASS[s.charCodeAt(i)]! : BOUNDARY;
      if (cls === BOUNDARY || cls === LOW_SURROGATE) {
        if (start >= 0) this.#foldPart(s, start, i);
        start = -1;
        if (i < s.length && cls === BOUNDARY) this.#space();
      } else if (start < 0) start = i;
      if (cls === HIGH_SURROGATE) i++;
    }
  }

  #foldPart(s: string, start: number, end: number): void {
    let hasLetter = false;
    let hasLatin = false;
    for (let i = start; i < end; i++) {
      const c = s.charCodeAt(i);
      if (CLASS[c] === LETTER) hasLetter = true;
      if (c >= 0x61 && c <= 0x7a) hasLatin = true;
    }
    this.#ensure(2 * (end - start) + 1);
    const units = this.units;
    for (let i = start; i < end; i++) {
      const c = s.charCodeAt(i);
      const cls = CLASS[c]!;
      if (cls === IGNORE) continue;
      if (cls === LEET_SYMBOL) {
        if (hasLetter) units[this.length++] = LEET[c]!;
        else this.#space();
      } else if (c < 0x80) {
        units[this.length++] = hasLetter && LEET[c]! !== 0 ? LEET[c]! : c;
      } else if (c === 0xdf) {
        units[this.length++] = 0x73;
        units[this.length++] = 0x73;
      } else if (c === 0x3c2) units[this.length++] = 0x3c3;
      else if (c === 0x131) units[this.length++] = 0x69;
      else if (hasLatin && c < CONFUSABLE.length && CONFUSABLE[c]! !== 0) {
        units[this.length++] = CONFUSABLE[c]!;
      } else units[this.length++] = c;
    }
  }

  #space(): void {
    if (this.units[this.length - 1] === 0x20) return;
    this.#ensure(1);
    this.units[this.length++] = 0x20;
  }

  #ensure(extra: number): void {
    if (this.length + extra <= this.units.length) return;
    let size = this.units.length * 2;
    while (size < this.length + extra) size *= 2;
    const grown = new Uint16Array(size);
    grown.set(this.units.subarray(0, this.length));
    this.units = grown;
  }
}

/** Longest run of word units folded as one word; see the class comment. */
const MAX_WORD = 256;

/** Letters whose accents are folded (Latin, Greek, Cyrillic) or such marks themselves. */
const MARK_FOLD_CANDIDATE = /[\u00c0-\u04ff\u1e00-\u1fff]/;

const ASTRAL_WORD = /^[\p{L}\p{N}\p{M}]/u;

function isAstralWord(text: string, i: number): boolean {
  const cp = text.codePointAt(i)!;
  return cp > 0xffff && ASTRAL_WORD.test(String.fromCodePoint(cp));
}

/** Drops U+0300–U+036F only after a Latin, Greek or Cyrillic base letter. */
function stripLatinMarks(s: string): string {
  let out = '';
  let foldable = false;
  let runStart = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x300 && c <= 0x36f) {
      if (foldable) {
        out += s.slice(runStart, i);
        runStart = i + 1;
      }
      continue;
    }
    foldable = c < 0x530 || (c >= 0x1e00 && c <= 0x1fff);
  }
  return out + s.slice(runStart);
}

/** Leetspeak digits and symbols, applied only inside words that contain a letter. */
const LEET: Uint16Array = (() => {
  const t = new Uint16Array(0x80);
  const pairs = '0o1i3e4a5s7t@a$s';
  for (let i = 0; i < pairs.length; i += 2) t[pairs.charCodeAt(i)] = pairs.charCodeAt(i + 1);
  return t;
})();

/** Lower-case Greek and Cyrillic look-alikes of Latin letters, for otherwise-Latin words. */
const CONFUSABLE: Uint16Array = (() => {
  const t = new Uint16Array(0x530);
  const pairs = 'αaβbγyεeηnιiκkνvοoρpτtυuχxωwаaвbеeкkмmнhоoрpсcтtуyхxѕsіiјjһhԁdԛqԝwӏlѵv';
  for (let i = 0; i < pairs.length; i += 2) t[pairs.charCodeAt(i)] = pairs.charCodeAt(i + 1);
  return t;
})();
