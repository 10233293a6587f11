import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { buildCategoryIndex } from '../../../src/engine/index/build-category-index.js';
import type { CategoryIndex } from '../../../src/engine/index/category-index.js';
import { loadCategoryIndex } from '../../../src/engine/index/load-category-index.js';
import { list } from './index-fixture.js';

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 200);

function indexOf(...lists: ReturnType<typeof list>[]): CategoryIndex {
  return loadCategoryIndex(buildCategoryIndex({ builtAt: 0, lists }));
}

/** The matched keys, most specific first, or null. */
function keys(index: CategoryIndex, host: string, path = '/'): string[] | null {
  return index.lookup(host, path)?.entries.map((e) => e.key) ?? null;
}

describe('lookup: domain entries match on label boundaries', () => {
  const index = indexOf(list('adult', 'ut1/adult', ['blocked.example', 'xn--bcher-kva.example']));
  const cases = [
    { name: 'exact_host', host: 'blocked.example', want: ['blocked.example'] },
    { name: 'www_subdomain', host: 'www.blocked.example', want: ['blocked.example'] },
    { name: 'deep_subdomain', host: 'a.b.blocked.example', want: ['blocked.example'] },
    { name: 'punycode_label', host: 'shop.xn--bcher-kva.example', want: ['xn--bcher-kva.example'] },
    { name: 'prefix_without_dot', host: 'notblocked.example', want: null },
    { name: 'entry_as_prefix_of_host', host: 'blocked.example.evil.test', want: null },
    { name: 'parent_of_entry', host: 'example', want: null },
    { name: 'suffix_of_label', host: 'locked.example', want: null },
    { name: 'empty_host', host: '', want: null },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(keys(index, c.host), c.want));
});

describe('lookup: IP entries match exactly', () => {
  const index = indexOf(
    list('adult', 'ut1/adult', ['192.0.2.10', '2.10', '2001:db8::1', 'db8::1', '10']),
  );
  const cases = [
    { name: 'ipv4_exact', host: '192.0.2.10', want: ['192.0.2.10'] },
    { name: 'ipv4_no_suffix_match', host: '198.51.2.10', want: null },
    { name: 'ipv4_other_address', host: '192.0.2.100', want: null },
    { name: 'ipv6_exact', host: '2001:db8::1', want: ['2001:db8::1'] },
    { name: 'ipv6_no_suffix_match', host: '2001:0:db8::1', want: null },
    { name: 'ipv6_other', host: '2001:db8::2', want: null },
    { name: 'numeric_label_in_domain_is_not_ip', host: 'a1.example', want: null },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(keys(index, c.host), c.want));

  it('reports IP entries with kind ip', () => {
    assert.equal(index.lookup('192.0.2.10', '/')?.entries[0]?.kind, 'ip');
  });
});

describe('lookup: URL entries match on path segment boundaries', () => {
  const index = indexOf(
    list('adult', 'ut1/adult', [
      'host.example/a/b',
      'trail.example/a/',
      'root.example/',
      'www.listed-www.example/x',
      'query.example/page?id=1',
      '192.0.2.7/admin',
    ]),
  );
  const cases = [
    { name: 'exact_path', host: 'host.example', path: '/a/b', want: ['host.example/a/b'] },
    { name: 'trailing_slash', host: 'host.example', path: '/a/b/', want: ['host.example/a/b'] },
    { name: 'deeper_path', host: 'host.example', path: '/a/b/c', want: ['host.example/a/b'] },
    { name: 'query_boundary', host: 'host.example', path: '/a/b?x=1', want: ['host.example/a/b'] },
    { name: 'not_mid_segment', host: 'host.example', path: '/a/bc', want: null },
    { name: 'shorter_path', host: 'host.example', path: '/a', want: null },
    { name: 'root_path', host: 'host.example', path: '/', want: null },
    { name: 'other_host', host: 'other.example', path: '/a/b', want: null },
    { name: 'subdomain_is_not_host', host: 'x.host.example', path: '/a/b', want: null },
    {
      name: 'request_www_entry_without',
      host: 'www.host.example',
      path: '/a/b',
      want: ['host.example/a/b'],
    },
    {
      name: 'entry_trailing_slash_as_segment',
      host: 'trail.example',
      path: '/a',
      want: ['trail.example/a'],
    },
    {
      name: 'entry_trailing_slash_deeper',
      host: 'trail.example',
      path: '/a/z',
      want: ['trail.example/a'],
    },
    { name: 'entry_trailing_slash_not_prefix', host: 'trail.example', path: '/ab', want: null },
    {
      name: 'root_entry_matches_all',
      host: 'root.example',
      path: '/any/thing',
      want: ['root.example/'],
    },
    { name: 'root_entry_matches_root', host: 'root.example', path: '/', want: ['root.example/'] },
    {
      name: 'entry_www_request_without',
      host: 'listed-www.example',
      path: '/x/y',
      want: ['www.listed-www.example/x'],
    },
    {
      name: 'entry_www_request_www',
      host: 'www.listed-www.example',
      path: '/x',
      want: ['www.listed-www.example/x'],
    },
    {
      name: 'entry_with_query_exact',
      host: 'query.example',
      path: '/page?id=1',
      want: ['query.example/page?id=1'],
    },
    { name: 'entry_with_query_other', host: 'query.example', path: '/page?id=12', want: null },
    { name: 'ip_host_url', host: '192.0.2.7', path: '/admin/x', want: ['192.0.2.7/admin'] },
    { name: 'ip_host_url_other_path', host: '192.0.2.7', path: '/administrator', want: null },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(keys(index, c.host, c.path), c.want));
});

describe('lookup: categories, sources and order', () => {
  const index = indexOf(
    list('adult', 'ut1/adult', ['blocked.example', 'site.example/a', 'site.example']),
    list('adult', 'blp/porn', ['blocked.example']),
    list('gambling', 'ut1/gambling', ['blocked.example', 'deep.blocked.example']),
    list('malware', 'ut1/malware', ['site.example/a/b', 'example']),
  );

  it('keeps every category and source of one entry', () => {
    const match = index.lookup('blocked.example', '/');
    const entry = match?.entries.find((e) => e.key === 'blocked.example');
    assert.deepEqual(entry?.categories, ['adult', 'gambling']);
    assert.deepEqual(entry?.sources, ['blp/porn', 'ut1/adult', 'ut1/gambling']);
  });

  it('unions categories of all matches in category-id order', () => {
    assert.deepEqual(index.lookup('a.deep.blocked.example', '/')?.categories, [
      'adult',
      'gambling',
      'malware',
    ]);
  });

  it('orders URL entries (longest first) before domains (longest first)', () => {
    assert.deepEqual(keys(index, 'www.site.example', '/a/b/c'), [
      'site.example/a/b',
      'site.example/a',
      'site.example',
      'example',
    ]);
    assert.deepEqual(keys(index, 'x.deep.blocked.example'), [
      'deep.blocked.example',
      'blocked.example',
      'example',
    ]);
  });

  it('returns the matched kinds', () => {
    const kinds = index.lookup('site.example', '/a')?.entries.map((e) => e.kind);
    assert.deepEqual(kinds, ['url', 'domain', 'domain']);
  });

  it('returns null when nothing matches', () => {
    assert.equal(index.lookup('school.test', '/'), null);
  });
});

describe('lookup: empty index', () => {
  const index = indexOf();
  const cases = ['blocked.example', '192.0.2.10', '::1', 'a'];
  for (const host of cases)
    it(`misses ${host}`, () => assert.equal(index.lookup(host, '/a'), null));
  it('has an empty header', () => {
    assert.equal(index.header.entryCount, 0);
    assert.deepEqual(index.header.categoryCounts, {});
  });
});

describe('lookup: agrees with a naive reference', () => {
  const label = fc.constantFrom('a', 'b', 'bad', 'www', 'example', 'test', 'xn--d1a');
  const domain = fc.array(label, { minLength: 1, maxLength: 4 }).map((ls) => ls.join('.'));

  it('matches exactly the listed suffixes of a host on label boundaries', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(domain, { maxLength: 30 }),
        fc.array(domain, { maxLength: 20 }),
        (listed, hosts) => {
          const index = indexOf(list('adult', 'ref', listed));
          const set = new Set(listed);
          for (const host of [...hosts, ...listed]) {
            const want: string[] = [];
            for (let h = host; ; ) {
              if (set.has(h)) want.push(h);
              const dot = h.indexOf('.');
              if (dot < 0) break;
              h = h.slice(dot + 1);
            }
            assert.deepEqual(keys(index, host), want.length > 0 ? want : null, host);
          }
        },
      ),
      { numRuns: FUZZ_RUNS },
    );
  });
});
