import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { createEventId } from '../../src/events/create-event-id.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const fixed = (bytes: readonly number[]) => (target: Uint8Array) => {
  target.set(bytes.slice(0, target.length));
  return target;
};
/** The Unix milliseconds a UUIDv7 carries in its first 48 bits. */
const timeOf = (id: string) => Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);

describe('createEventId', () => {
  const cases = [
    {
      name: 'zero_time_zero_random',
      now: 0,
      random: fixed(Array(10).fill(0)),
      want: '00000000-0000-7000-8000-000000000000',
    },
    {
      name: 'all_ones_random_keeps_version_and_variant',
      now: 0,
      random: fixed(Array(10).fill(0xff)),
      want: '00000000-0000-7fff-bfff-ffffffffffff',
    },
    {
      name: 'rfc9562_example_timestamp',
      // RFC 9562 appendix A.6: 0x017F22E279B0 is Tuesday, February 22, 2022 2:22:22.00 PM GMT-05:00.
      now: 0x017f22e279b0,
      random: fixed([0x0c, 0xc3, 0x18, 0xc4, 0xdc, 0x0c, 0x0c, 0x07, 0x39, 0x8f]),
      want: '017f22e2-79b0-7cc3-98c4-dc0c0c07398f',
    },
    {
      name: 'largest_48_bit_time',
      now: 2 ** 48 - 1,
      random: fixed(Array(10).fill(0)),
      want: 'ffffffff-ffff-7000-8000-000000000000',
    },
  ];
  for (const { name, now, random, want } of cases) {
    it(name, () => assert.equal(createEventId(now, random), want));
  }

  const bad = [
    { name: 'negative', now: -1 },
    { name: 'fractional', now: 1.5 },
    { name: 'past_48_bits', now: 2 ** 48 },
    { name: 'nan', now: Number.NaN },
  ];
  for (const { name, now } of bad) {
    it(`rejects_${name}`, () => assert.throws(() => createEventId(now), RangeError));
  }

  it('is_a_uuid_v7_carrying_its_time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 48 - 1 }), (now) => {
        const id = createEventId(now);
        assert.match(id, UUID_V7);
        assert.equal(timeOf(id), now);
      }),
      { numRuns: RUNS },
    );
  });

  it('sorts_as_text_in_time_order', () => {
    const bytes = fc.uint8Array({ minLength: 10, maxLength: 10 });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 48 - 2 }),
        fc.integer({ min: 1, max: 2 ** 40 }),
        bytes,
        bytes,
        (earlier, gap, a, b) => {
          const later = Math.min(earlier + gap, 2 ** 48 - 1);
          const first = createEventId(earlier, fixed([...a]));
          const second = createEventId(later, fixed([...b]));
          assert.ok(first < second, `${first} should sort before ${second}`);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('differs_when_the_random_bits_differ', () => {
    // Only the 74 bits outside version and variant are random: mask the rest before comparing.
    const bits = (b: Uint8Array) => [b[0]! & 0x0f, b[1], b[2]! & 0x3f, ...b.slice(3)].join();
    const bytes = fc.uint8Array({ minLength: 10, maxLength: 10 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 48 - 1 }), bytes, bytes, (now, a, b) => {
        fc.pre(bits(a) !== bits(b));
        assert.notEqual(createEventId(now, fixed([...a])), createEventId(now, fixed([...b])));
      }),
      { numRuns: RUNS },
    );
  });

  it('is_unique_across_many_nodes_in_one_millisecond', () => {
    // 200,000 ids with the same timestamp (as if every node wrote at once): none repeat.
    const now = Date.parse('2026-11-24T10:00:00.000Z');
    const seen = new Set<string>();
    for (let i = 0; i < 200_000; i++) seen.add(createEventId(now));
    assert.equal(seen.size, 200_000);
  });
});
