import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PublicUser } from '../../src/identity/local-user.js';
import { createPortalSessions } from '../../src/identity/portal-sessions.js';

const JDOE: PublicUser = { username: 'jdoe', displayName: 'J Doe', groups: ['teaching-staff'] };
const ZOE: PublicUser = { username: 'zoë', displayName: 'Zoë', groups: ['default'] };
const HOUR = 60 * 60_000;

function clockedPortal(ttlMs = HOUR) {
  let time = 1_700_000_000_000;
  const portal = createPortalSessions({ now: () => time, ttlMs });
  return { portal, advance: (ms: number) => (time += ms), now: () => time };
}

describe('createPortalSessions: address forms', () => {
  const cases = [
    { name: 'same_ipv4', signIn: '10.20.3.4', lookup: '10.20.3.4', want: 'jdoe' },
    { name: 'mapped_then_plain', signIn: '::ffff:10.20.3.4', lookup: '10.20.3.4', want: 'jdoe' },
    { name: 'plain_then_mapped', signIn: '10.20.3.4', lookup: '::FFFF:a14:304', want: 'jdoe' },
    { name: 'ipv6_notations', signIn: '2001:DB8:0:0::7', lookup: '2001:db8::7', want: 'jdoe' },
    { name: 'other_address', signIn: '10.20.3.4', lookup: '10.20.3.5', want: null },
    { name: 'v4_is_not_compatible_v6', signIn: '10.20.3.4', lookup: '::10.20.3.4', want: null },
    { name: 'garbage_lookup', signIn: '10.20.3.4', lookup: 'school.test', want: null },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { portal } = clockedPortal();
      const session = portal.signIn(c.signIn, JDOE);
      assert.equal(portal.lookup(c.lookup)?.user.username ?? null, c.want);
      assert.ok(!session.address.startsWith('::ffff:'), 'stored under the canonical key');
    });
  }

  it('refuses to sign in something that is not an address', () => {
    const { portal } = clockedPortal();
    assert.throws(() => portal.signIn('school.test', JDOE), /not an IP address/);
    assert.equal(portal.size, 0);
  });
});

describe('createPortalSessions: lifetime', () => {
  it('expires at exactly ttl after sign-in, on the injected clock', () => {
    const { portal, advance } = clockedPortal();
    const session = portal.signIn('10.0.0.1', JDOE);
    assert.equal(session.expiresAt - session.signedInAt, HOUR);
    advance(HOUR - 1);
    assert.equal(portal.lookup('10.0.0.1')?.user.username, 'jdoe');
    advance(1);
    assert.equal(portal.lookup('10.0.0.1'), undefined);
    assert.equal(portal.size, 0, 'an expired session found by lookup is dropped');
  });

  it('is not extended by use', () => {
    const { portal, advance } = clockedPortal();
    portal.signIn('10.0.0.1', JDOE);
    for (let i = 0; i < 6; i++) {
      advance(10 * 60_000);
      portal.lookup('10.0.0.1');
    }
    assert.equal(portal.lookup('10.0.0.1'), undefined);
  });

  it('a new sign-in at the same address replaces the old one', () => {
    const { portal, advance } = clockedPortal();
    portal.signIn('10.0.0.1', JDOE);
    advance(HOUR / 2);
    portal.signIn('::ffff:10.0.0.1', ZOE);
    assert.equal(portal.size, 1);
    advance(HOUR / 2 + 1);
    assert.equal(portal.lookup('10.0.0.1')?.user.username, 'zoë', 'with a fresh expiry');
  });

  it('sign-out ends the session', () => {
    const { portal } = clockedPortal();
    portal.signIn('2001:db8::1', JDOE);
    assert.equal(portal.signOut('2001:0db8::0001'), true);
    assert.equal(portal.signOut('2001:db8::1'), false);
    assert.equal(portal.signOut('junk'), false);
    assert.equal(portal.lookup('2001:db8::1'), undefined);
  });

  it('expireStale drops only expired sessions', () => {
    const { portal, advance } = clockedPortal();
    portal.signIn('10.0.0.1', JDOE);
    advance(HOUR / 2);
    portal.signIn('10.0.0.2', ZOE);
    advance(HOUR / 2);
    assert.equal(portal.expireStale(), 1);
    assert.equal(portal.size, 1);
    assert.equal(portal.lookup('10.0.0.2')?.user.username, 'zoë');
  });

  it('keeps its own copy of the user', () => {
    const { portal } = clockedPortal();
    const groups = ['default'];
    portal.signIn('10.0.0.1', { ...ZOE, groups });
    groups.push('privileged');
    assert.deepEqual(portal.lookup('10.0.0.1')?.user.groups, ['default']);
  });

  it('refuses a non-positive ttl', () => {
    assert.throws(() => createPortalSessions({ now: () => 0, ttlMs: 0 }), RangeError);
  });
});

describe('createPortalSessions: snapshot and restore', () => {
  it('round-trips live sessions through JSON, leaving expired ones out', () => {
    const { portal, advance, now } = clockedPortal();
    portal.signIn('10.0.0.1', JDOE);
    advance(HOUR / 2);
    portal.signIn('2001:db8::1', ZOE);
    advance(HOUR / 2);
    const json = JSON.parse(JSON.stringify(portal.snapshot()));
    assert.equal(json.sessions.length, 1);

    const restarted = createPortalSessions({ now, ttlMs: HOUR });
    assert.equal(restarted.restore(json), 1);
    assert.equal(restarted.lookup('2001:db8::1')?.user.username, 'zoë');
    assert.equal(restarted.lookup('10.0.0.1'), undefined);
  });

  it('caps sessions to the current ttl and drops those already over', () => {
    const { now } = clockedPortal();
    const at = now();
    const snapshot = {
      version: 1,
      sessions: [
        {
          address: '10.0.0.1',
          user: JDOE,
          signedInAt: at - 10 * 60_000,
          expiresAt: at + HOUR * 24,
        },
        { address: '10.0.0.2', user: ZOE, signedInAt: at - 20 * 60_000, expiresAt: at + HOUR * 24 },
        { address: 'not-an-ip', user: ZOE, signedInAt: at, expiresAt: at + 1000 },
      ],
    };
    const portal = createPortalSessions({ now, ttlMs: 15 * 60_000 });
    assert.equal(portal.restore(snapshot), 1);
    assert.equal(portal.lookup('10.0.0.1')?.expiresAt, at + 5 * 60_000);
  });

  const malformed = [
    { name: 'wrong_version', input: { version: 2, sessions: [] } },
    { name: 'not_object', input: 'sessions' },
    {
      name: 'missing_user',
      input: { version: 1, sessions: [{ address: '10.0.0.1', signedInAt: 0, expiresAt: 1 }] },
    },
    { name: 'extra_key', input: { version: 1, sessions: [], secret: 'x' } },
  ];
  for (const { name, input } of malformed) {
    it(`rejects a malformed snapshot: ${name}`, () => {
      const { portal } = clockedPortal();
      portal.signIn('10.0.0.9', JDOE);
      assert.throws(() => portal.restore(input));
      assert.equal(portal.lookup('10.0.0.9')?.user.username, 'jdoe', 'state kept on failure');
    });
  }
});
