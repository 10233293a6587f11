import { DAY_MS } from '../../store/events/rollup-dimension.js';

const DAY_KEY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * UTC days as archives name them (`2026-11-24`): an archive holds one UTC day, the same day
 * a PostgreSQL partition holds, so a day never straddles two files whatever the local clock
 * does at BST changes.
 *
 * ### Examples
 * ```ts
 * UtcDay.key(Date.parse('2026-11-24T23:59:59Z')); // '2026-11-24'
 * UtcDay.start('2026-11-24'); // Date.parse('2026-11-24T00:00:00Z')
 * UtcDay.periodEnd(now, 365); // events before this are past 365 days
 * ```
 */
export const UtcDay = Object.freeze({
  /** The `YYYY-MM-DD` of the UTC day `ms` falls in. */
  key(ms: number): string {
    return new Date(ms).toISOString().slice(0, 10);
  },

  /** The UTC midnight that starts day `key`; a `RangeError` for anything but a real `YYYY-MM-DD`. */
  start(key: string): number {
    const ms = DAY_KEY.test(key) ? Date.parse(`${key}T00:00:00.000Z`) : Number.NaN;
    if (Number.isNaN(ms) || UtcDay.key(ms) !== key) {
      throw new RangeError(`'${key}' is not a YYYY-MM-DD date`);
    }
    return ms;
  },

  /**
   * The UTC midnight before which every day ended more than `days` days before `nowMs`: the
   * latest midnight strictly before `nowMs - days * 24 h`. A day whose end is at or before it
   * is past the period; the day in progress at the cut is not.
   */
  periodEnd(nowMs: number, days: number): number {
    const cut = nowMs - days * DAY_MS - 1;
    return cut - (((cut % DAY_MS) + DAY_MS) % DAY_MS);
  },

  DAY_MS,
});
