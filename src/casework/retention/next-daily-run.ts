const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DAY_MS = 86_400_000;

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
  const wall = wallClock(timezone);
  const today = wall(afterMs);
  // Today's time may have passed; tomorrow's cannot have (a day is at most 25 hours).
  for (let days = 0; days <= 2; days++) {
    const naive = Date.UTC(today.year, today.month - 1, today.day + days, hour, minute);
    const candidate = localToUtc(naive, wall);
    if (candidate > afterMs) return candidate;
  }
  throw new Error(`no ${at} in ${timezone} within two days of ${new Date(afterMs).toISOString()}`);
}

interface Wall {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** The wall-clock reading as if it were UTC, in ms. */
  readonly asUtc: number;
}

function wallClock(timezone: string): (ms: number) => Wall {
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
    const [year, month, day] = [parts['year']!, parts['month']!, parts['day']!];
    const asUtc = Date.UTC(year, month - 1, day, parts['hour'], parts['minute'], parts['second']);
    return { year, month, day, asUtc };
  };
}

/**
 * The UTC instant whose wall-clock reading is `naive` (a wall time written as if UTC). The
 * offsets a day before and after cover any change that day: a reading valid under both is
 * repeated (take the earlier), under neither falls in a gap (take the offset from before it).
 */
function localToUtc(naive: number, wall: (ms: number) => Wall): number {
  const offset = (ms: number) => wall(ms).asUtc - (ms - (((ms % 1000) + 1000) % 1000));
  const before = naive - offset(naive - DAY_MS);
  const after = naive - offset(naive + DAY_MS);
  const fits = (ms: number) => wall(ms).asUtc === naive;
  if (fits(before) && fits(after)) return Math.min(before, after);
  if (fits(after)) return after;
  return before;
}
