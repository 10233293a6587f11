import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { normalisePath } from '../../../src/engine/url/normalise-path.js';

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 200);

test('normalisePath', async (t) => {
  const cases = [
    { name: 'empty', input: '', want: '/' },
    { name: 'unchanged', input: '/a/b', want: '/a/b' },
    { name: 'unreserved_all', input: '/%41%5a%61%7A%30%39%2D%2E%5F%7E', want: '/AZaz09-._~' },
    { name: 'reserved_upper_hex', input: '/%2f%3a%c3%a9', want: '/%2F%3A%C3%A9' },
    { name: 'broken_escape_kept', input: '/%zz%4', want: '/%zz%4' },
    { name: 'no_double_decode', input: '/%2561', want: '/%2561' },
    { name: 'slashes', input: '//a///b//', want: '/a/b/' },
    { name: 'decoded_dots_resolved', input: '/a/b/%2e%2e/c', want: '/a/c' },
    { name: 'trailing_dotdot', input: '/a/b/..', want: '/a/' },
    { name: 'dot_in_name_kept', input: '/a/.well-known/x.y', want: '/a/.well-known/x.y' },
  ];
  for (const c of cases) {
    await t.test(c.name, () => assert.equal(normalisePath(c.input), c.want));
  }
});

test('normalisePath is idempotent and keeps a leading slash (fuzz)', () => {
  const unit = fc.constantFrom(...'/a.%2eE5f~B'.split(''));
  fc.assert(
    fc.property(fc.string({ unit, maxLength: 24 }), (tail) => {
      const once = normalisePath(`/${tail}`);
      assert.ok(once.startsWith('/'));
      assert.ok(!once.includes('//'));
      assert.equal(normalisePath(once), once);
    }),
    { numRuns: FUZZ_RUNS * 5 },
  );
});
