/** The search engines whose URLs the engine reads search terms from. Stable wire names. */
export type SearchEngineId =
  | 'google'
  | 'bing'
  | 'youtube'
  | 'duckduckgo'
  | 'yahoo'
  | 'ecosia'
  | 'startpage'
  | 'brave'
  | 'wikipedia';

/** A search found in a request URL. */
export interface SearchQuery {
  readonly kind: 'SearchQuery';
  readonly engine: SearchEngineId;
  /** The decoded terms as the person typed them (UTF-8, `+` and `%20` as spaces). */
  readonly terms: string;
  /** True for suggestion/autocomplete requests (partial terms as they are typed). */
  readonly autocomplete: boolean;
}

/**
 * What the gateway must change in a request so the engine's safe search is enforced.
 * `url` is the rewritten absolute URL, or `null` when the URL already complies; `headers`
 * are set on the upstream request (e.g. YouTube's restricted mode).
 */
export interface SafeSearchRewrite {
  readonly kind: 'SafeSearchRewrite';
  readonly engine: SearchEngineId;
  readonly url: string | null;
  readonly headers: readonly (readonly [name: string, value: string])[];
}
