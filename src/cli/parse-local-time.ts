import { localToUtc } from '../engine/policy/local-to-utc.js';

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?$/;

/**
 * A time typed by a person on the school's clock: `YYYY-MM-DD HH:MM` (or `YYYY-MM-DD`, its
 * midnight) in the school's timezone, or an ISO time with a zone (`...Z`, `+01:00`). Throws a
 * message naming the option.
 *
 * ### Examples
 * ```ts
 * parseLocalTime('2026-07-01 09:00', '--from', 'Europe/London'); // Date.parse('2026-07-01T08:00:00Z')
 * ```
 */
export function parseLocalTime(text: string, option: string, timezone: string): number {
  const local = LOCAL.exec(text.trim());
  if (local !== null) {
    const [y, mo, d, h, mi] = local.slice(1).map((part) => Number(part ?? 0)) as number[];
    const naive = Date.UTC(y!, mo! - 1, d!, h, mi);
    const check = new Date(naive);
    if (check.getUTCMonth() === mo! - 1 && check.getUTCDate() === d && h! < 24) {
      return localToUtc(naive, timezone);
    }
  } else if (/(Z|[+-]\d{2}:?\d{2})$/i.test(text.trim())) {
    const ms = Date.parse(text);
    if (!Number.isNaN(ms)) return ms;
  }
  throw new Error(
    `${option}: '${text}' is not a time like 2026-11-24 09:00 (school time) or an ISO time with a zone`,
  );
}
