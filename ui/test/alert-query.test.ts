import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AlertQueryCodec } from '../src/alerts/alert-query.js';
import { describeQuery } from '../src/alerts/describe-query.js';

test('AlertQueryCodec.read', async (t) => {
  const cases = [
    {
      name: 'defaults',
      input: '',
      want: { state: 'open', minLevel: null, category: '', className: '', id: null },
    },
    {
      name: 'every_field',
      input: 'state=closed&minLevel=4&category=self-harm&class=9x&id=abc',
      want: { state: 'closed', minLevel: 4, category: 'self-harm', className: '9x', id: 'abc' },
    },
    {
      name: 'odd_values_fall_back',
      input: 'state=deleted&minLevel=9&id=',
      want: { state: 'open', minLevel: null, category: '', className: '', id: null },
    },
    {
      name: 'fractional_level_ignored',
      input: 'minLevel=2.5',
      want: { state: 'open', minLevel: null, category: '', className: '', id: null },
    },
  ];
  for (const c of cases) {
    await t.test(c.name, () => {
      assert.deepEqual(AlertQueryCodec.read(new URLSearchParams(c.input)), c.want);
    });
  }
});

test('AlertQueryCodec.toFilter', async (t) => {
  const base = { state: 'open', minLevel: null, category: '', className: '', id: null } as const;
  const cases = [
    {
      name: 'open_is_new_and_acknowledged',
      input: base,
      want: { states: ['new', 'acknowledged'], limit: 200 },
    },
    {
      name: 'all_is_every_state',
      input: { ...base, state: 'all' as const },
      want: { states: [], limit: 200 },
    },
    {
      name: 'one_state_and_filters',
      input: {
        ...base,
        state: 'escalated' as const,
        minLevel: 3 as const,
        category: 'gambling',
        className: '9X',
      },
      want: {
        states: ['escalated'],
        minLevel: 3,
        category: 'gambling',
        className: '9x',
        limit: 200,
      },
    },
  ];
  for (const c of cases) {
    await t.test(c.name, () => {
      assert.deepEqual(AlertQueryCodec.toFilter(c.input), c.want);
    });
  }
});

test('AlertQueryCodec round trip and key', () => {
  const query = {
    state: 'all',
    minLevel: 2,
    category: 'adult',
    className: '10y',
    id: 'x1',
  } as const;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(AlertQueryCodec.toParams(query))) {
    if (value !== undefined) params.set(key, value);
  }
  assert.deepEqual(AlertQueryCodec.read(params), query);
  // The open alert is not part of the list's key: opening one does not reload the queue.
  assert.equal(AlertQueryCodec.listKey(query), AlertQueryCodec.listKey({ ...query, id: null }));
  assert.notEqual(
    AlertQueryCodec.listKey(query),
    AlertQueryCodec.listKey({ ...query, minLevel: 3 }),
  );
  assert.equal(AlertQueryCodec.toParams({ ...query, state: 'open', id: null }).state, undefined);
});

test('describeQuery', async (t) => {
  const base = { state: 'open', minLevel: null, category: '', className: '', id: null } as const;
  const cases = [
    { name: 'default', input: base, want: 'open alerts' },
    {
      name: 'all_filters',
      input: {
        ...base,
        state: 'closed' as const,
        minLevel: 3 as const,
        category: 'self-harm',
        className: '9x',
      },
      want: 'closed alerts, level 3 Concern and above, category self-harm, class 9x',
    },
  ];
  for (const c of cases) {
    await t.test(c.name, () => assert.equal(describeQuery(c.input), c.want));
  }
});
