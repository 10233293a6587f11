import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  applyPolicyOverlay,
  EMPTY_OVERLAY,
} from '../../../src/engine/policy/apply-policy-overlay.js';
import type { ExceptionDefinition } from '../../../src/engine/policy/policy-definition.js';
import {
  createTestEngine,
  LESSON_TIME,
  TEST_LISTS,
  TEST_POLICY,
} from '../../support/engine-fixture.js';

const exception = (
  over: Partial<ExceptionDefinition> & { id: string; match: string },
): ExceptionDefinition => ({
  action: 'allow',
  reason: 'set in the console',
  ...over,
});

describe('applyPolicyOverlay: the console exceptions over the file policy', () => {
  it('leaves the definition as it is with nothing to add', () => {
    assert.equal(applyPolicyOverlay(TEST_POLICY, EMPTY_OVERLAY), TEST_POLICY);
  });

  it('adds exceptions after the file’s and applies cells as before', () => {
    const definition = applyPolicyOverlay(TEST_POLICY, {
      cells: [{ group: 'pupils', category: 'violence', action: 'allow' }],
      exceptions: [exception({ id: 'console-1', match: 'bad.example' })],
    });
    assert.equal(definition.exceptions.length, TEST_POLICY.exceptions.length + 1);
    assert.equal(definition.exceptions.at(-1)?.id, 'console-1');
    assert.equal(definition.groups.find((g) => g.id === 'pupils')?.categories.violence, 'allow');
  });

  const cases = [
    {
      name: 'allow_exception_allows_a_blocked_site',
      exceptions: [exception({ id: 'console-a', match: 'bad.example', groups: ['pupils'] })],
      url: 'https://bad.example/',
      group: 'pupils',
      want: { action: 'allow', reason: 'exception' },
    },
    {
      name: 'only_for_its_groups',
      exceptions: [exception({ id: 'console-a', match: 'bad.example', groups: ['pupils'] })],
      url: 'https://bad.example/',
      group: 'staff',
      want: { action: 'block', reason: 'category' },
    },
    {
      name: 'block_exception_for_a_path',
      exceptions: [exception({ id: 'console-b', match: 'news.example/sport', action: 'block' })],
      url: 'https://news.example/sport/today',
      group: 'privileged',
      want: { action: 'block', reason: 'exception' },
    },
    {
      name: 'mandatory_category_never_allowed',
      exceptions: [exception({ id: 'console-c', match: 'iwf.example' })],
      url: 'https://iwf.example/',
      group: 'privileged',
      want: { action: 'block', reason: 'mandatory' },
    },
    {
      name: 'expired_exception_ignored',
      exceptions: [
        exception({
          id: 'console-d',
          match: 'bad.example',
          expires: new Date(LESSON_TIME - 1).toISOString(),
        }),
      ],
      url: 'https://bad.example/',
      group: 'pupils',
      want: { action: 'block', reason: 'category' },
    },
    {
      name: 'not_yet_expired_applies',
      exceptions: [
        exception({
          id: 'console-d',
          match: 'bad.example',
          expires: new Date(LESSON_TIME + 1).toISOString(),
        }),
      ],
      url: 'https://bad.example/',
      group: 'pupils',
      want: { action: 'allow', reason: 'exception' },
    },
    {
      name: 'id_taken_by_the_file_is_left_out',
      exceptions: [exception({ id: 'maths-games', match: 'bad.example' })],
      url: 'https://bad.example/',
      group: 'pupils',
      want: { action: 'block', reason: 'category' },
    },
    {
      name: 'groups_gone_from_the_file_leave_it_out_not_widened',
      exceptions: [exception({ id: 'console-e', match: 'bad.example', groups: ['year13'] })],
      url: 'https://bad.example/',
      group: 'pupils',
      want: { action: 'block', reason: 'category' },
    },
    {
      name: 'groups_gone_are_dropped_the_rest_apply',
      exceptions: [
        exception({ id: 'console-e', match: 'bad.example', groups: ['year13', 'pupils'] }),
      ],
      url: 'https://bad.example/',
      group: 'pupils',
      want: { action: 'allow', reason: 'exception' },
    },
  ] as const;
  for (const c of cases) {
    it(c.name, () => {
      const engine = createTestEngine(
        TEST_LISTS,
        applyPolicyOverlay(TEST_POLICY, { cells: [], exceptions: c.exceptions }),
      );
      const d = engine.decide({ url: c.url, groups: [c.group] });
      assert.deepEqual({ action: d.action, reason: d.reason.code }, c.want);
    });
  }
});
