const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Calendar days (`YYYY-MM-DD`) on the school's clock, whatever the viewer's computer says:
 * the date input's value is a day in the school's timezone, and a period is the epoch
 * milliseconds from one such midnight to another. Calendar arithmetic, not 24-hour steps,
 * so the days the clocks change are days too.
 *
 * ### Examples
 * ```ts
 * SchoolDay.today('Europe/London', Date.UTC(2026, 6, 1, 23, 30)); // '2026-07-02' (BST)
 * SchoolDay.add('2026-03-01', -1); // '2026-02-28'
 * SchoolDay.start('2026-07-01', 'Europe/London'); // Date.UTC(2026, 5, 30, 23)
 * ```
 */
export const SchoolDay = Object.freeze({
  /** The date it is at `nowMs` in `timeZone`. */
  today(timeZone: string, nowMs: number): string {
    return formatOf(timeZone, DAY_PARTS).format(nowMs);
  },

  /** `day` moved by `days` calendar days. */
  add(day: string, days: number): string {
    return new Date(utcMidnight(day) + days * DAY_MS).toISOString().slice(0, 10);
  },

  /** Whether `day` is a real `YYYY-MM-DD` date. */
  isDay(day: string): boolean {
    return !Number.isNaN(utcMidnight(day));
  },

  /**
   * When `day` begins in `timeZone`, in epoch ms: the wall-clock midnight less the zone's
   * offset, taken twice so the offset is the one in force at that midnight (clocks in the
   * UK change at 01:00 and 02:00, so midnight itself always exists).
   */
  start(day: string, timeZone: string): number {
    const wall = utcMidnight(day);
    const guess = wall - offsetAt(wall, timeZone);
    return wall - offsetAt(guess, timeZone);
  },
});

const DAY_PARTS: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
};
const CLOCK_PARTS: Intl.DateTimeFormatOptions = {
  ...DAY_PARTS,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
};

const formats = new Map<string, Intl.DateTimeFormat>();

/** A cached format for the zone (an unknown zone falls back to the browser's, as elsewhere). */
function formatOf(timeZone: string, parts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${parts === DAY_PARTS ? 'day' : 'clock'}`;
  let format = formats.get(key);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-CA', { ...parts, timeZone });
    } catch {
      format = new Intl.DateTimeFormat('en-CA', parts);
    }
    formats.set(key, format);
  }
  return format;
}

/** Midnight UTC of a `YYYY-MM-DD` day, or NaN when it is not a real date (2026-02-30). */
function utcMidnight(day: string): number {
  const match = DATE.exec(day);
  if (match === null) return Number.NaN;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Date(ms).toISOString().slice(0, 10) === day ? ms : Number.NaN;
}

/** How far the zone's clocks are ahead of UTC at `ms`. */
function offsetAt(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatOf(timeZone, CLOCK_PARTS).formatToParts(ms)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(
    parts['year']!,
    parts['month']! - 1,
    parts['day']!,
    parts['hour']!,
    parts['minute']!,
    parts['second']!,
  );
  return wall - Math.floor(ms / 1000) * 1000;
}
