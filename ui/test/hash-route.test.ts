import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashHref } from '../src/router/hash-href.js';
import { parseHash } from '../src/router/hash-route.js';

test('parseHash', async (t) => {
  const cases = [
    { name: 'empty_is_dashboard', input: '', want: { path: '/', query: '' } },
    { name: 'bare_hash', input: '#', want: { path: '/', query: '' } },
    { name: 'path_only', input: '#/alerts', want: { path: '/alerts', query: '' } },
    {
      name: 'path_and_query',
      input: '#/alerts?state=all&minLevel=3',
      want: { path: '/alerts', query: 'state=all&minLevel=3' },
    },
    {
      name: 'missing_slash',
      input: '#audit?kind=alert',
      want: { path: '/audit', query: 'kind=alert' },
    },
  ];
  for (const c of cases) {
    await t.test(c.name, () => {
      const route = parseHash(c.input);
      assert.equal(route.path, c.want.path);
      assert.equal(route.params.toString(), c.want.query);
    });
  }
});

test('hashHref', async (t) => {
  const cases = [
    { name: 'no_params', input: { path: '/audit', params: {} }, want: '#/audit' },
    {
      name: 'drops_empty_and_undefined',
      input: { path: '/alerts', params: { state: 'all', category: '', id: undefined } },
      want: '#/alerts?state=all',
    },
    {
      name: 'encodes_values',
      input: { path: '/audit', params: { target: 'a b&c' } },
      want: '#/audit?target=a+b%26c',
    },
  ];
  for (const c of cases) {
    await t.test(c.name, () => {
      const href = hashHref(c.input.path, c.input.params);
      assert.equal(href, c.want);
      // What the router reads back is what was written.
      const back = parseHash(href);
      assert.equal(back.path, c.input.path);
      for (const [key, value] of Object.entries(c.input.params)) {
        assert.equal(back.params.get(key), value === '' || value === undefined ? null : value);
      }
    });
  }
});
