import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import type { SecureContext } from 'node:tls';
import { downstreamHeaders, upstreamHeaders } from './upstream-headers.js';
import type { createUpstreamLookup } from './upstream-lookup.js';

/** How a forwarded exchange ended, for the event record. */
export interface ForwardOutcome {
  readonly status: number | null;
  readonly bytesUp: number;
  readonly bytesDown: number;
  /** Set when the upstream could not be reached or its TLS failed verification. */
  readonly error: (Error & { code?: string }) | null;
}

export interface ForwardOptions {
  readonly extraHeaders: readonly (readonly [string, string])[];
  /** Roots for upstream TLS; verification failures are never passed through. */
  readonly secureContext: SecureContext;
  readonly timeoutMs: number;
  readonly lookup: ReturnType<typeof createUpstreamLookup>;
}

/**
 * Sends the client's request to `target` and streams the answer back: bodies are piped both
 * ways, never buffered whole. Resolves when the exchange ends; when the upstream fails before
 * answering, nothing has been sent to the client and `error` says why (the caller serves the
 * error page).
 */
export function forwardRequest(
  req: IncomingMessage,
  res: ServerResponse,
  target: URL,
  options: ForwardOptions,
): Promise<ForwardOutcome> {
  return new Promise((resolve) => {
    let bytesUp = 0;
    let bytesDown = 0;
    let settled = false;
    const finish = (status: number | null, error: ForwardOutcome['error']) => {
      if (settled) return;
      settled = true;
      resolve({ status, bytesUp, bytesDown, error });
    };
    const headers = upstreamHeaders(req.headers, options.extraHeaders);
    headers.host = target.host;
    const common = {
      method: req.method,
      headers,
      timeout: options.timeoutMs,
      lookup: options.lookup,
    };
    const upstream =
      target.protocol === 'https:'
        ? // The agent passes options on to tls.connect, which takes `secureContext`; the
          // https typings omit it. One parsed context beats re-parsing every root per connection.
          httpsRequest(target, {
            ...common,
            secureContext: options.secureContext,
          } as RequestOptions)
        : httpRequest(target, common);
    upstream.on('response', (answer) => {
      res.writeHead(
        answer.statusCode ?? 502,
        answer.statusMessage,
        downstreamHeaders(answer.headers),
      );
      answer.on('data', (chunk: Buffer) => {
        bytesDown += chunk.length;
      });
      answer.pipe(res);
      answer.on('end', () => finish(answer.statusCode ?? null, null));
      answer.on('error', (error) => {
        res.destroy(error);
        finish(answer.statusCode ?? null, error);
      });
    });
    upstream.on('timeout', () =>
      upstream.destroy(
        Object.assign(new Error('the site took too long to answer'), { code: 'ETIMEDOUT' }),
      ),
    );
    upstream.on('error', (error: Error & { code?: string }) => {
      if (res.headersSent) res.destroy(error);
      finish(null, error);
    });
    req.on('data', (chunk: Buffer) => {
      bytesUp += chunk.length;
    });
    req.pipe(upstream);
    req.on('aborted', () => upstream.destroy());
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
      finish(res.statusCode, null);
    });
  });
}
