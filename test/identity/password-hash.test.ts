import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkPasswordHash,
  hashPassword,
  PASSWORD_HASH_PARAMS,
  verifyPassword,
} from '../../src/identity/password-hash.js';

describe('hashPassword / verifyPassword (real argon2id)', () => {
  it('hashes with the documented parameters and a fresh salt, and reports the time', async (t) => {
    const times: number[] = [];
    const hashes: string[] = [];
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      hashes.push(await hashPassword('correct horse battery staple'));
      times.push(performance.now() - start);
    }
    const start = performance.now();
    assert.equal(await verifyPassword(hashes[0]!, 'correct horse battery staple'), true);
    const verifyMs = performance.now() - start;
    const p = PASSWORD_HASH_PARAMS;
    t.diagnostic(
      `argon2id m=${p.memorySize} KiB t=${p.iterations} p=${p.parallelism}: hash ${times
        .map((ms) => ms.toFixed(0))
        .join(' / ')} ms, verify ${verifyMs.toFixed(0)} ms`,
    );
    for (const hash of hashes) {
      assert.match(
        hash,
        /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/,
      );
      assert.equal(checkPasswordHash(hash), null);
    }
    assert.equal(new Set(hashes).size, 3, 'each hash has its own salt');
    // Real work was done: 19 MiB argon2id cannot finish in under a millisecond.
    assert.ok(Math.min(...times) > 1, `hash took ${Math.min(...times)} ms`);
  });

  const cases = [
    { name: 'right_password', stored: 'pässwörd', given: 'pässwörd', want: true },
    { name: 'wrong_password', stored: 'pässwörd', given: 'passwort', want: false },
    { name: 'nfd_matches_nfc', stored: 'p\u00e4ss', given: 'pa\u0308ss', want: true },
    { name: 'case_matters', stored: 'Secret', given: 'secret', want: false },
    { name: 'trailing_space_matters', stored: 'secret', given: 'secret ', want: false },
  ];
  for (const { name, stored, given, want } of cases) {
    it(name, async () => {
      assert.equal(await verifyPassword(await hashPassword(stored), given), want);
    });
  }

  it('a malformed or out-of-bounds hash verifies false instead of throwing', async () => {
    const bad = [
      'garbage',
      '',
      '$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA',
      '$argon2id$v=19$m=4194304,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA',
    ];
    for (const hash of bad) assert.equal(await verifyPassword(hash, 'x'), false, hash);
  });
});

describe('checkPasswordHash', () => {
  const valid =
    '$argon2id$v=19$m=19456,t=2,p=1$66DC08dExQNybkhMov0S3w$QqEoTwRJY8SR46VmyjLnhZEmj5R2WlPOLK/wlbrW5hA';
  const cases = [
    { name: 'valid', input: valid, want: null },
    { name: 'owasp_alternative', input: valid.replace('m=19456,t=2', 'm=9216,t=4'), want: null },
    { name: 'argon2i', input: valid.replace('argon2id', 'argon2i'), want: /not an argon2id PHC/ },
    { name: 'old_version', input: valid.replace('v=19', 'v=16'), want: /not an argon2id PHC/ },
    {
      name: 'bcrypt',
      input: '$2b$12$abcdefghijklmnopqrstuuLoremIpsumDolorSitAmetConse',
      want: /not an argon2id PHC/,
    },
    { name: 'huge_memory', input: valid.replace('m=19456', 'm=4194304'), want: /memory m=4194304/ },
    { name: 'many_passes', input: valid.replace('t=2', 't=100'), want: /iterations t=100/ },
    { name: 'zero_lanes', input: valid.replace('p=1', 'p=0'), want: /parallelism p=0/ },
    { name: 'bad_base64', input: valid.replace('66DC', '66D!'), want: /not an argon2id PHC/ },
  ];
  for (const { name, input, want } of cases) {
    it(name, () => {
      const got = checkPasswordHash(input);
      if (want === null) assert.equal(got, null);
      else {
        assert.match(got ?? '', want);
        assert.ok(!(got ?? '').includes(input), 'message must not quote the hash');
      }
    });
  }
});
