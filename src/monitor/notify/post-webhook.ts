import { signWebhook } from './sign-webhook.js';

/** One webhook send: where, with which secret, and the exact body text to sign and send. */
export interface WebhookRequest {
  readonly url: string;
  /** The webhook's shared secret (config `monitor.webhooks[].secret`). */
  readonly secret: string;
  /** The outbox row's id: the same on every retry, so a receiver can drop duplicates. */
  readonly deliveryId: string;
  /** The JSON body, exactly as queued; the signature covers these bytes. */
  readonly body: string;
  /** Now, in epoch ms: the signed timestamp (sent in whole seconds). */
  readonly nowMs: number;
  /** Give up after this long (default 10 s), so one stuck receiver cannot hold a send slot. */
  readonly timeoutMs?: number;
}

/**
 * POSTs a signed webhook: `content-type: application/json`, `x-schoolgate-signature`,
 * `x-schoolgate-timestamp` and `x-schoolgate-delivery`. Resolves with the status on any 2xx;
 * throws an `Error` naming the status (`HTTP 500 Internal Server Error`), the timeout or the
 * network failure otherwise. Redirects are not followed: a signed alert goes only where it
 * was configured to go.
 *
 * ### Examples
 * ```ts
 * await postWebhook({ url: hook.url, secret: hook.secret, deliveryId: row.id, body, nowMs: Date.now() });
 * ```
 */
export async function postWebhook(request: WebhookRequest): Promise<{ status: number }> {
  const timeoutMs = request.timeoutMs ?? 10_000;
  const timestamp = String(Math.floor(request.nowMs / 1000));
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Schoolgate-Webhook/1',
        'x-schoolgate-signature': signWebhook(request.secret, timestamp, request.body),
        'x-schoolgate-timestamp': timestamp,
        'x-schoolgate-delivery': request.deliveryId,
      },
      body: request.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new Error(describeFetchError(error, timeoutMs), { cause: error });
  }
  // The body is not wanted, but reading it lets the connection be reused.
  await response.arrayBuffer().catch(() => {});
  if (response.status < 200 || response.status > 299) {
    const text = response.statusText === '' ? '' : ` ${response.statusText}`;
    throw Object.assign(new Error(`HTTP ${response.status}${text}`), { status: response.status });
  }
  return { status: response.status };
}

/** fetch's own message is `fetch failed`; the reason is in its cause (ECONNREFUSED...). */
function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${timeoutMs / 1000} s`;
  }
  const cause =
    error instanceof Error ? (error.cause as { code?: string; message?: string }) : undefined;
  const reason = cause?.code ?? cause?.message;
  const message = error instanceof Error ? error.message : String(error);
  return reason === undefined ? message : `${message}: ${reason}`;
}
