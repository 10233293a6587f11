import type { Alert } from '../api/types.js';
import { LevelBadge } from '../components/level-badge.js';
import { StateBadge } from '../components/state-badge.js';
import type { TimeFormat } from '../format/create-time-format.js';
import { formatCount } from '../format/format-count.js';
import { personOf } from './person-of.js';

/**
 * One alert in the queue. Beside an open detail the table is narrower: groups, count and
 * time move under the person, category and state (CSS `only-split`/`hide-split`).
 * The title is the row's header and a button that opens the
 * detail; the selected row (j/k) is marked `aria-current`. A click anywhere else on the row
 * does the same as the button, as a convenience for the mouse only.
 */
export function AlertRow({
  alert,
  selected,
  open,
  time,
  onOpen,
}: {
  readonly alert: Alert;
  readonly selected: boolean;
  readonly open: boolean;
  readonly time: TimeFormat;
  readonly onOpen: (id: string) => void;
}) {
  const groups = alert.subject.groups.join(', ');
  const classes = [
    'alert-row',
    selected ? 'alert-row--selected' : '',
    open ? 'alert-row--open' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const lastActivity = (
    <time dateTime={time.iso(alert.lastMs)} title={time.full(alert.lastMs)}>
      {time.short(alert.lastMs)}
    </time>
  );
  return (
    <tr
      className={classes}
      data-alert-id={alert.id}
      aria-current={selected ? 'true' : undefined}
      onClick={(event) => {
        const target = event.target as HTMLElement;
        // Leave buttons to themselves, and let people select text to copy it.
        if (target.closest('button, a') !== null) return;
        if ((window.getSelection()?.toString() ?? '') !== '') return;
        onOpen(alert.id);
      }}
    >
      <td>
        <LevelBadge level={alert.level} meaning={alert.levelMeaning} />
      </td>
      <td>
        <StateBadge state={alert.state} />
        <span className="only-split alert-row__sub nowrap">{lastActivity}</span>
      </td>
      <td className="hide-split nowrap">{lastActivity}</td>
      <td className="alert-row__person">
        {personOf(alert.subject)}
        <span className="only-split alert-row__sub">{groups}</span>
      </td>
      <td className="hide-split">{groups || '—'}</td>
      <td>
        {alert.categoryLabel}
        <span className="only-split alert-row__sub">
          {formatCount(alert.count)} {alert.count === 1 ? 'event' : 'events'}
        </span>
      </td>
      <td className="hide-split num">{formatCount(alert.count)}</td>
      <th scope="row" className="alert-row__title">
        <button
          type="button"
          className="link-button alert-row__open"
          aria-expanded={open}
          onClick={() => onOpen(alert.id)}
        >
          {alert.title}
        </button>
        {alert.expected !== null && (
          <span className="badge badge--expected">expected: {alert.expected}</span>
        )}
      </th>
    </tr>
  );
}
