/**
 * Checks the DNS shape of a canonical domain (lower-case ASCII, punycode already applied)
 * and returns what is wrong with it in plain words, or null when it is fine. Stricter than
 * WHATWG on purpose: a list entry that no resolver could ever answer for is a mistake in the
 * list, and a bare TLD would block a whole top-level domain.
 *
 * ### Examples
 * ```ts
 * domainShapeProblem('rahaporn.commanhwax.top'); // null (odd, but a valid host)
 * domainShapeProblem('com');                     // 'a bare top-level domain ...'
 * ```
 */
export function domainShapeProblem(host: string): string | null {
  const n = host.length;
  if (n === 0) return 'empty host';
  if (n > 253) return 'host name longer than 253 characters';
  let labelStart = 0;
  let labels = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? host.charCodeAt(i) : 46;
    if (c === 46) {
      const length = i - labelStart;
      if (length === 0) return 'empty label (two dots in a row, or a leading dot)';
      if (length > 63) return 'label longer than 63 characters';
      labels++;
      labelStart = i + 1;
    } else if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 95)) {
      return 'invalid character in host name';
    }
  }
  if (labels < 2) return 'a bare top-level domain would block a whole TLD';
  return null;
}
