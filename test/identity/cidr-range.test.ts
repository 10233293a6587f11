import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CidrRange } from '../../src/identity/cidr-range.js';
import { IpAddress } from '../../src/identity/ip-address.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

describe('CidrRange.parse', () => {
  const cases = [
    { name: 'ipv4_block', input: '10.20.0.0/16', want: '10.20.0.0/16' },
    { name: 'ipv4_single', input: '192.0.2.10', want: '192.0.2.10/32' },
    { name: 'ipv4_everything', input: '0.0.0.0/0', want: '0.0.0.0/0' },
    { name: 'ipv4_odd_prefix', input: '10.20.128.0/17', want: '10.20.128.0/17' },
    { name: 'ipv4_spaces_trimmed', input: ' 10.0.0.0/8 ', want: '10.0.0.0/8' },
    { name: 'ipv6_block', input: '2001:db8::/32', want: '2001:db8::/32' },
    { name: 'ipv6_upper_case', input: '2001:DB8:0::/48', want: '2001:db8::/48' },
    { name: 'ipv6_single', input: '2001:db8::1', want: '2001:db8::1/128' },
    { name: 'ipv6_everything', input: '::/0', want: '::/0' },
    { name: 'mapped_single', input: '::ffff:192.0.2.10', want: '192.0.2.10/32' },
    { name: 'mapped_block', input: '::ffff:10.20.0.0/112', want: '10.20.0.0/16' },
    { name: 'mapped_whole_block', input: '::ffff:0:0/96', want: '0.0.0.0/0' },
    { name: 'host_bits_v4', input: '10.20.1.0/16', error: /did you mean 10\.20\.0\.0\/16/ },
    { name: 'host_bits_v6', input: '2001:db8::1/32', error: /did you mean 2001:db8::\/32/ },
    { name: 'prefix_too_long_v4', input: '10.0.0.0/33', error: /0 to 32/ },
    { name: 'prefix_too_long_v6', input: '2001:db8::/129', error: /0 to 128/ },
    { name: 'prefix_leading_zero', input: '10.0.0.0/08', error: /prefix length/ },
    { name: 'prefix_negative', input: '10.0.0.0/-1', error: /prefix length/ },
    { name: 'prefix_empty', input: '10.0.0.0/', error: /prefix length/ },
    { name: 'mapped_too_wide', input: '::ffff:0:0/95', error: /outside ::ffff:0:0\/96/ },
    { name: 'not_an_address', input: 'school.test/24', error: /not an IPv4 or IPv6/ },
    { name: 'ipv4_leading_zero', input: '010.0.0.0/8', error: /not an IPv4 or IPv6/ },
    { name: 'zone_id', input: 'fe80::%eth0/64', error: /zone id/ },
    { name: 'empty', input: '', error: /not an IPv4 or IPv6/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = CidrRange.parse(c.input);
      if ('want' in c) {
        assert.equal(got.kind, 'CidrRange', 'message' in got ? got.message : '');
        assert.equal(got.kind === 'CidrRange' && got.text, c.want);
      } else {
        assert.equal(got.kind, 'CidrError');
        assert.match(got.kind === 'CidrError' ? got.message : '', c.error);
      }
    });
  }
});

describe('CidrRange.contains', () => {
  const cases = [
    { name: 'inside_v4', range: '10.20.0.0/16', address: '10.20.255.1', want: true },
    { name: 'outside_v4', range: '10.20.0.0/16', address: '10.21.0.1', want: false },
    { name: 'odd_prefix_inside', range: '10.20.128.0/17', address: '10.20.200.1', want: true },
    { name: 'odd_prefix_outside', range: '10.20.128.0/17', address: '10.20.127.255', want: false },
    { name: 'single_v4', range: '192.0.2.10', address: '192.0.2.10', want: true },
    { name: 'single_v4_other', range: '192.0.2.10', address: '192.0.2.11', want: false },
    {
      name: 'mapped_client_in_v4_range',
      range: '10.0.0.0/8',
      address: '::ffff:10.1.2.3',
      want: true,
    },
    { name: 'v4_range_vs_v6_client', range: '10.0.0.0/8', address: '2001:db8::1', want: false },
    { name: 'inside_v6', range: '2001:db8::/32', address: '2001:db8:ffff::1', want: true },
    { name: 'outside_v6', range: '2001:db8::/32', address: '2001:db9::1', want: false },
    {
      name: 'v6_odd_prefix',
      range: '2001:db8:8000::/33',
      address: '2001:db8:7fff::1',
      want: false,
    },
    { name: 'v6_everything_not_v4', range: '::/0', address: '10.0.0.1', want: false },
    { name: 'v6_everything_not_mapped', range: '::/0', address: '::ffff:10.0.0.1', want: false },
    { name: 'v4_everything', range: '0.0.0.0/0', address: '203.0.113.9', want: true },
  ];
  for (const { name, range, address, want } of cases) {
    it(name, () => {
      const r = CidrRange.parse(range);
      assert.equal(r.kind, 'CidrRange');
      const a = IpAddress.parse(address);
      assert.ok(a !== null);
      assert.equal(r.kind === 'CidrRange' && CidrRange.contains(r, a), want);
    });
  }

  it('an address is in every block made from its own prefix, and not in the flipped one', () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), fc.nat(128), (text, n) => {
        const address = IpAddress.parse(text)!;
        const bits = address.bytes.length * 8;
        const prefix = n % (bits + 1);
        const network = address.bytes.slice();
        for (let bit = prefix; bit < bits; bit++) network[bit >> 3]! &= ~(1 << (7 - (bit & 7)));
        const range = CidrRange.parse(
          `${IpAddress.format({ ...address, bytes: network })}/${prefix}`,
        );
        assert.equal(range.kind, 'CidrRange');
        if (range.kind !== 'CidrRange') return;
        assert.ok(CidrRange.contains(range, address));
        if (prefix > 0) {
          const other = address.bytes.slice();
          const bit = prefix - 1;
          other[bit >> 3]! ^= 1 << (7 - (bit & 7));
          assert.ok(!CidrRange.contains(range, { ...address, bytes: other }));
        }
      }),
      { numRuns: RUNS },
    );
  });
});
