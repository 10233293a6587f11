import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allowedActions } from '../src/alerts/allowed-actions.js';
import { ApiProblem } from '../src/api/api-problem.js';
import type { Alert } from '../src/api/types.js';
import { createTimeFormat } from '../src/format/create-time-format.js';
import { formatAge } from '../src/format/format-age.js';
import { lockedProblem } from '../src/sign-in/locked-problem.js';

test('formatAge', async (t) => {
  const cases = [
    { name: 'just_now', input: 20_000, want: 'just now' },
    { name: 'one_minute', input: 60_000, want: '1 minute ago' },
    { name: 'hours', input: 3 * 3_600_000, want: '3 hours ago' },
    { name: 'days', input: 50 * 3_600_000, want: '2 days ago' },
    { name: 'future', input: -5, want: 'in the future (check the gateway clock)' },
  ];
  for (const c of cases) await t.test(c.name, () => assert.equal(formatAge(c.input), c.want));
});

test('createTimeFormat in the school timezone', async (t) => {
  // 2025-07-01 12:00 UTC is 13:00 in London (BST); "now" is 2025-07-01 18:00 UTC.
  const now = Date.UTC(2025, 6, 1, 18, 0);
  const london = createTimeFormat('Europe/London', () => now);
  const cases = [
    { name: 'today_is_time_only', input: Date.UTC(2025, 6, 1, 12, 0), want: '13:00' },
    { name: 'yesterday', input: Date.UTC(2025, 5, 30, 8, 30), want: 'Yesterday 09:30' },
    { name: 'this_week', input: Date.UTC(2025, 5, 27, 8, 30), want: 'Fri 27 Jun 09:30' },
    { name: 'older', input: Date.UTC(2025, 0, 5, 8, 30), want: '5 Jan 2025 08:30' },
    // 23:30 UTC on 30 June is 00:30 on 1 July in London: today there, not yesterday.
    { name: 'day_by_school_zone', input: Date.UTC(2025, 5, 30, 23, 30), want: '00:30' },
  ];
  for (const c of cases) await t.test(c.name, () => assert.equal(london.short(c.input), c.want));
  await t.test('unknown_zone_does_not_throw', () => {
    assert.equal(typeof createTimeFormat('Not/AZone', () => now).short(now), 'string');
  });
});

test('lockedProblem', async (t) => {
  const cases = [
    { name: 'rounds_up', input: 840, want: 'Too many failed attempts: try again in 14 minutes' },
    { name: 'one_minute', input: 30, want: 'Too many failed attempts: try again in 1 minute' },
    {
      name: 'missing_is_a_minute',
      input: null,
      want: 'Too many failed attempts: try again in 1 minute',
    },
  ];
  for (const c of cases) {
    await t.test(c.name, () => {
      const locked = new ApiProblem({
        code: 'locked',
        title: 'Account locked',
        detail: 'x',
        status: 423,
        retryAfterSeconds: c.input,
      });
      assert.equal(lockedProblem(locked).title, c.want);
    });
  }
});

test('allowedActions', async (t) => {
  const state = (kind: string) => ({ state: { kind, by: 'x', atMs: 0 } }) as unknown as Alert;
  const cases = [
    { name: 'new', input: 'new', want: { acknowledge: true, close: true, escalate: true } },
    {
      name: 'acknowledged',
      input: 'acknowledged',
      want: { acknowledge: false, close: true, escalate: true },
    },
    {
      name: 'closed',
      input: 'closed',
      want: { acknowledge: false, close: false, escalate: false },
    },
    {
      name: 'escalated',
      input: 'escalated',
      want: { acknowledge: false, close: false, escalate: false },
    },
  ];
  for (const c of cases)
    await t.test(c.name, () => assert.deepEqual(allowedActions(state(c.input)), c.want));
});
