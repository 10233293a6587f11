import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type AddressMapEntry,
  AddressMapError,
  createAddressMap,
} from '../../src/identity/address-map.js';

const ENTRIES: AddressMapEntry[] = [
  { match: '10.0.0.0/8', group: 'default', label: 'School network' },
  { match: '10.20.0.0/16', group: 'default', label: 'Guest Wi-Fi' },
  { match: '10.20.0.5', user: 'head', label: "Head's laptop" },
  { match: '10.30.0.0/24', group: 'teaching-staff', label: 'Staff VLAN' },
  { match: '2001:db8::/32', group: 'default', label: 'IPv6 site' },
  { match: '2001:db8:1::/48', group: 'teaching-staff', label: 'IPv6 staff' },
  { match: '2001:db8:1::9', group: 'admin-staff' },
];

describe('createAddressMap lookup: most specific prefix wins', () => {
  const map = createAddressMap(ENTRIES);
  const cases = [
    { name: 'single_inside_two_blocks', address: '10.20.0.5', want: "Head's laptop" },
    { name: 'guest_range', address: '10.20.9.9', want: 'Guest Wi-Fi' },
    { name: 'wider_range', address: '10.99.0.1', want: 'School network' },
    { name: 'staff_vlan', address: '10.30.0.200', want: 'Staff VLAN' },
    { name: 'mapped_client', address: '::ffff:10.20.0.5', want: "Head's laptop" },
    { name: 'ipv6_site', address: '2001:db8:2::1', want: 'IPv6 site' },
    { name: 'ipv6_staff', address: '2001:db8:1::1', want: 'IPv6 staff' },
    { name: 'ipv6_single_without_label', address: '2001:db8:1::9', want: undefined },
    { name: 'unmapped_v4', address: '192.0.2.1', want: null },
    { name: 'unmapped_v6', address: '2001:db9::1', want: null },
    { name: 'garbage', address: 'not-an-address', want: null },
  ];
  for (const { name, address, want } of cases) {
    it(name, () => {
      const hit = map.lookup(address);
      if (want === null) assert.equal(hit, undefined);
      else {
        assert.ok(hit !== undefined, `no match for ${address}`);
        assert.equal(hit.entry.label, want);
      }
    });
  }

  it('order in the config does not matter', () => {
    const reversed = createAddressMap([...ENTRIES].reverse());
    for (const address of ['10.20.0.5', '10.20.9.9', '10.99.0.1', '2001:db8:1::1']) {
      assert.equal(reversed.lookup(address)?.entry.label, map.lookup(address)?.entry.label);
    }
  });

  it('reports the config index of the match', () => {
    assert.equal(map.lookup('2001:db8:1::9')?.index, 6);
    assert.equal(map.lookup('2001:db8:1::9')?.range.text, '2001:db8:1::9/128');
  });
});

describe('createAddressMap validation names the entry', () => {
  const cases = [
    {
      name: 'bad_range',
      entries: [
        { match: '10.0.0.0/8', group: 'a' },
        { match: '10.0.0.0/33', group: 'a' },
      ],
      want: /addressMap\[1\] \(match: "10\.0\.0\.0\/33"\): .*0 to 32/,
    },
    {
      name: 'host_bits',
      entries: [{ match: '10.20.1.0/16', group: 'a' }],
      want: /addressMap\[0\].*did you mean 10\.20\.0\.0\/16/,
    },
    {
      name: 'neither_group_nor_user',
      entries: [{ match: '10.0.0.1', label: 'x' }],
      want: /addressMap\[0\].*give a group, a user, or both/,
    },
    {
      name: 'duplicate_range_in_other_notation',
      entries: [
        { match: '192.0.2.10', group: 'a' },
        { match: '::ffff:192.0.2.10/128', group: 'b' },
      ],
      want: /addressMap\[1\].*same range as entry 0/,
    },
  ];
  for (const { name, entries, want } of cases) {
    it(name, () => {
      assert.throws(
        () => createAddressMap(entries),
        (error: unknown) => error instanceof AddressMapError && want.test(error.message),
      );
    });
  }
});

describe('createAddressMap speed', () => {
  it('looks up in a 1,000-entry map quickly', (t) => {
    const entries: AddressMapEntry[] = [];
    for (let i = 0; i < 1000; i++) {
      entries.push({ match: `10.${i >> 8}.${i & 255}.0/24`, group: 'default' });
    }
    const map = createAddressMap(entries);
    const n = 20_000;
    const start = performance.now();
    let hits = 0;
    for (let i = 0; i < n; i++) if (map.lookup('192.0.2.1') === undefined) hits++;
    const perLookupUs = ((performance.now() - start) * 1000) / n;
    t.diagnostic(`1,000-entry miss (full scan): ${perLookupUs.toFixed(2)} µs per lookup`);
    assert.equal(hits, n);
    assert.equal(map.lookup('10.3.231.7')?.range.text, '10.3.231.0/24');
    // Generous: a full scan is expected in the low microseconds; this catches a blow-up.
    assert.ok(perLookupUs < 500, `${perLookupUs} µs per lookup`);
  });
});
