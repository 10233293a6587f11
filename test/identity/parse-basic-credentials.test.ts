import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  MAX_AUTHORIZATION_LENGTH,
  parseBasicCredentials,
} from '../../src/identity/parse-basic-credentials.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const basic = (text: string) => `Basic ${b64(text)}`;

describe('parseBasicCredentials', () => {
  const cases = [
    { name: 'plain', input: basic('jdoe:s3cret'), want: { username: 'jdoe', password: 's3cret' } },
    {
      name: 'scheme_case_insensitive',
      input: `bAsIc ${b64('jdoe:x')}`,
      want: { username: 'jdoe', password: 'x' },
    },
    {
      name: 'extra_spaces',
      input: `  Basic   ${b64('jdoe:x')}  `,
      want: { username: 'jdoe', password: 'x' },
    },
    {
      name: 'tab_separator',
      input: `Basic\t${b64('jdoe:x')}`,
      want: { username: 'jdoe', password: 'x' },
    },
    {
      name: 'colon_in_password',
      input: basic('jdoe:a:b:c'),
      want: { username: 'jdoe', password: 'a:b:c' },
    },
    {
      name: 'utf8_name',
      input: basic('zoë.ngozi:pässwörd'),
      want: { username: 'zoë.ngozi', password: 'pässwörd' },
    },
    {
      name: 'utf8_decomposed_is_nfc',
      input: basic('zoe\u0308:x'),
      want: { username: 'zo\u00eb', password: 'x' },
    },
    {
      name: 'cjk_and_emoji',
      input: basic('学生:🔑🔑'),
      want: { username: '学生', password: '🔑🔑' },
    },
    {
      name: 'unpadded_base64',
      input: `Basic ${b64('ab:c').replace(/=+$/, '')}`,
      want: { username: 'ab', password: 'c' },
    },
    {
      name: 'space_in_password',
      input: basic('jdoe:two words'),
      want: { username: 'jdoe', password: 'two words' },
    },
    { name: 'undefined', input: undefined, want: 'missing' },
    { name: 'empty', input: '', want: 'missing' },
    { name: 'blank', input: '   ', want: 'missing' },
    { name: 'scheme_only', input: 'Basic', want: 'malformed' },
    { name: 'scheme_and_space', input: 'Basic   ', want: 'malformed' },
    { name: 'bearer', input: 'Bearer abc.def', want: 'unsupported-scheme' },
    { name: 'negotiate', input: 'Negotiate YIIB', want: 'unsupported-scheme' },
    { name: 'digest', input: 'Digest username="x"', want: 'unsupported-scheme' },
    { name: 'basic_prefix_word', input: `Basically ${b64('a:b')}`, want: 'unsupported-scheme' },
    { name: 'not_base64', input: 'Basic ***', want: 'malformed' },
    { name: 'base64url_chars', input: 'Basic ab-_', want: 'malformed' },
    { name: 'base64_bad_length', input: 'Basic abcde', want: 'malformed' },
    { name: 'padding_in_middle', input: 'Basic ab=c', want: 'malformed' },
    { name: 'two_tokens', input: `Basic ${b64('a:b')} ${b64('c:d')}`, want: 'malformed' },
    { name: 'raw_credentials', input: 'Basic jdoe:s3cret', want: 'malformed' },
    { name: 'missing_colon', input: basic('jdoes3cret'), want: 'missing-colon' },
    { name: 'empty_username', input: basic(':s3cret'), want: 'empty-username' },
    { name: 'empty_password', input: basic('jdoe:'), want: 'empty-password' },
    {
      name: 'latin1_bytes',
      input: `Basic ${Buffer.from('zo\xeb:x', 'latin1').toString('base64')}`,
      want: 'not-utf8',
    },
    {
      name: 'lone_continuation_byte',
      input: `Basic ${Buffer.from([0x61, 0x80, 0x3a, 0x62]).toString('base64')}`,
      want: 'not-utf8',
    },
    { name: 'nul_in_username', input: basic('jd\u0000oe:x'), want: 'control-character' },
    { name: 'newline_in_password', input: basic('jdoe:x\r\ny'), want: 'control-character' },
    { name: 'c1_control', input: basic('jdoe\u0085:x'), want: 'control-character' },
    {
      name: 'overlong_header',
      input: `Basic ${'A'.repeat(MAX_AUTHORIZATION_LENGTH)}`,
      want: 'too-long',
    },
    { name: 'overlong_username', input: basic(`${'u'.repeat(300)}:x`), want: 'too-long' },
  ];
  for (const { name, input, want } of cases) {
    it(name, () => {
      const got = parseBasicCredentials(input);
      if (want === 'missing') assert.deepEqual(got, { kind: 'missing' });
      else if (typeof want === 'string') assert.deepEqual(got, { kind: 'invalid', reason: want });
      else assert.deepEqual(got, { kind: 'credentials', ...want });
    });
  }

  it('never throws, and any credentials it returns re-encode to the same pair', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 80 }),
          fc.string({ unit: 'binary', maxLength: 40 }).map(basic),
          fc.uint8Array({ maxLength: 40 }).map((b) => `Basic ${Buffer.from(b).toString('base64')}`),
        ),
        (header) => {
          const got = parseBasicCredentials(header);
          assert.ok(['credentials', 'missing', 'invalid'].includes(got.kind));
          if (got.kind === 'credentials') {
            assert.ok(got.username.length > 0 && !got.username.includes(':'));
            assert.ok(got.password.length > 0);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('round-trips any colon-free name and non-empty password without control characters', () => {
    const text = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 20 })
      .filter((s) => !/[\u0000-\u001f\u007f-\u009f]/.test(s) && s.trim() !== '');
    fc.assert(
      fc.property(
        text.filter((s) => !s.includes(':')),
        text,
        (username, password) => {
          const got = parseBasicCredentials(basic(`${username}:${password}`));
          assert.deepEqual(got, {
            kind: 'credentials',
            username: username.normalize('NFC'),
            password: password.normalize('NFC'),
          });
        },
      ),
      { numRuns: RUNS },
    );
  });
});
