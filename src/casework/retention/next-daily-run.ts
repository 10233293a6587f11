import { createLocalClock } from '../../engine/policy/local-clock.js';
import { localToUtc } from '../../engine/policy/local-to-utc.js';

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * The first moment after `afterMs` at which clocks in `timezone` show `at` (`HH:MM`), so a
 * daily job runs at 02:30 school time in GMT and in BST alike. On the day clocks go forward,
 * a time that does not exist (01:30 in London) runs an hour later by the clock (02:30 BST),
 * as long after midnight as it would have been; on the day they go back, a time that
 * happens twice runs the first time only. Throws a `RangeError` for a malformed time or an
 * unknown zone.
 *
 * ### Examples
 * ```ts
 * nextDailyRun(Date.parse('2026-07-01T12:00:00Z'), '02:30', 'Europe/London'); // 2026-07-02T01:30:00Z (BST)
 * nextDailyRun(Date.parse('2026-12-01T12:00:00Z'), '02:30', 'Europe/London'); // 2026-12-02T02:30:00Z (GMT)
 * ```
 */
export function nextDailyRun(afterMs: number, at: string, timezone: string): number {
  const match = TIME_OF_DAY.exec(at);
  if (match === null) throw new RangeError(`'${at}' is not a time of day HH:MM`);
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  const [year, month, day] = createLocalClock(timezone)(afterMs).date.split('-').map(Number);
  // Today's time may have passed; tomorrow's cannot have (a day is at most 25 hours).
  for (let days = 0; days <= 2; days++) {
    const naive = Date.UTC(year!, month! - 1, day! + days, hour, minute);
    const candidate = localToUtc(naive, timezone);
    if (candidate > afterMs) return candidate;
  }
  throw new Error(`no ${at} in ${timezone} within two days of ${new Date(afterMs).toISOString()}`);
}
