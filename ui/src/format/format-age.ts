/**
 * How long ago something happened, in words ('5 minutes ago', '3 hours ago', '2 days ago').
 *
 * ### Examples
 * ```ts
 * formatAge(90 * 60_000); // '1 hour ago'
 * ```
 */
export function formatAge(ageMs: number): string {
  if (ageMs < 0) return 'in the future (check the gateway clock)';
  const minutes = Math.floor(ageMs / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return plural(hours, 'hour');
  return plural(Math.floor(hours / 24), 'day');
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'} ago`;
}
