/**
 * The 64-bit key hash of the category index: two 32-bit lanes stepped one UTF-16 code unit at
 * a time, then finished into `hi` and `lo` words.
 *
 * Domain keys are hashed right to left (`bad.example` is fed as `e, l, p, m, a, x, e, ., d, a,
 * b`), so one pass over a request host yields, at each `.`, the state of the suffix to its
 * right: every label-boundary suffix is probed without slicing a string. URL keys continue the
 * state of their host left to right over the path, so each segment boundary of a request path
 * yields the state of that prefix.
 *
 * NOTE: the builder and the matcher must step and finish identically; changing any constant
 * here changes the binary format (bump `INDEX_FORMAT.version`).
 *
 * ### Examples
 * ```ts
 * let h1 = KeyHash.seed1;
 * let h2 = KeyHash.seed2;
 * for (let i = host.length - 1; i >= 0; i--) {
 *   h1 = KeyHash.step1(h1, host.charCodeAt(i));
 *   h2 = KeyHash.step2(h2, host.charCodeAt(i));
 * }
 * const hi = KeyHash.finishHi(h1, h2);
 * const lo = KeyHash.finishLo(h2, hi);
 * ```
 */
export const KeyHash = Object.freeze({
  seed1: 0x811c9dc5 | 0,
  seed2: 0x2f0b3c19 | 0,
  /** Lane 1: FNV-1a over code units; its high bits depend on everything seen so far. */
  step1(h: number, c: number): number {
    return Math.imul(h ^ c, 0x01000193);
  },
  /**
   * Lane 2: a different multiplier plus an xor-shift that feeds high bits back into low bits,
   * so the lanes do not share FNV's low-bit weakness and behave as independent 32-bit hashes.
   */
  step2(h: number, c: number): number {
    const m = Math.imul(h ^ c, 0x5bd1e995);
    return m ^ (m >>> 13);
  },
  /** The high word (unsigned): a Feistel-style mix so (h1, h2) -> (hi, lo) stays a bijection. */
  finishHi(h1: number, h2: number): number {
    return fmix32(h1 ^ Math.imul(h2, 0x27d4eb2f));
  },
  /** The low word (unsigned), from lane 2 and the already finished high word. */
  finishLo(h2: number, hi: number): number {
    return fmix32(h2 ^ hi);
  },
  /**
   * The home slot of a high word in a table of `capacity` slots: monotone in `hi`, so a table
   * sorted by hash keeps every key at or after its home. `hi >>> 8` keeps the product exact
   * in a double for capacities below 2^29.
   */
  home(hi: number, capacity: number): number {
    return Math.floor(((hi >>> 8) * capacity) / 16777216);
  },
});

/** MurmurHash3's 32-bit finaliser: full avalanche, returns an unsigned 32-bit integer. */
function fmix32(x: number): number {
  let h = x ^ (x >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
