import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { createWallClock } from '../../../src/casework/sar/wall-clock.js';

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 200);

describe('createWallClock', () => {
  const cases = [
    {
      name: 'summer_time',
      zone: 'Europe/London',
      input: Date.UTC(2026, 6, 1, 11, 30, 5),
      want: '2026-07-01 12:30:05',
    },
    {
      name: 'winter_time',
      zone: 'Europe/London',
      input: Date.UTC(2026, 11, 1, 11, 30, 5),
      want: '2026-12-01 11:30:05',
    },
    {
      name: 'before_clocks_go_forward',
      zone: 'Europe/London',
      input: Date.UTC(2026, 2, 29, 0, 59, 59),
      want: '2026-03-29 00:59:59',
    },
    {
      name: 'after_clocks_go_forward',
      zone: 'Europe/London',
      input: Date.UTC(2026, 2, 29, 1, 0, 0),
      want: '2026-03-29 02:00:00',
    },
    {
      name: 'new_year_in_utc',
      zone: 'UTC',
      input: Date.UTC(2027, 0, 1, 0, 0, 0),
      want: '2027-01-01 00:00:00',
    },
    {
      name: 'half_hour_zone',
      zone: 'Asia/Kolkata',
      input: Date.UTC(2026, 0, 1, 0, 0, 59),
      want: '2026-01-01 05:30:59',
    },
  ];
  for (const c of cases) {
    it(`shows ${c.name}`, () => {
      assert.equal(createWallClock(c.zone)(c.input).text, c.want);
    });
  }

  it('gives the numeric fields of the same moment', () => {
    const wall = createWallClock('Europe/London')(Date.UTC(2026, 6, 1, 11, 30, 5));
    assert.deepEqual(
      [wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second],
      [2026, 7, 1, 12, 30, 5],
    );
  });

  it('agrees with Intl for any sequence of times (the per-minute memo never goes stale)', () => {
    const wall = createWallClock('Europe/London');
    const reference = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/London',
      dateStyle: 'short',
      timeStyle: 'medium',
      hourCycle: 'h23',
    });
    const moment = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) });
    fc.assert(
      fc.property(
        fc.array(fc.oneof(moment, fc.constant(Date.UTC(2026, 9, 25, 0, 59, 59))), {
          maxLength: 20,
        }),
        (times) => {
          for (const ms of times) {
            assert.equal(wall(ms).text, reference.format(ms));
            assert.equal(wall(ms + 1000).text, reference.format(ms + 1000));
          }
        },
      ),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('refuses an unknown time zone', () => {
    assert.throws(() => createWallClock('Mars/Olympus_Mons'), RangeError);
  });
});
