import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  type LinkPayload,
  signLink,
  verifyLink,
} from '../../../../src/gateway/proxy/pages/signed-link.js';

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SECRET = 'test-secret-0123456789abcdef0123456789abcdef';
const OTHER_SECRET = Buffer.alloc(32, 7);
const NOW = Date.parse('2026-11-24T10:00:00Z');
const EXPIRES = NOW + 60_000;

const payload: LinkPayload = {
  kind: 'unblock',
  url: 'https://games.example/play?level=3&x=é',
  user: 'amy.pupil',
  reason: 'category',
  category: 'games',
};

describe('signLink/verifyLink: round trip', () => {
  const cases = [
    { name: 'unblock', payload },
    { name: 'continue_no_category', payload: { ...payload, kind: 'continue', category: null } },
    { name: 'not_signed_in', payload: { ...payload, user: '' } },
    { name: 'unicode_and_rtl', payload: { ...payload, url: 'https://bücher.example/أحمد/😀' } },
  ] as const;
  for (const c of cases) {
    it(`round_trips_${c.name}`, () => {
      const token = signLink(c.payload, SECRET, EXPIRES);
      assert.match(token, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
      assert.deepEqual(verifyLink(token, SECRET, NOW), {
        status: 'ok',
        payload: c.payload,
        expiresAt: EXPIRES,
      });
    });
  }

  it('accepts_date_arguments', () => {
    const token = signLink(payload, SECRET, new Date(EXPIRES));
    assert.equal(verifyLink(token, SECRET, new Date(NOW)).status, 'ok');
  });

  it('wrong_secret_is_bad_signature', () => {
    const token = signLink(payload, SECRET, EXPIRES);
    assert.deepEqual(verifyLink(token, OTHER_SECRET, NOW), { status: 'bad-signature' });
  });

  it('short_secret_refused', () => {
    assert.throws(() => signLink(payload, 'short', EXPIRES), RangeError);
    assert.throws(() => verifyLink('a.b', Buffer.alloc(16), NOW), RangeError);
  });
});

describe('verifyLink: expiry boundary', () => {
  const token = signLink(payload, SECRET, EXPIRES);
  const cases = [
    { name: 'long_before', now: NOW, want: 'ok' },
    { name: 'one_ms_before', now: EXPIRES - 1, want: 'ok' },
    { name: 'at_expiry', now: EXPIRES, want: 'expired' },
    { name: 'after', now: EXPIRES + 1, want: 'expired' },
  ] as const;
  for (const c of cases) {
    it(c.name, () => {
      const v = verifyLink(token, SECRET, c.now);
      assert.equal(v.status, c.want);
      if (v.status === 'expired') assert.deepEqual(v.payload, payload);
    });
  }
});

describe('verifyLink: tampering', () => {
  const token = signLink(payload, SECRET, EXPIRES);

  it('every_changed_character_is_refused', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ';
    let refused = 0;
    for (let i = 0; i < token.length; i++) {
      for (const replacement of [
        alphabet[(alphabet.indexOf(token[i]!) + 1) % alphabet.length]!,
        '%',
      ]) {
        if (replacement === token[i]) continue;
        const changed = token.slice(0, i) + replacement + token.slice(i + 1);
        const v = verifyLink(changed, SECRET, NOW);
        assert.notEqual(v.status, 'ok', `position ${i} -> ${replacement}`);
        refused++;
      }
    }
    assert.ok(refused >= token.length);
  });

  it('every_bit_flip_of_the_mac_is_bad_signature', () => {
    const [body, mac] = token.split('.') as [string, string];
    const bytes = Buffer.from(mac, 'base64url');
    for (let i = 0; i < bytes.length * 8; i++) {
      const flipped = Buffer.from(bytes);
      flipped[i >> 3]! ^= 1 << (i & 7);
      const v = verifyLink(`${body}.${flipped.toString('base64url')}`, SECRET, NOW);
      assert.equal(v.status, 'bad-signature', `bit ${i}`);
    }
  });

  it('non_canonical_last_mac_character_is_refused', () => {
    // The 43rd base64url character carries 2 spare bits: the three other spellings decode
    // to the same MAC bytes and must still be refused.
    const [body, mac] = token.split('.') as [string, string];
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(mac.at(-1)!);
    for (let spare = 1; spare < 4; spare++) {
      const other = alphabet[(last & ~3) | ((last + spare) & 3)]!;
      const v = verifyLink(`${body}.${mac.slice(0, -1)}${other}`, SECRET, NOW);
      assert.notEqual(v.status, 'ok');
    }
  });

  it('swapped_payload_with_old_mac_is_bad_signature', () => {
    const other = signLink({ ...payload, url: 'https://other.example/' }, SECRET, EXPIRES);
    const forged = `${other.split('.')[0]}.${token.split('.')[1]}`;
    assert.equal(verifyLink(forged, SECRET, NOW).status, 'bad-signature');
  });

  it('extended_expiry_is_bad_signature', () => {
    const [body, mac] = token.split('.') as [string, string];
    const json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    json.e = EXPIRES + 365 * 86_400_000;
    const forged = `${Buffer.from(JSON.stringify(json)).toString('base64url')}.${mac}`;
    assert.equal(verifyLink(forged, SECRET, NOW).status, 'bad-signature');
  });
});

describe('verifyLink: malformed input', () => {
  const good = signLink(payload, SECRET, EXPIRES);
  const cases = [
    { name: 'empty', token: '' },
    { name: 'no_dot', token: 'abcdef' },
    { name: 'two_dots', token: `${good}.x` },
    { name: 'leading_dot', token: `.${good.split('.')[1]}` },
    { name: 'short_mac', token: `${good.split('.')[0]}.abc` },
    { name: 'padding', token: `${good}=` },
    { name: 'spaces', token: ` ${good}` },
    { name: 'huge', token: `${'a'.repeat(20_000)}.${good.split('.')[1]}` },
    { name: 'not_a_string', token: 42 as unknown },
    { name: 'null', token: null as unknown },
  ];
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(verifyLink(c.token, SECRET, NOW), { status: 'malformed' }));
  }

  it('signed_body_of_the_wrong_shape_is_malformed', () => {
    // Only someone with the secret could do this; the verifier still checks the shape.
    for (const json of [
      '[1]',
      '{"v":2}',
      'not json',
      '{"v":1,"k":"other","u":"","n":"","r":"","c":null,"e":1}',
    ]) {
      const body = Buffer.from(json).toString('base64url');
      const mac = createHmac('sha256', SECRET).update('sg1.').update(body).digest('base64url');
      assert.deepEqual(verifyLink(`${body}.${mac}`, SECRET, NOW), { status: 'malformed' }, json);
    }
  });

  it('never_throws_and_never_ok_for_arbitrary_strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (token) => {
        const v = verifyLink(token, SECRET, NOW);
        assert.notEqual(v.status, 'ok');
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('never_throws_for_token_shaped_strings', () => {
    const b64 = fc.stringMatching(/^[A-Za-z0-9_-]{0,80}$/);
    fc.assert(
      fc.property(b64, b64, (body, mac) => {
        const v = verifyLink(`${body}.${mac}`, SECRET, NOW);
        assert.ok(v.status === 'malformed' || v.status === 'bad-signature');
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('round_trips_arbitrary_payloads', () => {
    fc.assert(
      fc.property(
        fc.record({
          kind: fc.constantFrom('unblock' as const, 'continue' as const),
          url: fc.string({ unit: 'grapheme', maxLength: 200 }),
          user: fc.string({ maxLength: 40 }),
          reason: fc.string({ maxLength: 20 }),
          category: fc.option(fc.string({ maxLength: 20 })),
        }),
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        (p, expiresAt) => {
          const v = verifyLink(signLink(p, SECRET, expiresAt), SECRET, expiresAt - 1);
          assert.deepEqual(v, { status: 'ok', payload: { ...p }, expiresAt });
        },
      ),
      { numRuns: FUZZ_RUNS },
    );
  });
});
