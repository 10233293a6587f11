import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Decision } from '../../../../src/engine/decision/decision.js';
import {
  renderWarnPage,
  type WarnPageInput,
} from '../../../../src/gateway/proxy/pages/render-warn-page.js';
import { signLink, verifyLink } from '../../../../src/gateway/proxy/pages/signed-link.js';
import { htmlProblems, mainText } from './html-checks.js';
import { SAMPLE_DECISIONS, SECRET_TERMS, WARN_DECISION } from './sample-decisions.js';

const SECRET = 'warn-test-secret-0123456789abcdef0123456789';
const NOW = Date.parse('2026-11-24T10:00:00Z');
const TOKEN = signLink(
  {
    kind: 'continue',
    url: 'https://chat.example/rooms',
    user: 'amy',
    reason: 'category',
    category: 'chat',
  },
  SECRET,
  NOW + 600_000,
);

function input(over: Partial<WarnPageInput> = {}): WarnPageInput {
  return {
    decision: WARN_DECISION,
    schoolName: 'Widford Lodge School',
    at: new Date(NOW),
    user: 'amy',
    requestUrl: 'https://chat.example/rooms',
    continueAction: '/.schoolgate/continue',
    continueToken: TOKEN,
    backUrl: 'https://school.test/',
    ...over,
  };
}

describe('renderWarnPage', () => {
  it('explains_category_and_recording', () => {
    const page = renderWarnPage(input({ overrideMinutes: 15 }));
    assert.equal(page.status, 403);
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.deepEqual(htmlProblems(page.body), []);
    const text = mainText(page.body);
    assert.ok(text.includes('Chat and messaging'));
    assert.ok(text.includes('Chat rooms and instant messaging.'), 'category description');
    assert.match(text, /Your visit will be recorded with your name and the time/);
    assert.match(text, /for 15 minutes/);
    assert.ok(text.includes('https://chat.example/rooms'));
  });

  it('continue_form_posts_the_signed_token', () => {
    const page = renderWarnPage(input());
    const form =
      /<form method="post" action="([^"]*)">\s*<input type="hidden" name="token" value="([^"]*)">/.exec(
        page.body,
      );
    assert.ok(form, 'continue form');
    assert.equal(form[1], '/.schoolgate/continue');
    const v = verifyLink(form[2], SECRET, NOW);
    assert.equal(v.status, 'ok');
    assert.equal(v.status === 'ok' && v.payload.kind, 'continue');
    assert.ok(
      page.body.includes('<a class="button secondary" href="https://school.test/">Go back</a>'),
    );
  });

  it('csp_limits_the_form_and_forbids_framing', () => {
    const relative = renderWarnPage(input());
    assert.match(relative.headers['content-security-policy'] ?? '', /form-action 'self'/);
    assert.match(relative.headers['content-security-policy'] ?? '', /frame-ancestors 'none'/);
    assert.equal(relative.headers['x-frame-options'], 'DENY');
    const absolute = renderWarnPage(
      input({ continueAction: 'https://gw.school.test:3128/continue?a=1' }),
    );
    assert.match(
      absolute.headers['content-security-policy'] ?? '',
      /form-action https:\/\/gw\.school\.test:3128;/,
    );
    assert.ok(absolute.body.includes('action="https://gw.school.test:3128/continue?a=1"'));
  });

  it('unsafe_action_gives_no_form', () => {
    const page = renderWarnPage(
      input({ continueAction: 'javascript:alert(1)', backUrl: 'data:x' }),
    );
    assert.ok(!page.body.includes('<form'));
    assert.ok(!/javascript:|data:x/.test(page.body));
    assert.match(page.headers['content-security-policy'] ?? '', /form-action 'none'/);
    assert.match(mainText(page.body), /ask a member of staff/);
  });

  it('escapes_hostile_values', () => {
    const hostile = '"><script>alert(1)</script>';
    const page = renderWarnPage(
      input({ continueToken: hostile, user: hostile, requestUrl: hostile, schoolName: hostile }),
    );
    assert.ok(!page.body.includes('<script'));
    assert.ok(page.body.includes('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"'));
    assert.deepEqual(htmlProblems(page.body), []);
  });

  it('search_terms_hidden', () => {
    const decision: Decision = { ...WARN_DECISION, search: SAMPLE_DECISIONS.phrase.search };
    const page = renderWarnPage(
      input({ decision, requestUrl: `https://chat.example/?q=${SECRET_TERMS}` }),
    );
    assert.ok(!/quimble|zorblax/.test(page.body));
    assert.ok(mainText(page.body).includes('chat.example'));
  });
});
