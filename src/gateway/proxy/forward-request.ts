import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import type { SecureContext } from 'node:tls';
import type { PhraseJudgement } from '../../engine/decision/judge-phrases.js';
import type { PhraseMatcher } from '../../engine/phrases/phrase-matcher.js';
import type { PhraseScan } from '../../engine/phrases/phrase-types.js';
import { isScannable, scanResponseHead } from './scan-response-head.js';
import { downstreamHeaders, upstreamHeaders } from './upstream-headers.js';
import type { createUpstreamLookup } from './upstream-lookup.js';

/** How a forwarded exchange ended, for the event record. */
export interface ForwardOutcome {
  readonly status: number | null;
  readonly bytesUp: number;
  readonly bytesDown: number;
  /** Set when the upstream could not be reached or its TLS failed verification. */
  readonly error: (Error & { code?: string }) | null;
  /**
   * What scanning the page's text found, when it reached the group's limit. A `block` means
   * nothing was sent to the client: the caller serves the block page instead.
   */
  readonly phrase: PhraseJudgement | null;
}

export interface ForwardOptions {
  readonly extraHeaders: readonly (readonly [string, string])[];
  /** Roots for upstream TLS; verification failures are never passed through. */
  readonly secureContext: SecureContext;
  readonly timeoutMs: number;
  readonly lookup: ReturnType<typeof createUpstreamLookup>;
  /** Scan text responses for phrases, up to `windowBytes` of text; null: no scanning. */
  readonly scan: {
    readonly matcher: PhraseMatcher;
    readonly windowBytes: number;
    readonly judge: (scan: PhraseScan) => PhraseJudgement | null;
  } | null;
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
    let phrase: PhraseJudgement | null = null;
    const finish = (status: number | null, error: ForwardOutcome['error']) => {
      if (settled) return;
      settled = true;
      resolve({ status, bytesUp, bytesDown, error, phrase });
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
    upstream.on('response', async (answer) => {
      const head =
        options.scan !== null && isScannable(answer)
          ? await scanResponseHead(answer, options.scan.matcher, options.scan.windowBytes)
          : null;
      phrase = head === null ? null : options.scan!.judge(head.scan);
      if (phrase?.action === 'block') {
        answer.destroy();
        finish(null, null);
        return;
      }
      res.writeHead(
        answer.statusCode ?? 502,
        answer.statusMessage,
        downstreamHeaders(answer.headers),
      );
      for (const chunk of head?.held ?? []) {
        bytesDown += chunk.length;
        res.write(chunk);
      }
      if (head?.ended === true) {
        res.end();
        finish(answer.statusCode ?? null, null);
        return;
      }
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
