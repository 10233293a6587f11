/** Times shown in the school's timezone, whatever the viewer's computer is set to. */
export interface TimeFormat {
  /** Short, for tables: '14:05' today, 'Yesterday 09:12', 'Mon 3 Mar 14:05', '3 Mar 2024 14:05'. */
  short(ms: number): string;
  /** Full, for titles and detail: 'Mon 3 Mar 2025, 14:05 GMT'. */
  full(ms: number): string;
  /** ISO 8601 for `<time dateTime>`. */
  iso(ms: number): string;
}

const DAY_MS = 86_400_000;

/**
 * Builds the app's time formats for a timezone (an unknown zone falls back to the
 * browser's, rather than failing the page). `now` is passed so "today" is testable.
 *
 * ### Examples
 * ```ts
 * const format = createTimeFormat('Europe/London');
 * format.short(Date.now()); // '14:05'
 * ```
 */
export function createTimeFormat(timeZone: string, now: () => number = Date.now): TimeFormat {
  const zone = isTimeZone(timeZone) ? timeZone : undefined;
  const dayKey = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const clock = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
  });
  const weekDay = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  });
  const date = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
  const full = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });

  return {
    short(ms) {
      const nowMs = now();
      const day = dayKey.format(ms);
      const time = clock.format(ms);
      if (day === dayKey.format(nowMs)) return time;
      if (day === dayKey.format(nowMs - DAY_MS)) return `Yesterday ${time}`;
      if (nowMs - ms < 6 * DAY_MS && ms <= nowMs) return `${weekDay.format(ms)} ${time}`;
      return `${date.format(ms)} ${time}`;
    },
    full: (ms) => full.format(ms),
    iso: (ms) => new Date(ms).toISOString(),
  };
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
