import { SAFE_SEARCH_TABLE } from './safe-search-table.generated.js';
import { SearchSite } from './search-site.js';

const { route, site } = SearchSite;

// NOTE: keep in sync with README.md (the table of engines and URL forms).
// Route paths are compared ASCII case-insensitively: some engines (Bing, on IIS) serve any
// case, and over-matching a path that would 404 costs nothing.

const GOOGLE = site(
  'google',
  [
    // `as_q` is the advanced-search form's field; `#q=` fragments never reach us.
    route('/search', 'exact', ['q', 'as_q']),
    route('/webhp', 'exact', ['q']),
    route('/complete/search', 'exact', ['q'], { autocomplete: true, youtubeWhenDsYt: true }),
  ],
  ['safe', 'active'],
);

/** Google's suggestion hosts, which also serve YouTube's suggestions (`ds=yt`). */
const GOOGLE_SUGGEST = site(
  'google',
  [route('/complete/search', 'exact', ['q'], { autocomplete: true, youtubeWhenDsYt: true })],
  null,
);

const BING = site(
  'bing',
  [
    route('/search', 'exact', ['q']),
    route('/images/search', 'exact', ['q']),
    route('/videos/search', 'exact', ['q']),
    route('/news/search', 'exact', ['q']),
    route('/as/suggestions', 'exact', ['qry', 'q'], { autocomplete: true }),
    route('/osjson.aspx', 'exact', ['query'], { autocomplete: true }),
  ],
  ['adlt', 'strict'],
);

const YOUTUBE = site('youtube', [route('/results', 'exact', ['search_query', 'q'])], null, true);

/** YouTube hosts that carry no search URL but must still get the restricted-mode header. */
const YOUTUBE_API = site('youtube', [], null, true);

const YOUTUBE_SUGGEST = site(
  'youtube',
  [route('/complete/search', 'exact', ['q'], { autocomplete: true })],
  null,
);

const DUCKDUCKGO = site(
  'duckduckgo',
  [
    route('/', 'exact', ['q']),
    route('/html', 'exact', ['q']),
    route('/html/', 'exact', ['q']),
    route('/lite', 'exact', ['q']),
    route('/lite/', 'exact', ['q']),
    route('/d.js', 'exact', ['q']),
    route('/ac', 'exact', ['q'], { autocomplete: true }),
    route('/ac/', 'exact', ['q'], { autocomplete: true }),
  ],
  ['kp', '1'],
);

const YAHOO = site(
  'yahoo',
  [
    // `/search`, `/search;_ylt=...`, `/search/images`, `/search/video`.
    route('/search', 'prefix', ['p']),
    route('/sugg', 'prefix', ['command'], { autocomplete: true }),
  ],
  ['vm', 'r'],
);

const ECOSIA = site(
  'ecosia',
  [
    route('/search', 'exact', ['q']),
    route('/images', 'exact', ['q']),
    route('/videos', 'exact', ['q']),
    route('/news', 'exact', ['q']),
  ],
  // Ecosia documents no URL parameter that locks safe search: enforcement is DNS only
  // (www.ecosia.org -> strict-safe-search.ecosia.org, see safeSearchCname).
  null,
);

const ECOSIA_SUGGEST = site(
  'ecosia',
  [
    route('/', 'exact', ['q'], { autocomplete: true }),
    route('/autocomplete', 'exact', ['q'], { autocomplete: true }),
  ],
  null,
);

const STARTPAGE = site(
  'startpage',
  [
    route('/sp/search', 'exact', ['query', 'q']),
    route('/do/search', 'exact', ['query', 'q']),
    route('/do/dsearch', 'exact', ['query', 'q']),
    route('/do/asearch', 'exact', ['query', 'q']),
    route('/suggestions', 'exact', ['q'], { autocomplete: true }),
  ],
  ['qadf', 'heavy'],
);

const BRAVE = site(
  'brave',
  [
    route('/search', 'exact', ['q']),
    route('/images', 'exact', ['q']),
    route('/videos', 'exact', ['q']),
    route('/news', 'exact', ['q']),
    route('/api/suggest', 'exact', ['q'], { autocomplete: true }),
  ],
  ['safesearch', 'strict'],
);

const WIKIPEDIA = site(
  'wikipedia',
  [
    route('/w/index.php', 'exact', ['search']),
    route('/wiki/special:search', 'exact', ['search']),
    route('/wiki/special:search', 'term', []),
    // The reserved `:` may reach us still escaped.
    route('/wiki/special%3asearch', 'exact', ['search']),
    route('/wiki/special%3asearch', 'term', []),
    // www.wikipedia.org's portal box.
    route('/search-redirect.php', 'exact', ['search']),
    route('/w/api.php', 'exact', ['search'], {
      autocomplete: true,
      requires: ['action', 'opensearch'],
    }),
    // The search box of the Vector 2022 skin.
    route('/w/rest.php/v1/search/title', 'exact', ['q'], { autocomplete: true }),
  ],
  null,
);

function buildHostTable(): ReadonlyMap<string, SearchSite> {
  const table = new Map<string, SearchSite>();
  for (const domain of SAFE_SEARCH_TABLE.googleSearchDomains) {
    table.set(domain, GOOGLE);
    table.set(`www.${domain}`, GOOGLE);
  }
  const rows: readonly (readonly [string, SearchSite])[] = [
    ['suggestqueries.google.com', GOOGLE_SUGGEST],
    ['clients1.google.com', GOOGLE_SUGGEST],
    ['www.bing.com', BING],
    ['bing.com', BING],
    ['cn.bing.com', BING],
    ['www.youtube.com', YOUTUBE],
    ['m.youtube.com', YOUTUBE],
    ['youtube.com', YOUTUBE],
    ['youtubei.googleapis.com', YOUTUBE_API],
    ['youtube.googleapis.com', YOUTUBE_API],
    ['www.youtube-nocookie.com', YOUTUBE_API],
    ['suggestqueries-clients6.youtube.com', YOUTUBE_SUGGEST],
    ['duckduckgo.com', DUCKDUCKGO],
    ['www.duckduckgo.com', DUCKDUCKGO],
    ['start.duckduckgo.com', DUCKDUCKGO],
    ['html.duckduckgo.com', DUCKDUCKGO],
    ['lite.duckduckgo.com', DUCKDUCKGO],
    ['links.duckduckgo.com', DUCKDUCKGO],
    ['search.yahoo.com', YAHOO],
    ['www.ecosia.org', ECOSIA],
    ['ecosia.org', ECOSIA],
    ['ac.ecosia.org', ECOSIA_SUGGEST],
    ['www.startpage.com', STARTPAGE],
    ['startpage.com', STARTPAGE],
    ['eu.startpage.com', STARTPAGE],
    ['us.startpage.com', STARTPAGE],
    ['search.brave.com', BRAVE],
    ['www.wikipedia.org', WIKIPEDIA],
  ];
  for (const [host, rules] of rows) table.set(host, rules);
  return table;
}

const HOSTS = buildHostTable();

/**
 * Finds the search rules for a canonical host (lower-case, no trailing dot): one map lookup,
 * then, only on a miss, two suffix tests for the open-ended families — Wikipedia's language
 * editions (`pl.wikipedia.org`, `pl.m.wikipedia.org`) and Yahoo's regional and vertical
 * hosts (`uk.search.yahoo.com`, `images.search.yahoo.com`). Allocates nothing.
 *
 * ### Examples
 * ```ts
 * findSearchSite('www.google.co.uk')?.engine; // 'google'
 * findSearchSite('pl.wikipedia.org')?.engine; // 'wikipedia'
 * findSearchSite('school.test'); // undefined
 * ```
 */
export function findSearchSite(host: string): SearchSite | undefined {
  const found = HOSTS.get(host);
  if (found !== undefined) return found;
  if (host.endsWith('.wikipedia.org')) return WIKIPEDIA;
  if (host.endsWith('.search.yahoo.com')) return YAHOO;
  return undefined;
}
