import type { DayName } from './policy-definition.js';

/** A moment as a school's wall clock shows it. */
export interface LocalTime {
  readonly day: DayName;
  /** Minutes since local midnight, 0-1439. */
  readonly minutes: number;
  /** The local date as `YYYY-MM-DD` (sortable, compared with term dates). */
  readonly date: string;
}

const WEEKDAYS: Readonly<Record<string, DayName>> = {
  Mon: 'mon',
  Tue: 'tue',
  Wed: 'wed',
  Thu: 'thu',
  Fri: 'fri',
  Sat: 'sat',
  Sun: 'sun',
};

/**
 * Returns a function from epoch milliseconds to local wall-clock time in `timezone`. Results
 * are memoised per minute, because Intl formatting is slow and decisions ask many times a
 * minute; the memo lives in the returned closure, not in a global.
 *
 * ### Examples
 * ```ts
 * const toLocal = createLocalClock('Europe/London');
 * toLocal(Date.UTC(2026, 6, 1, 11, 30)); // { day: 'wed', minutes: 750, date: '2026-07-01' } (BST)
 * ```
 */
export function createLocalClock(timezone: string): (epochMs: number) => LocalTime {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  let memoMinute = Number.NaN;
  let memo: LocalTime | null = null;
  return (epochMs) => {
    const minute = Math.floor(epochMs / 60_000);
    if (minute === memoMinute && memo !== null) return memo;
    const parts: Record<string, string> = {};
    for (const part of format.formatToParts(epochMs)) parts[part.type] = part.value;
    memo = {
      day: WEEKDAYS[parts['weekday'] ?? ''] ?? 'mon',
      minutes: Number(parts['hour']) * 60 + Number(parts['minute']),
      date: `${parts['year']}-${parts['month']}-${parts['day']}`,
    };
    memoMinute = minute;
    return memo;
  };
}

/** True when `timezone` is one this Node.js knows. */
export function isKnownTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}
