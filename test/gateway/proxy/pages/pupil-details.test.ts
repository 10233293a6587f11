import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Decision } from '../../../../src/engine/decision/decision.js';
import { describeDecision } from '../../../../src/engine/decision/describe-decision.js';
import { pupilDetails } from '../../../../src/gateway/proxy/pages/pupil-details.js';
import { createTestEngine } from '../../../support/engine-fixture.js';
import { SAMPLE_DECISIONS, SECRET_PHRASE, SECRET_TERMS } from './sample-decisions.js';

describe('pupilDetails', () => {
  it('reuses_describe_decision_wording', () => {
    const details = pupilDetails(SAMPLE_DECISIONS.category);
    const explained = describeDecision(SAMPLE_DECISIONS.category);
    assert.ok(details.length > 0);
    for (const line of details) assert.ok(explained.includes(line), line);
    assert.ok(!details.some((l) => l.startsWith('Why: ')));
    assert.ok(!details.includes(explained[0]!), 'first line (URL and verdict) dropped');
  });

  it('phrase_lines_and_terms_dropped', () => {
    const details = pupilDetails(SAMPLE_DECISIONS.phrase).join('\n');
    assert.ok(!details.includes(SECRET_PHRASE));
    assert.ok(!details.includes(SECRET_TERMS));
    assert.match(details, /score 140 against limit 100/);
  });

  it('mandatory_entry_and_url_dropped', () => {
    const details = pupilDetails(SAMPLE_DECISIONS.mandatory).join('\n');
    assert.ok(!details.includes('secret/path'));
    assert.match(details, /no policy or exception can allow it/);
  });

  it('search_terms_dropped_for_any_reason', () => {
    const decision: Decision = {
      ...SAMPLE_DECISIONS.uncategorised,
      search: { kind: 'SearchQuery', engine: 'bing', terms: 'private words', autocomplete: false },
    };
    assert.ok(!pupilDetails(decision).join('\n').includes('private words'));
  });

  it('real_engine_decisions', () => {
    const engine = createTestEngine();
    const cases = [
      { url: 'https://bad.example/x', want: /Pornography/ },
      { url: 'http://www.iwf.example/x/y', want: /IWF list/ },
      { url: 'https://school.test/blog/post-1', want: /blog comments abused/ },
      { url: 'https://games.example/', want: /Matched: games\.example/ },
    ];
    for (const c of cases) {
      const d = engine.decide({ url: c.url, groups: ['pupils'] });
      assert.match(pupilDetails(d).join('\n'), c.want, c.url);
      if (d.reason.code === 'mandatory') assert.ok(!pupilDetails(d).join('\n').includes('/x/y'));
    }
  });
});
