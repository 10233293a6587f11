import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setQueryParam } from '../../../src/engine/search/set-query-param.js';

const cases: { name: string; query: string; want: string | null }[] = [
  { name: 'append', query: 'q=cats', want: 'q=cats&safe=active' },
  { name: 'empty_query', query: '', want: 'safe=active' },
  { name: 'replace_middle', query: 'q=cats&safe=off&hl=en', want: 'q=cats&safe=active&hl=en' },
  { name: 'replace_first', query: 'safe=images&q=cats', want: 'safe=active&q=cats' },
  { name: 'replace_empty_value', query: 'q=cats&safe=', want: 'q=cats&safe=active' },
  { name: 'replace_no_equals', query: 'q=cats&safe', want: 'q=cats&safe=active' },
  { name: 'replace_encoded_key', query: 'q=cats&%73afe=off', want: 'q=cats&safe=active' },
  {
    name: 'all_duplicates',
    query: 'safe=active&q=x&safe=off',
    want: 'safe=active&q=x&safe=active',
  },
  { name: 'already_set', query: 'q=cats&safe=active', want: null },
  { name: 'already_set_twice', query: 'safe=active&q=cats&safe=active', want: null },
  { name: 'value_case_matters', query: 'q=cats&safe=Active', want: 'q=cats&safe=active' },
  { name: 'similar_key_untouched', query: 'safes=off&q=x', want: 'safes=off&q=x&safe=active' },
  { name: 'keeps_odd_bytes', query: 'q=a%zz+b&x=%E9', want: 'q=a%zz+b&x=%E9&safe=active' },
];

test('setQueryParam', async (t) => {
  for (const c of cases) {
    await t.test(c.name, () => {
      const got = setQueryParam(c.query, 'safe', 'active');
      assert.equal(got, c.want);
      if (got !== null) assert.equal(setQueryParam(got, 'safe', 'active'), null, 'idempotent');
    });
  }
});
