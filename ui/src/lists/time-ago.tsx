import { useTimeFormat } from '../app/use-time-format.js';
import { formatAge } from '../format/format-age.js';

/**
 * A moment as "3 days ago", with the exact time (school timezone) in the tooltip and the
 * `dateTime` attribute; `never` when there is none.
 */
export function TimeAgo({
  ms,
  never = 'never',
  now = Date.now(),
}: {
  readonly ms: number | null;
  readonly never?: string;
  readonly now?: number;
}) {
  const time = useTimeFormat();
  if (ms === null) return <span className="lists-muted">{never}</span>;
  return (
    <time dateTime={time.iso(ms)} title={time.full(ms)}>
      {formatAge(now - ms)}
    </time>
  );
}
