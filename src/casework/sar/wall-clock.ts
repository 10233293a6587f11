/** A moment as a clock on the wall in one time zone shows it, to the second. */
export interface WallTime {
  readonly year: number;
  /** 1-12. */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** `YYYY-MM-DD HH:MM:SS`, for people (the CSV's `local_time`, README dates). */
  readonly text: string;
}

/**
 * Returns a function from epoch milliseconds to wall-clock time in `timezone` (an IANA name
 * such as `Europe/London`). A subject access export shows each event's time as the school's
 * clocks showed it, beside the UTC time, because the person reading it thinks in local time;
 * the zip writer stamps entries the same way, since zip dates have no time zone.
 *
 * Intl formatting costs microseconds and an export formats millions of times in time order,
 * so the date and minute are worked out once per minute (every zone's offset is a whole
 * number of minutes today) and only the seconds per call. Throws a `RangeError` for an
 * unknown zone.
 *
 * ### Examples
 * ```ts
 * const wall = createWallClock('Europe/London');
 * wall(Date.UTC(2026, 6, 1, 11, 30, 5)).text; // '2026-07-01 12:30:05' (BST)
 * wall(Date.UTC(2026, 11, 1, 11, 30, 5)).text; // '2026-12-01 11:30:05' (GMT)
 * ```
 */
export function createWallClock(timezone: string): (epochMs: number) => WallTime {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  let memoMinute = Number.NaN;
  let memo: Omit<WallTime, 'second' | 'text'> & { readonly prefix: string } = {
    year: 0,
    month: 0,
    day: 0,
    hour: 0,
    minute: 0,
    prefix: '',
  };
  return (epochMs) => {
    const minute = Math.floor(epochMs / 60_000);
    if (minute !== memoMinute) {
      const parts: Record<string, string> = {};
      for (const part of format.formatToParts(epochMs)) parts[part.type] = part.value;
      memo = {
        year: Number(parts['year']),
        month: Number(parts['month']),
        day: Number(parts['day']),
        hour: Number(parts['hour']),
        minute: Number(parts['minute']),
        prefix: `${parts['year']}-${parts['month']}-${parts['day']} ${parts['hour']}:${parts['minute']}`,
      };
      memoMinute = minute;
    }
    const second = Math.floor((epochMs - minute * 60_000) / 1000);
    return {
      year: memo.year,
      month: memo.month,
      day: memo.day,
      hour: memo.hour,
      minute: memo.minute,
      second,
      text: `${memo.prefix}:${String(second).padStart(2, '0')}`,
    };
  };
}
