import type { AuditRecord } from '../api/types.js';
import type { TimeFormat } from '../format/create-time-format.js';
import { hashHref } from '../router/hash-href.js';

/** Audit records, newest first, one row each. */
export function AuditTable({
  records,
  summary,
  time,
}: {
  readonly records: readonly AuditRecord[];
  /** The filters in words, for the caption. */
  readonly summary: string;
  readonly time: TimeFormat;
}) {
  return (
    <div className="table-wrap">
      <table className="table audit-table">
        <caption className="table__caption">
          Audit records <span className="table__count">{records.length}</span>
          <span className="visually-hidden">
            , newest first{summary === '' ? '' : `, ${summary}`}
          </span>
        </caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              Seq
            </th>
            <th scope="col">Time</th>
            <th scope="col">Actor</th>
            <th scope="col">Action</th>
            <th scope="col">Target kind</th>
            <th scope="col">Target</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {records.map((record) => (
            <tr key={record.seq}>
              <td className="num">{record.seq}</td>
              <td className="nowrap">
                <time dateTime={time.iso(record.timeMs)} title={time.full(record.timeMs)}>
                  {time.short(record.timeMs)}
                </time>
              </td>
              <td>{record.actor}</td>
              <th scope="row" className="audit-table__action">
                <code>{record.action}</code>
              </th>
              <td>{record.targetKind}</td>
              <td className="audit-table__target">
                <a href={hashHref('/audit', { kind: record.targetKind, target: record.target })}>
                  {record.target}
                  <span className="visually-hidden">
                    {' '}
                    (show only records about this {record.targetKind})
                  </span>
                </a>
              </td>
              <td className="audit-table__reason">{record.reason ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
