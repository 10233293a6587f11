import { z } from 'zod';
import type { EmailMessage } from './email-sender.js';

/**
 * What an outbox row sends, stored as JSON in `alert_deliveries.payload`: a rendered e-mail
 * (the same for every recipient; attachments base64) or a webhook's exact body text, which
 * is signed when sent. Rendering happens when the delivery is queued, so a retry sends what
 * the first attempt would have, even after the alert has moved on.
 */
export type DeliveryPayload =
  | ({ readonly kind: 'email' } & EmailMessage)
  | { readonly kind: 'webhook'; readonly body: string };

const payloadSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('email'),
    subject: z.string(),
    text: z.string(),
    html: z.string(),
    attachments: z
      .array(z.object({ filename: z.string(), contentType: z.string(), base64: z.string() }))
      .optional(),
  }),
  z.object({ kind: z.literal('webhook'), body: z.string() }),
]);

/**
 * Reads a stored payload back. Throws an `Error` saying what is wrong for text that is not
 * one: the worker treats that delivery as undeliverable (dead) instead of retrying it.
 *
 * ### Examples
 * ```ts
 * parseDeliveryPayload('{"kind":"webhook","body":"{}"}'); // { kind: 'webhook', body: '{}' }
 * ```
 */
export function parseDeliveryPayload(json: string): DeliveryPayload {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error('the stored payload is not JSON');
  }
  const parsed = payloadSchema.safeParse(value);
  if (!parsed.success) {
    throw new Error(
      `the stored payload is not a delivery: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}
