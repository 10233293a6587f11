import type { CanonicalUrl, UnparseableUrl } from './canonical-url.js';
import { canonicaliseUrlFast } from './canonicalise-url-fast.js';
import { canonicaliseUrlSlow } from './canonicalise-url-slow.js';
import { unparseable } from './unparseable.js';

/** Inputs longer than this are refused: no real page URL needs more, and parsing is O(n). */
const MAX_INPUT_LENGTH = 8192;

/**
 * Reduces a request URL to the form every list and policy check matches on (see
 * `CanonicalUrl` for the invariants). Never throws: anything unusable comes back as an
 * `UnparseableUrl` with a stable problem code. Input without a scheme is read as
 * `http://` + input (rule in `addDefaultScheme`); schemes other than http/https are
 * `unsupported-scheme`. Plain lower-case ASCII URLs take a fast path that skips `new URL`.
 *
 * ### Examples
 * ```ts
 * canonicaliseUrl('http://0xC000020A/a/%2e%2e/p%61th');
 * // { kind: 'CanonicalUrl', host: '192.0.2.10', hostKind: 'ipv4', path: '/path', ... }
 * canonicaliseUrl('blocked.example/path').host;        // 'blocked.example'
 * canonicaliseUrl('ftp://school.test/').kind;           // 'UnparseableUrl'
 * ```
 */
export function canonicaliseUrl(input: string): CanonicalUrl | UnparseableUrl {
  if (input.length > MAX_INPUT_LENGTH) return unparseable('too-long', input);
  try {
    return canonicaliseUrlFast(input) ?? canonicaliseUrlSlow(input);
  } catch {
    return unparseable('invalid-url', String(input));
  }
}
