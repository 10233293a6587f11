import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type SeqRange, subtractSeqRanges } from '../../../src/casework/audit/seq-ranges.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

const cases: { name: string; include: SeqRange[]; exclude: SeqRange[]; want: SeqRange[] }[] = [
  { name: 'nothing', include: [], exclude: [[1, 5]], want: [] },
  { name: 'nothing_excluded', include: [[3, 4]], exclude: [], want: [[3, 4]] },
  {
    name: 'merges_overlaps',
    include: [
      [5, 9],
      [1, 2],
      [2, 4],
    ],
    exclude: [],
    want: [[1, 9]],
  },
  { name: 'shifted_run', include: [[3, 9]], exclude: [[4, 10]], want: [[3, 3]] },
  {
    name: 'hole_in_middle',
    include: [[1, 10]],
    exclude: [[4, 6]],
    want: [
      [1, 3],
      [7, 10],
    ],
  },
  {
    name: 'swap_cancels',
    include: [
      [3, 3],
      [6, 6],
    ],
    exclude: [
      [6, 6],
      [3, 3],
    ],
    want: [],
  },
  {
    name: 'one_cut_spans_two',
    include: [
      [1, 3],
      [5, 8],
    ],
    exclude: [[2, 6]],
    want: [
      [1, 1],
      [7, 8],
    ],
  },
  { name: 'empty_ranges_ignored', include: [[5, 4]], exclude: [], want: [] },
];

function expand(ranges: readonly SeqRange[]): Set<number> {
  const out = new Set<number>();
  for (const [a, b] of ranges) for (let s = a; s <= b; s += 1) out.add(s);
  return out;
}

describe('subtractSeqRanges', () => {
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(subtractSeqRanges(c.include, c.exclude), c.want));
  }

  it('agrees with set difference, as sorted disjoint non-touching ranges', () => {
    const range = fc
      .tuple(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 8 }))
      .map(([a, n]): SeqRange => [a, a + n]);
    fc.assert(
      fc.property(fc.array(range), fc.array(range), (include, exclude) => {
        const got = subtractSeqRanges(include, exclude);
        const cut = expand(exclude);
        const want = [...expand(include)].filter((s) => !cut.has(s)).sort((a, b) => a - b);
        assert.deepEqual(
          [...expand(got)].sort((a, b) => a - b),
          want,
        );
        for (let i = 1; i < got.length; i += 1) assert.ok(got[i]![0] > got[i - 1]![1] + 1);
      }),
      { numRuns: RUNS },
    );
  });
});
