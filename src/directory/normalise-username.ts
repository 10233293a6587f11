/**
 * What a username may be once normalised: a lower-case ASCII letter or digit, then up to 63
 * of letters, digits, `.`, `_` and `-`. ASCII only so that two names that look the same are
 * the same (no Cyrillic `а` for Latin `a`), and short enough for any directory.
 */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/**
 * Puts a username in the one form it is stored and compared in: trimmed, NFC, lower case,
 * as sign-in does, so `P.Smith ` in a spreadsheet and `p.smith` typed at the sign-in page
 * are one person. It does not check `USERNAME_PATTERN`; callers report that with the value.
 *
 * ### Examples
 * ```ts
 * normaliseUsername('  P.Smith '); // 'p.smith'
 * ```
 */
export function normaliseUsername(raw: string): string {
  return raw.trim().normalize('NFC').toLowerCase();
}
