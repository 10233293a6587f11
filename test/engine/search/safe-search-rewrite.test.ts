import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { safeSearchRewrite } from '../../../src/engine/search/safe-search-rewrite.js';
import type { SearchEngineId } from '../../../src/engine/search/search-types.js';
import { testUrl } from './test-url.js';

const STRICT = { youtube: 'strict' } as const;

type Want = { engine: SearchEngineId; url: string | null } | null;

const cases: { name: string; input: string; want: Want }[] = [
  {
    name: 'google_append',
    input: 'https://www.google.com/search?q=cats',
    want: { engine: 'google', url: 'https://www.google.com/search?q=cats&safe=active' },
  },
  {
    name: 'google_replace_off_keeps_order',
    input: 'https://www.google.co.uk/search?hl=en&safe=off&q=cats&tbm=isch',
    want: {
      engine: 'google',
      url: 'https://www.google.co.uk/search?hl=en&safe=active&q=cats&tbm=isch',
    },
  },
  {
    name: 'google_replace_images_value',
    input: 'https://google.de/search?q=x&safe=images',
    want: { engine: 'google', url: 'https://google.de/search?q=x&safe=active' },
  },
  {
    name: 'google_already_active',
    input: 'https://www.google.com/search?q=cats&safe=active',
    want: { engine: 'google', url: null },
  },
  {
    name: 'google_webhp',
    input: 'https://www.google.com/webhp?q=cats',
    want: { engine: 'google', url: 'https://www.google.com/webhp?q=cats&safe=active' },
  },
  {
    name: 'google_keeps_port',
    input: 'https://www.google.com:8443/search?q=cats',
    want: { engine: 'google', url: 'https://www.google.com:8443/search?q=cats&safe=active' },
  },
  { name: 'google_maps', input: 'https://www.google.com/maps?q=london', want: null },
  { name: 'google_autocomplete', input: 'https://www.google.com/complete/search?q=ca', want: null },
  { name: 'google_search_without_q', input: 'https://www.google.com/search', want: null },
  {
    name: 'bing_search',
    input: 'https://www.bing.com/search?q=cats&form=QBLH',
    want: { engine: 'bing', url: 'https://www.bing.com/search?q=cats&form=QBLH&adlt=strict' },
  },
  {
    name: 'bing_images_replace',
    input: 'https://www.bing.com/images/search?adlt=off&q=cats',
    want: { engine: 'bing', url: 'https://www.bing.com/images/search?adlt=strict&q=cats' },
  },
  {
    name: 'duckduckgo',
    input: 'https://duckduckgo.com/?q=cats&kp=-2&ia=web',
    want: { engine: 'duckduckgo', url: 'https://duckduckgo.com/?q=cats&kp=1&ia=web' },
  },
  { name: 'duckduckgo_home', input: 'https://duckduckgo.com/', want: null },
  {
    name: 'duckduckgo_html',
    input: 'https://html.duckduckgo.com/html/?q=cats',
    want: { engine: 'duckduckgo', url: 'https://html.duckduckgo.com/html/?q=cats&kp=1' },
  },
  {
    name: 'yahoo',
    input: 'https://uk.search.yahoo.com/search?p=cats&fr=yfp',
    want: { engine: 'yahoo', url: 'https://uk.search.yahoo.com/search?p=cats&fr=yfp&vm=r' },
  },
  {
    name: 'startpage',
    input: 'https://www.startpage.com/sp/search?query=cats&qadf=none',
    want: { engine: 'startpage', url: 'https://www.startpage.com/sp/search?query=cats&qadf=heavy' },
  },
  {
    name: 'brave',
    input: 'https://search.brave.com/search?q=cats',
    want: { engine: 'brave', url: 'https://search.brave.com/search?q=cats&safesearch=strict' },
  },
  {
    name: 'brave_already',
    input: 'https://search.brave.com/search?safesearch=strict&q=cats',
    want: { engine: 'brave', url: null },
  },
  { name: 'ecosia_dns_only', input: 'https://www.ecosia.org/search?q=cats', want: null },
  { name: 'wikipedia_none', input: 'https://en.wikipedia.org/w/index.php?search=cats', want: null },
  { name: 'not_search_host', input: 'https://school.test/search?q=cats', want: null },
];

test('safeSearchRewrite: URL parameters', async (t) => {
  for (const c of cases) {
    await t.test(c.name, () => {
      const got = safeSearchRewrite(testUrl(c.input), STRICT);
      if (c.want === null) {
        assert.equal(got, null);
        return;
      }
      assert.deepEqual(got, { kind: 'SafeSearchRewrite', ...c.want, headers: [] });
      if (got?.url) {
        // Idempotent: the rewritten URL needs nothing more.
        const again = safeSearchRewrite(testUrl(got.url), STRICT);
        assert.equal(again?.url, null);
        assert.equal(again?.engine, c.want.engine);
      }
    });
  }
});

const youtubeCases: { name: string; host: string; mode: 'strict' | 'moderate'; want: string }[] = [
  { name: 'www_strict', host: 'www.youtube.com', mode: 'strict', want: 'Strict' },
  { name: 'www_moderate', host: 'www.youtube.com', mode: 'moderate', want: 'Moderate' },
  { name: 'm_strict', host: 'm.youtube.com', mode: 'strict', want: 'Strict' },
  {
    name: 'youtubei_moderate',
    host: 'youtubei.googleapis.com',
    mode: 'moderate',
    want: 'Moderate',
  },
  { name: 'api_strict', host: 'youtube.googleapis.com', mode: 'strict', want: 'Strict' },
  { name: 'nocookie_strict', host: 'www.youtube-nocookie.com', mode: 'strict', want: 'Strict' },
];

test('safeSearchRewrite: YouTube restricted-mode header on every request', async (t) => {
  for (const c of youtubeCases) {
    await t.test(c.name, () => {
      for (const path of ['/', '/results?search_query=x', '/watch?v=abc', '/youtubei/v1/search']) {
        const got = safeSearchRewrite(testUrl(`https://${c.host}${path}`), { youtube: c.mode });
        assert.deepEqual(got, {
          kind: 'SafeSearchRewrite',
          engine: 'youtube',
          url: null,
          headers: [['YouTube-Restrict', c.want]],
        });
      }
    });
  }
});

test('safeSearchRewrite: preserves every other parameter byte for byte', () => {
  const key = fc.constantFrom('hl', 'tbm', 'start', 'safe', 'q', 'x%20y', 'oq');
  const value = fc.stringMatching(/^[a-z0-9%+.-]*$/);
  fc.assert(
    fc.property(fc.array(fc.tuple(key, value), { minLength: 1, maxLength: 6 }), (pairs) => {
      const query = `q=cats&${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`;
      const got = safeSearchRewrite(testUrl(`https://www.google.com/search?${query}`), STRICT);
      assert.ok(got !== null);
      const after = got.url === null ? query : got.url.slice(got.url.indexOf('?') + 1);
      const others = (q: string) => q.split('&').filter((p) => !p.startsWith('safe='));
      const before = others(query);
      const kept = others(after);
      assert.deepEqual(kept, before);
      assert.ok(after.split('&').includes('safe=active'));
      assert.ok(after.split('&').every((p) => !p.startsWith('safe=') || p === 'safe=active'));
    }),
    { numRuns: Number(process.env.FUZZ_RUNS ?? 200) },
  );
});

test('safeSearchRewrite: never throws and is idempotent on arbitrary queries', () => {
  const hosts = ['www.google.com', 'www.bing.com', 'duckduckgo.com', 'search.brave.com'];
  const paths = ['/search', '/', '/images/search'];
  fc.assert(
    fc.property(
      fc.constantFrom(...hosts),
      fc.constantFrom(...paths),
      fc.oneof(fc.string(), fc.stringMatching(/^[%&=+a-z0-9]*$/)),
      (host, path, query) => {
        const base = testUrl(`https://${host}${path}`);
        const url = { ...base, query, href: `${base.href}?${query}` };
        const got = safeSearchRewrite(url, STRICT);
        if (got?.url) {
          const q = got.url.slice(got.url.indexOf('?') + 1);
          const again = safeSearchRewrite({ ...url, query: q, href: got.url }, STRICT);
          assert.equal(again?.url, null);
        }
      },
    ),
    { numRuns: Number(process.env.FUZZ_RUNS ?? 200) },
  );
});
