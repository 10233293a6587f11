import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { crc32Combine } from '../../../src/casework/sar/crc32-combine.js';
import { crc32 } from '../../../src/engine/index/crc32.js';

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const text = (s: string) => new TextEncoder().encode(s);

describe('crc32Combine', () => {
  const cases = [
    { name: 'check_value_split_in_two', a: '1234', b: '56789', want: 0xcbf43926 },
    { name: 'empty_first_part', a: '', b: '123456789', want: 0xcbf43926 },
    { name: 'empty_second_part', a: '123456789', b: '', want: 0xcbf43926 },
    { name: 'both_empty', a: '', b: '', want: 0 },
  ];
  for (const c of cases) {
    it(`joins checksums: ${c.name}`, () => {
      const { a, b } = { a: text(c.a), b: text(c.b) };
      assert.equal(crc32Combine(crc32(a), crc32(b), b.length), c.want);
    });
  }

  it('equals the CRC of the concatenation for any two byte strings', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 5000 }),
        fc.uint8Array({ maxLength: 5000 }),
        (a, b) => {
          const joined = new Uint8Array(a.length + b.length);
          joined.set(a);
          joined.set(b, a.length);
          assert.equal(crc32Combine(crc32(a), crc32(b), b.length), crc32(joined));
        },
      ),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('keeps byte counts past 2^32 whole (joining in steps equals joining at once)', () => {
    // crc(A+B+C) two ways: (A+B)+C, and A+(B+C) with B+C longer than 2^32. A count cut to
    // 32 bits would shift A by 2 bytes instead of 2^32 + 2 on the right side only.
    const [a, b, c] = [0x12345678, 0x9abcdef0, 0x0badcafe];
    const [lengthB, lengthC] = [2 ** 32 - 2, 4];
    const leftFirst = crc32Combine(crc32Combine(a, b, lengthB), c, lengthC);
    const rightFirst = crc32Combine(a, crc32Combine(b, c, lengthC), lengthB + lengthC);
    assert.equal(leftFirst, rightFirst);
  });
});
