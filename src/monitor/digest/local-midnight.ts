import { localToUtc } from '../../engine/policy/local-to-utc.js';
import { parseDate } from './parse-date.js';

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
  // A day's start is the instant its midnight happens; in a gap, the instant of the jump.
  return localToUtc(parseDate(date), timezone);
}
