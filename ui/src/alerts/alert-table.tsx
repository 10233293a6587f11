import type { Alert } from '../api/types.js';
import type { TimeFormat } from '../format/create-time-format.js';
import { AlertRow } from './alert-row.js';

/** The alert queue as a table, most urgent first (the server's order). */
export function AlertTable({
  alerts,
  summary,
  selectedId,
  openId,
  time,
  onOpen,
}: {
  readonly alerts: readonly Alert[];
  /** What the filters show, in words, for the caption ("open alerts, level 3 and above"). */
  readonly summary: string;
  readonly selectedId: string | null;
  readonly openId: string | null;
  readonly time: TimeFormat;
  readonly onOpen: (id: string) => void;
}) {
  return (
    <div className="table-wrap">
      <table className="table alert-table">
        <caption className="table__caption">
          Alert queue <span className="table__count">{alerts.length}</span>
          <span className="visually-hidden">
            {' '}
            {alerts.length === 1 ? 'alert' : 'alerts'}: {summary}
          </span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Level</th>
            <th scope="col">State</th>
            <th scope="col" className="hide-split">
              Last activity
            </th>
            <th scope="col">Person</th>
            <th scope="col" className="hide-split">
              Groups
            </th>
            <th scope="col">Category</th>
            <th scope="col" className="hide-split num">
              Count
            </th>
            <th scope="col">Alert</th>
          </tr>
        </thead>
        <tbody>
          {alerts.map((alert) => (
            <AlertRow
              key={alert.id}
              alert={alert}
              selected={alert.id === selectedId}
              open={alert.id === openId}
              time={time}
              onOpen={onOpen}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
