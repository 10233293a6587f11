import type { YouTubeRestriction } from './safe-search-rewrite.js';
import { SAFE_SEARCH_TABLE } from './safe-search-table.generated.js';

const GOOGLE_TARGET = 'forcesafesearch.google.com';

/** host -> [strict target, moderate target]. */
function buildCnameTable(): ReadonlyMap<string, readonly [string, string]> {
  const table = new Map<string, readonly [string, string]>();
  // Google's list names registrable domains; AdGuard rewrites only `www.`, but a browser
  // reaches `google.<tld>` as well, so both are answered (as Pi-hole community tables do).
  const google = Object.freeze([GOOGLE_TARGET, GOOGLE_TARGET] as const);
  for (const domain of SAFE_SEARCH_TABLE.googleSearchDomains) {
    table.set(domain, google);
    table.set(`www.${domain}`, google);
  }
  for (const [host, strict, moderate] of SAFE_SEARCH_TABLE.cnames) {
    table.set(host, Object.freeze([strict, moderate] as const));
  }
  return table;
}

const CNAMES = buildCnameTable();

/**
 * Returns the name a DNS gateway must answer with (as a CNAME) so that the engine behind
 * `host` serves only safe results, or null when `host` needs none: Google's search domains
 * (bare and `www.`) -> `forcesafesearch.google.com`, YouTube's hosts -> `restrict.youtube.com`
 * or `restrictmoderate.youtube.com`, Bing -> `strict.bing.com`, DuckDuckGo ->
 * `safe.duckduckgo.com`, Ecosia -> `strict-safe-search.ecosia.org`, Pixabay ->
 * `safesearch.pixabay.com`. `host` must be lower-case without a trailing dot (as
 * `CanonicalUrl.host`). Yandex is answered with an address instead: see `safeSearchAddress`.
 *
 * ### Examples
 * ```ts
 * safeSearchCname('www.google.co.uk', { youtube: 'strict' }); // 'forcesafesearch.google.com'
 * safeSearchCname('m.youtube.com', { youtube: 'moderate' }); // 'restrictmoderate.youtube.com'
 * safeSearchCname('school.test', { youtube: 'strict' }); // null
 * ```
 */
export function safeSearchCname(
  host: string,
  options: { readonly youtube: YouTubeRestriction },
): string | null {
  const targets = CNAMES.get(host);
  if (targets === undefined) return null;
  return options.youtube === 'moderate' ? targets[1] : targets[0];
}
