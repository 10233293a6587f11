/**
 * Turns a WHATWG `URL.pathname` into the path Schoolgate matches on: percent-escapes of
 * unreserved characters (ALPHA DIGIT - . _ ~) decoded, other escapes kept with upper-case
 * hex, repeated slashes collapsed and dot segments removed. Case is kept.
 *
 * WHATWG already resolves `.`/`..` (also `%2e` forms) and backslashes; this adds what it
 * leaves alone so that `/p%61th`, `//path` and `/path` all compare equal, as they reach the
 * same resource on practically every server.
 *
 * ### Examples
 * ```ts
 * normalisePath('/p%61th');   // '/path'
 * normalisePath('//a/%2fb');  // '/a/%2Fb'
 * ```
 */
export function normalisePath(pathname: string): string {
  if (pathname.length === 0) return '/';
  let path = pathname;
  if (path.includes('%')) path = decodeUnreserved(path);
  if (path.includes('//')) path = path.replace(/\/{2,}/g, '/');
  if (path.includes('/.')) path = removeDotSegments(path);
  return path;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

function isUnreserved(c: number): boolean {
  return (
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    (c >= 48 && c <= 57) ||
    c === 45 ||
    c === 46 ||
    c === 95 ||
    c === 126
  );
}

function decodeUnreserved(path: string): string {
  let out = '';
  let copied = 0;
  for (let i = 0; i < path.length - 2; i++) {
    if (path.charCodeAt(i) !== 37) continue;
    const hi = hexValue(path.charCodeAt(i + 1));
    const lo = hexValue(path.charCodeAt(i + 2));
    if (hi < 0 || lo < 0) continue;
    const code = hi * 16 + lo;
    const replacement = isUnreserved(code)
      ? String.fromCharCode(code)
      : `%${path[i + 1]!.toUpperCase()}${path[i + 2]!.toUpperCase()}`;
    out += path.slice(copied, i) + replacement;
    copied = i + 3;
    i += 2;
  }
  return copied === 0 ? path : out + path.slice(copied);
}

function removeDotSegments(path: string): string {
  const input = path.split('/');
  const output: string[] = [];
  for (let i = 1; i < input.length; i++) {
    const segment = input[i]!;
    if (segment === '.') continue;
    if (segment === '..') output.pop();
    else output.push(segment);
  }
  const last = input[input.length - 1];
  if (last === '.' || last === '..') output.push('');
  return `/${output.join('/')}`;
}
