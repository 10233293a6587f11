/**
 * CRC-32 arithmetic over GF(2) for joining checksums, after zlib's `crc32_combine`: the
 * reflected IEEE polynomial, and `X2N[k]` = x^(2^k) mod p, so "shift by n zero bits" is one
 * multiplication per set bit of n.
 */
const POLY = 0xedb88320;

/** a * b mod p, both reflected (bit 31 is x^0). `a` must not be 0 (it never is: a power of x). */
function multiplyModP(a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  let bb = b >>> 0;
  for (;;) {
    if ((a & m) !== 0) {
      p ^= bb;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    bb = bb & 1 ? (bb >>> 1) ^ POLY : bb >>> 1;
  }
  return p >>> 0;
}

const X2N: Uint32Array = (() => {
  const table = new Uint32Array(32);
  let p = 0x40000000; // x^1
  table[0] = p;
  for (let k = 1; k < 32; k++) {
    p = multiplyModP(p, p);
    table[k] = p;
  }
  return table;
})();

/** x^(n * 2^k) mod p, for a byte count `n` (k = 3: eight bits a byte). */
function xPowerModP(n: number, k: number): number {
  let p = 0x80000000; // x^0
  let rest = n;
  let bit = k;
  while (rest > 0) {
    // `rest % 2` and a division, not bit operators: byte counts may pass 2^32.
    if (rest % 2 === 1) p = multiplyModP(X2N[bit & 31]!, p);
    rest = Math.floor(rest / 2);
    bit++;
  }
  return p;
}

/**
 * The CRC-32 of `A` followed by `B`, given `crc32(A)`, `crc32(B)` and the length of `B`. This
 * lets the zip writer checksum a stream chunk by chunk with the engine's one-shot `crc32`
 * (`src/engine/index/crc32.ts`), which takes no running value: about 32 table-free
 * multiplications per chunk, nothing per byte.
 *
 * ### Examples
 * ```ts
 * const whole = crc32Combine(crc32(a), crc32(b), b.length); // === crc32(concat(a, b))
 * crc32Combine(0, crc32(b), b.length); // === crc32(b): the CRC of nothing is 0
 * ```
 */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  return (multiplyModP(xPowerModP(lengthB, 3), crcA >>> 0) ^ crcB) >>> 0;
}
