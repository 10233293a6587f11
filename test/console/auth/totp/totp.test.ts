import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { base32Decode, base32Encode } from '../../../../src/console/auth/totp/base32.js';
import {
  createTotpSecret,
  totpCode,
  totpUri,
  verifyTotp,
} from '../../../../src/console/auth/totp/totp.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
/** The RFC 6238 / RFC 4226 test key, ASCII "12345678901234567890". */
const RFC_SECRET = base32Encode(new TextEncoder().encode('12345678901234567890'));
const PERIOD_MS = 30_000;

// RFC 6238 appendix B, the SHA1 column: time in seconds -> 8-digit code.
const RFC6238_SHA1 = [
  { time: 59, want: '94287082' },
  { time: 1_111_111_109, want: '07081804' },
  { time: 1_111_111_111, want: '14050471' },
  { time: 1_234_567_890, want: '89005924' },
  { time: 2_000_000_000, want: '69279037' },
  { time: 20_000_000_000, want: '65353130' },
];

// RFC 4226 appendix D: HOTP for counters 0..9, which are TOTP steps 0..9 at 30 s.
const RFC4226_HOTP = [
  '755224',
  '287082',
  '359152',
  '969429',
  '338314',
  '254676',
  '287922',
  '162583',
  '399871',
  '520489',
];

describe('totpCode', () => {
  it('secret_is_the_rfc_key', () => {
    assert.equal(RFC_SECRET, 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });
  for (const c of RFC6238_SHA1) {
    it(`rfc6238_8_digits_at_${c.time}`, () => {
      assert.equal(totpCode(RFC_SECRET, c.time * 1000, { digits: 8 }), c.want);
    });
    // A 6-digit code is the same truncated number mod 10^6: the last six digits.
    it(`rfc6238_6_digits_at_${c.time}`, () => {
      assert.equal(totpCode(RFC_SECRET, c.time * 1000), c.want.slice(2));
    });
    it(`rfc6238_7_digits_at_${c.time}`, () => {
      assert.equal(totpCode(RFC_SECRET, c.time * 1000, { digits: 7 }), c.want.slice(1));
    });
  }
  RFC4226_HOTP.forEach((want, counter) => {
    it(`rfc4226_counter_${counter}`, () => {
      assert.equal(totpCode(RFC_SECRET, counter * PERIOD_MS + 29_999), want);
    });
  });

  it('same_code_throughout_a_step', () => {
    const start = 1_111_111_110_000 - (1_111_111_110_000 % PERIOD_MS);
    const first = totpCode(RFC_SECRET, start);
    assert.equal(totpCode(RFC_SECRET, start + PERIOD_MS - 1), first);
    assert.notEqual(totpCode(RFC_SECRET, start + PERIOD_MS), first);
  });

  it('period_option_changes_the_step', () => {
    // At 60 s steps, t=59 s is step 0, whose HOTP is the counter-0 code.
    assert.equal(totpCode(RFC_SECRET, 59_000, { periodSeconds: 60 }), RFC4226_HOTP[0]);
  });

  it('lower_case_spaced_secret_gives_the_same_code', () => {
    const spaced = RFC_SECRET.toLowerCase().replace(/(.{4})/g, '$1 ');
    assert.equal(totpCode(spaced, 59_000, { digits: 8 }), '94287082');
  });

  const bad = [
    { name: 'digits_5', secret: RFC_SECRET, time: 0, options: { digits: 5 }, error: /digits/ },
    { name: 'digits_9', secret: RFC_SECRET, time: 0, options: { digits: 9 }, error: /digits/ },
    {
      name: 'period_0',
      secret: RFC_SECRET,
      time: 0,
      options: { periodSeconds: 0 },
      error: /period/,
    },
    {
      name: 'period_float',
      secret: RFC_SECRET,
      time: 0,
      options: { periodSeconds: 1.5 },
      error: /period/,
    },
    { name: 'before_1970', secret: RFC_SECRET, time: -1, options: {}, error: /before 1970/ },
    { name: 'nan_time', secret: RFC_SECRET, time: Number.NaN, options: {}, error: /not finite/ },
    { name: 'bad_secret', secret: 'NOT-BASE32', time: 0, options: {}, error: /base32/ },
  ];
  for (const c of bad) {
    it(`throws_${c.name}`, () => {
      assert.throws(() => totpCode(c.secret, c.time, c.options), c.error);
    });
  }
});

describe('verifyTotp', () => {
  // Step 37037037 (t = 1111111110 s .. 1111111139 s) and its neighbours.
  const step = Math.floor(1_111_111_111_000 / PERIOD_MS);
  const now = step * PERIOD_MS + 10_000;
  const codeAt = (s: number) => totpCode(RFC_SECRET, s * PERIOD_MS);

  const cases = [
    { name: 'current_step', code: codeAt(step), options: {}, want: step },
    { name: 'previous_step_in_window', code: codeAt(step - 1), options: {}, want: step - 1 },
    { name: 'next_step_in_window', code: codeAt(step + 1), options: {}, want: step + 1 },
    { name: 'two_back_outside_window', code: codeAt(step - 2), options: {}, want: null },
    { name: 'two_ahead_outside_window', code: codeAt(step + 2), options: {}, want: null },
    { name: 'window_2_two_back', code: codeAt(step - 2), options: { window: 2 }, want: step - 2 },
    { name: 'window_0_previous', code: codeAt(step - 1), options: { window: 0 }, want: null },
    { name: 'window_0_current', code: codeAt(step), options: { window: 0 }, want: step },
    {
      name: 'replay_same_step',
      code: codeAt(step),
      options: { lastUsedStep: step },
      want: null,
    },
    {
      name: 'replay_older_step',
      code: codeAt(step - 1),
      options: { lastUsedStep: step - 1 },
      want: null,
    },
    {
      name: 'earlier_step_after_later_used',
      code: codeAt(step - 1),
      options: { lastUsedStep: step },
      want: null,
    },
    {
      name: 'newer_step_after_use',
      code: codeAt(step + 1),
      options: { lastUsedStep: step },
      want: step + 1,
    },
    {
      name: 'last_used_undefined',
      code: codeAt(step),
      options: { lastUsedStep: undefined },
      want: step,
    },
    {
      name: 'eight_digits_option',
      code: totpCode(RFC_SECRET, now, { digits: 8 }),
      options: { digits: 8 },
      want: step,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = verifyTotp(RFC_SECRET, c.code, now, c.options);
      assert.deepEqual(got, c.want === null ? { ok: false } : { ok: true, step: c.want });
    });
  }

  it('window_edge_is_the_step_boundary', () => {
    const previous = codeAt(step - 1);
    // The last millisecond of `step` still accepts step-1; the next one is step+1, two ahead.
    assert.deepEqual(verifyTotp(RFC_SECRET, previous, (step + 1) * PERIOD_MS - 1), {
      ok: true,
      step: step - 1,
    });
    assert.deepEqual(verifyTotp(RFC_SECRET, previous, (step + 1) * PERIOD_MS), { ok: false });
  });

  it('rfc_vector_at_59_seconds', () => {
    assert.deepEqual(verifyTotp(RFC_SECRET, '287082', 59_000), { ok: true, step: 1 });
    assert.deepEqual(verifyTotp(RFC_SECRET, '94287082', 59_000, { digits: 8 }), {
      ok: true,
      step: 1,
    });
  });

  it('near_epoch_skips_negative_steps', () => {
    assert.deepEqual(verifyTotp(RFC_SECRET, RFC4226_HOTP[0]!, 1_000), { ok: true, step: 0 });
  });

  const current = codeAt(step);
  const malformed = [
    { name: 'empty', code: '' },
    { name: 'five_digits', code: current.slice(1) },
    { name: 'seven_digits', code: `${current}0` },
    { name: 'eight_digit_code_for_6', code: totpCode(RFC_SECRET, now, { digits: 8 }) },
    { name: 'letters', code: 'abcdef' },
    { name: 'inner_space', code: `${current.slice(0, 3)} ${current.slice(3)}` },
    { name: 'leading_space', code: ` ${current}` },
    { name: 'plus_sign', code: `+${current.slice(1)}` },
    { name: 'arabic_indic_digits', code: '٠١٢٣٤٥' },
    { name: 'fullwidth_digits', code: '１２３４５６' },
    { name: 'decimal', code: '12.456' },
    { name: 'newline_suffix', code: `${current}\n` },
  ];
  for (const c of malformed) {
    it(`refuses_malformed_${c.name}`, () => {
      assert.deepEqual(verifyTotp(RFC_SECRET, c.code, now), { ok: false });
    });
  }

  it('refuses_non_string_without_throwing', () => {
    const notAString = 287082 as unknown as string;
    assert.deepEqual(verifyTotp(RFC_SECRET, notAString, 59_000), { ok: false });
  });

  it('throws_on_bad_window', () => {
    assert.throws(() => verifyTotp(RFC_SECRET, '123456', now, { window: -1 }), /window/);
    assert.throws(() => verifyTotp(RFC_SECRET, '123456', now, { window: 11 }), /window/);
  });

  it('accepts_only_its_own_code_fuzz', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 20, maxLength: 20 }),
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        fc.string({ maxLength: 10 }),
        (key, time, junk) => {
          const secret = base32Encode(key);
          const code = totpCode(secret, time);
          const ok = verifyTotp(secret, code, time);
          assert.deepEqual(ok, { ok: true, step: Math.floor(time / PERIOD_MS) });
          assert.deepEqual(verifyTotp(secret, code, time, { lastUsedStep: ok.ok ? ok.step : 0 }), {
            ok: false,
          });
          if (!/^[0-9]{6}$/.test(junk)) {
            assert.deepEqual(verifyTotp(secret, junk, time), { ok: false });
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('createTotpSecret', () => {
  it('encodes_twenty_bytes', () => {
    const fixed = (n: number) => new Uint8Array(n).map((_, i) => i * 13);
    const secret = createTotpSecret(fixed);
    assert.match(secret, /^[A-Z2-7]{32}$/);
    assert.deepEqual(base32Decode(secret), fixed(20));
  });
  it('asks_for_twenty_bytes', () => {
    const asked: number[] = [];
    createTotpSecret((n) => {
      asked.push(n);
      return new Uint8Array(n);
    });
    assert.deepEqual(asked, [20]);
  });
  it('refuses_a_short_random_source', () => {
    assert.throws(() => createTotpSecret(() => new Uint8Array(10)), /20 bytes/);
  });
});

describe('totpUri', () => {
  const cases = [
    {
      name: 'school_with_spaces',
      input: { secret: RFC_SECRET, account: 'a.patel', issuer: 'Schoolgate Widford Lodge' },
      want:
        'otpauth://totp/Schoolgate%20Widford%20Lodge:a.patel?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' +
        '&issuer=Schoolgate%20Widford%20Lodge&algorithm=SHA1&digits=6&period=30',
    },
    {
      name: 'reserved_characters_encoded',
      input: {
        secret: RFC_SECRET,
        account: 'j.o-brien',
        issuer: "Schoolgate St Mary's & All (C/E)",
      },
      want:
        'otpauth://totp/Schoolgate%20St%20Mary%27s%20%26%20All%20%28C%2FE%29:j.o-brien' +
        '?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' +
        '&issuer=Schoolgate%20St%20Mary%27s%20%26%20All%20%28C%2FE%29&algorithm=SHA1&digits=6&period=30',
    },
    {
      name: 'non_ascii_and_lower_secret',
      input: {
        secret: RFC_SECRET.toLowerCase(),
        account: 'zoë.n',
        issuer: 'Schoolgate Ysgol Gymraeg',
      },
      want:
        'otpauth://totp/Schoolgate%20Ysgol%20Gymraeg:zo%C3%AB.n?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' +
        '&issuer=Schoolgate%20Ysgol%20Gymraeg&algorithm=SHA1&digits=6&period=30',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = totpUri(c.input);
      assert.equal(got, c.want);
      // What an app does with it: the parts come back out unchanged.
      const url = new URL(got);
      assert.equal(url.protocol, 'otpauth:');
      assert.equal(url.searchParams.get('issuer'), c.input.issuer);
      assert.equal(decodeURIComponent(url.pathname), `/${c.input.issuer}:${c.input.account}`);
      assert.deepEqual(base32Decode(url.searchParams.get('secret')!), base32Decode(RFC_SECRET));
    });
  }

  const refused = [
    { name: 'colon_in_issuer', input: { secret: RFC_SECRET, account: 'a', issuer: 'A:B' } },
    { name: 'colon_in_account', input: { secret: RFC_SECRET, account: 'a:b', issuer: 'S' } },
    { name: 'empty_account', input: { secret: RFC_SECRET, account: ' ', issuer: 'S' } },
    { name: 'empty_issuer', input: { secret: RFC_SECRET, account: 'a', issuer: '' } },
    { name: 'bad_secret', input: { secret: 'ABC1', account: 'a', issuer: 'S' } },
  ];
  for (const c of refused) {
    it(`refuses_${c.name}`, () => assert.throws(() => totpUri(c.input), RangeError));
  }
});
