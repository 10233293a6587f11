import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { holdReviewDue } from '../../../src/casework/holds/hold-review-due.js';

const PERIODS = { safeguardingReviewYearsAfterBirth: 25, hrYears: 7 };
const PLACED = Date.parse('2026-01-10T09:15:00.000Z');

describe('holdReviewDue', () => {
  const cases = [
    {
      name: 'safeguarding_birth_date_plus_25_years',
      input: { kind: 'safeguarding', birth: '2012-05-04' },
      want: { reviewDueMs: Date.UTC(2037, 4, 4), basis: 'birth-date', fallback: false },
    },
    {
      name: 'safeguarding_29_february_comes_due_on_1_march',
      input: { kind: 'safeguarding', birth: '2012-02-29' },
      want: { reviewDueMs: Date.UTC(2037, 2, 1), basis: 'birth-date', fallback: false },
    },
    {
      name: 'safeguarding_without_birth_date_falls_back_to_placed_plus_25',
      input: { kind: 'safeguarding', birth: undefined },
      want: {
        reviewDueMs: Date.parse('2051-01-10T09:15:00.000Z'),
        basis: 'placed',
        fallback: true,
      },
    },
    {
      name: 'hr_placed_plus_7_years_whatever_the_birth_date',
      input: { kind: 'hr', birth: '1980-01-01' },
      want: {
        reviewDueMs: Date.parse('2033-01-10T09:15:00.000Z'),
        basis: 'placed',
        fallback: false,
      },
    },
  ] as const;
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(holdReviewDue(c.input.kind, PLACED, c.input.birth, PERIODS), c.want);
    });
  }

  const bad = [
    { name: 'not_a_date', birth: '4 May 2012' },
    { name: 'no_such_day', birth: '2013-02-29' },
    { name: 'month_13', birth: '2012-13-01' },
    { name: 'born_after_the_hold', birth: '2026-01-11' },
  ];
  for (const c of bad) {
    it(`rejects_${c.name}`, () => {
      assert.throws(() => holdReviewDue('safeguarding', PLACED, c.birth, PERIODS), RangeError);
    });
  }

  it('follows the configured years', () => {
    const due = holdReviewDue('hr', PLACED, undefined, {
      safeguardingReviewYearsAfterBirth: 30,
      hrYears: 2,
    });
    assert.equal(due.reviewDueMs, Date.parse('2028-01-10T09:15:00.000Z'));
  });
});
