/**
 * A feed's URL as the console may show it: without a user name or password, and with the
 * value of every query parameter replaced by `…` (feeds put API keys and tokens there), so
 * the page says where a list comes from without handing anyone its credentials.
 *
 * ### Examples
 * ```ts
 * publicUrl('https://jo:secret@lists.example/feed.txt?key=abc&fmt=hosts');
 * // 'https://lists.example/feed.txt?key=…&fmt=…'
 * ```
 */
export function publicUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '(an address that could not be read)';
  }
  const names = [...parsed.searchParams.keys()];
  const query = names.length === 0 ? '' : `?${names.map((n) => `${n}=…`).join('&')}`;
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}${query}`;
}
