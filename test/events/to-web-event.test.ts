import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Decision } from '../../src/engine/decision/decision.js';
import { toWebEvent } from '../../src/events/to-web-event.js';
import { webEventSchema } from '../../src/events/web-event-schema.js';
import { engine, factsFor, LESSON_TIME, SAMPLE_URLS } from './event-fixture.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const pupils = ['pupils'];
const search = engine.decide({ url: 'https://www.google.co.uk/search?q=sad+pumpkin&sid=SECRET' });
const phraseDecision: Decision = {
  ...search,
  action: 'block',
  reason: {
    code: 'phrase',
    category: 'self-harm',
    score: 110,
    limit: 100,
    banned: false,
    phrases: ['sad pumpkin', 'x'.repeat(300), 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'],
  },
} as Decision;

describe('toWebEvent', () => {
  const cases = [
    {
      name: 'search_keeps_terms_and_path_not_query',
      decision: search,
      facts: factsFor({ host: 'www.google.co.uk' }),
      want: {
        host: 'www.google.co.uk',
        path: '/search',
        searchTerms: 'sad pumpkin',
        searchEngine: 'google',
        reason: 'uncategorised',
      },
    },
    {
      name: 'query_string_is_not_kept',
      decision: engine.decide({ url: 'https://school.test/reset?token=SECRET&user=pupil.one' }),
      facts: factsFor(),
      want: { path: '/reset', searchTerms: null, searchEngine: null },
    },
    {
      name: 'exempt_host_logs_host_only',
      decision: search,
      facts: factsFor({ inspectionExempt: true, inspected: false }),
      want: { host: 'www.google.co.uk', path: null, searchTerms: null, searchEngine: null },
    },
    {
      name: 'connect_host_only_has_no_path',
      decision: engine.decide({ host: 'bank.example', groups: pupils }),
      facts: factsFor({ method: 'CONNECT', host: 'bank.example:443', inspected: false }),
      want: { host: 'bank.example', path: null, method: 'CONNECT', inspected: false },
    },
    {
      name: 'unreadable_request_keeps_raw_host',
      decision: engine.decide({ url: 'gopher://old.example/1' }),
      facts: factsFor({ host: 'old.example', scheme: 'http', status: 403 }),
      want: { host: 'old.example', path: null, action: 'block', reason: 'unparseable' },
    },
    {
      name: 'mandatory_names_list_not_entry',
      decision: engine.decide({ url: 'https://iwf.example/x', groups: pupils }),
      facts: factsFor(),
      want: {
        reason: 'mandatory',
        reasonDetail: {
          category: 'iwf-child-abuse',
          listKind: 'domain',
          listSources: ['test/iwf-child-abuse'],
        },
      },
    },
    {
      name: 'category_names_entry_and_source',
      decision: engine.decide({ url: 'http://bad.example/page', groups: pupils }),
      facts: factsFor({ scheme: 'http' }),
      want: {
        action: 'block',
        reasonDetail: {
          category: 'pornography',
          listKind: 'domain',
          listKey: 'bad.example',
          listSources: ['test/pornography'],
          ruled: true,
        },
      },
    },
    {
      name: 'exception_names_its_id',
      decision: engine.decide({ url: 'https://mathsgames.example/', groups: pupils }),
      facts: factsFor(),
      want: {
        action: 'allow',
        reasonDetail: { exceptionId: 'maths-games', exceptionScope: 'group' },
      },
    },
    {
      name: 'phrase_keeps_score_and_capped_phrases',
      decision: phraseDecision,
      facts: factsFor(),
      want: {
        reason: 'phrase',
        reasonDetail: {
          category: 'self-harm',
          score: 110,
          limit: 100,
          banned: false,
          phrases: ['sad pumpkin', 'x'.repeat(100), 'c', 'd', 'e', 'f', 'g', 'h'],
        },
      },
    },
    {
      name: 'phrase_on_exempt_host_hides_phrases',
      decision: phraseDecision,
      facts: factsFor({ inspectionExempt: true }),
      want: {
        path: null,
        searchTerms: null,
        reasonDetail: { category: 'self-harm', score: 110, limit: 100, banned: false },
      },
    },
    {
      name: 'alert_action_is_flagged',
      decision: engine.decide({ url: 'https://video.example/watch?v=abc', groups: pupils }),
      facts: factsFor(),
      want: { action: 'alert', alert: true, path: '/watch' },
    },
    {
      name: 'response_scan_flag_is_kept',
      decision: engine.decide({ url: 'https://school.test/', groups: pupils }),
      facts: factsFor({ alert: true }),
      want: { action: 'allow', alert: true },
    },
    {
      name: 'mapped_ipv4_client_is_plain_ipv4',
      decision: search,
      facts: factsFor({ clientAddress: '::ffff:10.0.5.21' }),
      want: { clientAddress: '10.0.5.21' },
    },
    {
      name: 'identity_and_timing',
      decision: search,
      facts: factsFor({ user: null, device: null, durationMs: 12.6, startedAt: LESSON_TIME + 7 }),
      want: {
        user: null,
        device: null,
        durationMs: 13,
        time: '2026-11-24T10:00:00.007Z',
        policyGroup: 'pupils',
      },
    },
    {
      name: 'long_free_text_is_cut',
      decision: search,
      facts: factsFor({ user: 'u'.repeat(1000), method: 'M'.repeat(100) }),
      want: { user: 'u'.repeat(256), method: 'M'.repeat(32) },
    },
  ];
  for (const { name, decision, facts, want } of cases) {
    it(name, () => {
      const event = toWebEvent(decision, facts);
      for (const [key, value] of Object.entries(want)) {
        assert.deepEqual(event[key as keyof typeof event], value, key);
      }
      assert.ok(!JSON.stringify(event).includes('SECRET'), 'query string leaked');
      const parsed = webEventSchema.safeParse(event);
      assert.ok(parsed.success, parsed.error?.message);
    });
  }

  it('is_frozen', () => {
    const event = toWebEvent(search, factsFor());
    assert.ok(Object.isFrozen(event));
    assert.equal(event.kind, 'web-request');
  });

  it('always_builds_what_the_schema_accepts', () => {
    const text = fc.string({ minLength: 1, maxLength: 400 });
    const facts = fc.record({
      url: fc.constantFrom(...SAMPLE_URLS, 'https://www.bing.com/search?q=a%0Ab', 'nonsense'),
      hostOnly: fc.boolean(),
      startedAt: fc.integer({ min: 0, max: 2 ** 47 }),
      node: text,
      user: fc.option(text),
      groups: fc.array(fc.constantFrom('pupils', 'staff', 'privileged', 'nobody')),
      device: fc.option(text),
      clientAddress: fc.oneof(fc.ipV4(), fc.ipV6()),
      method: fc.constantFrom('GET', 'POST', 'CONNECT', 'PROPFIND'),
      scheme: fc.constantFrom('http' as const, 'https' as const),
      inspectionExempt: fc.boolean(),
      inspected: fc.boolean(),
      alert: fc.boolean(),
      status: fc.option(fc.integer({ min: 100, max: 599 })),
      bytesUp: fc.nat(),
      bytesDown: fc.nat(),
      durationMs: fc.double({ min: 0, max: 1e7, noNaN: true }),
    });
    fc.assert(
      fc.property(facts, ({ url, hostOnly, ...rest }) => {
        const host = URL.canParse(url) ? new URL(url).hostname : url;
        const decision = hostOnly
          ? engine.decide({ host, groups: rest.groups })
          : engine.decide({ url, groups: rest.groups });
        const event = toWebEvent(decision, { ...rest, host });
        const parsed = webEventSchema.safeParse(event);
        assert.ok(parsed.success, parsed.error?.message);
        if (rest.inspectionExempt || hostOnly) {
          assert.equal(event.path, null);
          assert.equal(event.searchTerms, null);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
