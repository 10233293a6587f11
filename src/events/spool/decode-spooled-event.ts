import type { GatewayEvent } from '../gateway-event.js';
import { webEventSchema } from '../web-event-schema.js';

/**
 * Parses one record's payload back into an event, or says why it is not one. The CRC only
 * says the bytes are the ones written, not that they are an event: the schema check keeps
 * a record from a buggy or older build (or forged with a valid CRC) out of the database.
 * The reason names the field and zod's message, never the value (events are personal data).
 *
 * ### Examples
 * ```ts
 * const decoded = decodeSpooledEvent(payload);
 * if (typeof decoded === 'string') report(decoded);
 * else events.push(decoded);
 * ```
 */
export function decodeSpooledEvent(payload: Uint8Array): GatewayEvent | string {
  let value: unknown;
  try {
    value = JSON.parse(
      Buffer.from(payload.buffer, payload.byteOffset, payload.length).toString('utf8'),
    );
  } catch {
    return 'record is not JSON';
  }
  // NOTE: when GatewayEvent gains a second kind, switch on `kind` to that kind's schema.
  const parsed = webEventSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue === undefined || issue.path.length === 0 ? 'event' : issue.path.join('.');
  return `record is not a valid event (${where}: ${issue?.message ?? 'invalid'})`;
}
