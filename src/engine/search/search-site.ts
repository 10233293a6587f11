import type { SearchEngineId } from './search-types.js';

/**
 * How the path of a request is compared with a route's `path` (always ASCII
 * case-insensitively, see `matchSearchRoute`): `exact` wants the whole path; `prefix` wants
 * the path to start with it at a segment edge (followed by nothing, `/` or `;`), for paths
 * such as Yahoo's `/search;_ylt=...`; `term` wants it followed by `/<term>` (Wikipedia's
 * `Special:Search/<term>`), the term then being the rest of the path.
 */
export type SearchRouteMatch = 'exact' | 'prefix' | 'term';

/** One URL form of a search engine that carries search terms. Engine data: readonly. */
export interface SearchRoute {
  readonly kind: 'SearchRoute';
  /** Lower-case path (or path prefix) this route answers. */
  readonly path: string;
  readonly match: SearchRouteMatch;
  /** Query parameters holding the terms, in order of preference. */
  readonly params: readonly string[];
  /** True for suggestion endpoints (partial terms typed so far). */
  readonly autocomplete: boolean;
  /** A parameter that must have this exact value for the route to apply (`action=opensearch`). */
  readonly requires: readonly [name: string, value: string] | null;
  /** Google's suggestion service answers YouTube too; `ds=yt` marks those requests. */
  readonly youtubeWhenDsYt: boolean;
}

/** A search engine's rules for the hosts that map to it (one object shared by many hosts). */
export interface SearchSite {
  readonly kind: 'SearchSite';
  readonly engine: SearchEngineId;
  /** Checked in order; the first route whose path matches is the only one tried. */
  readonly routes: readonly SearchRoute[];
  /** The query parameter and value that force safe search on non-suggestion routes. */
  readonly safeSearchParam: readonly [name: string, value: string] | null;
  /** True when every request to the host must carry YouTube's restricted-mode header. */
  readonly youtubeRestrictHeader: boolean;
}

/** Frozen factories for the search tables, so the table file reads as data. */
export const SearchSite = Object.freeze({
  /** Builds a route; `options` defaults to a non-suggestion route with no conditions. */
  route(
    path: string,
    match: SearchRouteMatch,
    params: readonly string[],
    options: {
      readonly autocomplete?: boolean;
      readonly requires?: readonly [string, string];
      readonly youtubeWhenDsYt?: boolean;
    } = {},
  ): SearchRoute {
    return Object.freeze({
      kind: 'SearchRoute',
      path: path.toLowerCase(),
      match,
      params: Object.freeze([...params]),
      autocomplete: options.autocomplete ?? false,
      requires: options.requires === undefined ? null : Object.freeze([...options.requires]),
      youtubeWhenDsYt: options.youtubeWhenDsYt ?? false,
    } as SearchRoute);
  },
  /** Builds a site from its routes and enforcement settings. */
  site(
    engine: SearchEngineId,
    routes: readonly SearchRoute[],
    safeSearchParam: readonly [string, string] | null,
    youtubeRestrictHeader = false,
  ): SearchSite {
    return Object.freeze({
      kind: 'SearchSite',
      engine,
      routes: Object.freeze([...routes]),
      safeSearchParam: safeSearchParam === null ? null : Object.freeze([...safeSearchParam]),
      youtubeRestrictHeader,
    } as SearchSite);
  },
});
