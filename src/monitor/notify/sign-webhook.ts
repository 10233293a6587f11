import { createHmac } from 'node:crypto';

/**
 * The signature a webhook carries in `x-schoolgate-signature`: `sha256=` and the hex
 * HMAC-SHA256, keyed with the webhook's shared secret, over `${timestamp}.${body}`, where
 * `timestamp` is exactly the `x-schoolgate-timestamp` header (whole seconds since 1970 UTC)
 * and `body` the raw request body. Signing the timestamp with the body lets a receiver
 * refuse a replayed request: it checks the signature, then that the timestamp is recent
 * (README: the verification recipe).
 *
 * ### Examples
 * ```ts
 * signWebhook('a-shared-secret-16+', 1795000000, '{"type":"alert.created"}');
 * // 'sha256=' + 64 hex digits
 * ```
 */
export function signWebhook(secret: string, timestamp: number | string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}
