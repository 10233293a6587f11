/** How the digests and reports write a moment for people: always the school's wall clock. */
export interface LocalTimeFormat {
  /** `2026-11-24`: the local date (CSV keys, file names). */
  date(ms: number): string;
  /** `09:15`: the local time of day. */
  time(ms: number): string;
  /** `BST` / `GMT`: the zone's short name then (shown where an hour happens twice). */
  zone(ms: number): string;
  /** `Tue 24 Nov`: a day in a chart. */
  day(ms: number): string;
  /** `Tue 24 Nov 2026 09:15`: a moment in a table. */
  dateTime(ms: number): string;
}

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/**
 * Formatters for moments as clocks in `timezone` show them. Digests are read by people in
 * the school, who think in local time, so every time they show is local; the words come
 * from fixed English tables rather than the runtime's locale data, so the output (and the
 * PDF bytes) do not change with the ICU build. Throws a `RangeError` for an unknown zone.
 *
 * ### Examples
 * ```ts
 * const local = localTimeFormat('Europe/London');
 * local.dateTime(Date.parse('2026-07-01T08:15:00Z')); // 'Wed 1 Jul 2026 09:15'
 * local.zone(Date.parse('2026-07-01T08:15:00Z')); // 'BST'
 * ```
 */
export function localTimeFormat(timezone: string): LocalTimeFormat {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    weekday: 'short',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  });
  const parts = (ms: number) => {
    const out: Record<string, string> = {};
    for (const part of format.formatToParts(ms)) out[part.type] = part.value;
    const month = Number(out['month']);
    return {
      year: out['year']!,
      month,
      monthName: MONTH_NAMES[month - 1]!.slice(0, 3),
      day: Number(out['day']),
      weekday: out['weekday']!,
      time: `${out['hour']}:${out['minute']}`,
      zone: out['timeZoneName']!,
    };
  };
  return {
    date(ms) {
      const p = parts(ms);
      return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
    },
    time: (ms) => parts(ms).time,
    zone: (ms) => parts(ms).zone,
    day(ms) {
      const p = parts(ms);
      return `${p.weekday} ${p.day} ${p.monthName}`;
    },
    dateTime(ms) {
      const p = parts(ms);
      return `${p.weekday} ${p.day} ${p.monthName} ${p.year} ${p.time}`;
    },
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
