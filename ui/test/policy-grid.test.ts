import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PolicyMatrix, PolicyRule } from '../src/api/policy-api.js';
import { actorName } from '../src/policy/actor-name.js';
import { describeCell } from '../src/policy/describe-cell.js';
import { describeSubject } from '../src/policy/describe-subject.js';
import { matrixRows } from '../src/policy/matrix-rows.js';
import { moveInGrid } from '../src/policy/move-in-grid.js';

test('moveInGrid: spreadsheet keys, stopping at the edges', async (t) => {
  const size = { rows: 10, cols: 4 };
  const middle = { row: 5, col: 2 };
  const cases = [
    { name: 'down', key: { key: 'ArrowDown' }, at: middle, want: { row: 6, col: 2 } },
    { name: 'up', key: { key: 'ArrowUp' }, at: middle, want: { row: 4, col: 2 } },
    { name: 'left', key: { key: 'ArrowLeft' }, at: middle, want: { row: 5, col: 1 } },
    { name: 'right', key: { key: 'ArrowRight' }, at: middle, want: { row: 5, col: 3 } },
    {
      name: 'up_at_top',
      key: { key: 'ArrowUp' },
      at: { row: 0, col: 1 },
      want: { row: 0, col: 1 },
    },
    {
      name: 'right_at_edge',
      key: { key: 'ArrowRight' },
      at: { row: 2, col: 3 },
      want: { row: 2, col: 3 },
    },
    {
      name: 'down_at_bottom',
      key: { key: 'ArrowDown' },
      at: { row: 9, col: 0 },
      want: { row: 9, col: 0 },
    },
    { name: 'home_row_start', key: { key: 'Home' }, at: middle, want: { row: 5, col: 0 } },
    { name: 'end_row_end', key: { key: 'End' }, at: middle, want: { row: 5, col: 3 } },
    {
      name: 'ctrl_home_first_cell',
      key: { key: 'Home', ctrlKey: true },
      at: middle,
      want: { row: 0, col: 0 },
    },
    {
      name: 'meta_end_last_cell',
      key: { key: 'End', metaKey: true },
      at: middle,
      want: { row: 9, col: 3 },
    },
    { name: 'page_down', key: { key: 'PageDown' }, at: middle, want: { row: 9, col: 2 } },
    { name: 'page_up', key: { key: 'PageUp' }, at: middle, want: { row: 0, col: 2 } },
    { name: 'enter_is_not_a_move', key: { key: 'Enter' }, at: middle, want: null },
    { name: 'tab_is_not_a_move', key: { key: 'Tab' }, at: middle, want: null },
    { name: 'letter_is_not_a_move', key: { key: 'j' }, at: middle, want: null },
  ];
  for (const c of cases) {
    await t.test(c.name, () => assert.deepEqual(moveInGrid(c.key, c.at, size), c.want));
  }
  await t.test('empty_grid', () => {
    assert.equal(moveInGrid({ key: 'ArrowDown' }, { row: 0, col: 0 }, { rows: 0, cols: 3 }), null);
  });
});

const rule = (fields: Partial<PolicyRule>): PolicyRule => ({
  category: 'games',
  action: 'block',
  rule: 'block',
  source: 'file',
  ...fields,
});
const formatTime = (ms: number) => `T${ms}`;

test('describeCell: name and source in words', async (t) => {
  const games = { label: 'Games' };
  const pupils = { label: 'Pupils' };
  const cases = [
    {
      name: 'from_the_file',
      input: rule({}),
      want: {
        name: 'Games, Pupils: block (from the policy file)',
        source: 'from the policy file',
        detail: 'From the policy file.',
      },
    },
    {
      name: 'no_rule',
      input: rule({ action: 'allow', rule: 'allow (no rule)', source: 'default' }),
      want: {
        name: 'Games, Pupils: allow (no rule, allowed by default)',
        source: 'no rule, allowed by default',
        detail: 'The policy file has no rule for this group, so it is allowed.',
      },
    },
    {
      name: 'mandatory',
      input: rule({ rule: 'block (mandatory)', source: 'mandatory' }),
      want: {
        name: 'Games, Pupils: block (mandatory, blocked for everyone)',
        source: 'mandatory, blocked for everyone',
        detail:
          "Blocked for everyone, by law or by the school's mandatory list: it cannot be changed here.",
      },
    },
    {
      name: 'timed',
      input: rule({ action: 'timed', rule: 'allow during lunchtime; block' }),
      want: {
        name: 'Games, Pupils: timed, allow during lunchtime; block (from the policy file)',
        source: 'from the policy file',
        detail: 'From the policy file: allow during lunchtime; block.',
      },
    },
    {
      name: 'changed_in_the_console',
      input: rule({
        action: 'allow',
        rule: 'allow',
        source: 'console',
        changedBy: 'console:jo.it',
        changedMs: 42,
        reason: 'Maths games week',
      }),
      want: {
        name: 'Games, Pupils: allow (changed in the console)',
        source: 'changed in the console',
        detail: 'Changed in the console by jo.it on T42: Maths games week.',
      },
    },
    {
      name: 'reason_with_its_own_full_stop',
      input: rule({
        action: 'warn',
        rule: 'warn',
        source: 'console',
        changedBy: 'console:jo.it',
        changedMs: 42,
        reason: 'Asked by the head.',
      }),
      want: {
        name: 'Games, Pupils: warn (changed in the console)',
        source: 'changed in the console',
        detail: 'Changed in the console by jo.it on T42: Asked by the head.',
      },
    },
    {
      name: 'console_without_details',
      input: rule({ action: 'alert', rule: 'alert', source: 'console' }),
      want: {
        name: 'Games, Pupils: alert (changed in the console)',
        source: 'changed in the console',
        detail: 'Changed in the console.',
      },
    },
  ];
  for (const c of cases) {
    await t.test(c.name, () =>
      assert.deepEqual(describeCell(games, pupils, c.input, formatTime), c.want),
    );
  }
});

const MATRIX: PolicyMatrix = {
  version: 7,
  groups: [
    { id: 'staff', label: 'Staff' },
    { id: 'pupils', label: 'Pupils' },
  ],
  categories: [
    { id: 'iwf-child-abuse', label: 'Child sexual abuse content', mandatory: true },
    { id: 'games', label: 'Games', mandatory: false },
  ],
  // Deliberately in another order than `groups`, and with one rule missing.
  cells: [
    {
      group: 'pupils',
      rules: [
        rule({ category: 'games', action: 'warn', rule: 'warn' }),
        rule({ category: 'iwf-child-abuse', rule: 'block (mandatory)', source: 'mandatory' }),
      ],
    },
    {
      group: 'staff',
      rules: [
        rule({ category: 'iwf-child-abuse', rule: 'block (mandatory)', source: 'mandatory' }),
      ],
    },
  ],
};

test('matrixRows: categories as rows, groups as columns in the matrix order', () => {
  const rows = matrixRows(MATRIX);
  assert.deepEqual(
    rows.map((row) => [row.category.id, row.rules.map((r) => r?.action ?? null)]),
    [
      ['iwf-child-abuse', ['block', 'block']],
      ['games', [null, 'warn']],
    ],
  );
});

test('describeSubject and actorName: the log in the matrix words', async (t) => {
  const cases = [
    {
      name: 'policy_cell_with_labels',
      input: { kind: 'policy-cell', subject: 'pupils / games' },
      matrix: MATRIX,
      want: 'Games for Pupils',
    },
    {
      name: 'ids_before_the_matrix_loads',
      input: { kind: 'policy-cell', subject: 'pupils / games' },
      matrix: undefined,
      want: 'games for pupils',
    },
    {
      name: 'group_gone_from_the_file',
      input: { kind: 'policy-cell', subject: 'year7 / games' },
      matrix: MATRIX,
      want: 'Games for year7',
    },
    {
      name: 'other_kind_as_it_is',
      input: { kind: 'list-entry', subject: 'pupils / games' },
      matrix: MATRIX,
      want: 'pupils / games',
    },
    {
      name: 'malformed_subject_as_it_is',
      input: { kind: 'policy-cell', subject: 'pupils' },
      matrix: MATRIX,
      want: 'pupils',
    },
  ];
  for (const c of cases) {
    await t.test(c.name, () => assert.equal(describeSubject(c.input, c.matrix), c.want));
  }
  const actors = [
    { name: 'console_user', input: 'console:jo.it', want: 'jo.it' },
    { name: 'other_actor', input: 'cli:root', want: 'cli:root' },
  ];
  for (const c of actors) await t.test(c.name, () => assert.equal(actorName(c.input), c.want));
});
