const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * When an exception stops applying, as people say it: `no expiry`, `in 3 days`,
 * `in 5 hours`, `in 20 minutes`, `expired 2 days ago`, `expired just now`. Rounded down
 * (so "in 1 day" is said only when a whole day is left, never for "tonight").
 *
 * ### Examples
 * ```ts
 * expiryWords(now + 3 * 86_400_000 + 5, now); // 'in 3 days'
 * expiryWords(now - 3_600_000, now);          // 'expired 1 hour ago'
 * ```
 */
export function expiryWords(expiresMs: number | null, now: number): string {
  if (expiresMs === null) return 'no expiry';
  const left = expiresMs - now;
  if (left <= 0) {
    const ago = span(-left);
    return ago === null ? 'expired just now' : `expired ${ago} ago`;
  }
  const ahead = span(left);
  return ahead === null ? 'in less than a minute' : `in ${ahead}`;
}

function span(ms: number): string | null {
  const count = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (ms >= DAY) return count(Math.floor(ms / DAY), 'day');
  if (ms >= HOUR) return count(Math.floor(ms / HOUR), 'hour');
  if (ms >= MINUTE) return count(Math.floor(ms / MINUTE), 'minute');
  return null;
}
