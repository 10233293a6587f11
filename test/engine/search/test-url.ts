import type { CanonicalUrl } from '../../../src/engine/url/canonical-url.js';

/**
 * A CanonicalUrl built with WHATWG `URL`, enough for the search tests. Deliberately not
 * `canonicaliseUrl`: these tests must not depend on another area's work in progress.
 */
export function testUrl(input: string): CanonicalUrl {
  const u = new URL(input);
  const scheme = u.protocol === 'http:' ? 'http' : 'https';
  const port = u.port === '' ? (scheme === 'http' ? 80 : 443) : Number(u.port);
  const query = u.search.startsWith('?') ? u.search.slice(1) : '';
  return {
    kind: 'CanonicalUrl',
    scheme,
    host: u.hostname.toLowerCase().replace(/\.$/, ''),
    hostKind: 'domain',
    port,
    path: u.pathname,
    query,
    href: `${u.protocol}//${u.host}${u.pathname}${u.search}`,
  };
}
