import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicaliseUrl } from '../../../src/engine/url/canonicalise-url.js';
import { embeddedIpv4 } from '../../../src/engine/url/embedded-ipv4.js';

test('embeddedIpv4', async (t) => {
  const cases = [
    { name: 'compatible_canonical', input: '::c000:20a', want: '192.0.2.10' },
    { name: 'compatible_bracketed', input: '[::c000:20a]', want: '192.0.2.10' },
    { name: 'compatible_dotted', input: '::192.0.2.10', want: '192.0.2.10' },
    { name: 'nat64', input: '64:ff9b::c000:20a', want: '192.0.2.10' },
    { name: 'nat64_dotted', input: '64:ff9b::192.0.2.10', want: '192.0.2.10' },
    { name: 'mapped', input: '::ffff:c000:20a', want: '192.0.2.10' },
    { name: 'loopback', input: '::1', want: null },
    { name: 'unspecified', input: '::', want: null },
    { name: 'documentation', input: '2001:db8::1', want: null },
    { name: 'domain', input: 'blocked.example', want: null },
    { name: 'ipv4', input: '192.0.2.10', want: null },
    { name: 'too_many_groups', input: '1:2:3:4:5:6:7:8:9', want: null },
  ];
  for (const c of cases) {
    await t.test(c.name, () => assert.equal(embeddedIpv4(c.input), c.want));
  }
});

test('embeddedIpv4 on the hosts canonicaliseUrl keeps as IPv6 (EV054, EV056)', async (t) => {
  for (const input of ['http://[::192.0.2.10]/', 'http://[64:ff9b::192.0.2.10]/']) {
    await t.test(input, () => {
      const url = canonicaliseUrl(input);
      assert.equal(url.kind, 'CanonicalUrl');
      if (url.kind !== 'CanonicalUrl') return;
      assert.equal(url.hostKind, 'ipv6');
      assert.equal(embeddedIpv4(url.host), '192.0.2.10');
    });
  }
});
