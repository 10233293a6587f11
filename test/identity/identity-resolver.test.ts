import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createAddressMap } from '../../src/identity/address-map.js';
import type { Identity } from '../../src/identity/identity.js';
import { createIdentityResolver } from '../../src/identity/identity-resolver.js';
import { createPortalSessions } from '../../src/identity/portal-sessions.js';
import { createProxyAuthenticator } from '../../src/identity/proxy-auth.js';
import { loadUsersFile } from '../../src/identity/users-file.js';

const users = loadUsersFile(join(import.meta.dirname, '..', 'fixtures', 'identity', 'users.json'));
const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
const GOOD = basic('jdoe', 'staff-pass-1');
const WRONG = basic('jdoe', 'not-it');
const HOUR = 60 * 60_000;

let time = 1_700_000_000_000;
const now = () => time;
const authenticator = createProxyAuthenticator({ users, now });
const portal = createPortalSessions({ now, ttlMs: HOUR });
const ZOE = { username: 'zoë.pupil', displayName: 'Zoë Pupil', groups: ['default'] };
portal.signIn('10.20.0.9', ZOE);
portal.signIn('192.0.2.77', ZOE);
const addressMap = createAddressMap([
  { match: '10.20.0.0/16', group: 'default', label: 'Guest Wi-Fi' },
  { match: '10.30.0.5', user: 'JDOE', label: "J Doe's laptop" },
  { match: '10.30.0.6', user: 'gone', group: 'admin-staff', label: 'Office PC' },
  { match: '10.30.0.7', user: 'nobody' },
  { match: '2001:db8:5::/48', group: 'teaching-staff' },
]);

const person = (via: string, username = 'jdoe') =>
  username === 'jdoe'
    ? { kind: 'person', username, displayName: 'J Doe', groups: ['teaching-staff'], via }
    : { kind: 'person', ...ZOE, via };
const device = (label: string, group: string) => ({
  kind: 'device',
  label,
  groups: [group],
  via: 'address-map',
});
const ANON = { kind: 'anonymous', groups: ['default'] };
const DENY_UNIDENTIFIED = { kind: 'denied', challenge: true, reason: 'unidentified' };
const denyInvalid = (authReason: string) => ({
  kind: 'denied',
  challenge: true,
  reason: 'invalid-credentials',
  authReason,
});

describe('createIdentityResolver precedence', () => {
  const cases: {
    name: string;
    address: string;
    header?: string;
    deny?: boolean;
    want: object;
  }[] = [
    { name: 'auth_beats_portal', address: '10.20.0.9', header: GOOD, want: person('proxy-auth') },
    { name: 'auth_beats_map', address: '10.20.1.1', header: GOOD, want: person('proxy-auth') },
    {
      name: 'auth_when_unidentified_denied',
      address: '203.0.113.1',
      header: GOOD,
      deny: true,
      want: person('proxy-auth'),
    },
    {
      name: 'wrong_password_no_fallthrough_to_portal',
      address: '10.20.0.9',
      header: WRONG,
      want: denyInvalid('bad-credentials'),
    },
    {
      name: 'wrong_password_no_fallthrough_to_map_user',
      address: '10.30.0.5',
      header: WRONG,
      want: denyInvalid('bad-credentials'),
    },
    {
      name: 'wrong_password_no_fallthrough_to_anonymous',
      address: '203.0.113.1',
      header: WRONG,
      want: denyInvalid('bad-credentials'),
    },
    {
      name: 'garbage_header_denied',
      address: '10.20.1.1',
      header: 'Basic %%%',
      want: denyInvalid('malformed'),
    },
    {
      name: 'other_scheme_denied',
      address: '10.20.1.1',
      header: 'Negotiate abc',
      want: denyInvalid('unsupported-scheme'),
    },
    {
      name: 'disabled_user_denied',
      address: '10.20.1.1',
      header: basic('gone', 'gone-pass-1'),
      want: denyInvalid('disabled'),
    },
    { name: 'portal_beats_map', address: '10.20.0.9', want: person('portal', 'zoë.pupil') },
    {
      name: 'portal_mapped_client_form',
      address: '::ffff:10.20.0.9',
      want: person('portal', 'zoë.pupil'),
    },
    {
      name: 'portal_beats_unidentified',
      address: '192.0.2.77',
      deny: true,
      want: person('portal', 'zoë.pupil'),
    },
    { name: 'map_range_device', address: '10.20.1.1', want: device('Guest Wi-Fi', 'default') },
    {
      name: 'map_device_when_deny',
      address: '10.20.1.1',
      deny: true,
      want: device('Guest Wi-Fi', 'default'),
    },
    { name: 'map_user_is_person', address: '10.30.0.5', want: person('address-map') },
    {
      name: 'map_disabled_user_falls_back_to_group',
      address: '10.30.0.6',
      want: device('Office PC', 'admin-staff'),
    },
    { name: 'map_unknown_user_without_group_unidentified', address: '10.30.0.7', want: ANON },
    {
      name: 'map_label_defaults_to_range',
      address: '2001:db8:5::1',
      want: device('2001:db8:5::/48', 'teaching-staff'),
    },
    { name: 'unknown_address_anonymous', address: '203.0.113.1', want: ANON },
    { name: 'unknown_address_denied', address: '203.0.113.1', deny: true, want: DENY_UNIDENTIFIED },
    { name: 'garbage_address_anonymous', address: 'not-an-address', want: ANON },
    { name: 'garbage_address_denied', address: '', deny: true, want: DENY_UNIDENTIFIED },
  ];
  for (const { name, address, header, deny, want } of cases) {
    it(name, async () => {
      const resolver = createIdentityResolver({
        authenticator,
        portal,
        addressMap,
        users,
        unidentified: deny ? 'deny' : { group: 'default' },
      });
      const got = await resolver.resolve({ clientAddress: address, proxyAuthorization: header });
      assert.deepEqual(got, want);
    });
  }

  it('after the portal session expires, the address map applies', async () => {
    const resolver = createIdentityResolver({
      authenticator,
      portal,
      addressMap,
      unidentified: 'deny',
    });
    const before = await resolver.resolve({
      clientAddress: '10.20.0.9',
      proxyAuthorization: undefined,
    });
    time += HOUR;
    const after = await resolver.resolve({
      clientAddress: '10.20.0.9',
      proxyAuthorization: undefined,
    });
    time -= HOUR;
    assert.equal(before.kind === 'person' && before.via, 'portal');
    assert.deepEqual(after, device('Guest Wi-Fi', 'default'));
  });

  it('without portal, map or users, only credentials and the default apply', async () => {
    const resolver = createIdentityResolver({ authenticator, unidentified: { group: 'default' } });
    const cases: { address: string; header?: string; want: Identity['kind'] }[] = [
      { address: '10.20.0.9', want: 'anonymous' },
      { address: '10.30.0.5', want: 'anonymous' },
      { address: '10.30.0.5', header: GOOD, want: 'person' },
    ];
    for (const c of cases) {
      const got = await resolver.resolve({
        clientAddress: c.address,
        proxyAuthorization: c.header,
      });
      assert.equal(got.kind, c.want, c.address);
    }
  });

  it('never exposes a password hash', async () => {
    const resolver = createIdentityResolver({
      authenticator,
      portal,
      addressMap,
      users,
      unidentified: 'deny',
    });
    for (const [address, header] of [
      ['10.20.1.1', GOOD],
      ['10.30.0.5', undefined],
    ] as const) {
      const got = await resolver.resolve({ clientAddress: address, proxyAuthorization: header });
      assert.ok(!JSON.stringify(got).includes('$argon2id$'));
    }
  });
});
