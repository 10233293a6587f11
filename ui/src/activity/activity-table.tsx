import { useEffect, useRef } from 'react';
import type { ActivityEvent } from '../api/activity-api.js';
import type { TimeFormat } from '../format/create-time-format.js';
import { EventActionBadge } from './event-action-badge.js';

/**
 * A timeline, newest first: time, the person (for a group), what the filter did, the
 * address as text (never a link: a click from the console must not visit a pupil's sites),
 * search terms and categories. After "Load more", focus moves to the first new row so a
 * keyboard or screen-reader user carries on from there.
 */
export function ActivityTable({
  events,
  summary,
  showPerson,
  firstNew,
  time,
}: {
  readonly events: readonly ActivityEvent[];
  /** The query in words, for the caption. */
  readonly summary: string;
  /** A group's timeline names the person on each row. */
  readonly showPerson: boolean;
  /** Index of the first row of the latest "Load more" (null after a fresh load). */
  readonly firstNew: number | null;
  readonly time: TimeFormat;
}) {
  const newRow = useRef<HTMLTableRowElement | null>(null);
  useEffect(() => {
    if (firstNew !== null) newRow.current?.focus();
  }, [firstNew]);

  return (
    <div className="table-wrap">
      <table className="table activity-table">
        <caption className="table__caption">
          Activity <span className="table__count">{events.length}</span>
          <span className="visually-hidden">, newest first, {summary}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            {showPerson && <th scope="col">Person</th>}
            <th scope="col">Action</th>
            <th scope="col">Address</th>
            <th scope="col">Search terms</th>
            <th scope="col">Categories</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event, index) => (
            <tr
              key={event.id}
              ref={index === firstNew ? newRow : undefined}
              tabIndex={index === firstNew ? -1 : undefined}
              className={event.action === 'allow' ? undefined : 'activity-table__flagged'}
            >
              <td className="nowrap">
                <time dateTime={time.iso(event.timeMs)} title={time.full(event.timeMs)}>
                  {time.short(event.timeMs)}
                </time>
              </td>
              {showPerson && (
                <td className="activity-table__person">{event.user ?? 'Not signed in'}</td>
              )}
              <td>
                <EventActionBadge action={event.action} />
              </td>
              <th scope="row" className="activity-table__url">
                {event.url}
              </th>
              <td className="activity-table__terms">
                {event.searchTerms === null ? (
                  <span className="visually-hidden">none</span>
                ) : (
                  <q>{event.searchTerms}</q>
                )}
              </td>
              <td className="activity-table__categories">
                {event.categories.length === 0 ? (
                  <span className="activity-table__none">none</span>
                ) : (
                  event.categories.map((c) => c.label).join(', ')
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
