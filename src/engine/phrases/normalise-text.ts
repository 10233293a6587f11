import { TextFolder } from './text-folder.js';

/**
 * Folds text into the form the phrase scanner matches on: lower case; Latin, Greek and
 * Cyrillic accents removed (other scripts' marks kept); compatibility and fullwidth forms
 * unified (NFKC); leetspeak digits inside lettered words (`s3x` -> `sex`, `2024` stays);
 * Cyrillic/Greek look-alikes inside Latin words; zero-width characters and soft hyphens
 * removed; punctuation and whitespace runs turned into one space; padded with a space at
 * each end. Phrases and text go through the same folding, so they still meet.
 *
 * ### Examples
 * ```ts
 * normaliseText('  Crème  BRÛLÉE!! ');   // ' creme brulee '
 * normaliseText('fr33 ｐｒｉｚｅ 2024'); // ' free prize 2024 '
 * normaliseText('раypal');               // ' paypal ' (Cyrillic р and а)
 * ```
 */
export function normaliseText(text: string): string {
  const folder = new TextFolder(text.length + 16);
  folder.push(text);
  folder.end();
  return folder.text();
}
