/**
 * Scans a host that WHATWG parsing would leave unchanged and returns where it stops, so the
 * fast paths can skip `new URL` without changing any result.
 *
 * A plain host is lower-case ASCII letters, digits, `-`, `_` and dots, with no empty label
 * (so no leading or trailing dot), no `xn--` label (those need punycode validation) and a
 * last label that starts with a letter (so it can never be read as an IPv4 number). The
 * scan stops at the first other character; the caller decides whether that character may
 * follow a host. Returns -1 when the host part is not plain.
 *
 * ### Examples
 * ```ts
 * plainHostEnd('http://www.school.test/a', 7); // 22
 * plainHostEnd('http://192.0.2.10/', 7);       // -1 (numeric last label)
 * ```
 */
export function plainHostEnd(input: string, start: number): number {
  const n = input.length;
  let labelStart = start;
  let i = start;
  for (; i < n; i++) {
    const c = input.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 95) continue;
    if (c !== 46) break;
    if (i === labelStart || isPunycodeLabel(input, labelStart, i)) return -1;
    labelStart = i + 1;
  }
  if (i === labelStart || isPunycodeLabel(input, labelStart, i)) return -1;
  const first = input.charCodeAt(labelStart);
  return first >= 97 && first <= 122 ? i : -1;
}

function isPunycodeLabel(input: string, start: number, end: number): boolean {
  return (
    end - start >= 4 &&
    input.charCodeAt(start) === 120 &&
    input.charCodeAt(start + 1) === 110 &&
    input.charCodeAt(start + 2) === 45 &&
    input.charCodeAt(start + 3) === 45
  );
}
