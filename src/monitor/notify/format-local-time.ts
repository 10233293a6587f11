/**
 * Returns a formatter from epoch milliseconds to the time as the school's clocks show it,
 * with the zone's abbreviation so a forwarded e-mail is unambiguous (`GMT` / `BST`). Built
 * once per message: `Intl.DateTimeFormat` construction costs far more than formatting.
 * Throws a `RangeError` for an unknown zone.
 *
 * ### Examples
 * ```ts
 * const local = createLocalTimeFormat('Europe/London');
 * local(Date.UTC(2026, 10, 24, 9, 14, 3)); // 'Tue 24 Nov 2026, 09:14:03 GMT'
 * local(Date.UTC(2026, 5, 2, 9, 14, 3)); // 'Tue 2 Jun 2026, 10:14:03 BST'
 * ```
 */
export function createLocalTimeFormat(timezone: string): (epochMs: number) => string {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  });
  return (epochMs) => {
    if (!Number.isFinite(epochMs)) return 'unknown time';
    const parts: Record<string, string> = {};
    for (const part of format.formatToParts(epochMs)) parts[part.type] = part.value;
    return `${parts['weekday']} ${parts['day']} ${parts['month']} ${parts['year']}, ${parts['hour']}:${parts['minute']}:${parts['second']} ${parts['timeZoneName']}`;
  };
}
