import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readSignals } from '../../../src/monitor/rules/read-signals.js';
import { blockedEvent, searchEvent, testPhrases, webEvent } from '../monitor-fixture.js';

const rules = { phrases: testPhrases(), alertScore: 60, repeatAttempts: 5 };

describe('readSignals', () => {
  const cases = [
    { name: 'an ordinary request says nothing', event: webEvent(0), want: [] },
    {
      name: 'a search with a phrase of intent is level 5',
      event: searchEvent(0, 'how to kill myself'),
      want: [{ kind: 'phrases', category: 'self-harm', level: 5, needsAttempts: 1 }],
    },
    {
      name: 'a strong indicator alone is level 3',
      event: searchEvent(0, 'self harm'),
      want: [{ kind: 'phrases', category: 'self-harm', level: 3, needsAttempts: 1 }],
    },
    {
      name: 'benign context lowers the score below the alert score',
      event: searchEvent(0, 'suicide prevention helpline'),
      want: [],
    },
    {
      name: 'a weak word alone is not an alert',
      event: searchEvent(0, 'feel worthless'),
      want: [],
    },
    {
      name: 'a blocked attempt at a category of concern is one level down',
      event: blockedEvent(0, 'self-harm'),
      want: [{ kind: 'concern', category: 'self-harm', level: 3, needsAttempts: 1 }],
    },
    {
      name: 'illegal content is level 5',
      event: blockedEvent(0, 'iwf-child-abuse'),
      want: [{ kind: 'concern', category: 'iwf-child-abuse', level: 5, needsAttempts: 1 }],
    },
    {
      name: 'a blocked game is a candidate for repeated attempts only',
      event: blockedEvent(0, 'games'),
      want: [{ kind: 'repeated', category: 'games', level: 1, needsAttempts: 5 }],
    },
    {
      name: 'a proxy is circumvention',
      event: blockedEvent(0, 'proxies-vpn'),
      want: [{ kind: 'circumvention', category: 'proxies-vpn', level: 2, needsAttempts: 1 }],
    },
    {
      name: 'a refused tunnel is circumvention',
      event: webEvent(0, {
        action: 'block',
        reason: 'tunnel-refused',
        reasonDetail: { tunnel: 'not-tls' },
        path: null,
      }),
      want: [{ kind: 'circumvention', category: 'proxies-vpn', level: 2, needsAttempts: 1 }],
    },
    {
      name: 'an alert rule is a category signal at the concern level',
      event: webEvent(0, {
        categories: ['self-harm'],
        action: 'alert',
        reason: 'category',
        alert: true,
      }),
      want: [{ kind: 'category', category: 'self-harm', level: 4, needsAttempts: 1 }],
    },
    {
      name: 'page text the gateway scored keeps its snippet',
      event: webEvent(0, {
        categories: ['self-harm'],
        action: 'alert',
        reason: 'phrase',
        reasonDetail: {
          category: 'self-harm',
          score: 160,
          limit: 100,
          banned: false,
          phrases: ['kill myself'],
          snippet: ' i want to kill myself tonight ',
        },
        alert: true,
      }),
      want: [{ kind: 'phrases', category: 'self-harm', level: 4, needsAttempts: 1 }],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = readSignals(c.event, rules).map(({ kind, category, level, needsAttempts }) => ({
        kind,
        category,
        level,
        needsAttempts,
      }));
      assert.deepEqual(got, c.want);
    });
  }

  it('keeps the evidence: URL without query, terms, phrases and snippet', () => {
    const [signal] = readSignals(searchEvent(5, 'i hate my life and want to hurt myself'), rules);
    assert.ok(signal !== undefined);
    assert.equal(signal.evidence.url, 'https://www.google.co.uk/search');
    assert.equal(signal.evidence.searchTerms, 'i hate my life and want to hurt myself');
    assert.deepEqual([...signal.evidence.phrases].sort(), ['hurt myself', 'i hate my life']);
    assert.match(signal.evidence.snippet ?? '', /hate my life/);
    assert.equal(signal.level, 3);
  });

  it('reads nothing from phrases when the monitor has no lists', () => {
    assert.deepEqual(
      readSignals(searchEvent(0, 'how to kill myself'), { ...rules, phrases: null }),
      [],
    );
  });
});
