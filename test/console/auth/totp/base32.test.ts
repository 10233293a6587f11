import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { base32Decode, base32Encode } from '../../../../src/console/auth/totp/base32.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const bytes = (text: string) => new TextEncoder().encode(text);

// RFC 4648 section 10 test vectors; our encoder omits the padding.
const RFC_VECTORS = [
  { name: 'empty', input: '', want: '' },
  { name: 'f', input: 'f', want: 'MY======' },
  { name: 'fo', input: 'fo', want: 'MZXQ====' },
  { name: 'foo', input: 'foo', want: 'MZXW6===' },
  { name: 'foob', input: 'foob', want: 'MZXW6YQ=' },
  { name: 'fooba', input: 'fooba', want: 'MZXW6YTB' },
  { name: 'foobar', input: 'foobar', want: 'MZXW6YTBOI======' },
];

describe('base32Encode', () => {
  for (const c of RFC_VECTORS) {
    it(`rfc4648_${c.name}`, () => {
      assert.equal(base32Encode(bytes(c.input)), c.want.replace(/=+$/, ''));
    });
  }
  it('rfc6238_secret', () => {
    assert.equal(base32Encode(bytes('12345678901234567890')), 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });
});

describe('base32Decode', () => {
  for (const c of RFC_VECTORS) {
    it(`rfc4648_padded_${c.name}`, () => {
      assert.deepEqual(base32Decode(c.want), bytes(c.input));
    });
    it(`rfc4648_unpadded_lower_${c.name}`, () => {
      assert.deepEqual(base32Decode(c.want.replace(/=+$/, '').toLowerCase()), bytes(c.input));
    });
  }

  const accepted = [
    { name: 'grouped_by_four', input: 'MZXW 6YTB OI', want: 'foobar' },
    { name: 'mixed_case', input: 'mZxW6yTbOi', want: 'foobar' },
    { name: 'tabs_and_newline', input: '\tMZXW6YTB\nOI======\r\n', want: 'foobar' },
    { name: 'spaces_in_padding', input: 'MZXW6YQ =', want: 'foob' },
  ];
  for (const c of accepted) {
    it(c.name, () => assert.deepEqual(base32Decode(c.input), bytes(c.want)));
  }

  const refused = [
    { name: 'digit_one', input: 'MZXW1', error: /'1' at position 5 is not a base32 character/ },
    { name: 'digit_zero', input: '0ZXW', error: /'0' at position 1/ },
    { name: 'digit_eight', input: 'MZX8', error: /'8' at position 4/ },
    { name: 'hyphen', input: 'MZXW-6YTB', error: /'-' at position 5/ },
    { name: 'base64_plus', input: 'MZ+W', error: /'\+' at position 3/ },
    { name: 'non_ascii', input: 'MZXWé', error: /'é' at position 5/ },
    { name: 'control_char', input: 'MZ\u0000W', error: /'\\u0000' at position 3/ },
    { name: 'emoji', input: 'MY🔑', error: /'🔑' at position 3/ },
    { name: 'padding_in_middle', input: 'MY==MZXW', error: /after '=' padding/ },
    { name: 'impossible_length_1', input: 'M', error: /1 characters cannot be base32/ },
    { name: 'impossible_length_3', input: 'MZX', error: /3 characters cannot be base32/ },
    { name: 'impossible_length_6', input: 'MZXW6Y', error: /6 characters cannot be base32/ },
    { name: 'too_much_padding', input: 'MY=======', error: /do not pad to a multiple of 8/ },
    { name: 'too_little_padding', input: 'MY==', error: /do not pad to a multiple of 8/ },
  ];
  for (const c of refused) {
    it(`refuses_${c.name}`, () => {
      assert.throws(
        () => base32Decode(c.input),
        (e: unknown) => {
          assert.ok(e instanceof RangeError);
          assert.match(e.message, c.error);
          return true;
        },
      );
    });
  }

  it('error_never_quotes_the_whole_secret', () => {
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ1';
    assert.throws(
      () => base32Decode(secret),
      (e: unknown) => e instanceof Error && !e.message.includes(secret.slice(0, 8)),
    );
  });
});

describe('base32 properties', () => {
  it('round_trips_any_bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (data) => {
        const text = base32Encode(data);
        assert.match(text, /^[A-Z2-7]*$/);
        assert.equal(text.length, Math.ceil((data.length * 8) / 5));
        assert.deepEqual(base32Decode(text), data);
        assert.deepEqual(base32Decode(text.toLowerCase()), data);
        const padded = text + '='.repeat((8 - (text.length % 8)) % 8);
        assert.deepEqual(base32Decode(padded), data);
      }),
      { numRuns: RUNS },
    );
  });

  it('agrees_with_a_bitwise_reference', () => {
    // An independent, slow encoder: write every bit out, cut into groups of five.
    const reference = (data: Uint8Array) => {
      const bits = [...data].map((b) => b.toString(2).padStart(8, '0')).join('');
      const groups = bits.match(/.{1,5}/g) ?? [];
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
      return groups.map((g) => alphabet[Number.parseInt(g.padEnd(5, '0'), 2)]).join('');
    };
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (data) => {
        assert.equal(base32Encode(data), reference(data));
      }),
      { numRuns: RUNS },
    );
  });

  it('decode_throws_only_range_errors', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        try {
          base32Decode(text);
        } catch (e) {
          assert.ok(e instanceof RangeError);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
