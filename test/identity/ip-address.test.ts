import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { IpAddress } from '../../src/identity/ip-address.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

describe('IpAddress.normalise', () => {
  const cases = [
    { name: 'ipv4', input: '192.0.2.10', want: '192.0.2.10' },
    { name: 'ipv4_zero', input: '0.0.0.0', want: '0.0.0.0' },
    { name: 'ipv4_max', input: '255.255.255.255', want: '255.255.255.255' },
    { name: 'mapped_dotted', input: '::ffff:192.0.2.10', want: '192.0.2.10' },
    { name: 'mapped_upper_hex', input: '::FFFF:c000:020a', want: '192.0.2.10' },
    { name: 'mapped_long_form', input: '0:0:0:0:0:ffff:10.20.0.1', want: '10.20.0.1' },
    { name: 'ipv6_compress', input: '2001:DB8:0:0:0:0:0:1', want: '2001:db8::1' },
    {
      name: 'ipv6_leading_zeros',
      input: '2001:0db8:0000:0001:0000:0000:0000:0001',
      want: '2001:db8:0:1::1',
    },
    { name: 'ipv6_longest_run', input: '2001:0:0:1:0:0:0:1', want: '2001:0:0:1::1' },
    { name: 'ipv6_first_run_on_tie', input: '2001:db8:0:0:1:0:0:1', want: '2001:db8::1:0:0:1' },
    {
      name: 'ipv6_single_zero_not_compressed',
      input: '2001:db8:0:1:1:1:1:1',
      want: '2001:db8:0:1:1:1:1:1',
    },
    { name: 'ipv6_all_zero', input: '::', want: '::' },
    { name: 'ipv6_loopback', input: '::1', want: '::1' },
    { name: 'ipv6_trailing_run', input: 'fe80::', want: 'fe80::' },
    { name: 'ipv6_zone_dropped', input: 'fe80::1%eth0', want: 'fe80::1' },
    { name: 'ipv4_compatible_stays_v6', input: '::192.0.2.10', want: '::c000:20a' },
    { name: 'nat64_stays_v6', input: '64:ff9b::192.0.2.10', want: '64:ff9b::c000:20a' },
    { name: 'ipv4_leading_zero', input: '010.0.0.1', want: null },
    { name: 'ipv4_octet_too_big', input: '192.0.2.256', want: null },
    { name: 'ipv4_short', input: '10.1', want: null },
    { name: 'ipv4_hex', input: '0x7f.0.0.1', want: null },
    { name: 'ipv6_two_double_colons', input: '1::2::3', want: null },
    { name: 'ipv6_too_many_groups', input: '1:2:3:4:5:6:7:8:9', want: null },
    { name: 'ipv6_too_few_groups', input: '1:2:3:4:5:6:7', want: null },
    { name: 'ipv6_double_colon_filling_nothing', input: '1:2:3:4::5:6:7:8', want: null },
    { name: 'ipv6_group_too_long', input: '12345::1', want: null },
    { name: 'ipv6_triple_colon', input: '1:::2', want: null },
    { name: 'ipv6_dotted_not_last', input: '1.2.3.4::', want: null },
    { name: 'ipv6_bad_dotted_tail', input: '::ffff:1.2.3.999', want: null },
    { name: 'brackets_refused', input: '[::1]', want: null },
    { name: 'hostname', input: 'school.test', want: null },
    { name: 'empty', input: '', want: null },
    { name: 'space', input: ' 10.0.0.1', want: null },
    { name: 'overlong', input: `${'1:'.repeat(100)}1`, want: null },
  ];
  for (const { name, input, want } of cases) {
    it(name, () => assert.equal(IpAddress.normalise(input), want));
  }
});

describe('IpAddress properties', () => {
  it('format(parse(x)) is a fixed point for every IPv6 address', () => {
    fc.assert(
      fc.property(fc.ipV6(), (text) => {
        const once = IpAddress.normalise(text);
        assert.notEqual(once, null, text);
        assert.equal(IpAddress.normalise(once!), once);
      }),
      { numRuns: RUNS },
    );
  });

  it('agrees with the WHATWG URL parser on IPv6', () => {
    fc.assert(
      fc.property(fc.ipV6(), (text) => {
        const parsed = IpAddress.parse(text)!;
        // WHATWG keeps mapped addresses as IPv6; compare those through their IPv4 form.
        const whatwg = new URL(`http://[${text}]/`).hostname.slice(1, -1);
        const viaUrl = IpAddress.parse(whatwg)!;
        assert.deepEqual([...parsed.bytes], [...viaUrl.bytes]);
        if (parsed.family === 6) assert.equal(IpAddress.format(parsed), whatwg);
      }),
      { numRuns: RUNS },
    );
  });

  it('round-trips every IPv4 address and its mapped form', () => {
    fc.assert(
      fc.property(fc.ipV4(), (text) => {
        assert.equal(IpAddress.normalise(text), text);
        assert.equal(IpAddress.normalise(`::ffff:${text}`), text);
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        const result = IpAddress.normalise(text);
        assert.ok(result === null || typeof result === 'string');
      }),
      { numRuns: RUNS },
    );
  });
});
