import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normaliseText } from '../../../src/engine/phrases/normalise-text.js';

describe('normaliseText', () => {
  const cases = [
    { name: 'pads_and_lowercases', input: 'Hello World', want: ' hello world ' },
    { name: 'collapses_whitespace', input: '  a\t\n\r b \u00a0\u2003 c  ', want: ' a b c ' },
    {
      name: 'punctuation_is_a_boundary',
      input: 'tea,coffee;milk--sugar!',
      want: ' tea coffee milk sugar ',
    },
    { name: 'empty_text', input: '', want: ' ' },
    {
      name: 'latin_accents',
      input: 'Crème Brûlée naïve São Ñandú',
      want: ' creme brulee naive sao nandu ',
    },
    { name: 'sharp_s', input: 'Straße', want: ' strasse ' },
    { name: 'dotted_capital_i', input: 'İstanbul', want: ' istanbul ' },
    { name: 'greek_accents_and_final_sigma', input: 'ΟΔΌΣ οδός', want: ' οδοσ οδοσ ' },
    { name: 'cyrillic_case_and_yo', input: 'МОСКВА Ёлка', want: ' москва елка ' },
    { name: 'leet_inside_words', input: 'fr33 pr1z3 w1nn3r', want: ' free prize winner ' },
    { name: 'leet_symbols_inside_words', input: 'p@$$word', want: ' password ' },
    { name: 'numbers_survive', input: 'in 2024 for $100', want: ' in 2024 for 100 ' },
    { name: 'fullwidth_forms', input: 'ｆｒｅｅ　ＰＲＩＺＥ', want: ' free prize ' },
    { name: 'ligatures', input: 'ﬁsh ﬂour', want: ' fish flour ' },
    { name: 'cyrillic_lookalikes_in_latin_word', input: 'раypal', want: ' paypal ' },
    { name: 'greek_lookalikes_in_latin_word', input: 'cοοkie', want: ' cookie ' },
    { name: 'all_cyrillic_word_kept', input: 'сосна', want: ' сосна ' },
    { name: 'zero_width_removed', input: 'gar\u200bden pa\u200crty', want: ' garden party ' },
    { name: 'soft_hyphen_removed', input: 'com\u00adpost', want: ' compost ' },
    { name: 'bom_removed', input: '\ufeffstart', want: ' start ' },
    { name: 'arabic_kept', input: 'مرحبا بالعالم', want: ' مرحبا بالعالم ' },
    { name: 'arabic_marks_kept', input: 'كَتَبَ', want: ' كَتَبَ ' },
    { name: 'devanagari_marks_kept', input: 'नमस्ते दुनिया', want: ' नमस्ते दुनिया ' },
    { name: 'bengali_marks_kept', input: 'বাংলা', want: ' বাংলা ' },
    { name: 'hebrew_points_kept', input: 'שָׁלוֹם', want: ' שָׁלוֹם ' },
    {
      name: 'cjk_run_is_one_word',
      input: '東京タワー、こんにちは',
      want: ' 東京タワー こんにちは ',
    },
    { name: 'halfwidth_katakana_to_fullwidth', input: 'ﾀﾜｰ', want: ' タワー ' },
    { name: 'emoji_is_a_boundary', input: 'tea😀time', want: ' tea time ' },
    { name: 'astral_letters_kept', input: 'x𠀀y', want: ' x𠀀y ' },
    { name: 'arabic_ligature_expands', input: '\ufdfa', want: ' صلى الله عليه وسلم ' },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(normaliseText(c.input), c.want));
  }

  it('long_words_are_cut_without_a_space', () => {
    const folded = normaliseText('a'.repeat(1000));
    assert.equal(folded, ` ${'a'.repeat(1000)} `);
  });
});
