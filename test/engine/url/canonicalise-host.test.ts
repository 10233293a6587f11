import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { canonicaliseHost } from '../../../src/engine/url/canonicalise-host.js';
import { canonicaliseUrl } from '../../../src/engine/url/canonicalise-url.js';

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 200);

test('canonicaliseHost: accepted forms', async (t) => {
  const cases = [
    {
      name: 'plain',
      input: 'blocked.example',
      want: { host: 'blocked.example', hostKind: 'domain' },
    },
    {
      name: 'plain_with_port',
      input: 'blocked.example:443',
      want: { host: 'blocked.example', hostKind: 'domain' },
    },
    {
      name: 'upper_case',
      input: 'BLOCKED.Example',
      want: { host: 'blocked.example', hostKind: 'domain' },
    },
    {
      name: 'trailing_dots',
      input: 'blocked.example..',
      want: { host: 'blocked.example', hostKind: 'domain' },
    },
    {
      name: 'idn_unicode',
      input: 'bücher.example',
      want: { host: 'xn--bcher-kva.example', hostKind: 'domain' },
    },
    {
      name: 'idn_punycode',
      input: 'xn--bcher-kva.example',
      want: { host: 'xn--bcher-kva.example', hostKind: 'domain' },
    },
    {
      name: 'idn_upper_with_port',
      input: 'BÜCHER.example.:443',
      want: { host: 'xn--bcher-kva.example', hostKind: 'domain' },
    },
    { name: 'ipv4', input: '192.0.2.10', want: { host: '192.0.2.10', hostKind: 'ipv4' } },
    { name: 'ipv4_hex', input: '0xC000020A', want: { host: '192.0.2.10', hostKind: 'ipv4' } },
    { name: 'ipv4_short', input: '192.522:80', want: { host: '192.0.2.10', hostKind: 'ipv4' } },
    {
      name: 'ipv6_bracketed_port',
      input: '[2001:DB8::1]:443',
      want: { host: '2001:db8::1', hostKind: 'ipv6' },
    },
    {
      name: 'ipv6_unbracketed',
      input: '2001:db8:0:0:0:0:0:1',
      want: { host: '2001:db8::1', hostKind: 'ipv6' },
    },
    {
      name: 'ipv4_mapped',
      input: '[::ffff:192.0.2.10]',
      want: { host: '192.0.2.10', hostKind: 'ipv4' },
    },
    {
      name: 'ipv4_mapped_unbracketed',
      input: '::ffff:c000:20a',
      want: { host: '192.0.2.10', hostKind: 'ipv4' },
    },
    {
      name: 'underscore',
      input: '_dmarc.school.test',
      want: { host: '_dmarc.school.test', hostKind: 'domain' },
    },
  ];
  for (const c of cases) {
    await t.test(c.name, () => assert.deepEqual(canonicaliseHost(c.input), c.want));
  }
});

test('canonicaliseHost: refused forms', async (t) => {
  const cases = [
    { name: 'empty', input: '' },
    { name: 'with_path', input: 'blocked.example/path' },
    { name: 'with_userinfo', input: 'user@blocked.example' },
    { name: 'inner_space', input: 'blocked example' },
    { name: 'empty_label', input: 'a..example' },
    { name: 'leading_dot', input: '.example' },
    { name: 'only_dot', input: '.' },
    { name: 'bad_port', input: 'blocked.example:99999' },
    { name: 'bad_ipv4', input: '192.0.2.256' },
    { name: 'bad_punycode', input: 'xn--a.example' },
    { name: 'control_char', input: 'blo\u0001cked.example' },
  ];
  for (const c of cases) {
    await t.test(c.name, () => assert.equal(canonicaliseHost(c.input), null));
  }
});

test('canonicaliseHost agrees with canonicaliseUrl on the host (fuzz)', () => {
  const chars = 'abcXYZ019.-_é。:'.split('');
  fc.assert(
    fc.property(
      fc.string({ unit: fc.constantFrom(...chars), minLength: 1, maxLength: 20 }),
      (text) => {
        const host = canonicaliseHost(text);
        // Unbracketed IPv6 is a host-only notation; a URL needs the brackets.
        const inUrl = text.split(':').length > 2 ? `[${text}]` : text;
        const url = canonicaliseUrl(`http://${inUrl}/`);
        if (host === null) return;
        assert.equal(url.kind, 'CanonicalUrl', JSON.stringify(text));
        if (url.kind === 'CanonicalUrl') {
          assert.equal(url.host, host.host);
          assert.equal(url.hostKind, host.hostKind);
        }
      },
    ),
    { numRuns: FUZZ_RUNS * 5 },
  );
});
