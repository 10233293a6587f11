import { useId } from 'react';
import { formatCount } from '../format/format-count.js';

/** One row of a top-N list: what (`label`, else `key`) and how many. */
export interface RankedItem {
  readonly key: string;
  readonly label?: string;
  readonly count: number;
}

/**
 * A short ranked list ("Top blocked categories") with counts, and a bar behind each row
 * showing its share of the first, for a quick read of how lopsided it is.
 */
export function RankedList({
  title,
  items,
  empty,
  unit,
}: {
  readonly title: string;
  readonly items: readonly RankedItem[];
  /** What to say when there is nothing to rank. */
  readonly empty: string;
  /** The counted thing, for screen readers ("blocked attempts"). */
  readonly unit: string;
}) {
  const headingId = useId();
  const max = Math.max(1, ...items.map((item) => item.count));
  return (
    <section className="panel ranked" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel__title">
        {title}
      </h2>
      {items.length === 0 ? (
        <p className="panel__empty">{empty}</p>
      ) : (
        <ol className="ranked__list">
          {items.map((item) => (
            <li key={item.key} className="ranked__item">
              <span
                className="ranked__bar"
                aria-hidden="true"
                style={{ width: `${(item.count / max) * 100}%` }}
              />
              <span className="ranked__name" title={item.label ?? item.key}>
                {item.label ?? item.key}
              </span>
              <span className="ranked__count">
                {formatCount(item.count)}
                <span className="visually-hidden"> {unit}</span>
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
