import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { LocalUser } from '../../src/identity/local-user.js';
import { checkPasswordHash, verifyPassword } from '../../src/identity/password-hash.js';
import { createProxyAuthenticator } from '../../src/identity/proxy-auth.js';
import { userKey } from '../../src/identity/user-key.js';
import { loadUsersFile } from '../../src/identity/users-file.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'identity', 'users.json');
const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;

/** A clock the test moves by hand, and a verifier that counts real argon2id calls. */
function harness(options: { cacheTtlMs?: number; maxCacheEntries?: number } = {}) {
  const file = loadUsersFile(FIXTURE);
  const users = new Map<string, LocalUser>(file.users.map((u) => [userKey(u.username), u]));
  let time = 1_000_000;
  const calls: string[] = [];
  const auth = createProxyAuthenticator({
    users,
    now: () => time,
    ...options,
    verify: (hash, password) => {
      calls.push(hash);
      return verifyPassword(hash, password);
    },
  });
  return {
    auth,
    users,
    calls,
    advance: (ms: number) => {
      time += ms;
    },
  };
}

describe('createProxyAuthenticator: results (real argon2id)', () => {
  const { auth } = harness();
  const cases = [
    { name: 'staff', header: basic('jdoe', 'staff-pass-1'), want: 'jdoe' },
    { name: 'utf8_user', header: basic('zoë.pupil', 'pupil-pässwörd'), want: 'zoë.pupil' },
    { name: 'name_case_ignored', header: basic('JDoe', 'staff-pass-1'), want: 'jdoe' },
    { name: 'wrong_password', header: basic('jdoe', 'staff-pass-2'), want: 'bad-credentials' },
    {
      name: 'password_case_matters',
      header: basic('jdoe', 'STAFF-PASS-1'),
      want: 'bad-credentials',
    },
    { name: 'unknown_user', header: basic('nobody', 'staff-pass-1'), want: 'bad-credentials' },
    { name: 'disabled_right_password', header: basic('gone', 'gone-pass-1'), want: 'disabled' },
    { name: 'disabled_wrong_password', header: basic('gone', 'nope'), want: 'bad-credentials' },
    { name: 'missing', header: undefined, want: 'missing' },
    { name: 'garbage', header: 'Basic !!!', want: 'malformed' },
    { name: 'other_scheme', header: 'NTLM TlRMTVNTUAABAAAA', want: 'unsupported-scheme' },
  ];
  for (const { name, header, want } of cases) {
    it(name, async () => {
      const got = await auth.authenticate(header);
      if (got.kind === 'user') {
        assert.equal(got.user.username, want);
        assert.deepEqual(Object.keys(got.user).sort(), ['displayName', 'groups', 'username']);
      } else if (got.kind === 'missing') assert.equal(want, 'missing');
      else assert.equal(got.reason, want);
    });
  }
});

describe('createProxyAuthenticator: cache', () => {
  it("a page's 100 subrequests cost one verification", async () => {
    const { auth, calls } = harness();
    const header = basic('jdoe', 'staff-pass-1');
    for (let i = 0; i < 100; i++) {
      assert.equal((await auth.authenticate(header)).kind, 'user');
    }
    assert.equal(calls.length, 1);
  });

  it('100 concurrent first requests share one verification', async () => {
    const { auth, calls } = harness();
    const header = basic('jdoe', 'staff-pass-1');
    const results = await Promise.all(Array.from({ length: 100 }, () => auth.authenticate(header)));
    assert.ok(results.every((r) => r.kind === 'user'));
    assert.equal(calls.length, 1);
  });

  it('expires after the TTL on the injected clock', async () => {
    const { auth, calls, advance } = harness({ cacheTtlMs: 60_000 });
    const header = basic('jdoe', 'staff-pass-1');
    await auth.authenticate(header);
    advance(59_999);
    await auth.authenticate(header);
    assert.equal(calls.length, 1, 'still cached just before the TTL');
    advance(1);
    assert.equal((await auth.authenticate(header)).kind, 'user');
    assert.equal(calls.length, 2, 're-verified at the TTL');
  });

  it('failures are cached only as failures, briefly', async () => {
    const { auth, calls, advance } = harness();
    const wrong = basic('jdoe', 'guess');
    assert.equal((await auth.authenticate(wrong)).kind, 'invalid');
    assert.equal((await auth.authenticate(wrong)).kind, 'invalid');
    assert.equal(calls.length, 1, 'a repeated wrong header is not re-hashed at once');
    advance(5_000);
    assert.equal((await auth.authenticate(wrong)).kind, 'invalid');
    assert.equal(calls.length, 2, 'and is re-checked after the failure TTL');
    assert.equal((await auth.authenticate(basic('jdoe', 'staff-pass-1'))).kind, 'user');
  });

  it('a user disabled after sign-in is refused at once, not after the TTL', async () => {
    const { auth, users } = harness();
    const header = basic('jdoe', 'staff-pass-1');
    assert.equal((await auth.authenticate(header)).kind, 'user');
    users.set('jdoe', { ...users.get('jdoe')!, disabled: true });
    assert.deepEqual(await auth.authenticate(header), { kind: 'invalid', reason: 'disabled' });
  });

  it('a changed password invalidates the cached header', async () => {
    const { auth, users, calls } = harness();
    const header = basic('jdoe', 'staff-pass-1');
    await auth.authenticate(header);
    const other = users.get(userKey('zoë.pupil'))!.passwordHash;
    users.set('jdoe', { ...users.get('jdoe')!, passwordHash: other });
    assert.deepEqual(await auth.authenticate(header), {
      kind: 'invalid',
      reason: 'bad-credentials',
    });
    assert.equal(calls.length, 2);
  });

  it('a cached user reflects group changes in the users source', async () => {
    const { auth, users } = harness();
    const header = basic('jdoe', 'staff-pass-1');
    await auth.authenticate(header);
    users.set('jdoe', { ...users.get('jdoe')!, groups: ['admin-staff'] });
    const got = await auth.authenticate(header);
    assert.deepEqual(got.kind === 'user' && got.user.groups, ['admin-staff']);
  });

  it('malformed headers never reach the verifier or the cache', async () => {
    const { auth, calls } = harness();
    const noColon = `Basic ${Buffer.from('nocolon').toString('base64')}`;
    for (const header of ['Basic', 'Basic ====', noColon, basic('jdoe', ''), 'x'.repeat(10_000)]) {
      assert.equal((await auth.authenticate(header)).kind, 'invalid');
    }
    assert.equal(calls.length, 0);
    assert.equal(auth.cacheSize, 0);
  });

  it('keeps at most maxCacheEntries, dropping the oldest', async () => {
    const { auth, calls } = harness({ maxCacheEntries: 2 });
    const headers = ['a', 'b', 'c'].map((p) => basic('jdoe', p));
    for (const h of headers) await auth.authenticate(h);
    assert.equal(auth.cacheSize, 2);
    await auth.authenticate(headers[2]!);
    assert.equal(calls.length, 3, 'newest still cached');
    await auth.authenticate(headers[0]!);
    assert.equal(calls.length, 4, 'oldest was dropped');
  });

  it('clearCache forces re-verification', async () => {
    const { auth, calls } = harness();
    const header = basic('jdoe', 'staff-pass-1');
    await auth.authenticate(header);
    auth.clearCache();
    await auth.authenticate(header);
    assert.equal(calls.length, 2);
  });
});

describe('createProxyAuthenticator: safety', () => {
  it('an unknown user is verified against a real dummy argon2id hash', async () => {
    const { auth, calls } = harness();
    await auth.authenticate(basic('nobody', 'x'));
    assert.equal(calls.length, 1, 'the unknown user still costs one argon2id run');
    assert.equal(checkPasswordHash(calls[0]!), null);
    assert.match(calls[0]!, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('unknown-user and wrong-password timings are comparable', async (t) => {
    const { auth } = harness({ cacheTtlMs: 0 });
    const time = async (header: string) => {
      const start = performance.now();
      await auth.authenticate(header);
      return performance.now() - start;
    };
    await time(basic('jdoe', 'warm-up'));
    const wrong = await time(basic('jdoe', 'wrong-1'));
    const unknown = await time(basic('nobody-at-all', 'wrong-1'));
    t.diagnostic(`wrong password ${wrong.toFixed(0)} ms, unknown user ${unknown.toFixed(0)} ms`);
    // Both run one argon2id; a lookup without it would be under a millisecond.
    assert.ok(unknown > 5 && wrong > 5, `${unknown} / ${wrong}`);
  });

  it('a throwing verifier or a broken stored hash gives invalid, not an exception', async () => {
    const users = new Map<string, LocalUser>([
      [
        'x',
        { username: 'x', displayName: 'X', groups: [], passwordHash: 'broken', disabled: false },
      ],
    ]);
    const throwing = createProxyAuthenticator({
      users,
      now: () => 0,
      verify: () => Promise.reject(new Error('wasm exploded')),
    });
    assert.deepEqual(await throwing.authenticate(basic('x', 'y')), {
      kind: 'invalid',
      reason: 'bad-credentials',
    });
    const real = createProxyAuthenticator({ users, now: () => 0 });
    assert.equal((await real.authenticate(basic('x', 'y'))).kind, 'invalid');
  });

  it('checkPassword serves the portal form, with the same rules', async () => {
    const { auth } = harness();
    assert.equal((await auth.checkPassword('JDOE', 'staff-pass-1')).kind, 'user');
    assert.equal(
      (await auth.checkPassword('zoe\u0308.pupil', 'pupil-pa\u0308sswo\u0308rd')).kind,
      'user',
    );
    assert.deepEqual(await auth.checkPassword('gone', 'gone-pass-1'), {
      kind: 'invalid',
      reason: 'disabled',
    });
  });
});
