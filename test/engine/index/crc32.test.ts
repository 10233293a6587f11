import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { crc32 } from '../../../src/engine/index/crc32.js';

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 200);

/** Bit-at-a-time CRC-32: slow and obviously right. */
function reference(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

describe('crc32', () => {
  const cases = [
    { name: 'empty', input: '', want: 0 },
    { name: 'check_value', input: '123456789', want: 0xcbf43926 },
    { name: 'pangram', input: 'The quick brown fox jumps over the lazy dog', want: 0x414fa339 },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(crc32(new TextEncoder().encode(c.input)), c.want));
  }

  it('agrees with the bit-at-a-time reference at any alignment and range', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.nat(7), (data, shift) => {
        const padded = new Uint8Array(data.length + shift);
        padded.set(data, shift);
        assert.equal(crc32(padded.subarray(shift)), reference(data));
        assert.equal(crc32(padded, shift, padded.length), reference(data));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
