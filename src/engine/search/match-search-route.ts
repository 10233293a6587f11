import type { SearchRoute, SearchSite } from './search-site.js';

/** True when `path` starts with the lower-case `prefix`, ignoring ASCII case. */
function startsWithIgnoreCase(path: string, prefix: string): boolean {
  const n = prefix.length;
  if (path.length < n) return false;
  for (let i = 0; i < n; i++) {
    let c = path.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) c |= 0x20;
    if (c !== prefix.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * Returns the first route of `site` whose path rule matches `path`, or null. Comparison is
 * ASCII case-insensitive and allocates nothing, since it runs for every request to a search
 * host (most of which, like `www.google.com/maps`, are not searches).
 *
 * ### Examples
 * ```ts
 * matchSearchRoute(findSearchSite('www.google.com')!, '/search')?.params; // ['q', 'as_q']
 * matchSearchRoute(findSearchSite('www.google.com')!, '/maps'); // null
 * ```
 */
export function matchSearchRoute(site: SearchSite, path: string): SearchRoute | null {
  const routes = site.routes;
  for (let i = 0; i < routes.length; i++) {
    const route = routes[i]!;
    const n = route.path.length;
    if (!startsWithIgnoreCase(path, route.path)) continue;
    if (route.match === 'exact') {
      if (path.length === n) return route;
    } else if (route.match === 'prefix') {
      if (path.length === n) return route;
      const next = path.charCodeAt(n);
      if (next === 0x2f /* / */ || next === 0x3b /* ; */) return route;
    } else if (path.length > n + 1 && path.charCodeAt(n) === 0x2f) {
      return route; // 'term': `<path>/<term>`
    }
  }
  return null;
}
