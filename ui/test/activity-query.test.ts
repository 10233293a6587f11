import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ActivityQuery, ActivityQueryCodec } from '../src/activity/activity-query.js';
import { SchoolDay } from '../src/activity/school-day.js';

const LONDON = 'Europe/London';

test('SchoolDay.start: midnight on the school clock, either side of the clock changes', async (t) => {
  const cases = [
    { name: 'winter_gmt', day: '2026-11-24', zone: LONDON, want: Date.UTC(2026, 10, 24, 0) },
    { name: 'summer_bst', day: '2026-07-01', zone: LONDON, want: Date.UTC(2026, 5, 30, 23) },
    // Clocks go forward at 01:00 on 29 March 2026: that midnight is still GMT.
    { name: 'spring_forward_day', day: '2026-03-29', zone: LONDON, want: Date.UTC(2026, 2, 29, 0) },
    { name: 'day_after_spring', day: '2026-03-30', zone: LONDON, want: Date.UTC(2026, 2, 29, 23) },
    // Clocks go back at 02:00 on 25 October 2026: that midnight is still BST.
    { name: 'fall_back_day', day: '2026-10-25', zone: LONDON, want: Date.UTC(2026, 9, 24, 23) },
    { name: 'day_after_fall', day: '2026-10-26', zone: LONDON, want: Date.UTC(2026, 9, 26, 0) },
    { name: 'utc', day: '2026-07-01', zone: 'UTC', want: Date.UTC(2026, 6, 1) },
    {
      name: 'ahead_of_utc',
      day: '2026-07-01',
      zone: 'Asia/Kolkata',
      want: Date.UTC(2026, 5, 30, 18, 30),
    },
  ];
  for (const c of cases) {
    await t.test(c.name, () => assert.equal(SchoolDay.start(c.day, c.zone), c.want));
  }
});

test('SchoolDay.today, add and isDay', async (t) => {
  const cases = [
    {
      name: 'late_evening_utc_is_tomorrow_in_bst',
      got: () => SchoolDay.today(LONDON, Date.UTC(2026, 6, 1, 23, 30)),
      want: '2026-07-02',
    },
    {
      name: 'same_evening_in_gmt',
      got: () => SchoolDay.today(LONDON, Date.UTC(2026, 11, 1, 23, 30)),
      want: '2026-12-01',
    },
    { name: 'back_over_a_month', got: () => SchoolDay.add('2026-03-01', -1), want: '2026-02-28' },
    {
      name: 'over_the_clock_change',
      got: () => SchoolDay.add('2026-03-28', 2),
      want: '2026-03-30',
    },
    { name: 'leap_day', got: () => SchoolDay.isDay('2028-02-29'), want: true },
    { name: 'no_such_day', got: () => SchoolDay.isDay('2026-02-30'), want: false },
    { name: 'not_a_date', got: () => SchoolDay.isDay('24/11/2026'), want: false },
  ];
  for (const c of cases) await t.test(c.name, () => assert.equal(c.got(), c.want));
});

const TODAY = '2026-11-24';

test('ActivityQueryCodec.read: the address, or the last seven days', async (t) => {
  const cases = [
    {
      name: 'nothing_given',
      input: '',
      want: {
        subject: 'user',
        name: '',
        fromDay: '2026-11-18',
        toDay: TODAY,
        searchesOnly: false,
        q: '',
      },
    },
    {
      name: 'a_person_from_a_link',
      input: 'user=%20jsmith%20',
      want: {
        subject: 'user',
        name: 'jsmith',
        fromDay: '2026-11-18',
        toDay: TODAY,
        searchesOnly: false,
        q: '',
      },
    },
    {
      name: 'a_group_with_days_and_filters',
      input: 'group=9x&from=2026-11-01&to=2026-11-03&searches=1&q=volcano',
      want: {
        subject: 'group',
        name: '9x',
        fromDay: '2026-11-01',
        toDay: '2026-11-03',
        searchesOnly: true,
        q: 'volcano',
      },
    },
    {
      name: 'odd_days_fall_back',
      input: 'user=a&from=2026-13-01&to=soon',
      want: {
        subject: 'user',
        name: 'a',
        fromDay: '2026-11-18',
        toDay: TODAY,
        searchesOnly: false,
        q: '',
      },
    },
    {
      name: 'from_after_to_falls_back',
      input: 'user=a&from=2026-11-20&to=2026-11-10',
      want: {
        subject: 'user',
        name: 'a',
        fromDay: '2026-11-04',
        toDay: '2026-11-10',
        searchesOnly: false,
        q: '',
      },
    },
    {
      name: 'both_named_means_the_person',
      input: 'user=a&group=b',
      want: {
        subject: 'user',
        name: 'a',
        fromDay: '2026-11-18',
        toDay: TODAY,
        searchesOnly: false,
        q: '',
      },
    },
  ];
  for (const c of cases) {
    await t.test(c.name, () => {
      const { reason, ...query } = ActivityQueryCodec.read(new URLSearchParams(c.input), TODAY);
      assert.equal(reason, '', 'the reason never comes from the address');
      assert.deepEqual(query, c.want);
    });
  }
});

const query = (change: Partial<ActivityQuery> = {}): ActivityQuery => ({
  subject: 'user',
  name: 'jsmith',
  fromDay: '2026-11-18',
  toDay: TODAY,
  searchesOnly: false,
  q: '',
  reason: '',
  ...change,
});

test('ActivityQueryCodec.toParams round-trips through read, and never carries the reason', () => {
  const cases = [
    query(),
    query({ subject: 'group', name: '9x', searchesOnly: true, q: 'games' }),
    query({ fromDay: '2026-10-01', toDay: '2026-10-01' }),
  ];
  for (const c of cases) {
    const params = ActivityQueryCodec.toParams({ ...c, reason: 'ticket 12' });
    assert.ok(!Object.values(params).includes('ticket 12'));
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined) search.set(k, v);
    assert.deepEqual(ActivityQueryCodec.read(search, TODAY), c);
  }
});

test('ActivityQueryCodec.check', async (t) => {
  const cases = [
    { name: 'good', input: query(), needsReason: false, want: {} },
    {
      name: 'no_name',
      input: query({ name: '  ' }),
      needsReason: false,
      want: { name: 'Enter a username.' },
    },
    {
      name: 'no_group',
      input: query({ subject: 'group', name: '' }),
      needsReason: false,
      want: { name: 'Enter a group.' },
    },
    {
      name: 'odd_group',
      input: query({ subject: 'group', name: '9x; drop' }),
      needsReason: false,
      want: { name: 'A group id has only letters, digits, - and _ (for example 9x).' },
    },
    {
      name: 'days_backwards',
      input: query({ fromDay: '2026-11-24', toDay: '2026-11-20' }),
      needsReason: false,
      want: { toDay: 'The last day must not be before the first.' },
    },
    {
      name: 'no_first_day',
      input: query({ fromDay: '' }),
      needsReason: false,
      want: { fromDay: 'Enter the first day.' },
    },
    {
      name: 'it_without_reason',
      input: query({ reason: ' a ' }),
      needsReason: true,
      want: { reason: 'Say why you need these records (at least 3 characters).' },
    },
    { name: 'it_with_reason', input: query({ reason: 'ticket 12' }), needsReason: true, want: {} },
  ];
  for (const c of cases) {
    await t.test(c.name, () =>
      assert.deepEqual(ActivityQueryCodec.check(c.input, c.needsReason), c.want),
    );
  }
});

test('ActivityQueryCodec.toFilter: whole school days, trimmed text, only what is set', async (t) => {
  const cases = [
    {
      name: 'a_week_in_winter',
      input: query(),
      want: { user: 'jsmith', fromMs: Date.UTC(2026, 10, 18), toMs: Date.UTC(2026, 10, 25) },
    },
    {
      name: 'one_summer_day_for_a_group',
      input: query({
        subject: 'group',
        name: ' 9X ',
        fromDay: '2026-07-01',
        toDay: '2026-07-01',
        searchesOnly: true,
        q: ' volcano ',
        reason: ' ticket 12 ',
      }),
      want: {
        group: '9x',
        fromMs: Date.UTC(2026, 5, 30, 23),
        toMs: Date.UTC(2026, 6, 1, 23),
        searchesOnly: true,
        q: 'volcano',
        reason: 'ticket 12',
      },
    },
    {
      // The day the clocks go back is 25 hours long.
      name: 'over_the_clock_change',
      input: query({ fromDay: '2026-10-25', toDay: '2026-10-25' }),
      want: { user: 'jsmith', fromMs: Date.UTC(2026, 9, 24, 23), toMs: Date.UTC(2026, 9, 26, 0) },
    },
  ];
  for (const c of cases) {
    await t.test(c.name, () =>
      assert.deepEqual(ActivityQueryCodec.toFilter(c.input, LONDON), c.want),
    );
  }
});

test('ActivityQueryCodec.describe', () => {
  assert.equal(ActivityQueryCodec.describe(query()), 'jsmith, 2026-11-18 to 2026-11-24');
  assert.equal(
    ActivityQueryCodec.describe(
      query({ subject: 'group', name: '9x', fromDay: TODAY, searchesOnly: true, q: 'games' }),
    ),
    'group 9x, 2026-11-24, searches only, matching “games”',
  );
});
