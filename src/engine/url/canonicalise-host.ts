import type { HostKind } from './canonical-url.js';
import { normaliseWhatwgHost } from './normalise-whatwg-host.js';
import { plainHostEnd } from './plain-host-end.js';

const MAX_HOST_INPUT = 1024;
/** Characters that cannot be part of a host or port: their presence means "not a host". */
const NOT_HOST = /[\s/\\?#@\u0000-\u001f\u007f]/;
const PORT = /^\d{1,5}$/;

/**
 * Canonicalises a bare host, as found in a CONNECT target, a TLS SNI, a DNS question or a
 * list entry, by the same rules as `canonicaliseUrl` (case, trailing dots, IDN to punycode,
 * every IPv4 notation to dotted decimal, IPv4-mapped IPv6 to IPv4). Accepts `host`,
 * `host:port`, `[v6]`, `[v6]:port` and an unbracketed IPv6 address; the port is dropped.
 * Returns null when the text is not a usable host (it contains a path, userinfo,
 * whitespace, an empty label ...). Never throws.
 *
 * ### Examples
 * ```ts
 * canonicaliseHost('BÜCHER.example.:443');   // { host: 'xn--bcher-kva.example', hostKind: 'domain' }
 * canonicaliseHost('[::ffff:192.0.2.10]');    // { host: '192.0.2.10', hostKind: 'ipv4' }
 * canonicaliseHost('2001:DB8::1');            // { host: '2001:db8::1', hostKind: 'ipv6' }
 * canonicaliseHost('blocked.example/path');   // null
 * ```
 */
export function canonicaliseHost(input: string): { host: string; hostKind: HostKind } | null {
  const n = input.length;
  const end = plainHostEnd(input, 0);
  if (end === n) return { host: input, hostKind: 'domain' };
  if (end > 0 && input.charCodeAt(end) === 58 && PORT.test(input.slice(end + 1))) {
    return Number(input.slice(end + 1)) <= 65535
      ? { host: input.slice(0, end), hostKind: 'domain' }
      : null;
  }
  if (n === 0 || n > MAX_HOST_INPUT) return null;
  try {
    return canonicaliseUnusualHost(input.trim());
  } catch {
    return null;
  }
}

function canonicaliseUnusualHost(text: string): { host: string; hostKind: HostKind } | null {
  if (text.length === 0 || NOT_HOST.test(text)) return null;
  // An IPv6 address written without brackets (lists, DNS answers) has two or more colons.
  const first = text.indexOf(':');
  const bracketed =
    first >= 0 && text.indexOf(':', first + 1) >= 0 && !text.startsWith('[') ? `[${text}]` : text;
  let url: URL;
  try {
    url = new URL(`http://${bracketed}/`);
  } catch {
    return null;
  }
  if (url.pathname !== '/' || url.username !== '' || url.password !== '') return null;
  return normaliseWhatwgHost(url.hostname);
}
