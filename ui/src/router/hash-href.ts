/**
 * The `href` for a route: `#/path?query`, leaving out empty values so the address stays
 * short and readable.
 *
 * ### Examples
 * ```ts
 * hashHref('/alerts', { state: 'all', category: '' }); // '#/alerts?state=all'
 * ```
 */
export function hashHref(
  path: string,
  params: Readonly<Record<string, string | undefined>> = {},
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, value);
  }
  const text = search.toString();
  return `#${path}${text === '' ? '' : `?${text}`}`;
}
