/**
 * Cuts a long value (a URL can be 64 KB) to `max` characters plus an ellipsis, so a page
 * stays small and readable. Counts code points, so an emoji or a surrogate pair is never
 * split into invalid text. The result is plain text, not yet escaped.
 *
 * ### Examples
 * ```ts
 * shortenForDisplay('https://blocked.example/' + 'a'.repeat(500), 40); // 'https://blocked.example/aaaaaaaaaaaaaaaa…'
 * ```
 */
export function shortenForDisplay(value: string, max: number): string {
  // Fast path: a string no longer in UTF-16 units than max is no longer in code points.
  if (value.length <= max) return value;
  let count = 0;
  let end = 0;
  for (const point of value) {
    if (count === max) return `${value.slice(0, end)}…`;
    count++;
    end += point.length;
  }
  return value;
}
