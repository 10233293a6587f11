/**
 * Row indices `0..count-1` ordered by the unsigned 64-bit key `(hi[i], lo[i])`, stable.
 * A least-significant-digit radix sort (four 16-bit passes) because a comparison sort of
 * millions of rows through a JS comparator takes seconds.
 *
 * ### Examples
 * ```ts
 * sortByHash(new Uint32Array([2, 1]), new Uint32Array([0, 0]), 2) // Uint32Array [1, 0]
 * ```
 */
export function sortByHash(hi: Uint32Array, lo: Uint32Array, count: number): Uint32Array {
  let order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  let spare = new Uint32Array(count);
  const buckets = new Uint32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const key = pass < 2 ? lo : hi;
    const shift = (pass & 1) * 16;
    buckets.fill(0);
    for (let i = 0; i < count; i++) buckets[(key[order[i]!]! >>> shift) & 0xffff]!++;
    let start = 0;
    for (let d = 0; d < 65536; d++) {
      const n = buckets[d]!;
      buckets[d] = start;
      start += n;
    }
    for (let i = 0; i < count; i++) {
      const row = order[i]!;
      spare[buckets[(key[row]! >>> shift) & 0xffff]!++] = row;
    }
    const done = spare;
    spare = order;
    order = done;
  }
  return order;
}
