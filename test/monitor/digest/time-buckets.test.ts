import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { timeBuckets } from '../../../src/monitor/digest/time-buckets.js';

const z = (iso: string) => Date.parse(iso);

describe('timeBuckets', () => {
  const cases = [
    {
      name: 'hours of a winter morning',
      input: [z('2026-11-24T08:00:00Z'), z('2026-11-24T11:00:00Z'), 'hour'],
      want: [
        ['2026-11-24 08:00 GMT', '08:00'],
        ['2026-11-24 09:00 GMT', '09:00'],
        ['2026-11-24 10:00 GMT', '10:00'],
      ],
    },
    {
      name: 'the hour that happens twice names its zone',
      input: [z('2026-10-24T23:00:00Z'), z('2026-10-25T03:00:00Z'), 'hour'],
      want: [
        ['2026-10-25 00:00 BST', '00:00'],
        ['2026-10-25 01:00 BST', '01:00 BST'],
        ['2026-10-25 01:00 GMT', '01:00 GMT'],
        ['2026-10-25 02:00 GMT', '02:00'],
      ],
    },
    {
      name: 'local days, the first and last clipped to the period',
      input: [z('2026-06-30T12:00:00Z'), z('2026-07-02T06:00:00Z'), 'day'],
      want: [
        ['2026-06-30', 'Tue 30 Jun'],
        ['2026-07-01', 'Wed 1 Jul'],
        ['2026-07-02', 'Thu 2 Jul'],
      ],
    },
  ] as const;
  for (const { name, input, want } of cases) {
    it(name, () => {
      const { buckets } = timeBuckets(input[0], input[1], 'Europe/London', input[2]);
      assert.deepEqual(
        buckets.map((b) => [b.key, b.label]),
        want,
      );
      assert.equal(buckets[0]!.startMs, input[0]);
      assert.equal(buckets.at(-1)!.endMs, input[1]);
      for (let i = 1; i < buckets.length; i++) {
        assert.equal(buckets[i]!.startMs, buckets[i - 1]!.endMs, 'buckets meet');
      }
    });
  }

  it('finds the bucket of a moment, and none outside the period', () => {
    const from = z('2026-06-30T12:00:00Z');
    const to = z('2026-07-02T06:00:00Z');
    const { indexOf } = timeBuckets(from, to, 'Europe/London', 'day');
    const cases = [
      { at: from - 1, want: -1 },
      { at: from, want: 0 },
      { at: z('2026-06-30T22:59:59.999Z'), want: 0 },
      { at: z('2026-06-30T23:00:00Z'), want: 1 }, // midnight BST
      { at: z('2026-07-01T23:00:00Z'), want: 2 },
      { at: to - 1, want: 2 },
      { at: to, want: -1 },
    ];
    for (const c of cases) assert.equal(indexOf(c.at), c.want, new Date(c.at).toISOString());
  });
});
