import { isIP } from 'node:net';

const DNS_LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/**
 * The name a leaf certifies: a lower-case DNS name without trailing dot (LDH labels, `_`
 * tolerated as real hosts use it, at most 253 characters), or an IP literal (IPv6 without
 * brackets). Null when the input is neither, so no certificate is ever made for a name
 * carrying spaces, wildcards or control characters.
 *
 * ### Examples
 * ```ts
 * normaliseLeafName('WWW.School.Test.'); // { type: 'dns', value: 'www.school.test' }
 * normaliseLeafName('[::1]'); // { type: 'ip', value: '::1' }
 * ```
 */
export function normaliseLeafName(hostname: string): { type: 'dns' | 'ip'; value: string } | null {
  let host = hostname.toLowerCase();
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (isIP(host) !== 0) return { type: 'ip', value: host };
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host.length === 0 || host.length > 253) return null;
  const labels = host.split('.');
  for (let i = 0; i < labels.length; i++) if (!DNS_LABEL.test(labels[i]!)) return null;
  return { type: 'dns', value: host };
}
