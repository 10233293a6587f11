import type { ListEntry } from '../lists/list-entry.js';
import { KeyHash } from './key-hash.js';
import { RecordFlag } from './record-flag.js';

const { seed1, seed2, step1, step2, finishHi, finishLo } = KeyHash;

/**
 * Hashes one list entry the way the matcher will probe for it and returns the entry's record
 * flags. Writes the key's `hi, lo` to `out[0], out[1]`; for a URL entry also writes the hash
 * of its (www-stripped) host to `out[2], out[3]`, the key of its `hostHasUrl` marker.
 *
 * URL keys drop a leading `www.` from the host (squidGuard-like tolerance: the matcher drops
 * it from the request host too) and trailing slashes from the path (`/a/` behaves as `/a`;
 * a bare `/` stays, meaning the whole host).
 *
 * ### Examples
 * ```ts
 * const out = new Uint32Array(4);
 * hashEntryKey({ kind: 'domain', host: 'blocked.example' }, out) // RecordFlag.domain
 * ```
 */
export function hashEntryKey(entry: ListEntry, out: Uint32Array): number {
  if (entry.kind !== 'url') {
    writeHash(entry.host, 0, '', out, 0);
    return entry.kind === 'ip' ? RecordFlag.ip : RecordFlag.domain;
  }
  const www = hasWwwPrefix(entry.host);
  const hostStart = www ? 4 : 0;
  writeHash(entry.host, hostStart, '', out, 2);
  writeHash(entry.host, hostStart, urlKeyPath(entry.path), out, 0);
  return RecordFlag.url | (www ? RecordFlag.listedWithWww : 0);
}

/**
 * The path part of a URL key: starts with `/`, no trailing slash unless it is only `/`.
 * Exposed through the README's matching rules; the matcher probes exactly these prefixes.
 */
function urlKeyPath(path: string): string {
  let p = path.startsWith('/') ? path : `/${path}`;
  let end = p.length;
  while (end > 1 && p.charCodeAt(end - 1) === 47) end--;
  if (end !== p.length) p = p.slice(0, end);
  return p;
}

/** True for `www.` followed by at least one more character; the matcher uses the same test. */
function hasWwwPrefix(host: string): boolean {
  return (
    host.length > 4 &&
    host.charCodeAt(0) === 119 &&
    host.charCodeAt(1) === 119 &&
    host.charCodeAt(2) === 119 &&
    host.charCodeAt(3) === 46
  );
}

/** Hashes `host[hostStart..]` right to left, then `path` left to right, into `out[at..at+1]`. */
function writeHash(host: string, hostStart: number, path: string, out: Uint32Array, at: number) {
  let h1 = seed1;
  let h2 = seed2;
  for (let i = host.length - 1; i >= hostStart; i--) {
    const c = host.charCodeAt(i);
    h1 = step1(h1, c);
    h2 = step2(h2, c);
  }
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    h1 = step1(h1, c);
    h2 = step2(h2, c);
  }
  const hi = finishHi(h1, h2);
  out[at] = hi;
  out[at + 1] = finishLo(h2, hi);
}
