import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CATEGORY_BY_ID } from '../../../src/engine/categories/category-catalogue.js';
import { compilePhrases } from '../../../src/engine/phrases/compile-phrases.js';
import { foldPhrase } from '../../../src/engine/phrases/fold-phrase.js';
import { parseE2guardianPhrases } from '../../../src/engine/phrases/parse-e2guardian-phrases.js';
import {
  loadSafeguardingPhraseRules,
  SAFEGUARDING_LANGUAGES,
  SAFEGUARDING_TOPICS,
} from '../../../src/monitor/phrases/safeguarding-phrase-lists.js';
import {
  ISSUE_EXAMPLES,
  PHRASE_PAIRS,
  REVISION_PAGES,
  URDU_EXTREMISM_SEARCH,
} from './safeguarding-phrase-cases.js';

// Test names and messages carry ids and scores only, never list or case text.
const LISTS_DIR = new URL('../../../src/monitor/phrases/lists/', import.meta.url);
const LANGS = SAFEGUARDING_LANGUAGES.map((l) => l.code);
const ALERT = 60;

const all = loadSafeguardingPhraseRules();
const matcher = compilePhrases(all.rules);
const categoryOf = (topic: string): string => {
  const found = SAFEGUARDING_TOPICS.find((t) => t.id === topic);
  assert.ok(found, `unknown topic ${topic}`);
  return found.category;
};
const score = (text: string, category: string): number => matcher.scan(text).scores[category] ?? 0;

describe('safeguarding phrase list files', () => {
  it('ship one file per topic and language, and nothing else', () => {
    const want = SAFEGUARDING_TOPICS.flatMap((t) => LANGS.map((l) => `${t.file}.${l}.txt`)).sort();
    assert.deepEqual(readdirSync(LISTS_DIR).sort(), want);
  });

  for (const topic of SAFEGUARDING_TOPICS) {
    for (const lang of LANGS) {
      const name = `${topic.file}.${lang}`;
      it(`${name} parses cleanly with the right headers and weights`, () => {
        const bytes = readFileSync(fileURLToPath(new URL(`${name}.txt`, LISTS_DIR)));
        const parsed = parseE2guardianPhrases(bytes, { source: name, kind: 'weighted' });
        assert.equal(parsed.rejected.length, 0, `${name}: rejected lines`);
        assert.equal(parsed.listCategory, topic.category);
        assert.ok(CATEGORY_BY_ID.has(parsed.listCategory ?? ''), `${name}: unknown category`);
        assert.equal(parsed.lang, lang);
        assert.ok(parsed.rules.length >= (lang === 'en' ? 40 : 15), `${name}: too few rules`);
        const weights = parsed.rules.map((r) => r.weight);
        // Every weight on the shared scale: no forgotten (zero) weights, benign context
        // between -50 and -200, nothing above the immediate-risk band's 250.
        for (const w of weights) {
          assert.ok(w !== 0 && w <= 250 && (w > 0 || (w >= -200 && w <= -50)), `${name}: ${w}`);
        }
        assert.ok(Math.max(...weights) >= 100, `${name}: no strong indicator`);
        assert.ok(Math.min(...weights) < 0, `${name}: no benign context`);
        assert.ok(bytes.toString('utf8').includes('AGPL'), `${name}: licence header`);
      });
    }
  }
});

describe('loadSafeguardingPhraseRules', () => {
  it('loads every list with no rejected lines and no rule that folds to nothing', () => {
    assert.equal(all.files, SAFEGUARDING_TOPICS.length * LANGS.length);
    assert.deepEqual(all.rejected, []);
    assert.equal(matcher.skipped.length, 0);
    const categories = new Set(SAFEGUARDING_TOPICS.map((t) => t.category));
    for (const rule of all.rules) {
      assert.equal(rule.kind, 'weighted');
      assert.ok(categories.has(rule.category), rule.source);
      assert.match(rule.source, /^safeguarding\/[a-z-]+\.[a-z]{2}$/);
    }
  });

  it('never lists the same rule twice in a category, which would count it twice', () => {
    const seen = new Map<string, string>();
    for (const rule of all.rules) {
      const key = `${rule.category}|${rule.phrases.map(foldPhrase).sort().join('|')}`;
      const first = seen.get(key);
      assert.equal(first, undefined, `${rule.source}:${rule.line} repeats ${first}`);
      seen.set(key, `${rule.source}:${rule.line}`);
    }
  });

  it('gives every topic rules in every shipped language', () => {
    for (const topic of SAFEGUARDING_TOPICS) {
      for (const lang of LANGS) {
        const source = `safeguarding/${topic.file}.${lang}`;
        assert.ok(
          all.rules.some((r) => r.source === source && r.category === topic.category),
          source,
        );
      }
    }
  });

  const subsets = [
    { name: 'one_language', languages: ['pl'] },
    { name: 'two_languages', languages: ['ur', 'en'] },
    { name: 'repeated_code', languages: ['bn', 'bn'] },
  ];
  for (const { name, languages } of subsets) {
    it(`loads only the languages asked for: ${name}`, () => {
      const loaded = loadSafeguardingPhraseRules({ languages });
      const want = new Set(languages);
      assert.equal(loaded.files, want.size * SAFEGUARDING_TOPICS.length);
      assert.ok(loaded.rules.length > 0);
      for (const rule of loaded.rules) assert.ok(want.has(rule.source.slice(-2)), rule.source);
    });
  }

  it('refuses a language it does not ship', () => {
    assert.throws(() => loadSafeguardingPhraseRules({ languages: ['en', 'xx'] }), RangeError);
  });

  it('describes every topic with a known category and every language with a name', () => {
    for (const topic of SAFEGUARDING_TOPICS) {
      assert.equal(topic.kind, 'SafeguardingTopic');
      assert.ok(CATEGORY_BY_ID.has(topic.category), topic.id);
      assert.ok(topic.label.length > 3);
    }
    for (const lang of SAFEGUARDING_LANGUAGES) assert.match(lang.code, /^[a-z]{2}$/);
    assert.equal(new Set(LANGS).size, LANGS.length);
  });
});

describe('safeguarding phrase scores', () => {
  it('have a risk and a benign pair for every topic in every language', () => {
    for (const topic of SAFEGUARDING_TOPICS) {
      for (const lang of LANGS) {
        assert.ok(
          PHRASE_PAIRS.some((p) => p.lang === lang && p.topic === topic.id),
          `${lang} ${topic.id}`,
        );
      }
    }
  });

  it("include the issue's benign examples in every language", () => {
    for (const lang of LANGS) {
      for (const example of ISSUE_EXAMPLES) {
        assert.ok(
          PHRASE_PAIRS.some((p) => p.lang === lang && p.issue === example),
          `${lang} ${example}`,
        );
      }
    }
  });

  PHRASE_PAIRS.forEach(({ lang, topic, risk, benign }, i) => {
    it(`${lang} ${topic} #${i}: the risk text alerts and the benign one does not`, () => {
      const category = categoryOf(topic);
      const riskScore = score(risk, category);
      const benignScore = score(benign, category);
      assert.ok(riskScore >= ALERT, `risk scored ${riskScore}`);
      assert.ok(benignScore < ALERT, `benign scored ${benignScore}`);
      assert.ok(benignScore < riskScore, `benign ${benignScore} >= risk ${riskScore}`);
    });
  });

  it('scores the Urdu extremism search the monitor test uses at 100 or more', () => {
    const got = score(URDU_EXTREMISM_SEARCH, 'extremism');
    assert.ok(got >= 100, `scored ${got}`);
  });

  it('scores it at 100 or more on the Urdu lists alone too', () => {
    const urdu = compilePhrases(loadSafeguardingPhraseRules({ languages: ['ur'] }).rules);
    const got = urdu.scan(URDU_EXTREMISM_SEARCH).scores['extremism'] ?? 0;
    assert.ok(got >= 100, `scored ${got}`);
  });

  for (const lang of LANGS) {
    it(`${lang}: a long ordinary revision page alerts in no category`, () => {
      const page = REVISION_PAGES[lang];
      assert.ok(page !== undefined && page.length > 200, `${lang}: no page`);
      for (const [category, value] of Object.entries(matcher.scan(page).scores)) {
        assert.ok(value < ALERT, `${lang} ${category} scored ${value}`);
      }
    });
  }

  it('keep every revision page under the threshold when they are one multilingual page', () => {
    const html = `<html><body>${Object.values(REVISION_PAGES)
      .map((p) => `<p>${p}</p>`)
      .join('')}</body></html>`;
    for (const [category, value] of Object.entries(matcher.scan(html, { html: true }).scores)) {
      assert.ok(value < ALERT, `${category} scored ${value}`);
    }
  });

  it('score a risk text the same inside an HTML page, streamed in small chunks', () => {
    const { topic, risk } = PHRASE_PAIRS[0]!;
    const category = categoryOf(topic);
    const html = `<html><body><p>${REVISION_PAGES['en']}</p><p>${risk}</p></body></html>`;
    const stream = matcher.stream({ html: true });
    for (let i = 0; i < html.length; i += 7) stream.push(html.slice(i, i + 7));
    const streamed = stream.end().scores[category] ?? 0;
    assert.equal(streamed, matcher.scan(html, { html: true }).scores[category] ?? 0);
    assert.ok(streamed >= ALERT, `scored ${streamed}`);
  });
});
