import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { safeSearchAddress } from '../../../src/engine/search/safe-search-address.js';
import { safeSearchCname } from '../../../src/engine/search/safe-search-cname.js';

const DATA = new URL('../shared/data/safesearch/', pathToFileURL(`${process.cwd()}/`));

const cases: { name: string; host: string; mode: 'strict' | 'moderate'; want: string | null }[] = [
  {
    name: 'google_www_com',
    host: 'www.google.com',
    mode: 'strict',
    want: 'forcesafesearch.google.com',
  },
  {
    name: 'google_bare_com',
    host: 'google.com',
    mode: 'strict',
    want: 'forcesafesearch.google.com',
  },
  {
    name: 'google_co_uk',
    host: 'www.google.co.uk',
    mode: 'moderate',
    want: 'forcesafesearch.google.com',
  },
  { name: 'google_bare_ie', host: 'google.ie', mode: 'strict', want: 'forcesafesearch.google.com' },
  { name: 'google_not_listed', host: 'www.google.xyz', mode: 'strict', want: null },
  { name: 'google_mail', host: 'mail.google.com', mode: 'strict', want: null },
  { name: 'youtube_strict', host: 'www.youtube.com', mode: 'strict', want: 'restrict.youtube.com' },
  {
    name: 'youtube_moderate',
    host: 'www.youtube.com',
    mode: 'moderate',
    want: 'restrictmoderate.youtube.com',
  },
  { name: 'youtube_m_strict', host: 'm.youtube.com', mode: 'strict', want: 'restrict.youtube.com' },
  {
    name: 'youtubei_moderate',
    host: 'youtubei.googleapis.com',
    mode: 'moderate',
    want: 'restrictmoderate.youtube.com',
  },
  {
    name: 'youtube_api_strict',
    host: 'youtube.googleapis.com',
    mode: 'strict',
    want: 'restrict.youtube.com',
  },
  {
    name: 'youtube_nocookie_moderate',
    host: 'www.youtube-nocookie.com',
    mode: 'moderate',
    want: 'restrictmoderate.youtube.com',
  },
  { name: 'bing', host: 'www.bing.com', mode: 'moderate', want: 'strict.bing.com' },
  { name: 'bing_edge', host: 'edgeservices.bing.com', mode: 'strict', want: 'strict.bing.com' },
  { name: 'ddg_bare', host: 'duckduckgo.com', mode: 'strict', want: 'safe.duckduckgo.com' },
  { name: 'ddg_start', host: 'start.duckduckgo.com', mode: 'strict', want: 'safe.duckduckgo.com' },
  { name: 'ecosia', host: 'www.ecosia.org', mode: 'strict', want: 'strict-safe-search.ecosia.org' },
  { name: 'pixabay', host: 'pixabay.com', mode: 'strict', want: 'safesearch.pixabay.com' },
  { name: 'yandex_is_not_cname', host: 'yandex.ru', mode: 'strict', want: null },
  { name: 'unknown', host: 'school.test', mode: 'strict', want: null },
  { name: 'target_itself', host: 'forcesafesearch.google.com', mode: 'strict', want: null },
];

test('safeSearchCname', async (t) => {
  for (const c of cases) {
    await t.test(c.name, () => {
      assert.equal(safeSearchCname(c.host, { youtube: c.mode }), c.want);
    });
  }
});

const addressCases: { name: string; host: string; want: string | null }[] = [
  { name: 'yandex_ru', host: 'yandex.ru', want: '213.180.193.56' },
  { name: 'yandex_www_com', host: 'www.yandex.com', want: '213.180.193.56' },
  { name: 'ya_ru', host: 'ya.ru', want: '213.180.193.56' },
  { name: 'google_is_cname', host: 'www.google.com', want: null },
  { name: 'unknown', host: 'blocked.example', want: null },
];

test('safeSearchAddress', async (t) => {
  for (const c of addressCases) {
    await t.test(c.name, () => {
      assert.equal(safeSearchAddress(c.host), c.want);
    });
  }
});

test('safeSearchCname/Address: every row of the shared DNS table', (t) => {
  const tsv = new URL('safesearch-dns-rewrites.tsv', DATA);
  const domains = new URL('google-search-domains.txt', DATA);
  if (!existsSync(tsv) || !existsSync(domains)) {
    t.skip('../shared/data absent: DNS rewrite table not checked');
    return;
  }
  const rows = readFileSync(tsv, 'utf8').trim().split('\n').slice(1);
  assert.ok(rows.length >= 263);
  for (const row of rows) {
    const [engine, host, record, target, mode] = row.split('\t') as [
      string,
      string,
      string,
      string,
      string,
    ];
    if (record === 'A') {
      assert.equal(safeSearchAddress(host), target, host);
      assert.equal(safeSearchCname(host, { youtube: 'strict' }), null, host);
    } else if (engine === 'youtube') {
      assert.equal(safeSearchCname(host, { youtube: mode as 'strict' | 'moderate' }), target, host);
    } else {
      for (const youtube of ['strict', 'moderate'] as const) {
        assert.equal(safeSearchCname(host, { youtube }), target, `${host} ${youtube}`);
      }
    }
  }
  const google = readFileSync(domains, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  assert.equal(google.length, 194);
  for (const domain of google) {
    for (const host of [domain, `www.${domain}`]) {
      assert.equal(
        safeSearchCname(host, { youtube: 'strict' }),
        'forcesafesearch.google.com',
        host,
      );
    }
  }
});
