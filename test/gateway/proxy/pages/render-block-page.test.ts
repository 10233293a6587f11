import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Decision, ReasonCode } from '../../../../src/engine/decision/decision.js';
import { REASON_LABELS } from '../../../../src/engine/decision/decision.js';
import {
  type BlockPageInput,
  renderBlockPage,
} from '../../../../src/gateway/proxy/pages/render-block-page.js';
import { htmlProblems, mainText } from './html-checks.js';
import {
  CTIRU_DECISION,
  SAMPLE_DECISIONS,
  SAMPLE_PARTICULARS,
  SECRET_PHRASE,
  SECRET_TERMS,
} from './sample-decisions.js';

const AT = new Date('2026-11-24T10:00:00Z');

function input(decision: Decision, over: Partial<BlockPageInput> = {}): BlockPageInput {
  return {
    decision,
    schoolName: 'Widford Lodge School',
    at: AT,
    user: 'amy.pupil',
    requestUrl: decision.url ?? 'http://bad host/',
    requestUnblockUrl: 'https://console.school.test/unblock?t=abc.def',
    reportConcernUrl: 'https://console.school.test/concern',
    ...over,
  };
}

describe('renderBlockPage: every reason code', () => {
  const codes = Object.keys(SAMPLE_DECISIONS) as ReasonCode[];
  for (const code of codes) {
    it(`renders_${code}_with_its_particulars`, () => {
      const decision: Decision = SAMPLE_DECISIONS[code];
      const page = renderBlockPage(input(decision));
      assert.equal(page.status, 403);
      assert.equal(page.headers['cache-control'], 'no-store');
      assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
      assert.deepEqual(htmlProblems(page.body), []);
      const text = mainText(page.body);
      if (code !== 'mandatory') assert.ok(text.includes(REASON_LABELS[code]), 'reason label');
      for (const particular of SAMPLE_PARTICULARS[code]) {
        assert.ok(text.includes(particular), `missing particular: ${particular}`);
      }
      assert.match(text, /Tuesday,? 24 November 2026,? at 10:00:00 GMT/, 'London time');
      assert.ok(text.includes('amy.pupil'), 'user');
      assert.ok(text.includes('Report a concern'));
      // The reason is stated once in the summary: describeDecision's "Why:" line is dropped.
      assert.ok(!text.includes('Why: '), 'duplicated reason line');
    });
  }
});

describe('renderBlockPage: what is and is not shown', () => {
  it('phrase_block_hides_phrases_terms_and_path', () => {
    const page = renderBlockPage(input(SAMPLE_DECISIONS.phrase));
    const quimble = /quimble|zorblax/i;
    assert.ok(!quimble.test(page.body), 'phrase or terms leaked');
    assert.ok(!page.body.includes(encodeURIComponent(SECRET_TERMS)));
    assert.ok(!page.body.includes(SECRET_PHRASE));
    assert.match(mainText(page.body), /words that matched are not shown/);
  });

  it('search_terms_hidden_on_category_block', () => {
    const decision: Decision = {
      ...SAMPLE_DECISIONS.category,
      url: 'https://games.example/search?q=secret%20words',
      search: { kind: 'SearchQuery', engine: 'google', terms: 'secret words', autocomplete: false },
    };
    const page = renderBlockPage(input(decision));
    assert.ok(!/secret/.test(page.body));
    assert.ok(mainText(page.body).includes('games.example'));
  });

  it('iwf_block_shows_splash_host_only_and_no_unblock', () => {
    const page = renderBlockPage(input(SAMPLE_DECISIONS.mandatory));
    const text = mainText(page.body);
    assert.ok(text.includes('Internet Watch Foundation'));
    assert.match(text, /crime in the UK/);
    assert.match(text, /iwf\.example/);
    assert.ok(!page.body.includes('secret/path'), 'path to the content shown');
    assert.ok(!page.body.includes('id=7'));
    assert.ok(!text.includes('Request unblock'));
    assert.ok(!page.body.includes('console.school.test/unblock'));
    assert.match(text, /0808 1000 900/);
    // Its only links are to the IWF and the school's concern form: never to the content.
    const hrefs = [...page.body.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    assert.deepEqual(hrefs, [
      'https://www.iwf.org.uk/',
      'https://www.iwf.org.uk/report',
      'https://console.school.test/concern',
    ]);
  });

  it('ctiru_block_host_only_no_unblock_no_iwf_text', () => {
    const page = renderBlockPage(input(CTIRU_DECISION));
    const text = mainText(page.body);
    assert.ok(text.includes('Unlawful terrorist content (CTIRU list)'));
    assert.ok(text.includes(REASON_LABELS.mandatory));
    assert.ok(!page.body.includes('hidden/page'));
    assert.ok(!text.includes('Internet Watch Foundation'));
    assert.ok(!text.includes('Request unblock'));
    assert.match(text, /No one at the school can unblock/);
  });

  it('offers_unblock_link_for_ordinary_block', () => {
    const page = renderBlockPage(input(SAMPLE_DECISIONS.category));
    assert.ok(page.body.includes('href="https://console.school.test/unblock?t=abc.def"'));
    assert.ok(mainText(page.body).includes('Request unblock'));
  });

  it('no_unblock_link_when_none_given', () => {
    const page = renderBlockPage(input(SAMPLE_DECISIONS.category, { requestUnblockUrl: null }));
    assert.ok(!mainText(page.body).includes('Request unblock'));
    assert.match(mainText(page.body), /ask a member of staff/);
  });

  it('not_signed_in_user', () => {
    const page = renderBlockPage(input(SAMPLE_DECISIONS.category, { user: null }));
    assert.ok(mainText(page.body).includes('not signed in'));
  });

  it('british_summer_time', () => {
    const page = renderBlockPage(
      input(SAMPLE_DECISIONS.category, { at: new Date('2026-06-02T13:05:09Z') }),
    );
    assert.match(mainText(page.body), /Tuesday,? 2 June 2026,? at 14:05:09 BST/);
  });
});

describe('renderBlockPage: hostile input is escaped', () => {
  const hostile = '<script>alert("x")</script>\'&amp;';
  const cases = [
    { name: 'school_name', over: { schoolName: hostile } },
    { name: 'user', over: { user: hostile } },
    { name: 'request_url', over: { requestUrl: `http://a.example/${hostile}` } },
    { name: 'unblock_url', over: { requestUnblockUrl: `https://c.example/?x=${hostile}` } },
    { name: 'report_url', over: { reportConcernUrl: `https://c.example/?x=${hostile}` } },
    {
      name: 'exception_reason',
      decision: {
        ...SAMPLE_DECISIONS.exception,
        reason: {
          ...SAMPLE_DECISIONS.exception.reason,
          exception: { ...SAMPLE_DECISIONS.exception.reason.exception, reason: hostile },
        },
      } satisfies Decision,
      over: {},
    },
    {
      name: 'group',
      decision: { ...SAMPLE_DECISIONS.category, group: hostile } satisfies Decision,
      over: {},
    },
  ];
  for (const c of cases) {
    it(`escapes_${c.name}`, () => {
      const page = renderBlockPage(input(c.decision ?? SAMPLE_DECISIONS.category, c.over));
      assert.ok(!page.body.includes('<script'), 'raw <script>');
      assert.ok(!page.body.includes('"x"'), 'raw quotes');
      assert.deepEqual(htmlProblems(page.body), []);
      // The value is still there, escaped, every character of it.
      assert.ok(
        page.body.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&amp;amp;'),
      );
    });
  }

  it('javascript_links_are_not_rendered', () => {
    const page = renderBlockPage(
      input(SAMPLE_DECISIONS.category, {
        requestUnblockUrl: 'javascript:alert(1)',
        reportConcernUrl: ' JAVASCRIPT:alert(1)',
      }),
    );
    assert.ok(!/javascript:/i.test(page.body));
    assert.match(mainText(page.body), /speak to a member of staff/);
  });

  it('very_long_url_is_shortened', () => {
    const long = `https://games.example/${'a'.repeat(100_000)}`;
    const page = renderBlockPage(input(SAMPLE_DECISIONS.category, { requestUrl: long }));
    assert.ok(page.body.length < 20_000, `page is ${page.body.length} chars`);
    assert.ok(mainText(page.body).includes(`https://games.example/${'a'.repeat(100)}`));
    assert.ok(page.body.includes('…'));
  });

  it('rtl_text_is_isolated', () => {
    const rtl = '\u202Eأحمد\u202C';
    const page = renderBlockPage(
      input(SAMPLE_DECISIONS.category, { user: rtl, requestUrl: `https://games.example/${rtl}` }),
    );
    assert.ok(page.body.includes(`<bdi>${rtl}</bdi>`));
    assert.ok(
      page.body.includes(`<span class="url" dir="ltr">https://games.example/${rtl}</span>`),
    );
  });

  it('control_characters_replaced', () => {
    const page = renderBlockPage(input(SAMPLE_DECISIONS.category, { user: 'a\u0000b\u001bc' }));
    assert.ok(page.body.includes('a\uFFFDb\uFFFDc'));
    assert.ok(!page.body.includes('\u0000'));
  });
});
