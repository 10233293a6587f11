/**
 * A command-line day or time as epoch milliseconds: `YYYY-MM-DD` is that UTC day's start (or,
 * with `endOfDay`, the next day's start, so `--to` includes the whole day), anything else
 * must be an ISO time. Throws a message naming the option.
 *
 * ### Examples
 * ```ts
 * parseWhen('2026-11-24', '--to', true); // Date.parse('2026-11-25T00:00:00Z')
 * ```
 */
export function parseWhen(text: string, option: string, endOfDay: boolean): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const start = Date.parse(`${text}T00:00:00Z`);
    if (!Number.isNaN(start)) return endOfDay ? start + 86_400_000 : start;
  }
  const ms = Date.parse(text);
  if (Number.isNaN(ms))
    throw new Error(`${option}: '${text}' is not a date (YYYY-MM-DD) or an ISO time`);
  return ms;
}
