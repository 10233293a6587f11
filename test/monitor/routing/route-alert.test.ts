import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { monitorConfigSchema } from '../../../src/config/monitor-config.js';
import type { RiskLevel } from '../../../src/monitor/risk-level.js';
import { holdBack } from '../../../src/monitor/routing/hold-back.js';
import { routeAlert } from '../../../src/monitor/routing/route-alert.js';

const config = monitorConfigSchema.parse({
  staff: [
    { id: 'dsl', name: 'A Patel', email: 'dsl@school.test', roles: ['dsl'] },
    { id: 'deputy', name: 'B Jones', email: 'deputy@school.test', roles: ['deputy_dsl'] },
    {
      id: 'smith',
      name: 'J Smith',
      email: 'smith@school.test',
      roles: ['teacher'],
      classes: ['9x'],
    },
    {
      id: 'brown',
      name: 'K Brown',
      email: 'brown@school.test',
      roles: ['teacher'],
      classes: ['10y'],
    },
  ],
});

const alert = (level: RiskLevel, groups: string[]) => ({
  level,
  category: 'self-harm',
  subject: { user: 'pupil.one', groups, device: null, clientAddress: '10.0.0.1' },
});

describe('routeAlert (default routes)', () => {
  const cases = [
    {
      name: 'level 5 goes at once to everyone routed: DSL, deputy and the class teacher',
      alert: alert(5, ['pupils', '9x']),
      want: ['dsl:now', 'deputy:now', 'smith:now'],
    },
    {
      name: 'level 2 waits for the digest',
      alert: alert(2, ['pupils', '9x']),
      want: ['dsl:later', 'deputy:later', 'smith:later'],
    },
    {
      name: 'a teacher receives only their classes’ alerts',
      alert: alert(3, ['pupils', '10y']),
      want: ['dsl:later', 'deputy:later', 'brown:later'],
    },
    {
      name: 'an unidentified person’s alert reaches no teacher',
      alert: alert(4, []),
      want: ['dsl:now', 'deputy:now'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = routeAlert(c.alert, config.staff, config.routes).map(
        (r) => `${r.member.id}:${r.immediate ? 'now' : 'later'}`,
      );
      assert.deepEqual(got, c.want);
    });
  }

  it('an immediate route for a category sends lower levels at once', () => {
    const routes = [
      { minLevel: 2, categories: ['self-harm'], to: ['role:teacher'], immediate: true },
    ];
    const got = routeAlert(alert(2, ['9x']), config.staff, routes);
    assert.deepEqual(
      got.map((r) => [r.member.id, r.immediate]),
      [['smith', true]],
    );
    assert.deepEqual(
      routeAlert({ ...alert(2, ['9x']), category: 'games' }, config.staff, routes),
      [],
    );
  });
});

describe('holdBack', () => {
  const rules = {
    timezone: 'Europe/London',
    quietHours: { from: '18:00', to: '07:30' },
    perRecipientPerHour: 3,
  };
  const at = (iso: string) => Date.parse(iso);
  const cases = [
    { name: 'level 5 at night goes', level: 5, when: '2026-11-24T23:00:00Z', sent: 99, want: null },
    {
      name: 'level 4 over the rate limit goes',
      level: 4,
      when: '2026-11-24T12:00:00Z',
      sent: 99,
      want: null,
    },
    {
      name: 'level 3 at night waits',
      level: 3,
      when: '2026-11-24T23:00:00Z',
      sent: 0,
      want: 'quiet-hours',
    },
    {
      name: 'level 3 early morning waits',
      level: 3,
      when: '2026-11-24T07:00:00Z',
      sent: 0,
      want: 'quiet-hours',
    },
    {
      name: 'level 3 in the day goes',
      level: 3,
      when: '2026-11-24T12:00:00Z',
      sent: 2,
      want: null,
    },
    {
      name: 'level 2 over the limit waits',
      level: 2,
      when: '2026-11-24T12:00:00Z',
      sent: 3,
      want: 'rate-limit',
    },
    // 17:30 UTC is 18:30 BST in July: quiet hours follow the school's clock.
    {
      name: 'quiet hours follow BST',
      level: 3,
      when: '2026-07-01T17:30:00Z',
      sent: 0,
      want: 'quiet-hours',
    },
  ] as const;
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(holdBack(c.level, at(c.when), c.sent, rules), c.want);
    });
  }
});
