import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normaliseLeafName } from '../../../../src/gateway/proxy/tls/normalise-leaf-name.js';

test('normaliseLeafName', async (t) => {
  const cases = [
    { name: 'plain', input: 'www.school.test', want: { type: 'dns', value: 'www.school.test' } },
    {
      name: 'case_and_dot',
      input: 'WWW.School.Test.',
      want: { type: 'dns', value: 'www.school.test' },
    },
    { name: 'single_label', input: 'intranet', want: { type: 'dns', value: 'intranet' } },
    {
      name: 'punycode',
      input: 'xn--bcher-kva.example',
      want: { type: 'dns', value: 'xn--bcher-kva.example' },
    },
    { name: 'ipv4', input: '192.0.2.1', want: { type: 'ip', value: '192.0.2.1' } },
    { name: 'ipv6_bare', input: '2001:db8::1', want: { type: 'ip', value: '2001:db8::1' } },
    { name: 'ipv6_brackets', input: '[::1]', want: { type: 'ip', value: '::1' } },
    { name: 'empty', input: '', want: null },
    { name: 'only_dot', input: '.', want: null },
    { name: 'wildcard', input: '*.school.test', want: null },
    { name: 'space', input: ' school.test', want: null },
    { name: 'empty_label', input: 'a..test', want: null },
    { name: 'hyphen_edge', input: 'a-.test', want: null },
    { name: 'label_64', input: `${'a'.repeat(64)}.test`, want: null },
    { name: 'too_long', input: `${'abcdefghi.'.repeat(26)}test`, want: null },
    { name: 'unicode', input: 'bücher.example', want: null },
  ];
  for (const c of cases) {
    await t.test(c.name, () => assert.deepEqual(normaliseLeafName(c.input), c.want));
  }
});
