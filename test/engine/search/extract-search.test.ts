import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { extractSearch } from '../../../src/engine/search/extract-search.js';
import type { SearchEngineId } from '../../../src/engine/search/search-types.js';
import { testUrl } from './test-url.js';

type Want = { engine: SearchEngineId; terms: string; autocomplete: boolean } | null;

const web = (engine: SearchEngineId, terms: string): Want => ({
  engine,
  terms,
  autocomplete: false,
});
const suggest = (engine: SearchEngineId, terms: string): Want => ({
  engine,
  terms,
  autocomplete: true,
});

const cases: { name: string; input: string; want: Want }[] = [
  // Google
  {
    name: 'google_search',
    input: 'https://www.google.com/search?q=cats',
    want: web('google', 'cats'),
  },
  {
    name: 'google_bare_domain',
    input: 'https://google.com/search?q=cats',
    want: web('google', 'cats'),
  },
  {
    name: 'google_co_uk',
    input: 'https://www.google.co.uk/search?hl=en&q=red+panda&oq=red',
    want: web('google', 'red panda'),
  },
  {
    name: 'google_com_au',
    input: 'https://www.google.com.au/search?q=koala',
    want: web('google', 'koala'),
  },
  { name: 'google_de_bare', input: 'https://google.de/search?q=hund', want: web('google', 'hund') },
  {
    name: 'google_webhp',
    input: 'https://www.google.com/webhp?q=owls',
    want: web('google', 'owls'),
  },
  {
    name: 'google_images',
    input: 'https://www.google.com/search?tbm=isch&q=sunset+beach',
    want: web('google', 'sunset beach'),
  },
  {
    name: 'google_advanced_as_q',
    input: 'https://www.google.com/search?as_q=volcano',
    want: web('google', 'volcano'),
  },
  { name: 'google_fragment_ignored', input: 'https://www.google.com/webhp#q=hidden', want: null },
  {
    name: 'google_percent20',
    input: 'https://www.google.com/search?q=red%20panda',
    want: web('google', 'red panda'),
  },
  {
    name: 'google_plus_and_20_mixed',
    input: 'https://www.google.com/search?q=a+%20+b',
    want: web('google', 'a b'),
  },
  {
    name: 'google_literal_plus',
    input: 'https://www.google.com/search?q=c%2B%2B',
    want: web('google', 'c++'),
  },
  {
    name: 'google_trim_collapse',
    input: 'https://www.google.com/search?q=++a+++b++',
    want: web('google', 'a b'),
  },
  {
    name: 'google_newline_collapsed',
    input: 'https://www.google.com/search?q=a%0A%09b',
    want: web('google', 'a b'),
  },
  {
    name: 'google_polish_utf8',
    input: 'https://www.google.pl/search?q=%C5%BC%C3%B3%C5%82%C4%87',
    want: web('google', 'żółć'),
  },
  {
    name: 'google_arabic',
    input: `https://www.google.com/search?q=${encodeURIComponent('مرحبا بالعالم')}`,
    want: web('google', 'مرحبا بالعالم'),
  },
  {
    name: 'google_cyrillic',
    input: `https://www.google.ru/search?q=${encodeURIComponent('привет мир')}`,
    want: web('google', 'привет мир'),
  },
  {
    name: 'google_cjk',
    input: `https://www.google.co.jp/search?q=${encodeURIComponent('猫 写真')}`,
    want: web('google', '猫 写真'),
  },
  {
    name: 'google_emoji',
    input: 'https://www.google.com/search?q=%F0%9F%90%B1',
    want: web('google', '🐱'),
  },
  {
    name: 'google_latin1_fallback',
    input: 'https://www.google.fr/search?q=caf%E9',
    want: web('google', 'café'),
  },
  {
    name: 'google_cp1252_fallback',
    input: 'https://www.google.com/search?q=%93quoted%94',
    want: web('google', '“quoted”'),
  },
  {
    name: 'google_malformed_escape',
    input: 'https://www.google.com/search?q=100%zz',
    want: web('google', '100%zz'),
  },
  {
    name: 'google_lone_percent',
    input: 'https://www.google.com/search?q=50%',
    want: web('google', '50%'),
  },
  {
    name: 'google_truncated_escape',
    input: 'https://www.google.com/search?q=ab%C',
    want: web('google', 'ab%C'),
  },
  {
    name: 'google_encoded_key',
    input: 'https://www.google.com/search?%71=sneaky',
    want: web('google', 'sneaky'),
  },
  {
    name: 'google_empty_then_real',
    input: 'https://www.google.com/search?q=&q=second',
    want: web('google', 'second'),
  },
  { name: 'google_empty_terms', input: 'https://www.google.com/search?q=', want: null },
  { name: 'google_spaces_only', input: 'https://www.google.com/search?q=+++%20', want: null },
  { name: 'google_no_query', input: 'https://www.google.com/search', want: null },
  { name: 'google_other_param_only', input: 'https://www.google.com/search?qq=x&aq=y', want: null },
  { name: 'google_maps_path', input: 'https://www.google.com/maps?q=london', want: null },
  { name: 'google_root_path', input: 'https://www.google.com/?q=cats', want: null },
  {
    name: 'google_path_case',
    input: 'https://www.google.com/SEARCH?q=cats',
    want: web('google', 'cats'),
  },
  {
    name: 'google_autocomplete',
    input: 'https://www.google.com/complete/search?q=how+to&client=gws-wiz',
    want: suggest('google', 'how to'),
  },
  {
    name: 'google_autocomplete_ds_yt',
    input: 'https://www.google.com/complete/search?client=youtube&ds=yt&q=mine',
    want: suggest('youtube', 'mine'),
  },
  {
    name: 'suggestqueries_google',
    input: 'https://suggestqueries.google.com/complete/search?client=firefox&q=weath',
    want: suggest('google', 'weath'),
  },
  {
    name: 'suggestqueries_youtube',
    input: 'https://suggestqueries.google.com/complete/search?client=youtube&ds=yt&q=lego',
    want: suggest('youtube', 'lego'),
  },
  { name: 'google_not_in_list', input: 'https://www.google.xyz/search?q=cats', want: null },
  {
    name: 'google_lookalike',
    input: 'https://www.google.com.evil.example/search?q=cats',
    want: null,
  },
  { name: 'google_other_subdomain', input: 'https://mail.google.com/search?q=cats', want: null },
  // Bing
  {
    name: 'bing_search',
    input: 'https://www.bing.com/search?q=rainbow&form=QBLH',
    want: web('bing', 'rainbow'),
  },
  {
    name: 'bing_images',
    input: 'https://www.bing.com/images/search?q=tiger&first=1',
    want: web('bing', 'tiger'),
  },
  {
    name: 'bing_videos',
    input: 'https://www.bing.com/videos/search?q=dance',
    want: web('bing', 'dance'),
  },
  {
    name: 'bing_as_qry',
    input: 'https://www.bing.com/AS/Suggestions?pt=page.home&qry=hel&cp=3',
    want: suggest('bing', 'hel'),
  },
  {
    name: 'bing_as_q',
    input: 'https://www.bing.com/AS/Suggestions?q=wor',
    want: suggest('bing', 'wor'),
  },
  { name: 'bing_maps', input: 'https://www.bing.com/maps?q=paris', want: null },
  // YouTube
  {
    name: 'youtube_results',
    input: 'https://www.youtube.com/results?search_query=minecraft+tips',
    want: web('youtube', 'minecraft tips'),
  },
  {
    name: 'youtube_mobile',
    input: 'https://m.youtube.com/results?search_query=lego',
    want: web('youtube', 'lego'),
  },
  {
    name: 'youtube_q',
    input: 'https://www.youtube.com/results?q=drums',
    want: web('youtube', 'drums'),
  },
  { name: 'youtube_watch', input: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', want: null },
  {
    name: 'youtube_suggest_host',
    input: 'https://suggestqueries-clients6.youtube.com/complete/search?client=youtube&ds=yt&q=cat',
    want: suggest('youtube', 'cat'),
  },
  // DuckDuckGo
  {
    name: 'ddg_root',
    input: 'https://duckduckgo.com/?q=otters&ia=web',
    want: web('duckduckgo', 'otters'),
  },
  {
    name: 'ddg_html_path',
    input: 'https://duckduckgo.com/html/?q=otters',
    want: web('duckduckgo', 'otters'),
  },
  {
    name: 'ddg_html_host',
    input: 'https://html.duckduckgo.com/html/?q=otters',
    want: web('duckduckgo', 'otters'),
  },
  {
    name: 'ddg_lite',
    input: 'https://lite.duckduckgo.com/lite/?q=otters',
    want: web('duckduckgo', 'otters'),
  },
  {
    name: 'ddg_ac',
    input: 'https://duckduckgo.com/ac/?q=ott&kl=wt-wt',
    want: suggest('duckduckgo', 'ott'),
  },
  { name: 'ddg_root_no_query', input: 'https://duckduckgo.com/', want: null },
  { name: 'ddg_other_path', input: 'https://duckduckgo.com/about?q=x', want: null },
  // Yahoo
  {
    name: 'yahoo_search',
    input: 'https://search.yahoo.com/search?p=weather&fr=yfp',
    want: web('yahoo', 'weather'),
  },
  {
    name: 'yahoo_ylt',
    input: 'https://search.yahoo.com/search;_ylt=AwrE;_ylc=X1?p=storm',
    want: web('yahoo', 'storm'),
  },
  {
    name: 'yahoo_regional',
    input: 'https://uk.search.yahoo.com/search?p=football',
    want: web('yahoo', 'football'),
  },
  {
    name: 'yahoo_images',
    input: 'https://images.search.yahoo.com/search/images?p=moon',
    want: web('yahoo', 'moon'),
  },
  {
    name: 'yahoo_sugg',
    input: 'https://search.yahoo.com/sugg/gossip/gossip-us-ura/?output=sd1&command=foo',
    want: suggest('yahoo', 'foo'),
  },
  { name: 'yahoo_searchx_path', input: 'https://search.yahoo.com/searchx?p=nope', want: null },
  { name: 'yahoo_mail', input: 'https://mail.yahoo.com/search?p=x', want: null },
  // Ecosia
  {
    name: 'ecosia_search',
    input: 'https://www.ecosia.org/search?method=index&q=trees',
    want: web('ecosia', 'trees'),
  },
  {
    name: 'ecosia_ac_root',
    input: 'https://ac.ecosia.org/?q=tre&type=list',
    want: suggest('ecosia', 'tre'),
  },
  {
    name: 'ecosia_ac_path',
    input: 'https://ac.ecosia.org/autocomplete?q=tre',
    want: suggest('ecosia', 'tre'),
  },
  // Startpage
  {
    name: 'startpage_sp_query',
    input: 'https://www.startpage.com/sp/search?query=privacy&cat=web',
    want: web('startpage', 'privacy'),
  },
  {
    name: 'startpage_sp_q',
    input: 'https://www.startpage.com/sp/search?q=privacy',
    want: web('startpage', 'privacy'),
  },
  {
    name: 'startpage_do_search',
    input: 'https://www.startpage.com/do/search?query=privacy',
    want: web('startpage', 'privacy'),
  },
  // Brave
  {
    name: 'brave_search',
    input: 'https://search.brave.com/search?q=lion&source=web',
    want: web('brave', 'lion'),
  },
  {
    name: 'brave_suggest',
    input: 'https://search.brave.com/api/suggest?q=lio',
    want: suggest('brave', 'lio'),
  },
  // Wikipedia
  {
    name: 'wikipedia_index_php',
    input: 'https://en.wikipedia.org/w/index.php?search=Ada+Lovelace&title=Special:Search',
    want: web('wikipedia', 'Ada Lovelace'),
  },
  {
    name: 'wikipedia_special_query',
    input: 'https://en.wikipedia.org/wiki/Special:Search?search=tides',
    want: web('wikipedia', 'tides'),
  },
  {
    name: 'wikipedia_special_path',
    input: 'https://en.wikipedia.org/wiki/Special:Search/Marie_Curie',
    want: web('wikipedia', 'Marie Curie'),
  },
  {
    name: 'wikipedia_special_path_utf8',
    input: 'https://pl.wikipedia.org/wiki/Special:Search/%C5%BC%C3%B3%C5%82%C4%87',
    want: web('wikipedia', 'żółć'),
  },
  {
    name: 'wikipedia_special_escaped_colon',
    input: 'https://en.wikipedia.org/wiki/Special%3ASearch?search=tides',
    want: web('wikipedia', 'tides'),
  },
  {
    name: 'wikipedia_mobile',
    input: 'https://de.m.wikipedia.org/w/index.php?search=Hund',
    want: web('wikipedia', 'Hund'),
  },
  {
    name: 'wikipedia_opensearch',
    input: 'https://en.wikipedia.org/w/api.php?action=opensearch&format=json&search=Newt',
    want: suggest('wikipedia', 'Newt'),
  },
  {
    name: 'wikipedia_api_other_action',
    input: 'https://en.wikipedia.org/w/api.php?action=query&search=Newt',
    want: null,
  },
  {
    name: 'wikipedia_rest_title',
    input: 'https://en.wikipedia.org/w/rest.php/v1/search/title?q=Newt&limit=10',
    want: suggest('wikipedia', 'Newt'),
  },
  { name: 'wikipedia_article', input: 'https://en.wikipedia.org/wiki/Cat', want: null },
  // Not search engines
  { name: 'school_host', input: 'https://school.test/search?q=cats', want: null },
  { name: 'reserved_host', input: 'https://blocked.example/results?search_query=x', want: null },
];

test('extractSearch', async (t) => {
  for (const c of cases) {
    await t.test(c.name, () => {
      const got = extractSearch(testUrl(c.input));
      const want = c.want === null ? null : { kind: 'SearchQuery', ...c.want };
      assert.deepEqual(got, want);
    });
  }
});

const GOOGLE_DATA = new URL(
  '../shared/data/safesearch/google-search-domains.txt',
  pathToFileURL(`${process.cwd()}/`),
);

/** Asserts a Google search on `domain` and on `www.<domain>` is read as Google's. */
function assertGoogleDomain(domain: string): void {
  for (const host of [domain, `www.${domain}`]) {
    const got = extractSearch(testUrl(`https://${host}/search?q=x+y`));
    assert.deepEqual(got, { kind: 'SearchQuery', ...web('google', 'x y') }, host);
  }
}

test('extractSearch: a handful of Google ccTLDs, with and without www.', () => {
  for (const domain of ['google.com', 'google.co.uk', 'google.ie', 'google.com.br', 'google.cat']) {
    assertGoogleDomain(domain);
  }
});

test('extractSearch: every Google domain in the shared data file', (t) => {
  if (!existsSync(GOOGLE_DATA)) {
    t.skip('../shared/data absent: google-search-domains.txt not checked');
    return;
  }
  const domains = readFileSync(GOOGLE_DATA, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  assert.equal(domains.length, 194);
  for (const domain of domains) assertGoogleDomain(domain);
});

test('extractSearch: never throws on arbitrary queries and paths', () => {
  const hosts = [
    'www.google.com',
    'suggestqueries.google.com',
    'www.bing.com',
    'www.youtube.com',
    'duckduckgo.com',
    'search.yahoo.com',
    'ac.ecosia.org',
    'www.startpage.com',
    'search.brave.com',
    'en.wikipedia.org',
  ];
  const paths = [
    '/search',
    '/complete/search',
    '/',
    '/results',
    '/sugg/x',
    '/w/api.php',
    '/wiki/Special:Search/',
  ];
  fc.assert(
    fc.property(
      fc.constantFrom(...hosts),
      fc.constantFrom(...paths),
      fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.stringMatching(/^[%&=+a-fqz0-9]*$/)),
      (host, path, tail) => {
        const base = testUrl(`https://${host}${path}`);
        const got = extractSearch({
          ...base,
          query: tail,
          path: path + (path.endsWith('/') ? tail : ''),
        });
        if (got !== null) {
          assert.equal(got.kind, 'SearchQuery');
          assert.notEqual(got.terms, '');
          assert.equal(got.terms, got.terms.trim());
        }
      },
    ),
    { numRuns: Number(process.env.FUZZ_RUNS ?? 200) },
  );
});
