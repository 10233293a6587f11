import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decide } from '../../../src/engine/decision/decide.js';
import { compilePhrases } from '../../../src/engine/phrases/compile-phrases.js';
import { parseE2guardianPhrases } from '../../../src/engine/phrases/parse-e2guardian-phrases.js';
import { createTestEngine, LESSON_TIME } from '../../support/engine-fixture.js';

// Made-up, neutral phrases stand in for a safeguarding list: the mechanism is what is tested.
const selfHarmList = `#listcategory: "self-harm"
#lang: en
<sad pumpkin><60>
<lonely turnip><50>
<pumpkin>,<turnip><20>
<gloomy gourd><40>
<helpline><-100>
`;
const bannedList = `#listcategory: "pornography"
<forbidden fruitcake>
`;
const exceptionList = `<school project>
`;

const encode = (text: string) => new TextEncoder().encode(text);
const phrases = compilePhrases([
  ...parseE2guardianPhrases(encode(selfHarmList), { source: 'test/self-harm', kind: 'weighted' })
    .rules,
  ...parseE2guardianPhrases(encode(bannedList), { source: 'test/banned', kind: 'banned' }).rules,
  ...parseE2guardianPhrases(encode(exceptionList), {
    source: 'test/exception',
    kind: 'exception',
    category: 'exception',
  }).rules,
]);
const engine = createTestEngine();
const search = (terms: string, group: string) =>
  decide(
    { url: `https://www.google.co.uk/search?q=${encodeURIComponent(terms)}`, groups: [group] },
    { index: engine.index, policy: engine.policy, phrases, now: LESSON_TIME },
  );

describe('decide: search-term phrases', () => {
  const cases = [
    // pupils: limit 100, self-harm block; staff: limit 160, self-harm alert; privileged: phrases off.
    {
      name: 'over_the_limit_blocks_pupils',
      terms: 'sad pumpkin lonely turnip',
      group: 'pupils',
      action: 'block',
      reason: 'phrase',
    },
    {
      name: 'same_terms_under_staff_limit',
      terms: 'sad pumpkin lonely turnip',
      group: 'staff',
      action: 'allow',
      reason: 'uncategorised',
    },
    {
      name: 'benign_context_lowers_score',
      terms: 'sad pumpkin lonely turnip helpline',
      group: 'pupils',
      action: 'allow',
      reason: 'uncategorised',
    },
    {
      name: 'under_the_limit',
      terms: 'sad pumpkin',
      group: 'pupils',
      action: 'allow',
      reason: 'uncategorised',
    },
    {
      name: 'leet_and_case_folded',
      terms: 'SAD PUMPK1N l0nely turn1p',
      group: 'pupils',
      action: 'block',
      reason: 'phrase',
    },
    {
      name: 'banned_phrase_blocks',
      terms: 'forbidden fruitcake',
      group: 'staff',
      action: 'block',
      reason: 'phrase',
    },
    {
      name: 'group_without_limit_ignores_phrases',
      terms: 'forbidden fruitcake',
      group: 'privileged',
      action: 'allow',
      reason: 'uncategorised',
    },
    {
      name: 'exception_phrase_clears',
      terms: 'forbidden fruitcake school project',
      group: 'pupils',
      action: 'allow',
      reason: 'uncategorised',
    },
  ] as const;
  for (const c of cases) {
    it(c.name, () => {
      const d = search(c.terms, c.group);
      assert.equal(d.action, c.action, JSON.stringify(d.reason));
      assert.equal(d.reason.code, c.reason);
    });
  }

  it('the reason names the category, score, limit and phrases', () => {
    const d = search('sad pumpkin lonely turnip', 'pupils');
    assert.ok(d.reason.code === 'phrase');
    assert.equal(d.reason.category, 'self-harm');
    assert.equal(d.reason.score, 130);
    assert.equal(d.reason.limit, 100);
    assert.deepEqual([...d.reason.phrases].sort(), [
      'lonely turnip',
      'pumpkin',
      'sad pumpkin',
      'turnip',
    ]);
    assert.ok(d.categories.includes('self-harm'));
    assert.equal(d.search?.terms, 'sad pumpkin lonely turnip');
  });

  it('an alert-rule category over the limit alerts rather than blocks', () => {
    const d = search('sad pumpkin lonely turnip gloomy gourd', 'staff');
    assert.equal(d.action, 'alert');
    assert.ok(d.reason.code === 'phrase' && d.reason.score === 170 && d.reason.limit === 160);
    assert.equal(
      search('sad pumpkin lonely turnip gloomy gourd helpline', 'staff').action,
      'allow',
    );
  });
});
