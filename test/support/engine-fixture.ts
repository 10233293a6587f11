/**
 * A small engine for tests: an index built from entries written inline and a policy with
 * pupils, staff and privileged groups, schedules and exceptions. Real index and policy code,
 * no mocks.
 */
import assert from 'node:assert/strict';
import { type DecisionRequest, decide } from '../../src/engine/decision/decide.js';
import type { Decision } from '../../src/engine/decision/decision.js';
import { buildCategoryIndex } from '../../src/engine/index/build-category-index.js';
import type { CategoryIndex } from '../../src/engine/index/category-index.js';
import { loadCategoryIndex } from '../../src/engine/index/load-category-index.js';
import { parseList } from '../../src/engine/lists/parse-list.js';
import { compilePolicy, type Policy } from '../../src/engine/policy/compile-policy.js';
import type { PolicyDefinition } from '../../src/engine/policy/policy-definition.js';

/** Builds an index from `{ category: ['host', 'host/path', '192.0.2.1'] }` through the real list parser. */
export function indexOf(lists: Record<string, readonly string[]>): CategoryIndex {
  return loadCategoryIndex(
    buildCategoryIndex({
      builtAt: 0,
      lists: Object.entries(lists).map(([category, items]) => {
        const parsed = parseList(items.join('\n'), { source: `test/${category}`, format: 'urls' });
        assert.deepEqual(parsed.rejected, [], `fixture list ${category} has bad lines`);
        const entries = parsed.entries;
        return {
          category,
          source: { name: `test/${category}`, sha256: '', entries: entries.length, rejected: 0 },
          entries,
        };
      }),
    }),
  );
}

export const TEST_POLICY: PolicyDefinition = {
  timezone: 'Europe/London',
  defaultGroup: 'pupils',
  terms: [{ name: 'Autumn 2', from: '2026-11-02', to: '2026-12-18' }],
  schedules: {
    lunchtime: {
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      windows: [{ from: '12:15', to: '13:15' }],
      termTimeOnly: true,
    },
  },
  groups: [
    {
      id: 'privileged',
      label: 'Privileged',
      categories: {},
      uncategorised: 'allow',
      ipLiterals: 'allow',
      phraseLimit: null,
      safeSearch: false,
    },
    {
      id: 'staff',
      label: 'Staff',
      categories: { pornography: 'block', 'self-harm': 'alert', violence: 'warn' },
      uncategorised: 'allow',
      ipLiterals: 'warn',
      phraseLimit: 160,
      safeSearch: true,
    },
    {
      id: 'pupils',
      label: 'Pupils',
      categories: {
        pornography: 'block',
        'proxies-vpn': 'block',
        chat: 'warn',
        'self-harm': 'block',
        violence: 'block',
        streaming: 'alert',
        games: [{ action: 'allow', during: 'lunchtime' }, { action: 'block' }],
      },
      uncategorised: 'allow',
      ipLiterals: 'block',
      phraseLimit: 100,
      safeSearch: true,
    },
  ],
  exceptions: [
    {
      id: 'allow-iwf-attempt',
      match: 'iwf.example',
      action: 'allow',
      reason: 'must never take effect',
    },
    {
      id: 'maths-games',
      match: 'mathsgames.example',
      action: 'allow',
      reason: 'used in maths lessons',
      groups: ['pupils'],
    },
    {
      id: 'school-blog-block',
      match: 'school.test/blog',
      action: 'block',
      reason: 'blog comments abused',
    },
    {
      id: 'expired',
      match: 'oldgame.example',
      action: 'allow',
      reason: 'trial ended',
      expires: '2026-09-01T00:00:00Z',
    },
    { id: 'global-block', match: 'both.example', action: 'block', reason: 'global decision' },
    {
      id: 'pupils-allow',
      match: 'both.example',
      action: 'allow',
      reason: 'pupils need it',
      groups: ['pupils'],
    },
  ],
  mandatoryCategories: [],
};

export const TEST_LISTS = {
  'iwf-child-abuse': ['iwf.example'],
  pornography: ['bad.example', 'bücher.example'],
  games: ['games.example', 'mathsgames.example', 'oldgame.example', 'both.example'],
  chat: ['chat.example', 'games.example'],
  'proxies-vpn': ['192.0.2.10', 'translate.goog'],
  'self-harm': ['sh.example'],
  streaming: ['video.example'],
  violence: ['fight.example'],
  education: ['school.test', 'news.example/education'],
} as const;

/** Tuesday 24 November 2026, 10:00 in London (term time, not lunchtime). */
export const LESSON_TIME = Date.parse('2026-11-24T10:00:00Z');
/** The same day at 12:30 (lunchtime). */
export const LUNCHTIME = Date.parse('2026-11-24T12:30:00Z');

export interface TestEngine {
  readonly index: CategoryIndex;
  readonly policy: Policy;
  decide(
    request: DecisionRequest,
    now?: number,
    extra?: { isOverridden?: (host: string) => boolean },
  ): Decision;
}

export function createTestEngine(
  lists: Record<string, readonly string[]> = TEST_LISTS,
  definition: PolicyDefinition = TEST_POLICY,
): TestEngine {
  const index = indexOf(lists);
  const policy = compilePolicy(definition);
  return {
    index,
    policy,
    decide: (request, now = LESSON_TIME, extra = {}) =>
      decide(request, { index, policy, now, ...extra }),
  };
}
