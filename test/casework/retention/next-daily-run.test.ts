import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { nextDailyRun } from '../../../src/casework/retention/next-daily-run.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const iso = (ms: number) => new Date(ms).toISOString();

describe('nextDailyRun', () => {
  const cases = [
    {
      name: 'winter_gmt',
      input: ['2026-12-01T12:00:00Z', '02:30', 'Europe/London'],
      want: '2026-12-02T02:30:00.000Z',
    },
    {
      name: 'summer_bst',
      input: ['2026-07-01T12:00:00Z', '02:30', 'Europe/London'],
      want: '2026-07-02T01:30:00.000Z',
    },
    {
      name: 'later_today',
      input: ['2026-12-01T01:00:00Z', '02:30', 'Europe/London'],
      want: '2026-12-01T02:30:00.000Z',
    },
    {
      name: 'exactly_now_is_tomorrow',
      input: ['2026-12-01T02:30:00Z', '02:30', 'Europe/London'],
      want: '2026-12-02T02:30:00.000Z',
    },
    {
      name: 'spring_forward_existing_time',
      input: ['2027-03-27T12:00:00Z', '02:30', 'Europe/London'],
      want: '2027-03-28T01:30:00.000Z',
    },
    {
      name: 'spring_forward_gap_runs_an_hour_later_by_the_clock',
      input: ['2027-03-27T12:00:00Z', '01:30', 'Europe/London'],
      want: '2027-03-28T01:30:00.000Z',
    },
    {
      name: 'autumn_back_repeated_time_runs_first',
      input: ['2026-10-24T12:00:00Z', '01:30', 'Europe/London'],
      want: '2026-10-25T00:30:00.000Z',
    },
    {
      name: 'autumn_back_not_twice',
      input: ['2026-10-25T00:30:00Z', '01:30', 'Europe/London'],
      want: '2026-10-26T01:30:00.000Z',
    },
    {
      name: 'day_after_autumn_change',
      input: ['2026-10-25T12:00:00Z', '02:30', 'Europe/London'],
      want: '2026-10-26T02:30:00.000Z',
    },
    {
      name: 'midnight',
      input: ['2026-07-01T12:00:00Z', '00:00', 'Europe/London'],
      want: '2026-07-01T23:00:00.000Z',
    },
    {
      name: 'other_zone',
      input: ['2026-07-01T12:00:00Z', '23:45', 'America/New_York'],
      want: '2026-07-02T03:45:00.000Z',
    },
    {
      name: 'year_end',
      input: ['2026-12-31T23:00:00Z', '02:30', 'Europe/London'],
      want: '2027-01-01T02:30:00.000Z',
    },
  ] as const;
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(iso(nextDailyRun(Date.parse(c.input[0]), c.input[1], c.input[2])), c.want);
    });
  }

  for (const [at, zone] of [
    ['24:00', 'Europe/London'],
    ['2:30', 'Europe/London'],
    ['02:30', 'Mars/Olympus_Mons'],
  ] as const) {
    it(`rejects ${at} in ${zone}`, () =>
      assert.throws(() => nextDailyRun(0, at, zone), RangeError));
  }

  it('is after the given time, within a day and an hour, at the wall time asked for', () => {
    const zones = ['Europe/London', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'UTC'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.constantFrom(...zones),
        (after, hour, minute, zone) => {
          const at = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          const next = nextDailyRun(after, at, zone);
          const wall = new Intl.DateTimeFormat('en-GB', {
            timeZone: zone,
            hour: '2-digit',
            minute: '2-digit',
            hourCycle: 'h23',
          }).format(next);
          const shifted = `${String((hour + 1) % 24).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          // An hour later by the clock only where the time fell in a spring-forward gap.
          return (
            next > after && next - after <= 25 * 3_600_000 && (wall === at || wall === shifted)
          );
        },
      ),
      { numRuns: RUNS },
    );
  });
});
