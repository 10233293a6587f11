import { parseDate } from './parse-date.js';

const DAY_MS = 86_400_000;

/**
 * The instant a local date begins in `timezone`: midnight by the school's clocks, as epoch
 * milliseconds. A day is then `[localMidnight(d), localMidnight(d + 1))`, 23 hours long on
 * the day clocks go forward and 25 on the day they go back. Where a zone moves its clocks
 * at midnight itself (some do), the day begins at the change: the first instant whose
 * local date is `date`. Throws a `RangeError` for a malformed date or an unknown zone.
 *
 * ### Examples
 * ```ts
 * localMidnight('2026-07-01', 'Europe/London'); // Date.parse('2026-06-30T23:00:00Z') (BST)
 * localMidnight('2026-12-01', 'Europe/London'); // Date.parse('2026-12-01T00:00:00Z') (GMT)
 * ```
 */
export function localMidnight(date: string, timezone: string): number {
  const naive = parseDate(date);
  const wall = wallReading(timezone);
  // Offsets a day either side cover any change on the day itself (zones change at most once
  // a day). A reading valid under both is the day's start; when only one fits, that one; when
  // neither does, midnight fell in a gap, and the old offset gives the instant of the jump.
  const offset = (ms: number) => wall(ms) - ms;
  const before = naive - offset(naive - DAY_MS);
  const after = naive - offset(naive + DAY_MS);
  const fits = (ms: number) => wall(ms) === naive;
  if (fits(before) && fits(after)) return Math.min(before, after);
  if (fits(after)) return after;
  return before;
}

/** A function from an instant to the local clock's reading there, written as if it were UTC (whole seconds). */
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
