import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  decodeSearchTerms,
  type SpaceMark,
} from '../../../src/engine/search/decode-search-terms.js';

const cases: { name: string; input: string; mark: SpaceMark; want: string }[] = [
  { name: 'plain', input: 'cats', mark: 'plus', want: 'cats' },
  { name: 'plus_is_space', input: 'red+panda', mark: 'plus', want: 'red panda' },
  { name: 'pct20_is_space', input: 'red%20panda', mark: 'plus', want: 'red panda' },
  { name: 'escaped_plus_literal', input: 'c%2B%2B', mark: 'plus', want: 'c++' },
  { name: 'underscore_mark', input: 'Marie_Curie', mark: 'underscore', want: 'Marie Curie' },
  { name: 'plus_literal_in_title', input: 'a+b_c', mark: 'underscore', want: 'a+b c' },
  { name: 'underscore_literal_in_form', input: 'snake_case', mark: 'plus', want: 'snake_case' },
  { name: 'utf8_polish', input: '%C5%BC%C3%B3%C5%82%C4%87', mark: 'plus', want: 'żółć' },
  { name: 'utf8_lowercase_hex', input: '%c5%bc', mark: 'plus', want: 'ż' },
  { name: 'utf8_4byte', input: '%F0%9F%98%80', mark: 'plus', want: '😀' },
  { name: 'latin1_fallback', input: 'caf%E9', mark: 'plus', want: 'café' },
  { name: 'cp1252_euro', input: '%80100', mark: 'plus', want: '€100' },
  { name: 'cp1252_undefined_byte_is_space', input: 'a%81b', mark: 'plus', want: 'a b' },
  { name: 'truncated_utf8_falls_back', input: '%C5', mark: 'plus', want: 'Å' },
  { name: 'malformed_zz', input: '%zz', mark: 'plus', want: '%zz' },
  { name: 'lone_percent_end', input: '100%', mark: 'plus', want: '100%' },
  { name: 'percent_one_digit', input: '%4', mark: 'plus', want: '%4' },
  { name: 'percent_then_valid', input: '%%41', mark: 'plus', want: '%A' },
  { name: 'raw_non_ascii', input: 'żółć', mark: 'plus', want: 'żółć' },
  { name: 'raw_non_ascii_with_escape', input: 'ż+%C3%B3', mark: 'plus', want: 'ż ó' },
  { name: 'raw_astral_with_escape', input: '😀%20x', mark: 'plus', want: '😀 x' },
  { name: 'lone_surrogate_raw', input: '\ud800%20x', mark: 'plus', want: '\ufffd x' },
  { name: 'collapse_and_trim', input: '+%09a%0D%0A++b+', mark: 'plus', want: 'a b' },
  { name: 'nul_is_space', input: 'a%00b', mark: 'plus', want: 'a b' },
  { name: 'nbsp_collapses', input: 'a%C2%A0b', mark: 'plus', want: 'a b' },
  { name: 'ideographic_space', input: '%E7%8C%AB%E3%80%80%E5%86%99', mark: 'plus', want: '猫 写' },
  { name: 'empty', input: '', mark: 'plus', want: '' },
  { name: 'only_spaces', input: '+%20+', mark: 'plus', want: '' },
];

test('decodeSearchTerms', async (t) => {
  for (const c of cases) {
    await t.test(c.name, () => {
      assert.equal(decodeSearchTerms(c.input, 0, c.input.length, c.mark), c.want);
    });
  }
});

test('decodeSearchTerms: reads only [start, end)', () => {
  const text = 'q=caf%C3%A9&hl=en';
  assert.equal(decodeSearchTerms(text, 2, 11, 'plus'), 'café');
});

// Spot values from the WHATWG windows-1252 index. Node 20's TextDecoder cannot serve as the
// oracle: it decodes the 'windows-1252' label as plain Latin-1 (0x80 -> U+0080).
const cp1252Cases: { name: string; byte: number; want: string }[] = [
  { name: 'euro', byte: 0x80, want: '€' },
  { name: 'low_quote', byte: 0x82, want: '‚' },
  { name: 'ellipsis', byte: 0x85, want: '…' },
  { name: 's_caron', byte: 0x8a, want: 'Š' },
  { name: 'left_quote', byte: 0x93, want: '“' },
  { name: 'em_dash', byte: 0x97, want: '—' },
  { name: 'trade_mark', byte: 0x99, want: '™' },
  { name: 'y_diaeresis', byte: 0x9f, want: 'Ÿ' },
];

test('decodeSearchTerms: Windows-1252 bytes 0x80-0x9F', async (t) => {
  for (const c of cp1252Cases) {
    await t.test(c.name, () => {
      const input = `a%${c.byte.toString(16)}b`;
      assert.equal(decodeSearchTerms(input, 0, input.length, 'plus'), `a${c.want}b`);
    });
  }
});

test('decodeSearchTerms: bytes 0xA0-0xFF fall back to Latin-1', () => {
  for (let b = 0xa1; b <= 0xff; b++) {
    const input = `a%${b.toString(16)}b`;
    const want = `a${String.fromCharCode(b)}b`;
    assert.equal(
      decodeSearchTerms(input, 0, input.length, 'plus'),
      want,
      `byte 0x${b.toString(16)}`,
    );
  }
});

test('decodeSearchTerms: round-trips encodeURIComponent of clean text', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', minLength: 1 }), (s) => {
      const clean = s.replace(/[\s\x00-\x1f\x7f-\x9f\ud800-\udfff]+/g, ' ').trim();
      const encoded = encodeURIComponent(clean);
      assert.equal(decodeSearchTerms(encoded, 0, encoded.length, 'plus'), clean);
    }),
    { numRuns: Number(process.env.FUZZ_RUNS ?? 200) },
  );
});

test('decodeSearchTerms: never throws, output is trimmed', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), fc.constantFrom('plus', 'underscore'), (s, m) => {
      const got = decodeSearchTerms(s, 0, s.length, m as SpaceMark);
      assert.equal(got, got.trim());
      assert.doesNotMatch(got, / {2}/);
    }),
    { numRuns: Number(process.env.FUZZ_RUNS ?? 200) },
  );
});
