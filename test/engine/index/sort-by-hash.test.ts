import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { sortByHash } from '../../../src/engine/index/sort-by-hash.js';

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 200);

describe('sortByHash', () => {
  it('orders rows like a stable comparison sort on (hi, lo)', () => {
    // Small value pools make ties and equal high words common.
    const word = fc.oneof(
      fc.constantFrom(0, 1, 0xffff, 0x10000, 0xffffffff),
      fc.nat({ max: 0xffffffff }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(word, word), { maxLength: 60 }), (rows) => {
        const hi = Uint32Array.from(rows.map((r) => r[0]));
        const lo = Uint32Array.from(rows.map((r) => r[1]));
        const want = rows
          .map((_, i) => i)
          .sort((a, b) => hi[a]! - hi[b]! || lo[a]! - lo[b]! || a - b);
        assert.deepEqual([...sortByHash(hi, lo, rows.length)], want);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
