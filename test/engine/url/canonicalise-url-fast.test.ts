import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { canonicaliseUrlFast } from '../../../src/engine/url/canonicalise-url-fast.js';
import { canonicaliseUrlSlow } from '../../../src/engine/url/canonicalise-url-slow.js';

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 200);

const label = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.string({
      unit: fc.constantFrom(...'abcxyz0189-_'.split('')),
      minLength: 1,
      maxLength: 8,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('xn--bcher-kva', 'xn--a', '0x1f', '12', 'a'.repeat(70), 'B', 'é'),
  },
);
const host = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.')),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '192.0.2.10',
      '3221225994',
      'school.test.',
      '.a.b',
      'a..b',
      '[::1]',
      '',
    ),
  },
);
const port = fc.constantFrom(
  '',
  ':',
  ':80',
  ':443',
  ':0080',
  ':8080',
  ':65535',
  ':65536',
  ':123456',
  ':x',
);
const pathChars = 'abAZ09-._~!$&\'()*+,;=:@/%2e|^`{}[]\\"<> é\t'.split('');
const safePathChars = "abAZ09-_~!$&'()*+,;=:@/".split('');
const path = fc
  .oneof(
    { weight: 4, arbitrary: fc.string({ unit: fc.constantFrom(...safePathChars), maxLength: 20 }) },
    { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...pathChars), maxLength: 20 }) },
  )
  .map((p) => `/${p}`);
const queryChars = 'aZ9=&%20+?/:@[]{}|\\^`\'"<> é#'.split('');
const query = fc.option(
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc.string({
        unit: fc.constantFrom(...'aZ9=&%20+?/:@[]{}|\\^`'.split('')),
        maxLength: 16,
      }),
    },
    { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...queryChars), maxLength: 16 }) },
  ),
  { nil: undefined },
);
const fragment = fc.option(fc.string({ maxLength: 8 }), { nil: undefined });

const url = fc
  .tuple(
    fc.constantFrom('http://', 'https://', 'HTTP://', 'http:/'),
    host,
    port,
    fc.option(path, { nil: '' }),
    query,
    fragment,
  )
  .map(
    ([scheme, h, p, pa, q, f]) =>
      `${scheme}${h}${p}${pa}${q === undefined ? '' : `?${q}`}${f === undefined ? '' : `#${f}`}`,
  );

test('fast path gives exactly the slow path result whenever it answers', () => {
  let answered = 0;
  let total = 0;
  fc.assert(
    fc.property(url, (input) => {
      total++;
      const fast = canonicaliseUrlFast(input);
      if (fast === null) return;
      answered++;
      assert.deepEqual(fast, canonicaliseUrlSlow(input), JSON.stringify(input));
    }),
    { numRuns: FUZZ_RUNS * 25 },
  );
  // The property means nothing if the fast path declines everything.
  assert.ok(answered > total / 20, `fast path answered ${answered} of ${total}`);
});

test('fast path answers the common shapes and declines the tricky ones', async (t) => {
  const cases = [
    { name: 'plain', input: 'https://www.bbc.co.uk/news/education-123?x=1', want: true },
    { name: 'no_path', input: 'http://school.test', want: true },
    { name: 'port', input: 'http://school.test:8080/a', want: true },
    { name: 'query_percent', input: 'https://search.school.test/?q=free%20text', want: true },
    { name: 'upper_case_host', input: 'http://School.test/', want: false },
    { name: 'percent_in_path', input: 'http://school.test/p%61th', want: false },
    { name: 'dot_segment', input: 'http://school.test/a/../b', want: false },
    { name: 'numeric_host', input: 'http://3221225994/', want: false },
    { name: 'userinfo', input: 'http://a@school.test/', want: false },
    { name: 'backslash', input: 'http://school.test\\a', want: false },
    { name: 'tab', input: 'http://scho\tol.test/', want: false },
    { name: 'punycode', input: 'http://xn--bcher-kva.example/', want: false },
    { name: 'trailing_dot', input: 'http://school.test./', want: false },
  ];
  for (const c of cases) {
    await t.test(c.name, () => {
      const fast = canonicaliseUrlFast(c.input);
      assert.equal(fast !== null, c.want);
      if (fast !== null) assert.deepEqual(fast, canonicaliseUrlSlow(c.input));
    });
  }
});
