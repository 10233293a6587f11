import { CHAR_CLASS, CharClass } from './char-class.js';
import { normaliseText } from './normalise-text.js';

/**
 * Folds one list phrase exactly as `normaliseText` folds page text, keeping e2guardian's
 * word-edge hints: a phrase written with a leading or trailing space (or punctuation) keeps
 * one space there, so `< cat >` only matches the whole word `cat`, while `<cat>` also
 * matches inside `concatenate`. Returns `''` for a phrase with no letters or digits.
 *
 * ### Examples
 * ```ts
 * foldPhrase(' Cat ');   // ' cat '
 * foldPhrase('CAT');     // 'cat'
 * foldPhrase('...');     // ''
 * ```
 */
export function foldPhrase(phrase: string): string {
  const core = normaliseText(phrase).trim();
  if (core.length === 0) return '';
  const first = phrase.charCodeAt(0);
  const last = phrase.charCodeAt(phrase.length - 1);
  const lead = CHAR_CLASS[first] === CharClass.boundary ? ' ' : '';
  const trail = CHAR_CLASS[last] === CharClass.boundary ? ' ' : '';
  return lead + core + trail;
}
