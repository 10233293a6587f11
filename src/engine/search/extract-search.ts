import type { CanonicalUrl } from '../url/canonical-url.js';
import { decodeSearchTerms } from './decode-search-terms.js';
import { findSearchSite } from './find-search-site.js';
import { matchSearchRoute } from './match-search-route.js';
import { queryParamStart } from './query-param-start.js';
import type { SearchRoute } from './search-site.js';
import type { SearchEngineId, SearchQuery } from './search-types.js';

/** End of the query value starting at `start` (the next `&`, or the end). */
function valueEnd(query: string, start: number): number {
  const amp = query.indexOf('&', start);
  return amp < 0 ? query.length : amp;
}

/** True when the raw value of `name` equals `want`, ignoring ASCII case. */
function paramEquals(query: string, name: string, want: string): boolean {
  const start = queryParamStart(query, name, 0);
  if (start < 0) return false;
  const end = valueEnd(query, start);
  if (end - start !== want.length) return false;
  for (let i = 0; i < want.length; i++) {
    if ((query.charCodeAt(start + i) | 0x20) !== (want.charCodeAt(i) | 0x20)) return false;
  }
  return true;
}

/**
 * The decoded terms of the first non-empty occurrence of any of the route's parameters.
 * First non-empty rather than first: `q=&q=<terms>` must not hide the terms.
 */
function termsFromQuery(query: string, route: SearchRoute): string {
  const params = route.params;
  for (let p = 0; p < params.length; p++) {
    let start = queryParamStart(query, params[p]!, 0);
    while (start >= 0) {
      const end = valueEnd(query, start);
      if (end > start) {
        const terms = decodeSearchTerms(query, start, end, 'plus');
        if (terms !== '') return terms;
      }
      if (end >= query.length) break;
      start = queryParamStart(query, params[p]!, end + 1);
    }
  }
  return '';
}

/**
 * Reads the search terms from a request URL to a known search engine: Google (its 194 search
 * domains, with and without `www.`), Bing, YouTube, DuckDuckGo, Yahoo, Ecosia, Startpage,
 * Brave Search and Wikipedia, including their autocomplete endpoints. Returns null for any
 * other URL, or when the terms are empty. Never throws, whatever the query holds.
 *
 * Cost: one map lookup on the host; a non-search URL allocates nothing. Fragments
 * (`#q=...`, Google's client-side form) never reach the server and are ignored.
 *
 * ### Examples
 * ```ts
 * extractSearch(canonical('https://www.google.co.uk/search?q=caf%C3%A9+menu'));
 * // { kind: 'SearchQuery', engine: 'google', terms: 'café menu', autocomplete: false }
 * extractSearch(canonical('https://suggestqueries.google.com/complete/search?ds=yt&q=cat'));
 * // { kind: 'SearchQuery', engine: 'youtube', terms: 'cat', autocomplete: true }
 * extractSearch(canonical('https://www.google.com/maps')); // null
 * ```
 */
export function extractSearch(url: CanonicalUrl): SearchQuery | null {
  const site = findSearchSite(url.host);
  if (site === undefined) return null;
  const route = matchSearchRoute(site, url.path);
  if (route === null) return null;

  const query = url.query;
  let terms: string;
  if (route.match === 'term') {
    const start = route.path.length + 1;
    terms = decodeSearchTerms(url.path, start, url.path.length, 'underscore');
  } else {
    if (query === '') return null;
    if (route.requires !== null && !paramEquals(query, route.requires[0], route.requires[1])) {
      return null;
    }
    terms = termsFromQuery(query, route);
  }
  if (terms === '') return null;

  let engine: SearchEngineId = site.engine;
  if (route.youtubeWhenDsYt && paramEquals(query, 'ds', 'yt')) engine = 'youtube';
  return { kind: 'SearchQuery', engine, terms, autocomplete: route.autocomplete };
}
