import type { ListsOverview } from '../api/lists-api.js';
import { formatCount } from '../format/format-count.js';
import { TimeAgo } from './time-ago.js';

/** The compiled index in one line: its entries and when it was built. */
export function IndexFacts({
  overview,
  now,
}: {
  readonly overview: ListsOverview;
  readonly now: number;
}) {
  const index = overview.index;
  if (index === null) return <p className="lists-index">No compiled index</p>;
  return (
    <p className="lists-index">
      <span>
        <strong>{formatCount(index.entries)}</strong> entries in the index
      </span>
      <span>
        built <TimeAgo ms={index.builtMs} now={now} />
      </span>
    </p>
  );
}
