const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Calendar dates (`YYYY-MM-DD`) in the school's timezone, whatever the viewer's computer
 * is set to: today there, days before and after (calendar days, not 24-hour steps, so the
 * days clocks change are one day too), and when a date's midnight falls, as epoch ms.
 *
 * ### Examples
 * ```ts
 * SchoolDates.today('Europe/London', Date.now()); // '2026-11-24'
 * SchoolDates.addDays('2026-11-24', -1); // '2026-11-23'
 * SchoolDates.midnight('2026-07-01', 'Europe/London'); // Date.parse('2026-06-30T23:00:00Z')
 * ```
 */
export const SchoolDates = Object.freeze({
  /** The date it is now in `timezone`. */
  today(timezone: string, nowMs: number): string {
    return dateFormat(timezone).format(nowMs);
  },

  /** `date` moved by `days` calendar days. */
  addDays(date: string, days: number): string {
    return new Date(utcOf(date) + days * DAY_MS).toISOString().slice(0, 10);
  },

  /** Whether `date` is a real `YYYY-MM-DD` date. */
  isDate(date: string): boolean {
    return DATE.test(date) && !Number.isNaN(utcOf(date));
  },

  /** Whole days from `from` to `to` (negative when `to` is earlier). */
  daysBetween(from: string, to: string): number {
    return Math.round((utcOf(to) - utcOf(from)) / DAY_MS);
  },

  /**
   * When `date` begins in `timezone`, as epoch ms. Two passes of "wall clock minus offset":
   * the second uses the offset at the first answer, which is right on the days clocks
   * change (UK clocks change at 01:00 and 02:00, never at midnight).
   */
  midnight(date: string, timezone: string): number {
    const wall = utcOf(date);
    const first = wall - offsetAt(wall, timezone);
    return wall - offsetAt(first, timezone);
  },
});

const formats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(timezone: string): Intl.DateTimeFormat {
  let format = formats.get(timezone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formats.set(timezone, format);
  }
  return format;
}

/** Midnight UTC of a `YYYY-MM-DD` date, or NaN when it is not a real date. */
function utcOf(date: string): number {
  const match = DATE.exec(date);
  if (match === null) return Number.NaN;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const ms = Date.UTC(year, month - 1, day);
  return new Date(ms).toISOString().slice(0, 10) === date ? ms : Number.NaN;
}

/** How far `timezone`'s clocks are ahead of UTC at `ms`. */
function offsetAt(ms: number, timezone: string): number {
  const parts: Record<string, string> = {};
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  for (const part of format.formatToParts(ms)) parts[part.type] = part.value;
  const wall = Date.UTC(
    Number(parts['year']),
    Number(parts['month']) - 1,
    Number(parts['day']),
    Number(parts['hour']),
    Number(parts['minute']),
    Number(parts['second']),
  );
  return wall - (ms - (((ms % 1000) + 1000) % 1000));
}
