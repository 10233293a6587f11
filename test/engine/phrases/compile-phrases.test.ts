import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { EngineError } from '../../../src/engine/engine-error.js';
import { compilePhrases } from '../../../src/engine/phrases/compile-phrases.js';
import type { PhraseKind, PhraseRule } from '../../../src/engine/phrases/phrase-types.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

let line = 0;
function rule(kind: PhraseKind, phrases: string[], weight: number, category = 'risk'): PhraseRule {
  line++;
  return { kind, phrases, weight, category, source: 'test/made-up', line };
}

// Made-up phrases only: "bleak words" stands in for a risk phrase, "helpline" for benign context.
const RULES: readonly PhraseRule[] = [
  rule('weighted', ['bleak words'], 40),
  rule('weighted', ['dark plan'], 30),
  rule('weighted', ['helpline'], -50),
  rule('weighted', ['prevention'], -20),
  rule('weighted', ['lonely', 'tonight'], 25),
  rule('weighted', [' ant '], 7, 'insects'),
  rule('weighted', ['bee'], 3, 'insects'),
  rule('banned', ['forbidden recipe'], 0, 'banned-demo'),
  rule('exception', ['school nurse'], 0, 'exceptions'),
  rule('weighted', ['тёмный план'], 30),
  rule('weighted', ['خطة مظلمة'], 30),
  rule('weighted', ['अंधेरी योजना'], 30),
  rule('weighted', ['暗い計画'], 30),
];
const matcher = compilePhrases(RULES);

describe('compilePhrases scan', () => {
  const cases = [
    { name: 'no_match', input: 'a calm day at school.test', scores: {}, hits: 0 },
    { name: 'single_phrase', input: 'Some BLEAK words here', scores: { risk: 40 }, hits: 1 },
    { name: 'weights_sum', input: 'bleak words and a dark plan', scores: { risk: 70 }, hits: 2 },
    {
      name: 'counts_once_per_text',
      input: 'bleak words, bleak words, bleak words',
      scores: { risk: 40 },
      hits: 1,
    },
    {
      name: 'benign_context_lowers_score',
      input: 'bleak words? call the prevention helpline',
      scores: { risk: -30 },
      hits: 3,
    },
    {
      name: 'risk_context_keeps_score',
      input: 'bleak words and a dark plan tonight',
      scores: { risk: 70 },
      hits: 2,
    },
    { name: 'combination_needs_all_parts', input: 'feeling lonely today', scores: {}, hits: 0 },
    {
      name: 'combination_fires_anywhere',
      input: 'tonight ... so lonely',
      scores: { risk: 25 },
      hits: 1,
    },
    { name: 'word_edge_whole_word', input: 'an ant walked', scores: { insects: 7 }, hits: 1 },
    { name: 'word_edge_at_text_start_and_end', input: 'ant', scores: { insects: 7 }, hits: 1 },
    { name: 'word_edge_not_inside_word', input: 'an elephant and pants', scores: {}, hits: 0 },
    { name: 'no_edge_matches_inside_word', input: 'beetle', scores: { insects: 3 }, hits: 1 },
    {
      name: 'categories_separate',
      input: 'dark plan, ant, bee',
      scores: { risk: 30, insects: 10 },
      hits: 3,
    },
    { name: 'leet_and_accents_meet', input: 'bl3@k wörds', scores: { risk: 40 }, hits: 1 },
    { name: 'zero_width_evasion', input: 'dark\u200b pl\u00adan', scores: { risk: 30 }, hits: 1 },
    { name: 'cyrillic_phrase', input: 'ТЁМНЫЙ ПЛАН', scores: { risk: 30 }, hits: 1 },
    { name: 'arabic_phrase', input: 'هذه خطة مظلمة جدا', scores: { risk: 30 }, hits: 1 },
    { name: 'devanagari_phrase', input: 'यह अंधेरी योजना है', scores: { risk: 30 }, hits: 1 },
    { name: 'cjk_phrase', input: 'これは暗い計画です', scores: { risk: 30 }, hits: 1 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = matcher.scan(c.input);
      assert.deepEqual(got.scores, c.scores);
      assert.equal(got.hits.length, c.hits);
      assert.equal(got.banned, false);
      assert.equal(got.exception, false);
    });
  }

  it('banned_sets_flag_without_score', () => {
    const got = matcher.scan('the forbidden recipe');
    assert.equal(got.banned, true);
    assert.deepEqual(got.scores, {});
    assert.equal(got.hits[0]?.rule.kind, 'banned');
  });

  it('exception_sets_flag', () => {
    const got = matcher.scan('ask the school nurse about a dark plan');
    assert.equal(got.exception, true);
    assert.deepEqual(got.scores, { risk: 30 });
  });

  it('html_option_strips_markup', () => {
    const html = '<p>bl<b>eak</b> <!-- x -->words</p><script>dark plan</script>';
    assert.deepEqual(matcher.scan(html, { html: true }).scores, { risk: 40 });
    assert.deepEqual(matcher.scan(html).scores, { risk: 30 });
  });

  it('hits_carry_a_short_snippet_around_the_match', () => {
    const text = `${'filler '.repeat(30)}some bleak words here ${'after '.repeat(30)}`;
    const hit = matcher.scan(text).hits[0]!;
    assert.ok(hit.snippet.includes('bleak words'));
    assert.ok(hit.snippet.length <= 60, `snippet length ${hit.snippet.length}`);
    assert.ok(hit.snippet.length >= 40, `snippet length ${hit.snippet.length}`);
  });

  it('hits_follow_rule_order', () => {
    const got = matcher.scan('bee, ant, dark plan, bleak words');
    assert.deepEqual(
      got.hits.map((h) => h.rule.line),
      [RULES[0]!.line, RULES[1]!.line, RULES[5]!.line, RULES[6]!.line],
    );
  });

  it('rules_that_fold_to_nothing_are_skipped', () => {
    const m = compilePhrases([rule('weighted', ['...'], 5), rule('weighted', ['ok'], 5)]);
    assert.equal(m.skipped.length, 1);
    assert.deepEqual(m.scan('... ok').scores, { risk: 5 });
  });

  it('broken_rule_throws_coded_error', () => {
    const broken = { ...rule('weighted', ['x'], 1), weight: Number.NaN };
    assert.throws(
      () => compilePhrases([broken]),
      (e: unknown) => EngineError.is(e, 'SG_ERR_PHRASE_LIST'),
    );
  });

  it('scan_reuse_does_not_leak_state', () => {
    assert.equal(matcher.scan('dark plan').hits.length, 1);
    assert.equal(matcher.scan('nothing here').hits.length, 0);
    assert.equal(matcher.scan('dark plan').hits.length, 1);
  });
});

describe('compilePhrases stream', () => {
  it('phrase_split_across_chunks', () => {
    const s = matcher.stream();
    for (const chunk of ['bl', 'ea', 'k w', 'ords and da', 'rk', ' plan']) s.push(chunk);
    assert.deepEqual(s.end().scores, { risk: 70 });
  });

  it('html_tag_and_entity_split_across_chunks', () => {
    const s = matcher.stream({ html: true });
    for (const chunk of ['<p>bleak</', 'p><scr', 'ipt>x</scri', 'pt>w&#x6', 'f;rds']) s.push(chunk);
    assert.deepEqual(s.end().scores, { risk: 40 });
  });

  it('window_limit_stops_scanning', () => {
    const s = matcher.stream({ maxBytes: 20 });
    s.push('0123456789 dark plan');
    s.push(' bleak words');
    assert.equal(s.truncated, true);
    // The first chunk is exactly 20 bytes and is scanned; nothing after it is.
    assert.deepEqual(s.end().scores, { risk: 30 });
    const wide = matcher.stream({ maxBytes: 64 });
    wide.push('0123456789 dark plan');
    wide.push(' bleak words');
    assert.equal(wide.truncated, false);
    assert.deepEqual(wide.end().scores, { risk: 70 });
  });

  it('end_is_idempotent_and_push_after_end_throws', () => {
    const s = matcher.stream();
    s.push('dark plan');
    const first = s.end();
    assert.equal(s.end(), first);
    assert.throws(() => s.push('more'));
  });

  it('random_chunking_equals_whole_scan', () => {
    const pieces = [
      'bleak',
      ' words',
      'dark',
      ' plan',
      'helpline',
      '<b>',
      '</b>',
      '<!--',
      '-->',
      '&amp;',
      '&#x62;',
      'ТЁМНЫЙ ПЛАН',
      'خطة مظلمة',
      'अंधेरी योजना',
      '暗い計画',
      '😀',
      'bl3@k',
      ' ',
      '.',
      'ant',
      '\u200b',
      'lonely',
      'tonight',
      '<script>',
      '</script>',
      'x',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.boolean(),
        (parts, cuts, html) => {
          const text = parts.join('');
          const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const s = matcher.stream({ html });
          let from = 0;
          for (const p of points) {
            s.push(text.slice(from, p));
            from = p;
          }
          s.push(text.slice(from));
          assert.deepEqual(s.end(), matcher.scan(text, { html }));
        },
      ),
      { numRuns: RUNS },
    );
  });
});
