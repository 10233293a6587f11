/** Where the app is: the path after `#` and its query, e.g. `#/alerts?state=all&id=…`. */
export interface HashRoute {
  /** Always starts with '/'; '/' for an empty hash. */
  readonly path: string;
  readonly params: URLSearchParams;
}

/**
 * Reads a location hash into a route. Unknown shapes read as the dashboard's path rather
 * than failing, so a mistyped address lands somewhere useful.
 *
 * ### Examples
 * ```ts
 * parseHash('#/alerts?minLevel=3').params.get('minLevel'); // '3'
 * parseHash('').path; // '/'
 * ```
 */
export function parseHash(hash: string): HashRoute {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  const mark = text.indexOf('?');
  const rawPath = mark === -1 ? text : text.slice(0, mark);
  const path = rawPath.startsWith('/') ? rawPath : `/${rawPath}`;
  return { path, params: new URLSearchParams(mark === -1 ? '' : text.slice(mark + 1)) };
}
