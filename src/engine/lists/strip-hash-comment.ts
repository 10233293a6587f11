/**
 * Removes a `#` comment (whole-line or trailing) and the whitespace before it. Used by every
 * format except adblock, where `#` also starts element-hiding rules.
 *
 * ### Examples
 * ```ts
 * stripHashComment('blocked.example   # added 2026'); // 'blocked.example'
 * ```
 */
export function stripHashComment(line: string): string {
  const hash = line.indexOf('#');
  return hash < 0 ? line : line.slice(0, hash).trimEnd();
}
