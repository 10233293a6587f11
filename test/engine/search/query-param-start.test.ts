import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { queryParamStart } from '../../../src/engine/search/query-param-start.js';

const cases: { name: string; query: string; param: string; from: number; want: number }[] = [
  { name: 'first', query: 'q=cats&hl=en', param: 'q', from: 0, want: 2 },
  { name: 'later', query: 'hl=en&q=cats', param: 'q', from: 0, want: 8 },
  { name: 'absent', query: 'hl=en&qq=cats', param: 'q', from: 0, want: -1 },
  { name: 'prefix_key_not_match', query: 'qry=a&q=b', param: 'q', from: 0, want: 8 },
  { name: 'longer_name_not_match', query: 'q=a', param: 'qry', from: 0, want: -1 },
  { name: 'no_equals', query: 'safe&q=b', param: 'safe', from: 0, want: 4 },
  { name: 'no_equals_at_end', query: 'q=b&safe', param: 'safe', from: 0, want: 8 },
  { name: 'encoded_key', query: 'hl=en&%71=cats', param: 'q', from: 0, want: 10 },
  { name: 'encoded_key_upper_hex', query: '%73%41fe=off', param: 'sAfe', from: 0, want: 9 },
  { name: 'from_skips_first', query: 'q=a&q=b', param: 'q', from: 4, want: 6 },
  { name: 'value_with_equals', query: 'x=q=1&q=2', param: 'q', from: 0, want: 8 },
  { name: 'empty_query', query: '', param: 'q', from: 0, want: -1 },
  { name: 'empty_segments', query: '&&q=a', param: 'q', from: 0, want: 4 },
  { name: 'malformed_escape_key', query: '%zq=a&q=b', param: 'q', from: 0, want: 8 },
];

test('queryParamStart', async (t) => {
  for (const c of cases) {
    await t.test(c.name, () => {
      assert.equal(queryParamStart(c.query, c.param, c.from), c.want);
    });
  }
});

test('queryParamStart finds the raw value of the first occurrence', () => {
  const key = fc.constantFrom('q', 'p', 'hl', 'qq', 'safe');
  const value = fc.stringMatching(/^[a-z0-9%]*$/);
  fc.assert(
    fc.property(fc.array(fc.tuple(key, value), { maxLength: 6 }), (pairs) => {
      const query = pairs.map(([k, v]) => `${k}=${v}`).join('&');
      const start = queryParamStart(query, 'q', 0);
      const firstIndex = pairs.findIndex(([k]) => k === 'q');
      assert.equal(start >= 0, firstIndex >= 0);
      if (start >= 0) {
        const amp = query.indexOf('&', start);
        assert.equal(query.slice(start, amp < 0 ? undefined : amp), pairs[firstIndex]![1]);
      }
    }),
    { numRuns: Number(process.env.FUZZ_RUNS ?? 200) },
  );
});
