import { localMidnight } from './local-midnight.js';
import { type LocalTimeFormat, localTimeFormat } from './local-time-format.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** One bar of a time-series chart: `[startMs, endMs)`. */
export interface TimeBucket {
  readonly startMs: number;
  readonly endMs: number;
  /** Sortable and unambiguous, for CSV: `2026-11-24` or `2026-11-24 09:00 GMT`. */
  readonly key: string;
  /** Short, for a chart's axis: `Tue 24 Nov` or `09:00`. */
  readonly label: string;
}

/** The buckets of a period, and which one a moment falls in. */
export interface TimeBuckets {
  readonly buckets: readonly TimeBucket[];
  /** The bucket holding `ms`, or -1 outside the period. */
  indexOf(ms: number): number;
}

/**
 * Splits `[fromMs, toMs)` into hours, or into the school's local days, for the charts of a
 * digest or an activity report. Hours are real hours, so the day clocks go back has 25 of
 * them; the repeated hour's labels name their zone (`01:00 BST`, `01:00 GMT`) so the chart
 * does not seem to count one hour twice. Local days are clipped to the period.
 *
 * ### Examples
 * ```ts
 * const { buckets, indexOf } = timeBuckets(day.fromMs, day.toMs, 'Europe/London', 'hour');
 * buckets.length; // 24 (23 or 25 when clocks change)
 * indexOf(day.fromMs + 90 * 60_000); // 1
 * ```
 */
export function timeBuckets(
  fromMs: number,
  toMs: number,
  timezone: string,
  unit: 'hour' | 'day',
): TimeBuckets {
  const local = localTimeFormat(timezone);
  const buckets =
    unit === 'hour' ? hours(fromMs, toMs, local) : days(fromMs, toMs, timezone, local);
  return {
    buckets,
    indexOf(ms) {
      if (ms < fromMs || ms >= toMs) return -1;
      let lo = 0;
      let hi = buckets.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (buckets[mid]!.startMs <= ms) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    },
  };
}

function hours(fromMs: number, toMs: number, local: LocalTimeFormat): TimeBucket[] {
  const out: { startMs: number; endMs: number; time: string; zone: string; date: string }[] = [];
  for (let start = fromMs; start < toMs; ) {
    // The first bucket ends on a whole UTC hour, so later ones line up with the rollups.
    const end = Math.min(toMs, start - (start % HOUR_MS) + HOUR_MS);
    out.push({
      startMs: start,
      endMs: end,
      time: local.time(start),
      zone: local.zone(start),
      date: local.date(start),
    });
    start = end;
  }
  const seen = new Map<string, number>();
  for (const h of out) seen.set(`${h.date} ${h.time}`, (seen.get(`${h.date} ${h.time}`) ?? 0) + 1);
  return out.map((h) => ({
    startMs: h.startMs,
    endMs: h.endMs,
    key: `${h.date} ${h.time} ${h.zone}`,
    label: (seen.get(`${h.date} ${h.time}`) ?? 0) > 1 ? `${h.time} ${h.zone}` : h.time,
  }));
}

function days(
  fromMs: number,
  toMs: number,
  timezone: string,
  local: LocalTimeFormat,
): TimeBucket[] {
  const out: TimeBucket[] = [];
  for (let start = fromMs; start < toMs; ) {
    const date = local.date(start);
    // Noon UTC of the date plus a day is safely inside the next local date in any zone.
    const next = new Date(Date.parse(`${date}T12:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
    const end = Math.min(toMs, localMidnight(next, timezone));
    out.push({ startMs: start, endMs: end, key: date, label: local.day(start) });
    start = end;
  }
  return out;
}
