import type { CanonicalUrl } from '../url/canonical-url.js';
import { findSearchSite } from './find-search-site.js';
import { matchSearchRoute } from './match-search-route.js';
import { queryParamStart } from './query-param-start.js';
import type { SafeSearchRewrite } from './search-types.js';
import { setQueryParam } from './set-query-param.js';

/** How strict YouTube's restricted mode is: the `YouTube-Restrict` header's two values. */
export type YouTubeRestriction = 'strict' | 'moderate';

// Shared, frozen header lists so YouTube requests allocate only the result object.
const YOUTUBE_STRICT: SafeSearchRewrite['headers'] = Object.freeze([
  Object.freeze(['YouTube-Restrict', 'Strict'] as const),
]);
const YOUTUBE_MODERATE: SafeSearchRewrite['headers'] = Object.freeze([
  Object.freeze(['YouTube-Restrict', 'Moderate'] as const),
]);
const NO_HEADERS: SafeSearchRewrite['headers'] = Object.freeze([]);

/** `href` up to (not including) its query. */
function withoutQuery(href: string): string {
  const q = href.indexOf('?');
  return q < 0 ? href : href.slice(0, q);
}

/**
 * Returns what the gateway must change so that this request gets the engine's safe search,
 * or null when the URL is not a search page that needs a change. On a search page the
 * engine's parameter is set (replacing any other value, keeping the other parameters and
 * their order): Google `safe=active`, Bing `adlt=strict`, DuckDuckGo `kp=1`, Yahoo `vm=r`,
 * Startpage `qadf=heavy`, Brave `safesearch=strict`; `url` is null when it is already so
 * (rewriting a rewritten URL changes nothing). Every request to a YouTube host gets the
 * `YouTube-Restrict` header instead. Ecosia has no documented URL parameter (DNS only, see
 * `safeSearchCname`) and Wikipedia no safe search, so both return null. Suggestion
 * endpoints are left alone: their terms are scanned, and DNS enforcement covers them.
 *
 * ### Examples
 * ```ts
 * safeSearchRewrite(canonical('https://www.google.com/search?q=cats&safe=off'), opts).url;
 * // 'https://www.google.com/search?q=cats&safe=active'
 * safeSearchRewrite(canonical('https://www.youtube.com/watch?v=x'), { youtube: 'strict' });
 * // { kind: 'SafeSearchRewrite', engine: 'youtube', url: null,
 * //   headers: [['YouTube-Restrict', 'Strict']] }
 * safeSearchRewrite(canonical('https://school.test/'), opts); // null
 * ```
 */
export function safeSearchRewrite(
  url: CanonicalUrl,
  options: { readonly youtube: YouTubeRestriction },
): SafeSearchRewrite | null {
  const site = findSearchSite(url.host);
  if (site === undefined) return null;
  if (site.youtubeRestrictHeader) {
    const headers = options.youtube === 'moderate' ? YOUTUBE_MODERATE : YOUTUBE_STRICT;
    return { kind: 'SafeSearchRewrite', engine: site.engine, url: null, headers };
  }
  const param = site.safeSearchParam;
  if (param === null) return null;
  const route = matchSearchRoute(site, url.path);
  if (route === null || route.autocomplete) return null;

  // Only search requests (a term parameter is present, even empty): a plain visit to a home
  // page such as duckduckgo.com/ needs no redirect.
  const query = url.query;
  let isSearch = false;
  for (let i = 0; i < route.params.length && !isSearch; i++) {
    isSearch = queryParamStart(query, route.params[i]!, 0) >= 0;
  }
  if (!isSearch) return null;

  const rewritten = setQueryParam(query, param[0], param[1]);
  const target = rewritten === null ? null : `${withoutQuery(url.href)}?${rewritten}`;
  return { kind: 'SafeSearchRewrite', engine: site.engine, url: target, headers: NO_HEADERS };
}
