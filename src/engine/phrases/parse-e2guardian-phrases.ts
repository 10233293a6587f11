import { decodeListLines, type LegacyFamily } from './decode-list-lines.js';
import { foldPhrase } from './fold-phrase.js';
import type { PhraseKind, PhraseRule } from './phrase-types.js';

/** How to read one phrase list file. */
export interface ParsePhrasesOptions {
  /** Names the file in rules and rejections: `e2guardian/weighted/pornography`. */
  readonly source: string;
  /** What every rule in the file is: e2guardian keeps each kind in its own files. */
  readonly kind: PhraseKind;
  /** Category for every rule, overriding the file's `#listcategory`. */
  readonly category?: string;
  /** Legacy encoding family for non-UTF-8 lines; guessed from the file when absent. */
  readonly encoding?: LegacyFamily;
  /** Returns an included file's bytes (`.Include<path>`), or null when it does not exist. */
  readInclude?(path: string): Uint8Array | null;
}

/** A line that was not a rule, with why; `source` names an included file's lines. */
export interface RejectedLine {
  readonly source: string;
  readonly line: number;
  readonly text: string;
  readonly problem: string;
}

/** The rules of a list file (with its includes), and every line that was refused. */
export interface ParsedPhrases {
  readonly rules: PhraseRule[];
  readonly rejected: RejectedLine[];
  /** The file's `#listcategory: "Name"`, or null. */
  readonly listCategory: string | null;
  /** The file's `#lang: xx` (Schoolgate lists), or null. */
  readonly lang: string | null;
}

/**
 * Reads an e2guardian phrase list (and Schoolgate's lists, which use the same syntax in
 * UTF-8): `<phrase><weight>`, combinations `<a>,<b><weight>`, weightless `banned` and
 * `exception` files, `#listcategory: "Name"`, `#lang: en`, `.Include<path>`, `#` comments.
 * Spaces inside `< >` are kept (word-edge hints); spaces between groups are not. A line
 * in a weighted file without a weight is kept with weight 0 (upstream has a few; e2guardian
 * loads them too), so it shows in hits without moving a score. Each line is decoded on its own (see
 * `decodeListLines`). A malformed line is rejected with its number and the problem, never
 * thrown: upstream lists have dozens. Pure: includes arrive through `readInclude`.
 *
 * ### Examples
 * ```ts
 * const bytes = new TextEncoder().encode('#listcategory: "pets"\n<kitten><20>\n<dog>,<lead><-5>\n');
 * const { rules } = parseE2guardianPhrases(bytes, { source: 'demo', kind: 'weighted' });
 * rules[1]; // { kind: 'weighted', phrases: ['dog', 'lead'], weight: -5, category: 'pets', … }
 * ```
 */
export function parseE2guardianPhrases(
  bytes: Uint8Array,
  options: ParsePhrasesOptions,
): ParsedPhrases {
  const result: ParsedPhrases = { rules: [], rejected: [], listCategory: null, lang: null };
  return parseInto(bytes, options, null, [options.source], result);
}

const MAX_INCLUDE_DEPTH = 8;

function parseInto(
  bytes: Uint8Array,
  options: ParsePhrasesOptions,
  inherited: string | null,
  stack: readonly string[],
  out: ParsedPhrases,
): ParsedPhrases {
  const source = stack[stack.length - 1]!;
  const lines = decodeListLines(bytes, options.encoding);
  let listCategory: string | null = null;
  let lang: string | null = null;
  for (const { text } of lines) {
    const header = /^#\s*(listcategory|lang)\s*:\s*(.*)$/i.exec(text);
    if (header === null) continue;
    const value = header[2]!.trim().replace(/^"|"$/g, '').trim();
    if (header[1]!.toLowerCase() === 'lang') lang ??= value;
    else listCategory ??= value;
  }
  const category = options.category ?? listCategory ?? inherited ?? source;
  const reject = (line: number, text: string, problem: string): void => {
    out.rejected.push({ source, line, text, problem });
  };

  for (let i = 0; i < lines.length; i++) {
    const { text: rawText, encoding } = lines[i]!;
    const line = i + 1;
    if (encoding === null) {
      reject(line, rawText, 'line cannot be decoded');
      continue;
    }
    const text = rawText.trim();
    if (text.length === 0 || text.startsWith('#')) continue;
    const include = /^\.include<([^>]*)>\s*(#.*)?$/i.exec(text);
    if (include !== null) {
      const path = include[1]!.trim();
      const included = stack.includes(path) ? null : (options.readInclude?.(path) ?? null);
      if (stack.includes(path)) reject(line, text, 'include cycle');
      else if (stack.length > MAX_INCLUDE_DEPTH) reject(line, text, 'includes nested too deep');
      else if (included === null) reject(line, text, 'included file not found');
      else parseInto(included, options, listCategory ?? inherited, [...stack, path], out);
      continue;
    }
    const parsed = parseRuleLine(text, options.kind);
    if (typeof parsed === 'string') {
      reject(line, rawText, parsed);
      continue;
    }
    out.rules.push(
      Object.freeze({
        kind: options.kind,
        phrases: Object.freeze(parsed.phrases),
        weight: parsed.weight,
        category,
        source,
        line,
      }),
    );
  }
  if (stack.length === 1) return { ...out, listCategory, lang };
  return out;
}

/** Parses `<a>,<b><w>`; returns the problem as a string when the line is malformed. */
function parseRuleLine(
  text: string,
  kind: PhraseKind,
): { phrases: string[]; weight: number } | string {
  const groups: string[] = [];
  const commaBefore: boolean[] = [];
  let pos = 0;
  let comma = false;
  for (;;) {
    if (text.charCodeAt(pos) !== 0x3c) return comma ? "expected '<' after ','" : "expected '<'";
    const close = text.indexOf('>', pos + 1);
    if (close < 0) return "unterminated '<'";
    const inner = text.slice(pos + 1, close);
    if (inner.includes('<')) return "'<' inside a phrase (missing '>')";
    groups.push(inner);
    commaBefore.push(comma);
    pos = skipSpaces(text, close + 1);
    comma = text.charCodeAt(pos) === 0x2c;
    if (comma) pos = skipSpaces(text, pos + 1);
    else if (text.charCodeAt(pos) !== 0x3c) break;
  }
  if (comma) return "trailing ','";
  const rest = text.slice(pos).trim();
  if (rest.length > 0 && !rest.startsWith('#')) return "unexpected text after the last '>'";

  let phraseCount = groups.length;
  let weight = 0;
  const last = groups[groups.length - 1]!;
  const lastIsWeight = groups.length > 1 && !commaBefore[groups.length - 1];
  if (kind === 'weighted' && lastIsWeight) {
    if (!/^\s*[+-]?\d{1,9}\s*$/.test(last)) return 'weight is not a whole number';
    weight = Number.parseInt(last, 10);
    phraseCount--;
  } else if (lastIsWeight) {
    return `${kind} lists take no weight`;
  }
  const phrases = groups.slice(0, phraseCount);
  for (let g = 1; g < phraseCount; g++) {
    if (!commaBefore[g]) return "phrases of a combination must be separated by ','";
  }
  for (const phrase of phrases) {
    if (phrase.length === 0) return 'empty phrase';
    if (foldPhrase(phrase).length === 0) return 'phrase has no letters or digits';
  }
  return { phrases, weight };
}

function skipSpaces(text: string, pos: number): number {
  let p = pos;
  while (text.charCodeAt(p) === 0x20 || text.charCodeAt(p) === 0x09) p++;
  return p;
}
