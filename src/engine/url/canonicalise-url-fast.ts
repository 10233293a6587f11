import type { CanonicalUrl } from './canonical-url.js';
import { plainHostEnd } from './plain-host-end.js';

/** Path characters WHATWG leaves untouched and that need no decoding or resolving. */
const PATH_OK = charTable(
  "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/",
);
/** Query characters WHATWG leaves untouched in special URLs (`%` is kept as is there). */
const QUERY_OK = charTable(
  'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&()*+,;=:@/?%[]{}|\\^`',
);

function charTable(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
}

/**
 * Canonicalises the common case without `new URL`: a lower-case `http://` or `https://`
 * URL with a plain ASCII host (see `plainHostEnd`), an optional decimal port, and a path
 * and query of characters WHATWG would not touch, with no `%` in the path, no `//` and no
 * segment starting with a dot. Returns null for anything else, and the caller then uses
 * `canonicaliseUrlSlow`. A property test checks that both give identical results whenever
 * this returns a value.
 *
 * ### Examples
 * ```ts
 * canonicaliseUrlFast('https://www.bbc.co.uk/news/education-123?x=1')?.path; // '/news/education-123'
 * canonicaliseUrlFast('http://BLOCKED.example/');                            // null
 * ```
 */
export function canonicaliseUrlFast(input: string): CanonicalUrl | null {
  const n = input.length;
  let i: number;
  let scheme: 'http' | 'https';
  if (input.startsWith('https://')) {
    scheme = 'https';
    i = 8;
  } else if (input.startsWith('http://')) {
    scheme = 'http';
    i = 7;
  } else {
    return null;
  }
  const hostStart = i;
  const hostEnd = plainHostEnd(input, hostStart);
  if (hostEnd < 0) return null;
  const defaultPort = scheme === 'http' ? 80 : 443;
  let port = defaultPort;
  let portGiven = false;
  i = hostEnd;
  if (i < n && input.charCodeAt(i) === 58 /* : */) {
    portGiven = true;
    let value = 0;
    let digits = 0;
    for (i++; i < n; i++) {
      const c = input.charCodeAt(i);
      if (c < 48 || c > 57) break;
      value = value * 10 + (c - 48);
      if (++digits > 5) return null;
    }
    if (value > 65535) return null;
    if (digits > 0) port = value;
  }
  const pathStart = i;
  let c = i < n ? input.charCodeAt(i) : 0;
  if (i < n && c !== 47 && c !== 63 && c !== 35) return null;
  let previous = 0;
  for (; i < n; i++) {
    c = input.charCodeAt(i);
    if (c === 63 || c === 35) break;
    if (c >= 128 || PATH_OK[c] === 0) return null;
    if (previous === 47 && (c === 47 || c === 46)) return null;
    previous = c;
  }
  const pathEnd = i;
  let queryStart = i;
  if (i < n && input.charCodeAt(i) === 63) {
    queryStart = ++i;
    for (; i < n; i++) {
      c = input.charCodeAt(i);
      if (c === 35) break;
      if (c >= 128 || QUERY_OK[c] === 0) return null;
    }
  }
  const queryEnd = i;
  const host = input.slice(hostStart, hostEnd);
  const path = pathEnd > pathStart ? input.slice(pathStart, pathEnd) : '/';
  const query = queryEnd > queryStart ? input.slice(queryStart, queryEnd) : '';
  // Most requests are already canonical, so reuse the input as href instead of rebuilding.
  const inputIsHref =
    !portGiven && i === n && pathEnd > pathStart && (query !== '' || queryStart === pathEnd);
  const href = inputIsHref
    ? input
    : `${scheme}://${host}${port === defaultPort ? '' : `:${port}`}${path}${query === '' ? '' : `?${query}`}`;
  return { kind: 'CanonicalUrl', scheme, host, hostKind: 'domain', port, path, query, href };
}
