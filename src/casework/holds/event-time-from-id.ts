const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * The time (epoch milliseconds) an event id carries, or `null` for text that is not a
 * UUIDv7. Event ids are made from the event's time (`createEventId`, checked by
 * `webEventSchema`), so an id alone finds its row through the `(time_ms, id)` key; the
 * table has no index on `id` by itself.
 *
 * ### Examples
 * ```ts
 * eventTimeFromId(createEventId(Date.parse('2026-11-24T10:00:00Z'))); // 1795514400000
 * eventTimeFromId('not-an-id'); // null
 * ```
 */
export function eventTimeFromId(id: string): number | null {
  if (!UUID_V7.test(id)) return null;
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}
