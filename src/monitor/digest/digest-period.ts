import { localMidnight } from './local-midnight.js';
import { MONTH_NAMES } from './local-time-format.js';
import { parseDate } from './parse-date.js';

const DAY_MS = 86_400_000;
const WEEKDAY_NAMES = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;

/** Which digest: one school day, or a Monday-to-Sunday week. */
export type DigestKind = 'daily' | 'weekly';

/** The stretch of time one digest covers, `[fromMs, toMs)`, in the school's local days. */
export interface DigestPeriod {
  readonly kind: DigestKind;
  /** `daily:2026-11-24` or `weekly:2026-11-23` (the Monday): the `digest_runs` id. */
  readonly id: string;
  /** The local date the digest is of: the day, or the week's Monday. */
  readonly day: string;
  /** `Tuesday 24 November 2026` or `Week of Monday 23 November 2026`. */
  readonly label: string;
  /** The IANA zone whose midnights bound the period (`policy.timezone`). */
  readonly timezone: string;
  readonly fromMs: number;
  readonly toMs: number;
}

/**
 * The period a digest covers: a daily digest the local day `day` (midnight to midnight by
 * the school's clocks, so 23 or 25 hours on the days clocks change), a weekly one the
 * Monday-to-Sunday local week containing `day`. Local midnights in Europe/London are whole
 * UTC hours, so the hourly rollups answer for exactly this period. Throws a `RangeError`
 * for a malformed day or an unknown zone.
 *
 * ### Examples
 * ```ts
 * digestPeriod('daily', '2026-11-24', 'Europe/London');
 * // { kind: 'daily', id: 'daily:2026-11-24', label: 'Tuesday 24 November 2026', fromMs: 2026-11-24T00:00Z, toMs: 2026-11-25T00:00Z, ... }
 * digestPeriod('weekly', '2026-11-26', 'Europe/London').label; // 'Week of Monday 23 November 2026'
 * ```
 */
export function digestPeriod(kind: DigestKind, day: string, timezone: string): DigestPeriod {
  const utcDay = parseDate(day);
  // Days before Monday in this week: Sunday (0) belongs to the week that began six days before.
  const back = kind === 'weekly' ? (new Date(utcDay).getUTCDay() + 6) % 7 : 0;
  const first = utcDay - back * DAY_MS;
  const length = kind === 'weekly' ? 7 : 1;
  const firstDay = isoDate(first);
  const label = kind === 'weekly' ? `Week of ${longDate(first)}` : longDate(first);
  return {
    kind,
    id: `${kind}:${firstDay}`,
    day: firstDay,
    label,
    timezone,
    fromMs: localMidnight(firstDay, timezone),
    toMs: localMidnight(isoDate(first + length * DAY_MS), timezone),
  };
}

const isoDate = (utcMs: number) => new Date(utcMs).toISOString().slice(0, 10);

/** `Tuesday 24 November 2026`, from fixed English names (not the runtime's locale data). */
function longDate(utcMs: number): string {
  const d = new Date(utcMs);
  const weekday = WEEKDAY_NAMES[d.getUTCDay()]!;
  const month = MONTH_NAMES[d.getUTCMonth()]!;
  return `${weekday} ${d.getUTCDate()} ${month} ${d.getUTCFullYear()}`;
}
