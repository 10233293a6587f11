import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { canonicalJson } from '../../../src/casework/audit/canonical-json.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

const cases = [
  { name: 'empty', input: {}, want: '{}' },
  { name: 'sorted_keys', input: { b: 1, a: 2 }, want: '{"a":2,"b":1}' },
  {
    name: 'nested_sorted_arrays_kept',
    input: { z: [3, { y: null, x: 'x' }, 1], a: { d: true, c: false } },
    want: '{"a":{"c":false,"d":true},"z":[3,{"x":"x","y":null},1]}',
  },
  { name: 'code_unit_order', input: { a: 1, B: 2, é: 3, _: 4 }, want: '{"B":2,"_":4,"a":1,"é":3}' },
  {
    name: 'proto_key_kept',
    input: JSON.parse('{"__proto__":{"b":1,"a":0}}'),
    want: '{"__proto__":{"a":0,"b":1}}',
  },
  { name: 'escapes', input: { s: 'a"b\\c\n' }, want: '{"s":"a\\"b\\\\c\\n"}' },
];

describe('canonicalJson', () => {
  for (const c of cases) {
    it(c.name, () => assert.equal(canonicalJson(c.input), c.want));
  }

  it('is the same text whatever order the keys were added in, and parses back equal', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        const reversed = Object.fromEntries(Object.entries(value).reverse());
        const text = canonicalJson(value);
        assert.equal(canonicalJson(reversed), text);
        assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: RUNS },
    );
  });
});
