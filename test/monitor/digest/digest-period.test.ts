import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { digestPeriod } from '../../../src/monitor/digest/digest-period.js';
import { localMidnight } from '../../../src/monitor/digest/local-midnight.js';

const HOUR = 3_600_000;
const z = (iso: string) => Date.parse(iso);

describe('digestPeriod', () => {
  const cases = [
    {
      name: 'a winter (GMT) day',
      input: ['daily', '2026-11-24', 'Europe/London'],
      want: {
        id: 'daily:2026-11-24',
        day: '2026-11-24',
        label: 'Tuesday 24 November 2026',
        from: '2026-11-24T00:00:00Z',
        to: '2026-11-25T00:00:00Z',
        hours: 24,
      },
    },
    {
      name: 'a summer (BST) day starts at 23:00 UTC the day before',
      input: ['daily', '2026-07-01', 'Europe/London'],
      want: {
        id: 'daily:2026-07-01',
        day: '2026-07-01',
        label: 'Wednesday 1 July 2026',
        from: '2026-06-30T23:00:00Z',
        to: '2026-07-01T23:00:00Z',
        hours: 24,
      },
    },
    {
      name: 'the day clocks go forward has 23 hours',
      input: ['daily', '2026-03-29', 'Europe/London'],
      want: {
        id: 'daily:2026-03-29',
        day: '2026-03-29',
        label: 'Sunday 29 March 2026',
        from: '2026-03-29T00:00:00Z',
        to: '2026-03-29T23:00:00Z',
        hours: 23,
      },
    },
    {
      name: 'the day clocks go back has 25 hours',
      input: ['daily', '2026-10-25', 'Europe/London'],
      want: {
        id: 'daily:2026-10-25',
        day: '2026-10-25',
        label: 'Sunday 25 October 2026',
        from: '2026-10-24T23:00:00Z',
        to: '2026-10-26T00:00:00Z',
        hours: 25,
      },
    },
    {
      name: 'a week asked for by its Monday',
      input: ['weekly', '2026-11-23', 'Europe/London'],
      want: {
        id: 'weekly:2026-11-23',
        day: '2026-11-23',
        label: 'Week of Monday 23 November 2026',
        from: '2026-11-23T00:00:00Z',
        to: '2026-11-30T00:00:00Z',
        hours: 168,
      },
    },
    {
      name: 'a week asked for by a midweek day',
      input: ['weekly', '2026-11-26', 'Europe/London'],
      want: {
        id: 'weekly:2026-11-23',
        day: '2026-11-23',
        label: 'Week of Monday 23 November 2026',
        from: '2026-11-23T00:00:00Z',
        to: '2026-11-30T00:00:00Z',
        hours: 168,
      },
    },
    {
      name: 'a week asked for by its Sunday (the week before, not the week after)',
      input: ['weekly', '2026-11-29', 'Europe/London'],
      want: {
        id: 'weekly:2026-11-23',
        day: '2026-11-23',
        label: 'Week of Monday 23 November 2026',
        from: '2026-11-23T00:00:00Z',
        to: '2026-11-30T00:00:00Z',
        hours: 168,
      },
    },
    {
      name: 'the week clocks go back has 169 hours',
      input: ['weekly', '2026-10-25', 'Europe/London'],
      want: {
        id: 'weekly:2026-10-19',
        day: '2026-10-19',
        label: 'Week of Monday 19 October 2026',
        from: '2026-10-18T23:00:00Z',
        to: '2026-10-26T00:00:00Z',
        hours: 169,
      },
    },
    {
      name: 'the week clocks go forward has 167 hours',
      input: ['weekly', '2026-03-25', 'Europe/London'],
      want: {
        id: 'weekly:2026-03-23',
        day: '2026-03-23',
        label: 'Week of Monday 23 March 2026',
        from: '2026-03-23T00:00:00Z',
        to: '2026-03-29T23:00:00Z',
        hours: 167,
      },
    },
    {
      name: 'a week across new year',
      input: ['weekly', '2027-01-01', 'Europe/London'],
      want: {
        id: 'weekly:2026-12-28',
        day: '2026-12-28',
        label: 'Week of Monday 28 December 2026',
        from: '2026-12-28T00:00:00Z',
        to: '2027-01-04T00:00:00Z',
        hours: 168,
      },
    },
    {
      name: 'a zone whose clocks went forward at midnight: the day starts at 01:00',
      input: ['daily', '2018-11-04', 'America/Sao_Paulo'],
      want: {
        id: 'daily:2018-11-04',
        day: '2018-11-04',
        label: 'Sunday 4 November 2018',
        from: '2018-11-04T03:00:00Z',
        to: '2018-11-05T02:00:00Z',
        hours: 23,
      },
    },
  ] as const;

  for (const { name, input, want } of cases) {
    it(name, () => {
      const p = digestPeriod(input[0], input[1], input[2]);
      assert.deepEqual(
        {
          id: p.id,
          day: p.day,
          label: p.label,
          from: new Date(p.fromMs).toISOString().replace('.000', ''),
          to: new Date(p.toMs).toISOString().replace('.000', ''),
          hours: (p.toMs - p.fromMs) / HOUR,
        },
        want,
      );
      assert.equal(p.kind, input[0]);
      assert.equal(p.timezone, input[2]);
    });
  }

  const bad = [
    { name: 'not a date', input: ['daily', 'tomorrow', 'Europe/London'] },
    { name: 'a day that does not exist', input: ['daily', '2026-02-30', 'Europe/London'] },
    { name: 'an unknown zone', input: ['weekly', '2026-11-24', 'Mars/Olympus_Mons'] },
  ] as const;
  for (const { name, input } of bad) {
    it(`refuses ${name}`, () => {
      assert.throws(() => digestPeriod(input[0], input[1], input[2]), RangeError);
    });
  }

  it('consecutive days meet exactly, all year round', () => {
    let day = z('2026-01-01T12:00:00Z');
    for (let i = 0; i < 366; i++, day += 24 * HOUR) {
      const date = new Date(day).toISOString().slice(0, 10);
      const next = new Date(day + 24 * HOUR).toISOString().slice(0, 10);
      const p = digestPeriod('daily', date, 'Europe/London');
      assert.equal(p.toMs, localMidnight(next, 'Europe/London'), date);
      assert.equal(p.fromMs % HOUR, 0, `${date} starts on a whole UTC hour`);
    }
  });
});
