import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

/** Headers that belong to one connection and must not be forwarded (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/**
 * The headers to send upstream: the client's, less hop-by-hop ones and any the client's
 * `Connection` header names (so credentials for the proxy never leak to a site), plus
 * `extra` (safe-search headers), which replace a client's own value of the same name.
 */
export function upstreamHeaders(
  headers: IncomingHttpHeaders,
  extra: readonly (readonly [string, string])[] = [],
): OutgoingHttpHeaders {
  const named = new Set(
    String(headers.connection ?? '')
      .split(',')
      .map((token) => token.trim().toLowerCase())
      .filter(Boolean),
  );
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || named.has(name)) continue;
    out[name] = value;
  }
  for (const [name, value] of extra) out[name.toLowerCase()] = value;
  return out;
}

/** Response headers to pass back to the client, less hop-by-hop ones. */
export function downstreamHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  return upstreamHeaders(headers);
}
