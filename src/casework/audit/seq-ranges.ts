/** An inclusive range of audit `seq` numbers, `[first, last]`. */
export type SeqRange = readonly [first: number, last: number];

/**
 * The seqs in any of `include` but in none of `exclude`, as sorted, merged ranges. Verify
 * uses it to name missing rows: the places no row occupies, minus those a moved row was
 * written for. Ranges keep it cheap when a million rows were renumbered at once.
 *
 * ### Examples
 * ```ts
 * subtractSeqRanges([[3, 9]], [[4, 10]]); // [[3, 3]]
 * subtractSeqRanges([[1, 2], [2, 5]], []); // [[1, 5]]
 * ```
 */
export function subtractSeqRanges(
  include: readonly SeqRange[],
  exclude: readonly SeqRange[],
): SeqRange[] {
  const cut = merge(exclude);
  const out: SeqRange[] = [];
  let j = 0;
  for (const [first, last] of merge(include)) {
    let from = first;
    while (j < cut.length && cut[j]![1] < from) j += 1;
    // `k` walks the cuts overlapping this range; `j` stays put for the next range.
    for (let k = j; k < cut.length && cut[k]![0] <= last && from <= last; k += 1) {
      const [cutFirst, cutLast] = cut[k]!;
      if (cutFirst > from) out.push([from, cutFirst - 1]);
      from = Math.max(from, cutLast + 1);
    }
    if (from <= last) out.push([from, last]);
  }
  return out;
}

function merge(ranges: readonly SeqRange[]): SeqRange[] {
  const sorted = ranges.filter(([a, b]) => a <= b).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [first, last] of sorted) {
    const top = out[out.length - 1];
    if (top !== undefined && first <= top[1] + 1) top[1] = Math.max(top[1], last);
    else out.push([first, last]);
  }
  return out;
}
