import type { HostKind } from './canonical-url.js';

const MAPPED_IPV4 = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/;
const DOTTED_IPV4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const ENDS_IN_NUMBER = /(?:^|\.)(?:\d+|0[xX][0-9a-fA-F]*)$/;

/**
 * Applies Schoolgate's host rules on top of a WHATWG `URL.hostname`: trailing dots removed,
 * IPv4-mapped IPv6 turned back into IPv4, brackets dropped, empty labels refused. Returns
 * null when no usable host is left.
 *
 * Removing trailing dots can expose a numeric last label (`1.2.3.4..` was a domain to
 * WHATWG); such a host is parsed again so it ends up as the same dotted-decimal IPv4 that
 * a list entry `1.2.3.4` produces.
 *
 * ### Examples
 * ```ts
 * normaliseWhatwgHost('blocked.example.');      // { host: 'blocked.example', hostKind: 'domain' }
 * normaliseWhatwgHost('[::ffff:c000:20a]');     // { host: '192.0.2.10', hostKind: 'ipv4' }
 * ```
 */
export function normaliseWhatwgHost(hostname: string): { host: string; hostKind: HostKind } | null {
  if (hostname.charCodeAt(0) === 91 /* [ */) {
    const v6 = hostname.slice(1, -1);
    const mapped = MAPPED_IPV4.exec(v6);
    if (mapped === null) return { host: v6, hostKind: 'ipv6' };
    const hi = Number.parseInt(mapped[1]!, 16);
    const lo = Number.parseInt(mapped[2]!, 16);
    return { host: `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, hostKind: 'ipv4' };
  }
  let end = hostname.length;
  while (end > 0 && hostname.charCodeAt(end - 1) === 46) end--;
  if (end === 0) return null;
  let host = hostname;
  if (end < hostname.length) {
    host = hostname.slice(0, end);
    if (ENDS_IN_NUMBER.test(host)) {
      const reparsed = reparseHost(host);
      if (reparsed === null) return null;
      host = reparsed;
    }
  }
  if (host.charCodeAt(0) === 46 || host.includes('..')) return null;
  return { host, hostKind: DOTTED_IPV4.test(host) ? 'ipv4' : 'domain' };
}

function reparseHost(host: string): string | null {
  try {
    const hostname = new URL(`http://${host}/`).hostname;
    return DOTTED_IPV4.test(hostname) ? hostname : null;
  } catch {
    return null;
  }
}
