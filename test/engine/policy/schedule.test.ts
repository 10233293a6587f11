import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLocalClock } from '../../../src/engine/policy/local-clock.js';
import type { TermDates } from '../../../src/engine/policy/policy-definition.js';
import {
  compileSchedule,
  isInTerm,
  isScheduleActive,
  parseClockTime,
} from '../../../src/engine/policy/schedule.js';

const terms: TermDates[] = [
  { name: 'Autumn 1', from: '2026-09-03', to: '2026-10-23' },
  { name: 'Autumn 2', from: '2026-11-02', to: '2026-12-18' },
];
const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
const lunchtime = compileSchedule('lunchtime', {
  days: weekdays,
  windows: [{ from: '12:15', to: '13:15' }],
  termTimeOnly: true,
});
const lessons = compileSchedule('lessons', {
  days: weekdays,
  windows: [
    { from: '08:50', to: '12:15' },
    { from: '13:15', to: '15:15' },
  ],
  termTimeOnly: false,
});
const overnight = compileSchedule('overnight', {
  days: ['fri'],
  windows: [{ from: '22:00', to: '06:00' }],
  termTimeOnly: false,
});
const london = createLocalClock('Europe/London');

describe('schedules', () => {
  const cases = [
    // 2026-11-24 is a Tuesday in term; UK is on GMT in November.
    { name: 'lunchtime_in_term', schedule: lunchtime, at: '2026-11-24T12:30:00Z', want: true },
    {
      name: 'lunchtime_start_inclusive',
      schedule: lunchtime,
      at: '2026-11-24T12:15:00Z',
      want: true,
    },
    {
      name: 'lunchtime_end_exclusive',
      schedule: lunchtime,
      at: '2026-11-24T13:15:00Z',
      want: false,
    },
    {
      name: 'lunchtime_in_half_term',
      schedule: lunchtime,
      at: '2026-10-27T12:30:00Z',
      want: false,
    },
    { name: 'lunchtime_on_saturday', schedule: lunchtime, at: '2026-11-28T12:30:00Z', want: false },
    // 2026-07-01 is BST (UTC+1): 11:30Z is 12:30 local, but the date is outside these terms.
    {
      name: 'summer_time_out_of_term',
      schedule: lunchtime,
      at: '2026-07-01T11:30:00Z',
      want: false,
    },
    { name: 'lessons_second_window', schedule: lessons, at: '2026-11-24T14:00:00Z', want: true },
    { name: 'lessons_gap_at_lunch', schedule: lessons, at: '2026-11-24T12:45:00Z', want: false },
    { name: 'lessons_bst_offset', schedule: lessons, at: '2026-07-01T08:00:00Z', want: true },
    { name: 'overnight_friday_late', schedule: overnight, at: '2026-11-27T23:00:00Z', want: true },
    {
      name: 'overnight_saturday_early',
      schedule: overnight,
      at: '2026-11-28T05:00:00Z',
      want: true,
    },
    {
      name: 'overnight_thursday_late',
      schedule: overnight,
      at: '2026-11-26T23:00:00Z',
      want: false,
    },
    {
      name: 'overnight_sunday_early',
      schedule: overnight,
      at: '2026-11-29T05:00:00Z',
      want: false,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(isScheduleActive(c.schedule, london(Date.parse(c.at)), terms), c.want);
    });
  }

  it('reads local wall-clock time across the clock change', () => {
    assert.deepEqual(london(Date.parse('2026-07-01T11:30:00Z')), {
      day: 'wed',
      minutes: 12 * 60 + 30,
      date: '2026-07-01',
    });
    assert.deepEqual(london(Date.parse('2026-11-24T23:30:00Z')), {
      day: 'tue',
      minutes: 23 * 60 + 30,
      date: '2026-11-24',
    });
  });

  it('parses clock times and rejects malformed ones', () => {
    assert.equal(parseClockTime('08:50'), 530);
    assert.equal(parseClockTime('24:00'), 1440);
    for (const bad of ['8:50', '24:01', '12:60', 'noon', ''])
      assert.equal(parseClockTime(bad), null);
  });

  it('term dates are inclusive at both ends', () => {
    assert.equal(isInTerm('2026-09-03', terms), true);
    assert.equal(isInTerm('2026-10-23', terms), true);
    assert.equal(isInTerm('2026-10-24', terms), false);
  });

  it('refuses a malformed window with the schedule name', () => {
    assert.throws(
      () =>
        compileSchedule('break', {
          days: ['mon'],
          windows: [{ from: '10', to: '11:00' }],
          termTimeOnly: false,
        }),
      /schedule 'break'/,
    );
  });
});
