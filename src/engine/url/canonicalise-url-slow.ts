import { addDefaultScheme } from './add-default-scheme.js';
import type { CanonicalUrl, UnparseableUrl } from './canonical-url.js';
import { normalisePath } from './normalise-path.js';
import { normaliseWhatwgHost } from './normalise-whatwg-host.js';
import { unparseable } from './unparseable.js';

const TAB_OR_NEWLINE = /[\t\n\r]/g;
const EDGE_C0_OR_SPACE = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g;

/**
 * Canonicalises any input through the WHATWG parser (`new URL`, Ada in Node 20), then
 * applies Schoolgate's host and path rules. The reference behaviour: the fast path must
 * agree with it on every input the fast path accepts. Throws only if `URL` itself does
 * something unexpected; `canonicaliseUrl` wraps it.
 *
 * ### Examples
 * ```ts
 * canonicaliseUrlSlow('http://BLOCKED.example./p%61th').host; // 'blocked.example'
 * ```
 */
export function canonicaliseUrlSlow(input: string): CanonicalUrl | UnparseableUrl {
  // Same clean-up WHATWG does first, repeated here so the scheme rule sees what URL sees.
  const cleaned = input.replace(TAB_OR_NEWLINE, '').replace(EDGE_C0_OR_SPACE, '');
  if (cleaned.length === 0) return unparseable('empty', input);
  const withScheme = addDefaultScheme(cleaned);
  if (withScheme === null) return unparseable('unsupported-scheme', input);
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return unparseable('invalid-url', input);
  }
  const protocol = url.protocol;
  if (protocol !== 'http:' && protocol !== 'https:') {
    return unparseable('unsupported-scheme', input);
  }
  const scheme = protocol === 'http:' ? 'http' : 'https';
  const normalised = normaliseWhatwgHost(url.hostname);
  if (normalised === null) return unparseable('invalid-host', input);
  const defaultPort = scheme === 'http' ? 80 : 443;
  const port = url.port === '' ? defaultPort : Number(url.port);
  const path = normalisePath(url.pathname);
  const query = url.search.length > 1 ? url.search.slice(1) : '';
  const { host, hostKind } = normalised;
  const hrefHost = hostKind === 'ipv6' ? `[${host}]` : host;
  const portPart = port === defaultPort ? '' : `:${port}`;
  const href = `${scheme}://${hrefHost}${portPart}${path}${query === '' ? '' : `?${query}`}`;
  return { kind: 'CanonicalUrl', scheme, host, hostKind, port, path, query, href };
}
