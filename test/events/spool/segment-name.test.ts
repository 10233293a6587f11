import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SegmentName } from '../../../src/events/spool/segment-name.js';

describe('SegmentName', () => {
  const names = [
    { name: 'first', segment: 1, want: '00000001.seg' },
    { name: 'eight_digits', segment: 12_345_678, want: '12345678.seg' },
    { name: 'past_eight_digits', segment: 123_456_789, want: '123456789.seg' },
  ];
  for (const { name, segment, want } of names) {
    it(`names_and_parses_${name}`, () => {
      assert.equal(SegmentName.of(segment), want);
      assert.equal(SegmentName.parse(want), segment);
    });
  }

  const others = [
    { name: 'checkpoint', input: 'checkpoint.json' },
    { name: 'lock', input: 'spool.lock' },
    { name: 'short_number', input: '1.seg' },
    { name: 'zero', input: '00000000.seg' },
    { name: 'beyond_u32', input: '9999999999.seg' },
    { name: 'temp_suffix', input: '00000001.seg.tmp' },
  ];
  for (const { name, input } of others) {
    it(`ignores_${name}`, () => {
      assert.equal(SegmentName.parse(input), null);
    });
  }

  it('sorts_by_name_in_segment_order_up_to_eight_digits', () => {
    const segments = [1, 9, 10, 99, 100, 12_345_678];
    const byName = segments.map((segment) => SegmentName.of(segment)).sort();
    assert.deepEqual(
      byName.map((name) => SegmentName.parse(name)),
      segments,
    );
  });
});
