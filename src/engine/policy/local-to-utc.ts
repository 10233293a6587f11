const DAY_MS = 86_400_000;

/**
 * The instant at which clocks in `timezone` show `naiveMs` (a wall-clock reading written as
 * if it were UTC: `Date.UTC(2026, 10, 24, 9, 0)` for 09:00 on 24 November). The offsets a day
 * before and after cover any change that day (zones change at most once a day): a reading
 * valid under both is repeated, so the earlier is taken; a reading valid under neither falls
 * in a gap (01:30 on the day London's clocks go forward), so the offset from before the jump
 * is used, giving the moment as long after the previous hour as asked. Throws a
 * `RangeError` for an unknown zone.
 *
 * ### Examples
 * ```ts
 * localToUtc(Date.UTC(2026, 6, 1, 12, 30), 'Europe/London'); // Date.UTC(2026, 6, 1, 11, 30) (BST)
 * localToUtc(Date.UTC(2026, 11, 1, 12, 30), 'Europe/London'); // Date.UTC(2026, 11, 1, 12, 30) (GMT)
 * ```
 */
export function localToUtc(naiveMs: number, timezone: string): number {
  const wall = wallReading(timezone);
  const offset = (ms: number) => wall(ms) - (ms - (((ms % 1000) + 1000) % 1000));
  const before = naiveMs - offset(naiveMs - DAY_MS);
  const after = naiveMs - offset(naiveMs + DAY_MS);
  const fits = (ms: number) => wall(ms) === naiveMs;
  if (fits(before) && fits(after)) return Math.min(before, after);
  if (fits(after)) return after;
  return before;
}

/** An instant's local clock reading in `timezone`, written as if it were UTC (whole seconds). */
function wallReading(timezone: string): (ms: number) => number {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  });
  return (ms) => {
    const parts: Record<string, number> = {};
    for (const part of format.formatToParts(ms)) parts[part.type] = Number(part.value);
    return Date.UTC(
      parts['year']!,
      parts['month']! - 1,
      parts['day']!,
      parts['hour'],
      parts['minute'],
      parts['second'],
    );
  };
}
