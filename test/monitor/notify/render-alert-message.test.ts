import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Alert } from '../../../src/monitor/alert.js';
import {
  EMAIL_EVIDENCE_LIMIT,
  renderAlertMessage,
} from '../../../src/monitor/notify/render-alert-message.js';
import { RISK_MEANINGS } from '../../../src/monitor/risk-level.js';
import { testAlert, testEvidence } from './alert-fixture.js';

const OPTIONS = {
  schoolName: 'Sevenoaks School',
  consoleUrl: 'https://filter.school.test/',
  rise: false,
  timezone: 'Europe/London',
};

describe('renderAlertMessage', () => {
  const subjects: { name: string; alert: Alert; rise: boolean; want: string }[] = [
    {
      name: 'new_alert',
      alert: testAlert(),
      rise: false,
      want: '[Schoolgate] Level 5 – self-harm – pupil.one – Sevenoaks School',
    },
    {
      name: 'rise',
      alert: testAlert({ level: 4, category: 'grooming' }),
      rise: true,
      want: '[Schoolgate] Level raised to 4 – grooming – pupil.one – Sevenoaks School',
    },
    {
      name: 'no_user_names_the_device',
      alert: testAlert({
        subject: { user: null, groups: [], device: 'lab-pc-3', clientAddress: '10.0.0.9' },
      }),
      rise: false,
      want: '[Schoolgate] Level 5 – self-harm – unknown user on lab-pc-3 (10.0.0.9) – Sevenoaks School',
    },
    {
      name: 'no_user_no_device_names_the_address',
      alert: testAlert({
        subject: { user: null, groups: [], device: null, clientAddress: '10.0.0.9' },
      }),
      rise: false,
      want: '[Schoolgate] Level 5 – self-harm – unknown user at 10.0.0.9 – Sevenoaks School',
    },
    {
      name: 'line_breaks_in_a_name_cannot_add_headers',
      alert: testAlert({
        subject: {
          user: 'pupil\r\nBcc: x@blocked.example',
          groups: [],
          device: null,
          clientAddress: '10.0.0.9',
        },
      }),
      rise: false,
      want: '[Schoolgate] Level 5 – self-harm – pupil Bcc: x@blocked.example – Sevenoaks School',
    },
  ];
  for (const c of subjects) {
    it(`subject: ${c.name}`, () => {
      const message = renderAlertMessage(c.alert, testEvidence(1), { ...OPTIONS, rise: c.rise });
      assert.equal(message.subject, c.want);
      assert.doesNotMatch(message.subject, /[\r\n]/);
    });
  }

  it('says the level with its meaning, the category label, who, where and when in school time', () => {
    const message = renderAlertMessage(testAlert(), testEvidence(3), OPTIONS);
    for (const part of [message.text, message.html]) {
      assert.ok(part.includes(RISK_MEANINGS[5]), 'level meaning');
      assert.ok(part.includes('Self-harm and suicide'), 'category label');
      assert.ok(part.includes('pupil.one'));
      assert.ok(part.includes('7b, pupils'));
      assert.ok(part.includes('chromebook-12 (10.0.0.5)'));
      assert.ok(part.includes('Tue 24 Nov 2026, 09:14:03 GMT'), 'first seen, GMT');
      assert.ok(part.includes('Tue 24 Nov 2026, 09:16:03 GMT'), 'last seen');
      assert.ok(part.includes('how to hurt myself 2'), 'search terms');
      assert.ok(part.includes('hurt myself'), 'matched phrase');
      assert.ok(part.includes('schoolgate alerts show a7d3c0de-0000-4000-8000-000000000001'));
      assert.ok(
        part.includes('https://filter.school.test/alerts/a7d3c0de-0000-4000-8000-000000000001'),
      );
      assert.ok(/acknowledge/i.test(part));
    }
    assert.match(message.text, /^Events: +3$/m);
  });

  it('shows summer times as BST', () => {
    const june = Date.UTC(2026, 5, 2, 9, 14, 3);
    const message = renderAlertMessage(testAlert({ firstMs: june, lastMs: june }), [], OPTIONS);
    assert.ok(message.text.includes('Tue 2 Jun 2026, 10:14:03 BST'));
    assert.ok(message.text.includes('(none recorded)'));
  });

  it('lists evidence newest first, at most 20, and says how many there are', () => {
    const evidence = testEvidence(25)
      .reverse()
      .sort(() => 0); // any order in
    const message = renderAlertMessage(testAlert({ count: 25 }), evidence, OPTIONS);
    const shown = [...message.text.matchAll(/Search terms: how to hurt myself (\d+)/g)].map((m) =>
      Number(m[1]),
    );
    assert.equal(shown.length, EMAIL_EVIDENCE_LIMIT);
    assert.deepEqual(
      shown,
      Array.from({ length: 20 }, (_, i) => 24 - i),
    );
    assert.ok(message.text.includes('20 of 25'));
    const htmlShown = [...message.html.matchAll(/how to hurt myself (\d+)/g)].map((m) =>
      Number(m[1]),
    );
    assert.deepEqual(htmlShown, shown);
  });

  it('escapes hostile values in the HTML and keeps them as typed in the text', () => {
    const hostile = '<script>alert("x")</script>';
    const alert = testAlert({
      title: `Title ${hostile}`,
      expected: `Lesson & <b>topic</b>`,
      subject: {
        user: `<img src=x onerror=alert(1)>`,
        groups: ['"7b"'],
        device: null,
        clientAddress: '10.0.0.5',
      },
    });
    const evidence = [
      {
        ...testEvidence(1)[0]!,
        searchTerms: hostile,
        url: `https://blocked.example/"><script>`,
        snippet: "it's <b>",
      },
    ];
    const message = renderAlertMessage(alert, evidence, OPTIONS);
    assert.doesNotMatch(message.html, /<script/i);
    assert.doesNotMatch(message.html, /<img/i);
    assert.doesNotMatch(message.html, /<b>/);
    assert.ok(message.html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'));
    assert.ok(message.html.includes('Lesson &amp; &lt;b&gt;topic&lt;/b&gt;'));
    assert.ok(message.html.includes('it&#39;s &lt;b&gt;'));
    assert.ok(message.text.includes(`Search terms: ${hostile}`));
    // Evidence URLs are text, never links; the only link is the console's.
    const links = [...message.html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]);
    assert.deepEqual(links, [
      'https://filter.school.test/alerts/a7d3c0de-0000-4000-8000-000000000001',
    ]);
  });

  it('is accessible markup: language, headings, row and column headers, a caption', () => {
    const { html } = renderAlertMessage(testAlert(), testEvidence(2), OPTIONS);
    assert.match(html, /^<!doctype html>\n<html lang="en-GB">/);
    assert.match(html, /<h1[^>]*>Level 5: /);
    assert.match(html, /<th scope="row"[^>]*>Person<\/th>/);
    assert.match(html, /<th scope="col"[^>]*>Time<\/th>/);
    assert.match(html, /<caption[^>]*>Requests that added to this alert<\/caption>/);
  });

  const expectedCases = [
    { name: 'expected_shown', expected: 'PSHE lesson on mental health', want: true },
    { name: 'not_expected', expected: null, want: false },
  ];
  for (const c of expectedCases) {
    it(`expected-activity notice: ${c.name}`, () => {
      const message = renderAlertMessage(testAlert({ expected: c.expected }), [], OPTIONS);
      assert.equal(message.text.includes('expected: PSHE lesson on mental health'), c.want);
      assert.equal(message.html.includes('expected: PSHE lesson on mental health'), c.want);
      assert.equal(/^Notice: +expected: /m.test(message.text), c.want);
    });
  }

  const links = [
    { name: 'no_console', consoleUrl: null },
    { name: 'javascript_url_is_not_a_link', consoleUrl: 'javascript:alert(1)' },
    { name: 'not_a_url', consoleUrl: 'filter.school.test' },
  ];
  for (const c of links) {
    it(`without a usable console URL only the command is offered: ${c.name}`, () => {
      const message = renderAlertMessage(testAlert(), [], { ...OPTIONS, consoleUrl: c.consoleUrl });
      assert.doesNotMatch(message.html, /<a /);
      assert.doesNotMatch(message.text, /\/alerts\//);
      assert.ok(message.text.includes(`schoolgate alerts show ${testAlert().id}`));
    });
  }

  it('names an unknown (school-defined) category by its id', () => {
    const message = renderAlertMessage(testAlert({ category: 'local-gaming' }), [], OPTIONS);
    assert.match(message.text, /^Category: +local-gaming$/m);
  });
});
